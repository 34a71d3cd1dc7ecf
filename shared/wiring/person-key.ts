import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FilePersonKey, SecretsManagerPersonKey } from '../adapters/secrets/person-key';
import { config } from '../config';
import type { PersonKeySource } from '../ports/person-key';
import { once } from './once';

/** The person key (need `personKey`): a Secrets Manager secret on AWS, a key file locally. */
export const personKey = /* @__PURE__ */ once((): PersonKeySource => {
  const { PERSON_KEY_SECRET_ID: secretId, PERSON_KEY_FILE: file } = config();
  if (secretId) return new SecretsManagerPersonKey(new SecretsManagerClient({}), secretId);
  if (file) return new FilePersonKey(file);
  throw new Error('neither PERSON_KEY_SECRET_ID nor PERSON_KEY_FILE is set');
});
