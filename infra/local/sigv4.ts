import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, SignatureV4, SignatureV4Base, createScope, getSigningKey } from '@smithy/signature-v4';

/**
 * AWS Signature Version 4 for the local API, so departments sign exactly as they will against
 * API Gateway with AWS_IAM authorization (service `execute-api`).
 *
 * Verification recomputes the signature the way the AWS side does: the canonical request is
 * built over exactly the headers the caller listed in SignedHeaders (no more, no fewer), the
 * payload hash is always the SHA-256 of the body received, and the path and query are
 * canonicalised by @smithy/signature-v4's own code (the code every AWS SDK for JavaScript
 * client signs with), so the two sides cannot drift apart. The signatures are compared in
 * constant time. Nothing here logs, and no verdict carries, a secret.
 */
export interface LocalCredential {
  accessKeyId: string;
  secretAccessKey: string;
  principal: string;
  /** The person behind the keys: the role session's source identity and session name. */
  sourceIdentity?: string;
}

export interface IncomingSignedRequest {
  method: string;
  /** The path as it arrived on the wire, still percent-encoded (e.g. URL#pathname), without the query. */
  path: string;
  /** Decoded query parameters (e.g. from URLSearchParams); repeated keys as arrays. */
  query: Record<string, string | string[]>;
  /** Headers as Node gives them (IncomingMessage#headers: lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Verdict = { ok: true; credential: LocalCredential } | { ok: false; status: 401 | 403; code: string; message: string };

export interface VerifyOptions {
  region: string;
  /** The signing name; API Gateway's is execute-api. */
  service?: string;
  /** The server's clock (tests). */
  now?: Date;
  /** How far the request time may be from the server's clock; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

const DEFAULT_SERVICE = 'execute-api';
const DEFAULT_MAX_SKEW_MS = 5 * 60_000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

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
    return createHmac('sha256', toBytes(this.secret));
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/**
 * The verifying half of @smithy/signature-v4: its canonical path (normalised, URI-escaped as
 * for every service but S3), canonical query and string to sign, over a canonical header set
 * we choose ourselves — the client's SignedHeaders — rather than the signer's client-side
 * policy (which adds x-amz-content-sha256, drops `date`, skips user-agent…).
 */
class Recomputer extends SignatureV4Base {
  constructor(
    private readonly credential: LocalCredential,
    private readonly signingRegion: string,
    private readonly signingService: string,
  ) {
    super({ credentials: credential, region: signingRegion, service: signingService, sha256: Sha256 });
  }

  /** The hex signature of the request, signed at `amzDate`. */
  async signature(
    request: { method: string; path: string; query: Record<string, string | string[]> },
    canonicalHeaders: Record<string, string>,
    payloadHash: string,
    amzDate: string,
  ): Promise<string> {
    const shortDate = amzDate.slice(0, 8);
    const canonicalRequest = this.createCanonicalRequest(
      { ...request, protocol: 'https:', hostname: canonicalHeaders.host ?? '', headers: canonicalHeaders },
      canonicalHeaders,
      payloadHash,
    );
    const scope = createScope(shortDate, this.signingRegion, this.signingService);
    const stringToSign = await this.createStringToSign(amzDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
    const key = await getSigningKey(Sha256, this.credential, shortDate, this.signingRegion, this.signingService);
    return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  }
}

/** A header value as it goes into the canonical request (same rule as the signer's). */
function canonicalValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  // Rejects 20251330T…, 20250230T… (which Date would roll over) and the like.
  return Number.isNaN(date.getTime()) || formatAmzDate(date) !== value ? undefined : date;
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (parameters in any order). */
function parseAuthorization(value: string): { algorithm: string; params: Map<string, string>; problems: string[] } {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const params = new Map<string, string>();
  const problems: string[] = [];
  if (space >= 0) {
    for (const part of trimmed.slice(space + 1).split(',')) {
      const item = part.trim();
      if (!item) continue;
      const eq = item.indexOf('=');
      if (eq <= 0) {
        problems.push('Invalid key=value pair (missing equal-sign) in Authorization header.');
        continue;
      }
      const key = item.slice(0, eq).trim();
      if (params.has(key)) problems.push(`Authorization header has a duplicate '${key}' parameter.`);
      params.set(key, item.slice(eq + 1).trim());
    }
  }
  for (const required of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!params.has(required)) problems.push(`Authorization header requires '${required}' parameter.`);
  }
  return { algorithm, params, problems };
}

/**
 * Verifies an AWS SigV4 (Authorization header) request as API Gateway with AWS_IAM
 * authorization would, and says whose credential signed it. Error codes are API Gateway's
 * x-amzn-ErrorType names.
 */
export async function verifySigV4(
  req: IncomingSignedRequest,
  lookup: (accessKeyId: string) => LocalCredential | undefined,
  opts: VerifyOptions,
): Promise<Verdict> {
  const service = opts.service ?? DEFAULT_SERVICE;
  const region = opts.region;
  const deny = (status: 401 | 403, code: string, message: string): Verdict => ({ ok: false, status, code, message });
  const incomplete = (message: string) => deny(403, 'IncompleteSignatureException', message);
  const invalid = (message: string) => deny(403, 'InvalidSignatureException', message);

  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    headers.set(key, headers.has(key) ? `${headers.get(key)},${joined}` : joined);
  }

