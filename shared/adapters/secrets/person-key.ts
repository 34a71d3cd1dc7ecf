import { readFileSync } from 'node:fs';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { PersonKeySource } from '../../ports/person-key';

/** The key is the secret's text (at least 32 characters), the same on AWS and locally. */
function keyFromText(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'utf8');
  if (key.length < 32) throw new Error(`the person key in ${where} is shorter than 32 bytes`);
  return key;
}

/** On AWS: a Secrets Manager secret encrypted with the platform's KMS key, read once per container. */
export class SecretsManagerPersonKey implements PersonKeySource {
  private cached: Promise<Buffer> | undefined;
  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
  ) {}

  key(): Promise<Buffer> {
    this.cached ??= this.client.send(new GetSecretValueCommand({ SecretId: this.secretId })).then(
      (out: { SecretString?: string }) => keyFromText(out.SecretString ?? '', 'the person-key secret'),
      (error: unknown) => {
        this.cached = undefined; // a failed read is retried on the next invocation
        throw error;
      },
    );
    return this.cached!;
  }
}

/** On the local platform: a key file generated at first start, outside the repository's tracked files. */
export class FilePersonKey implements PersonKeySource {
  private cached: Buffer | undefined;
  constructor(private readonly path: string) {}

  async key(): Promise<Buffer> {
    this.cached ??= keyFromText(readFileSync(this.path, 'utf8'), this.path);
    return this.cached;
  }
}
