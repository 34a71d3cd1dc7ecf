import { readFileSync, statSync } from 'node:fs';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KeyRingSource } from '../../ports/person-key';
import { parseKeyRing, type KeyRing } from '../../privacy/key-ring';

/**
 * How long a container keeps the ring before reading the secret again: a rotation reaches every
 * function within this time, and the read costs one call per container per period.
 */
export const KEY_RING_CACHE_MS = 5 * 60_000;

/** On AWS: a Secrets Manager secret encrypted with the platform's KMS key (a key ring, or one key). */
export class SecretsManagerKeyRing implements KeyRingSource {
  private cached: { at: number; ring: Promise<KeyRing> } | undefined;
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly what: string,
    private readonly clock: () => number = Date.now,
  ) {}

  ring(): Promise<KeyRing> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < KEY_RING_CACHE_MS) return this.cached.ring;
    const ring = this.client
      .send(new GetSecretValueCommand({ SecretId: this.secretId }))
      .then((out: { SecretString?: string }) => parseKeyRing(out.SecretString ?? '', this.what));
    this.cached = { at: now, ring };
    ring.catch(() => {
      if (this.cached?.ring === ring) this.cached = undefined; // a failed read is retried on the next invocation
    });
    return ring;
  }
}

/** On the local platform: a key file generated at first start, read again whenever it changes. */
export class FileKeyRing implements KeyRingSource {
  private cached: { mtimeMs: number; size: number; ring: KeyRing } | undefined;
  constructor(private readonly path: string) {}

  async ring(): Promise<KeyRing> {
    const { mtimeMs, size } = statSync(this.path);
    if (this.cached?.mtimeMs !== mtimeMs || this.cached.size !== size)
      this.cached = { mtimeMs, size, ring: parseKeyRing(readFileSync(this.path, 'utf8'), this.path) };
    return this.cached.ring;
  }
}
