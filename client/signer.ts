import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * SigV4 for the platform's API (service `execute-api`), signed by @smithy/signature-v4 as every
 * AWS SDK for JavaScript client signs; credentials may be a provider (the standard chain, an
 * assumed role's session with its token), asked again for each request so a session that
 * expires is renewed.
 */
export type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Node's crypto as the signer's hash: SHA-256, or HMAC-SHA256 when given a key. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.create();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.create();
  }
  private create(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key =
      typeof this.secret === 'string'
        ? Buffer.from(this.secret, 'utf8')
        : ArrayBuffer.isView(this.secret)
          ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
}

export class RequestSigner {
  private readonly signer: SignatureV4;

  constructor(credentials: Credentials, region: string, service = 'execute-api') {
    this.signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: true });
  }

  /** Every header to send: the caller's, host, x-amz-date, x-amz-content-sha256, the session token if any, authorization. */
  async sign(request: OutgoingRequest): Promise<Record<string, string>> {
    const url = new URL(request.url);
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const seen = query[k];
      query[k] = seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v];
    }
    const signed = await this.signer.sign({
      method: request.method.toUpperCase(),
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: { host: url.host, ...Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])) },
      body: request.body,
    });
    return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  }
}
