import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FileKeyRing, SecretsManagerKeyRing } from '../adapters/secrets/key-ring';
import { config } from '../config';
import type { KeyRingSource, PersonKeySource } from '../ports/person-key';
import { once } from './once';

const secretsClient = /* @__PURE__ */ once(() => new SecretsManagerClient({}));

/** The person key (need `personKey`): a Secrets Manager secret on AWS, a key file locally. */
export const personKey = /* @__PURE__ */ once((): PersonKeySource => {
  const { PERSON_KEY_SECRET_ID: secretId, PERSON_KEY_FILE: file } = config();
  if (secretId) return new SecretsManagerKeyRing(secretsClient(), secretId, 'the person-key secret');
  if (file) return new FileKeyRing(file);
  throw new Error('neither PERSON_KEY_SECRET_ID nor PERSON_KEY_FILE is set');
});

/** The purpose key (need `purposeKey`: every function serving an audited route). */
export const purposeKey = /* @__PURE__ */ once((): KeyRingSource => {
  const { PURPOSE_KEY_SECRET_ID: secretId, PURPOSE_KEY_FILE: file } = config();
  if (secretId) return new SecretsManagerKeyRing(secretsClient(), secretId, 'the purpose-key secret');
  if (file) return new FileKeyRing(file);
  throw new Error('neither PURPOSE_KEY_SECRET_ID nor PURPOSE_KEY_FILE is set');
});
