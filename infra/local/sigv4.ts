import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * AWS Signature Version 4 for the local API, so departments sign exactly as they will against
 * API Gateway with AWS_IAM authorization. Verification re-signs the request with the caller's
 * secret, over the same signed headers and time, and compares in constant time.
 */
export interface LocalCredential {
  accessKeyId: string;
  secretAccessKey: string;
  principal: string;
}

export interface IncomingSignedRequest {
  method: string;
  /** The raw (percent-encoded) request path. */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Verdict = { ok: true; credential: LocalCredential } | { ok: false; status: 401 | 403; code: string; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const AUTH_PATTERN = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** Node's crypto as the signer's hash: SHA-256, or HMAC-SHA256 when given a secret. */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.make();
  }
  private make(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : Buffer.from(this.secret as ArrayBuffer);
    return createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView, encoding?: 'utf8' | 'ascii' | 'latin1'): void {
    this.hash.update(typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data as ArrayBuffer));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.make();
  }
}

function signer(credential: { accessKeyId: string; secretAccessKey: string }, region: string, service: string) {
  return new SignatureV4({ credentials: credential, region, service, sha256: Sha256 });
}

/** Signs an outgoing request; returns every header to send (host, x-amz-date, authorization…). */
export async function signRequest(
  request: { method: string; url: string; headers?: Record<string, string>; body?: string },
  credential: { accessKeyId: string; secretAccessKey: string },
  region: string,
  service = 'execute-api',
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? [...[query[k]!].flat(), v] : v;
  const signed = await signer(credential, region, service).sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { host: url.host, ...lowerCase(request.headers ?? {}) },
    body: request.body ?? '',
  });
  return signed.headers as Record<string, string>;
}

export async function verifySigV4(
  req: IncomingSignedRequest,
  lookup: (accessKeyId: string) => LocalCredential | undefined,
  opts: { region: string; service?: string; now?: Date; maxSkewMs?: number },
): Promise<Verdict> {
  const service = opts.service ?? 'execute-api';
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const deny = (status: 401 | 403, code: string, message: string): Verdict => ({ ok: false, status, code, message });

  const authorization = header('authorization');
  if (!authorization) return deny(401, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (!authorization.startsWith(`${ALGORITHM} `)) return deny(403, 'IncompleteSignatureException', `only ${ALGORITHM} is supported`);
  const match = AUTH_PATTERN.exec(authorization.trim());
  if (!match) return deny(403, 'IncompleteSignatureException', 'Authorization header is malformed: expected Credential, SignedHeaders and Signature');
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = match as unknown as string[];

  const credential = lookup(accessKeyId!);
  if (!credential) return deny(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (scopeRegion !== opts.region) return deny(403, 'InvalidSignatureException', `Credential should be scoped to a valid region: ${opts.region}`);
  if (scopeService !== service) return deny(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${service}'`);

  const amzDate = header('x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) return deny(403, 'IncompleteSignatureException', 'X-Amz-Date header is missing or malformed');
  if (amzDate.slice(0, 8) !== scopeDate) return deny(403, 'InvalidSignatureException', 'Credential scope date does not match X-Amz-Date');
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const skew = Math.abs((opts.now ?? new Date()).getTime() - signingDate.getTime());
  if (skew > (opts.maxSkewMs ?? 5 * 60_000)) return deny(403, 'InvalidSignatureException', 'Signature expired: the request time is too far from the server time');

  const signedHeaders = signedHeaderList!.split(';');
  if (!signedHeaders.includes('host')) return deny(403, 'InvalidSignatureException', "'Host' must be a signed header");
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(name);
    if (value === undefined) return deny(403, 'InvalidSignatureException', `signed header ${name} is missing`);
    headers[name] = value;
  }
  const contentHash = header('x-amz-content-sha256');
  if (contentHash && contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== createHash('sha256').update(req.body).digest('hex')) {
    return deny(403, 'InvalidSignatureException', 'x-amz-content-sha256 does not match the body');
  }

  const [hostname, port] = headers.host!.split(':');
  const resigned = await signer(credential, opts.region, service).sign(
    { method: req.method, protocol: 'http:', hostname: hostname!, port: port ? Number(port) : undefined, path: req.path, query: req.query, headers, body: req.body },
    { signingDate, signableHeaders: new Set(signedHeaders), unsignableHeaders: new Set() },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization ?? ''))?.[1] ?? '';
  const same = expected.length === signature!.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature!));
  if (!same) {
    return deny(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.');
  }
  return { ok: true, credential };
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
