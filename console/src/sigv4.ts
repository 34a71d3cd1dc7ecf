import { SignatureV4 } from '@smithy/signature-v4';

/** Temporary credentials of a department's officer (STS via the department's federation, or the local keys). */
export interface ConsoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type Key = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: Key): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return new Uint8Array(data.slice(0));
}

/**
 * The browser's WebCrypto as the signer's hash (SHA-256, or HMAC-SHA256 given a key): the AWS
 * SDK's own signer needs only this, so no hashing library is bundled. WebCrypto hashes whole
 * messages, so updates are gathered until digest.
 */
class WebCryptoSha256 {
  private parts: Uint8Array[] = [];
  constructor(private readonly secret?: Key) {}
  update(data: Uint8Array): void {
    this.parts.push(data.slice());
  }
  async digest(): Promise<Uint8Array> {
    const message = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      message.set(p, at);
      at += p.length;
    }
    if (this.secret === undefined) return new Uint8Array(await crypto.subtle.digest('SHA-256', message));
    const key = await crypto.subtle.importKey('raw', bytesOf(this.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  }
  reset(): void {
    this.parts = [];
  }
}

/** Headers to send with a request to the platform's API (service execute-api), signed by @smithy/signature-v4. */
export async function signedHeaders(
  credentials: ConsoleCredentials,
  region: string,
  request: { method: string; url: URL; body?: string; headers?: Record<string, string> },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region, service: 'execute-api', sha256: WebCryptoSha256, applyChecksum: true });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of request.url.searchParams) {
    const seen = query[k];
    query[k] = seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v];
  }
  const signed = await signer.sign({
    method: request.method,
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    ...(request.url.port ? { port: Number(request.url.port) } : {}),
    path: request.url.pathname,
    query,
    headers: { host: request.url.host, ...(request.headers ?? {}) },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  // The browser sets Host itself and refuses to be told it; the value signed is the one it sends.
  const { host: _host, ...headers } = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return headers;
}
