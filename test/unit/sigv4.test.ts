import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest, verifySigV4, type IncomingSignedRequest, type LocalCredential, type Verdict } from '../../infra/local/sigv4';

const health: LocalCredential = { accessKeyId: 'LOCALHEALTH0000001', secretAccessKey: 'health-secret-0123456789abcdefghij', principal: 'health' };
const region = 'cn-north-1';
const base = 'http://127.0.0.1:4510';
const signedAt = new Date('2025-03-14T08:30:00Z');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const lookup = (id: string) => (id === health.accessKeyId ? health : undefined);

/** What the local HTTP front hands the verifier: the raw path, URLSearchParams' query, Node's headers. */
function incoming(method: string, url: string, headers: Record<string, string>, body: string): IncomingSignedRequest {
  const u = new URL(url);
  const query: Record<string, string[]> = {};
  for (const [k, v] of u.searchParams) query[k] = [...(query[k] ?? []), v];
  return { method, path: u.pathname, query, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body };
}

/** Signs like a department client, then builds the request the server would see. */
async function signed(
  method: string,
  url: string,
  body = '',
  extra: Record<string, string> = {},
  credential: { accessKeyId: string; secretAccessKey: string } = health,
  opts: { region?: string; service?: string; contentSha256?: boolean } = {},
): Promise<IncomingSignedRequest> {
  const headers = await signRequest(
    { method, url, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...extra }, body },
    credential,
    opts.region ?? region,
    opts.service ?? 'execute-api',
    { signingDate: signedAt, ...(opts.contentSha256 === undefined ? {} : { contentSha256: opts.contentSha256 }) },
  );
  return incoming(method, url, headers, body);
}

const verify = (req: IncomingSignedRequest, now = new Date(signedAt.getTime() + 1_000)) => verifySigV4(req, lookup, { region, service: 'execute-api', now });

function header(req: IncomingSignedRequest, name: string): string {
  return String(req.headers[name]);
}

function expectDenied(verdict: Verdict, status: number, code: string, message?: RegExp) {
  expect(verdict).toMatchObject({ ok: false, status, code });
  if (message) expect((verdict as { message: string }).message).toMatch(message);
  expect(JSON.stringify(verdict)).not.toContain(health.secretAccessKey);
}

describe('signRequest', () => {
  it('returns host, x-amz-date, x-amz-content-sha256 and authorization, and never the secret', async () => {
    const headers = await signRequest({ method: 'GET', url: `${base}/households/1/chain` }, health, region, 'execute-api', { signingDate: signedAt });
    expect(headers).toMatchObject({ host: '127.0.0.1:4510', 'x-amz-date': '20250314T083000Z', 'x-amz-content-sha256': EMPTY_SHA256 });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=LOCALHEALTH0000001\/20250314\/cn-north-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.stringify(headers)).not.toContain(health.secretAccessKey);
  });

  it('reproduces the AWS SigV4 test-suite get-vanilla signature when signing like botocore (no x-amz-content-sha256)', async () => {
    const headers = await signRequest(
      { method: 'GET', url: 'https://example.amazonaws.com/' },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      'us-east-1',
      'service',
      { signingDate: new Date('2015-08-30T12:36:00Z'), contentSha256: false },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });
});

