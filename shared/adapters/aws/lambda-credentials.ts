import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * The credentials of a function: Lambda (and the local platform) put them in the environment,
 * so the rest of the SDK's default chain (profiles, SSO, web identity, the instance metadata
 * service) can never apply. Bundles alias `@aws-sdk/credential-provider-node` to this module
 * (see infra/bundling.ts), which keeps those providers and their clients out of every function.
 * Read afresh on each call: the SDK caches what it gets and asks again when it expires.
 */
export const defaultProvider =
  (_init?: unknown): AwsCredentialIdentityProvider =>
  async () =>
    credentialsFromEnvironment(process.env);

export const credentialsFromEnvironment = (env: NodeJS.ProcessEnv): AwsCredentialIdentity => {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  }
  const expiration = env.AWS_CREDENTIAL_EXPIRATION;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(expiration ? { expiration: new Date(expiration) } : {}),
  };
};
