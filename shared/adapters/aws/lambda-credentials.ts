import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The credentials of a function: Lambda (and the local platform) put them in the environment,
 * so the rest of the SDK's default chain (profiles, SSO, web identity, the instance metadata
 * service) can never apply. Bundles alias `@aws-sdk/credential-provider-node` to this module
 * (see infra/bundling.ts), which keeps those providers and their clients out of every function.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