describe('verifySigV4 accepts', () => {
  it('a correctly signed POST, and names the caller', async () => {
    const verdict = await verify(await signed('POST', `${base}/departments/health/submissions`, '{"batchId":"b"}'));
    expect(verdict).toEqual({ ok: true, credential: health });
  });

  it('a GET with an empty body', async () => {
    const req = await signed('GET', `${base}/households/430104-2025-000317/chain`);
    expect(req.body).toBe('');
    expect(header(req, 'x-amz-content-sha256')).toBe(EMPTY_SHA256);
    expect((await verify(req)).ok).toBe(true);
  });

  it('a request signed without x-amz-content-sha256 (botocore, curl --aws-sigv4)', async () => {
    const req = await signed('POST', `${base}/departments/health/submissions`, '{"batchId":"b"}', {}, health, { contentSha256: false });
    expect(req.headers['x-amz-content-sha256']).toBeUndefined();
    expect((await verify(req)).ok).toBe(true);
  });

  it('a query with special characters, UTF-8, empty values and repeated keys, whatever order they arrive in', async () => {
    const url = `${base}/warnings?status=open&name=%E5%BC%A0%E4%B8%89&tag=b&tag=a&tag=b&q=a%20b%2Bc%26d%3De%2F%3F%25&star=*()!'&tilde=-._~&empty=&flag`;
    const req = await signed('GET', url);
    expect(req.query).toMatchObject({ name: ['张三'], tag: ['b', 'a', 'b'], q: ['a b+c&d=e/?%'], empty: [''], flag: [''] });
    expect((await verify(req)).ok).toBe(true);
    // AWS sorts parameters by name, then by value: a proxy reordering them changes nothing.
    const reordered = Object.fromEntries(
      Object.entries(req.query)
        .reverse()
        .map(([k, v]) => [k, [...v].reverse()]),
    );
    expect((await verify({ ...req, query: reordered })).ok).toBe(true);
    // A single value may be given as a string or a one-element array.
    expect((await verify({ ...req, query: { ...req.query, status: 'open' } })).ok).toBe(true);
  });

  it('a path with percent-encoded characters (space, encoded slash, UTF-8, reserved characters)', async () => {
    const id = encodeURIComponent("A B/C 张三 (1)!'*");
    const req = await signed('GET', `${base}/households/${id}/chain`);
    expect(req.path).toBe(`/households/${id}/chain`);
    expect((await verify(req)).ok).toBe(true);
    // The encoded slash is part of the segment: the decoded path is a different resource.
    expectDenied(await verify({ ...req, path: "/households/A B/C 张三 (1)!'*/chain" }), 403, 'InvalidSignatureException');
    expectDenied(await verify({ ...req, path: `/households/${id.replace('%2F', '/')}/chain` }), 403, 'InvalidSignatureException');
  });

  it('a change to a header that was not signed, or an extra one', async () => {
    const req = await signed('POST', `${base}/departments/health/submissions`, '{}', { 'user-agent': 'dept-client/1.0' });
    expect(header(req, 'authorization')).not.toContain('user-agent');
    req.headers['user-agent'] = 'something else';
    req.headers['x-forwarded-for'] = '10.0.0.1';
    req.headers['content-length'] = '2';
    expect((await verify(req)).ok).toBe(true);
  });

  it('a clock skew of up to 5 minutes either way', async () => {
    const req = await signed('GET', `${base}/x`);
    expect((await verify(req, new Date(signedAt.getTime() + 5 * 60_000))).ok).toBe(true);
    expect((await verify(req, new Date(signedAt.getTime() - 5 * 60_000))).ok).toBe(true);
  });
});

