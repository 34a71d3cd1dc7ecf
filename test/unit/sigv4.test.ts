import { describe, expect, it } from 'vitest';
import { signRequest, verifySigV4, type IncomingSignedRequest, type LocalCredential } from '../../infra/local/sigv4';

const health: LocalCredential = { accessKeyId: 'LOCALHEALTH0000001', secretAccessKey: 'health-secret-0123456789abcdefghij', principal: 'health' };
const lookup = (id: string) => (id === health.accessKeyId ? health : undefined);
const region = 'cn-north-1';

/** Signs like a department client, then hands the server what Node's HTTP parser would give it. */
async function signed(method: string, url: string, body = '', extra: Record<string, string> = {}): Promise<IncomingSignedRequest> {
  const headers = await signRequest({ method, url, headers: { 'content-type': 'application/json', ...extra }, body }, health, region);
  const u = new URL(url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of u.searchParams) query[k] = k in query ? [...[query[k]!].flat(), v] : v;
  return { method, path: u.pathname, query, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), body };
}

const verify = (req: IncomingSignedRequest, now?: Date) => verifySigV4(req, lookup, { region, service: 'execute-api', ...(now ? { now } : {}) });
const base = 'http://127.0.0.1:4510';

describe('SigV4 verification of the local API', () => {
  it('accepts a correctly signed POST and GET, with encoded paths and repeated query keys', async () => {
    expect(await verify(await signed('POST', `${base}/departments/health/submissions`, '{"batchId":"b"}'))).toMatchObject({ ok: true, credential: health });
    expect(await verify(await signed('GET', `${base}/households/430104-2025-000317/chain?x=1&x=2&q=a%20b%2Bc`))).toMatchObject({ ok: true });
    expect(await verify(await signed('GET', `${base}/households/${encodeURIComponent('A B')}/chain`))).toMatchObject({ ok: true });
  });

  it('ignores a change to a header that was not signed', async () => {
    const req = await signed('POST', `${base}/departments/health/submissions`, '{}');
    req.headers['user-agent'] = 'something else';
    expect((await verify(req)).ok).toBe(true);
  });

  it.each([
    ['a tampered body', (r: IncomingSignedRequest) => ({ ...r, body: '{"batchId":"c"}' }), 'InvalidSignatureException'],
    ['a tampered path', (r: IncomingSignedRequest) => ({ ...r, path: '/departments/civil-affairs/submissions' }), 'InvalidSignatureException'],
    ['a tampered query', (r: IncomingSignedRequest) => ({ ...r, query: { x: '3' } }), 'InvalidSignatureException'],
    ['a changed signed header', (r: IncomingSignedRequest) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } }), 'InvalidSignatureException'],
    ['a wrong method', (r: IncomingSignedRequest) => ({ ...r, method: 'PUT' }), 'InvalidSignatureException'],
  ])('refuses %s with 403', async (_, tamper, code) => {
    const req = await signed('POST', `${base}/departments/health/submissions?x=1`, '{"batchId":"b"}');
    expect(await verify(tamper(req))).toMatchObject({ ok: false, status: 403, code });
  });

  it('refuses a wrong secret and an unknown key', async () => {
    const wrongSecret = await signRequest({ method: 'GET', url: `${base}/x`, body: '' }, { ...health, secretAccessKey: 'not-the-secret-0000000000000000' }, region);
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: wrongSecret, body: '' })).toMatchObject({ status: 403, code: 'InvalidSignatureException' });
    const unknown = await signRequest({ method: 'GET', url: `${base}/x`, body: '' }, { accessKeyId: 'LOCALNOBODY', secretAccessKey: 'x'.repeat(30) }, region);
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: unknown, body: '' })).toMatchObject({ status: 403, code: 'UnrecognizedClientException' });
  });

  it('refuses another region or service, and an old signature', async () => {
    const other = await signRequest({ method: 'GET', url: `${base}/x`, body: '' }, health, 'cn-northwest-1');
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: other, body: '' })).toMatchObject({ status: 403, message: expect.stringContaining('region') });
    const sqs = await signRequest({ method: 'GET', url: `${base}/x`, body: '' }, health, region, 'sqs');
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: sqs, body: '' })).toMatchObject({ status: 403, message: expect.stringContaining('service') });
    const req = await signed('GET', `${base}/x`);
    expect(await verify(req, new Date(Date.now() + 6 * 60_000))).toMatchObject({ status: 403, message: expect.stringContaining('expired') });
  });

  it('answers 401 without an Authorization header and 403 for a malformed one', async () => {
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: {}, body: '' })).toMatchObject({ status: 401, code: 'MissingAuthenticationTokenException' });
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: { authorization: 'Basic abc' }, body: '' })).toMatchObject({ status: 403 });
    expect(await verify({ method: 'GET', path: '/x', query: {}, headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' }, body: '' })).toMatchObject({ status: 403, code: 'IncompleteSignatureException' });
  });
});
