import type { KeyRing } from '../privacy/key-ring';

/**
 * A secret held as a ring of versions (shared/privacy/key-ring.ts), outside the code: a
 * KMS-encrypted secret on AWS, a key file locally. Read again every few minutes, so a rotation
 * reaches running functions without a deployment. Two secrets are held this way: the person key
 * (identity number → person reference) and the purpose key (a stated purpose → its MAC in the
 * audit trail).
 */
export interface KeyRingSource {
  ring(): Promise<KeyRing>;
}

/** The person key: only the functions whose definition needs `personKey` may read it. */
export type PersonKeySource = KeyRingSource;