describe('verifySigV4 refuses', () => {
  const post = () => signed('POST', `${base}/departments/health/submissions?x=1&x=2`, '{"batchId":"b"}');

  it('a missing Authorization header with 401', async () => {
    const req = await post();
    delete req.headers.authorization;
    expectDenied(await verify(req), 401, 'MissingAuthenticationTokenException', /Missing Authentication Token/);
    expectDenied(await verify({ ...req, headers: { ...req.headers, authorization: '' } }), 401, 'MissingAuthenticationTokenException');
  });

  it('a tampered body (with and without x-amz-content-sha256)', async () => {
    const req = await post();
    expectDenied(await verify({ ...req, body: '{"batchId":"c"}' }), 403, 'InvalidSignatureException', /x-amz-content-sha256/);
    const noHash = await signed('POST', `${base}/departments/health/submissions`, '{"batchId":"b"}', {}, health, { contentSha256: false });
    expectDenied(await verify({ ...noHash, body: '{"batchId":"c"}' }), 403, 'InvalidSignatureException', /signature we calculated does not match/);
    expectDenied(await verify({ ...noHash, body: '' }), 403, 'InvalidSignatureException');
  });

  it('a tampered path', async () => {
    const req = await post();
    expectDenied(await verify({ ...req, path: '/departments/civil-affairs/submissions' }), 403, 'InvalidSignatureException', /does not match/);
    expectDenied(await verify({ ...req, path: '/departments/health/submissions/' }), 403, 'InvalidSignatureException');
  });

  it('a tampered query: changed value, dropped repeat, added parameter', async () => {
    const req = await post();
    expectDenied(await verify({ ...req, query: { x: ['1', '3'] } }), 403, 'InvalidSignatureException');
    expectDenied(await verify({ ...req, query: { x: ['1'] } }), 403, 'InvalidSignatureException');
    expectDenied(await verify({ ...req, query: { x: ['1', '2'], y: ['1'] } }), 403, 'InvalidSignatureException');
    expectDenied(await verify({ ...req, query: {} }), 403, 'InvalidSignatureException');
  });

  it('another method', async () => {
    expectDenied(await verify({ ...(await post()), method: 'PUT' }), 403, 'InvalidSignatureException');
  });

  it('a changed or missing signed header', async () => {
    const req = await post();
    expect(header(req, 'authorization')).toContain('SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date');
    expectDenied(await verify({ ...req, headers: { ...req.headers, 'content-type': 'text/plain' } }), 403, 'InvalidSignatureException');
    expectDenied(await verify({ ...req, headers: { ...req.headers, host: 'evil.example:4510' } }), 403, 'InvalidSignatureException');
    const { 'content-type': _dropped, ...withoutContentType } = req.headers;
    expectDenied(await verify({ ...req, headers: withoutContentType }), 403, 'InvalidSignatureException', /content-type/);
  });

  it('a request signed with the wrong secret', async () => {
    const req = await signed('GET', `${base}/x`, '', {}, { accessKeyId: health.accessKeyId, secretAccessKey: 'not-the-secret-0000000000000000' });
    expectDenied(await verify(req), 403, 'InvalidSignatureException', /does not match/);
  });

  it('an unknown access key', async () => {
    const req = await signed('GET', `${base}/x`, '', {}, { accessKeyId: 'LOCALNOBODY', secretAccessKey: 'x'.repeat(30) });
    expectDenied(await verify(req), 403, 'UnrecognizedClientException', /security token included in the request is invalid/);
  });

  it('an expired or not-yet-current signature (more than 5 minutes off)', async () => {
    const req = await signed('GET', `${base}/x`);
    expectDenied(
      await verify(req, new Date(signedAt.getTime() + 5 * 60_000 + 1_000)),
      403,
      'InvalidSignatureException',
      /^Signature expired: 20250314T083000Z is now earlier than/,
    );
    expectDenied(await verify(req, new Date(signedAt.getTime() - 5 * 60_000 - 1_000)), 403, 'InvalidSignatureException', /^Signature not yet current/);
    // With the server's real clock, a request signed in 2025 is long expired.
    expectDenied(await verifySigV4(req, lookup, { region }), 403, 'InvalidSignatureException', /Signature expired/);
  });

  it('a credential scoped to another region or service', async () => {
    const otherRegion = await signed('GET', `${base}/x`, '', {}, health, { region: 'cn-northwest-1' });
    expectDenied(await verify(otherRegion), 403, 'InvalidSignatureException', /region/);
    const otherService = await signed('GET', `${base}/x`, '', {}, health, { service: 'sqs' });
    expectDenied(await verify(otherService), 403, 'InvalidSignatureException', /service: 'execute-api'/);
  });

  it('a scope date that is not the x-amz-date day, and a bad x-amz-date', async () => {
    const req = await signed('GET', `${base}/x`);
    const otherDay = header(req, 'authorization').replace('/20250314/', '/20250313/');
    expectDenied(await verify({ ...req, headers: { ...req.headers, authorization: otherDay } }), 403, 'InvalidSignatureException', /Date in Credential scope/);
    expectDenied(await verify({ ...req, headers: { ...req.headers, 'x-amz-date': '20251314T083000Z' } }), 403, 'IncompleteSignatureException', /X-Amz-Date/);
    expectDenied(await verify({ ...req, headers: { ...req.headers, 'x-amz-date': 'Fri, 14 Mar 2025 08:30:00 GMT' } }), 403, 'IncompleteSignatureException');
    const { 'x-amz-date': _dropped, ...withoutDate } = req.headers;
    expectDenied(await verify({ ...req, headers: withoutDate }), 403, 'IncompleteSignatureException', /X-Amz-Date/);
  });

  it('a signature that leaves out the Host header', async () => {
    const req = await signed('GET', `${base}/x`);
    const auth = header(req, 'authorization').replace('SignedHeaders=host;', 'SignedHeaders=');
    expectDenied(
      await verify({ ...req, headers: { ...req.headers, authorization: auth } }),
      403,
      'InvalidSignatureException',
      /'Host' must be a 'SignedHeader'/,
    );
  });

  it('an x-amz-content-sha256 that is not the hash of the body, UNSIGNED-PAYLOAD included', async () => {
    const req = await post();
    expectDenied(
      await verify({ ...req, headers: { ...req.headers, 'x-amz-content-sha256': EMPTY_SHA256 } }),
      403,
      'InvalidSignatureException',
      /x-amz-content-sha256/,
    );
    const unsigned = await signed('POST', `${base}/departments/health/submissions`, '{"a":1}', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expectDenied(await verify(unsigned), 403, 'InvalidSignatureException', /x-amz-content-sha256/);
  });

  it('malformed Authorization headers and other algorithms', async () => {
    const req = await signed('GET', `${base}/x`);
    const auth = header(req, 'authorization');
    const cases: Array<[string, string]> = [
      ['Basic dXNlcjpwYXNz', 'IncompleteSignatureException'],
      ['Bearer abc.def.ghi', 'IncompleteSignatureException'],
      ['AWS4-HMAC-SHA256', 'IncompleteSignatureException'],
      ['AWS4-HMAC-SHA256 Credential=x', 'IncompleteSignatureException'],
      [auth.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512'), 'IncompleteSignatureException'],
      [auth.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256'), 'IncompleteSignatureException'],
      [auth.replace(/, Signature=/, ', Signature'), 'IncompleteSignatureException'],
      [auth.replace('/execute-api/aws4_request', '/execute-api'), 'IncompleteSignatureException'],
      [auth.replace('aws4_request', 'aws5_request'), 'InvalidSignatureException'],
      [auth.replace('SignedHeaders=host', 'SignedHeaders=Host'), 'IncompleteSignatureException'],
      [`${auth}, Signature=${'0'.repeat(64)}`, 'IncompleteSignatureException'],
      [auth.replace(/Signature=([0-9a-f]{64})/, (_, s: string) => `Signature=${s.toUpperCase()}`), 'InvalidSignatureException'],
      [auth.replace(/Signature=([0-9a-f]{64})/, (_, s: string) => `Signature=${s.slice(1)}`), 'InvalidSignatureException'],
    ];
    for (const [authorization, code] of cases) {
      expectDenied(await verify({ ...req, headers: { ...req.headers, authorization } }), 403, code);
    }
  });

  it('query-string (presigned) authentication, which the local API does not offer', async () => {
    const verdict = await verify({
      method: 'GET',
      path: '/x',
      query: { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Signature': '0'.repeat(64) },
      headers: { host: '127.0.0.1:4510' },
      body: '',
    });
    expectDenied(verdict, 403, 'IncompleteSignatureException', /presigned/);
  });
});

describe('interoperability with AWS SigV4 test-suite requests (signed by AWS reference signers, no x-amz-content-sha256)', () => {
  const suite: LocalCredential = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', principal: 'suite' };
  const at = new Date('2015-08-30T12:36:00Z');
  // [vector, method, path as on the request line, query, extra headers, signature]
  const vectors: Array<[string, string, string, Record<string, string>, Record<string, string>, string]> = [
    ['get-vanilla', 'GET', '/', {}, {}, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['post-vanilla', 'POST', '/', {}, {}, '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    [
      'get-vanilla-query-order-key-case',
      'GET',
      '/',
      { Param2: 'value2', Param1: 'value1' },
      {},
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'get-vanilla-query-order-encoded',
      'GET',
      '/',
      { 'Param-3': 'Value3', Param: 'Value2', ሴ: 'Value1' },
      {},
      '371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac',
    ],
    ['get-vanilla-utf8-query', 'GET', '/', { ሴ: 'bar' }, {}, '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04'],
    [
      'get-vanilla-query-unreserved',
      'GET',
      '/',
      { '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz': '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' },
      {},
      '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
    ],
    ['get-space-normalized', 'GET', '/example space/', {}, {}, '652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741'],
    ['get-utf8', 'GET', '/ሴ', {}, {}, '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'],
    ['get-slashes-normalized', 'GET', '//example//', {}, {}, '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84'],
    [
      'get-header-value-trim',
      'GET',
      '/',
      {},
      { 'my-header1': 'value1', 'my-header2': '"a   b   c"' },
      'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
    ],
  ];

  it.each(vectors)('%s verifies', async (_, method, path, query, extra, signature) => {
    const signedHeaders = ['host', ...Object.keys(extra), 'x-amz-date'].sort().join(';');
    const req: IncomingSignedRequest = {
      method,
      path,
      query,
      body: '',
      headers: {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        ...extra,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=${signedHeaders}, Signature=${signature}`,
      },
    };
    const opts = { region: 'us-east-1', service: 'service', now: at };
    expect(await verifySigV4(req, (id) => (id === suite.accessKeyId ? suite : undefined), opts)).toEqual({ ok: true, credential: suite });
    const flipped = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const tampered = { ...req, headers: { ...req.headers, authorization: String(req.headers.authorization).replace(signature, flipped) } };
    expect(await verifySigV4(tampered, () => suite, opts)).toMatchObject({ ok: false, code: 'InvalidSignatureException' });
  });
});

describe('over real HTTP (fetch → node:http, as the local front receives it)', () => {
  let server: Server;
  let url = '';
  const verdicts: Verdict[] = [];

  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        const u = new URL(req.url ?? '/', 'http://local');
        const query: Record<string, string[]> = {};
        for (const [k, v] of u.searchParams) query[k] = [...(query[k] ?? []), v];
        const verdict = await verifySigV4({ method: req.method ?? 'GET', path: u.pathname, query, headers: req.headers, body: await read(req) }, lookup, {
          region,
          service: 'execute-api',
        });
        verdicts.push(verdict);
        res
          .writeHead(verdict.ok ? 200 : verdict.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(verdict.ok ? { principal: verdict.credential.principal } : verdict));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function call(method: string, target: string, body = '', extra: Record<string, string> = {}) {
    const headers = await signRequest(
      { method, url: target, headers: { ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...extra }, body },
      health,
      region,
    );
    const res = await fetch(target, { method, headers, ...(body ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it.each([
    ['GET with an empty body', 'GET', '/households/430104-2025-000317/chain', ''],
    ['POST with a UTF-8 JSON body', 'POST', '/departments/health/submissions', JSON.stringify({ batchId: 'b-1', name: '张三' })],
    ['encoded path segments', 'GET', `/households/${encodeURIComponent("A B/C 张三 (1)!'*~")}/chain`, ''],
    ['special characters and repeated query keys', 'GET', `/warnings?tag=b&tag=a&q=a%20b%2Bc%26d%3De&name=%E5%BC%A0%E4%B8%89&star=*()!'&empty=&flag`, ''],
  ])('%s', async (_, method, path, body) => {
    expect(await call(method, `${url}${path}`, body, { 'user-agent': 'dept-client/1.0' })).toEqual({ status: 200, body: { principal: 'health' } });
  });

  it('refuses a request with no signature (401) and a body changed after signing (403)', async () => {
    const unsigned = await fetch(`${url}/x`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 'MissingAuthenticationTokenException' });

    const headers = await signRequest({ method: 'POST', url: `${url}/x`, body: '{"a":1}' }, health, region);
    const res = await fetch(`${url}/x`, { method: 'POST', headers, body: '{"a":2}' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'InvalidSignatureException' });
    expect(verdicts.every((v) => !JSON.stringify(v).includes(health.secretAccessKey) || v.ok)).toBe(true);
  });
});