  const authorization = headers.get('authorization');
  if (!authorization?.trim()) {
    const presigned = Object.keys(req.query).some((k) => k.toLowerCase() === 'x-amz-signature' || k.toLowerCase() === 'x-amz-algorithm');
    if (presigned) return incomplete('Query-string (presigned) SigV4 is not supported by the local API; sign the Authorization header instead.');
    return deny(401, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }

  const { algorithm, params, problems } = parseAuthorization(authorization);
  if (algorithm !== ALGORITHM_IDENTIFIER) {
    return incomplete(`Unsupported Authorization type '${algorithm.slice(0, 32)}': only ${ALGORITHM_IDENTIFIER} is accepted.`);
  }
  if (problems.length) return incomplete(problems.join(' '));

  const scope = params.get('Credential')!.split('/');
  if (scope.length !== 5 || scope.some((part) => !part)) {
    return incomplete("Credential must have the form '<access key>/<yyyymmdd>/<region>/<service>/aws4_request'.");
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = scope as [string, string, string, string, string];
  if (terminator !== 'aws4_request') return invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);

  const signedHeaders = params.get('SignedHeaders')!.split(';');
  if (signedHeaders.some((name) => !HEADER_NAME.test(name))) {
    return incomplete('SignedHeaders must be a semicolon-separated list of lower-case header names.');
  }
  const signature = params.get('Signature')!;

  const credential = lookup(accessKeyId);
  if (!credential) return deny(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');

  if (scopeRegion !== region) return invalid(`Credential should be scoped to a valid region, not '${scopeRegion}'. Expected '${region}'.`);
  if (scopeService !== service) return invalid(`Credential should be scoped to correct service: '${service}'.`);

  const amzDate = headers.get('x-amz-date');
  if (amzDate === undefined) return incomplete("Authorization header requires existence of a 'X-Amz-Date' header.");
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) return incomplete("X-Amz-Date must be in the ISO 8601 basic format 'yyyyMMddTHHmmssZ'.");
  if (scopeDate !== amzDate.slice(0, 8)) {
    return invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const now = opts.now ?? new Date();
  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const minutes = `${Math.round(maxSkewMs / 60_000)} min.`;
  if (now.getTime() - signingDate.getTime() > maxSkewMs) {
    return invalid(
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - maxSkewMs))} (${formatAmzDate(now)} - ${minutes})`,
    );
  }
  if (signingDate.getTime() - now.getTime() > maxSkewMs) {
    return invalid(
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + maxSkewMs))} (${formatAmzDate(now)} + ${minutes})`,
    );
  }

  if (!signedHeaders.includes('host')) return invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const canonicalHeaders: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headers.get(name);
    if (value === undefined) return invalid(`The request does not carry the signed header '${name}'.`);
    canonicalHeaders[name] = canonicalValue(value);
  }

  const payloadHash = sha256Hex(req.body);
  const declared = headers.get('x-amz-content-sha256');
  if (declared !== undefined && declared !== payloadHash) {
    return invalid('The provided x-amz-content-sha256 header does not match the SHA-256 of the request body.');
  }

  const expected = await new Recomputer(credential, region, service).signature(
    { method: req.method.toUpperCase(), path: req.path || '/', query: req.query },
    canonicalHeaders,
    payloadHash,
    amzDate,
  );
  const same = SIGNATURE.test(signature) && timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(signature, 'utf8'));
  if (!same)
    return invalid('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  return { ok: true, credential };
}

export interface SignOptions {
  /** The request time (default: now). */
  signingDate?: Date;
  /** Send and sign x-amz-content-sha256, as the AWS SDK does (default true); false signs like botocore or curl --aws-sigv4. */
  contentSha256?: boolean;
}

/**
 * Signs an outgoing request with @smithy/signature-v4 as an AWS SDK client would; returns every
 * header to send (host, x-amz-date, x-amz-content-sha256, authorization and the caller's own).
 * The URL is sent as given: the path is signed in its percent-encoded form, the query as
 * URLSearchParams decodes it (so a literal '+' in a value must be sent as %2B).
 */
export async function signRequest(
  request: { method: string; url: string; headers?: Record<string, string>; body?: string },
  credential: { accessKeyId: string; secretAccessKey: string },
  region: string,
  service = DEFAULT_SERVICE,
  options: SignOptions = {},
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const seen = query[k];
    query[k] = seen === undefined ? v : [...(Array.isArray(seen) ? seen : [seen]), v];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
    region,
    service,
    sha256: Sha256,
    applyChecksum: options.contentSha256 ?? true,
  });
  const signed = await signer.sign(
    {
      method: request.method.toUpperCase(),
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: { host: url.host, ...lowerCase(request.headers ?? {}) },
      body: request.body ?? '',
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
