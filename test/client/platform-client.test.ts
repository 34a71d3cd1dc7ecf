import { describe, expect, it } from 'vitest';
import { InvalidOutcomeError, PlatformClient, PlatformError, PlatformUnreachableError, SubmissionRunError, type SubmissionStatus } from '../../client/index';
import { LOCAL_CONNECTION_FILE } from '../../client/connection';
import { CONNECTION_FILE } from '../../infra/local/platform';
import { verifySigV4 } from '../../infra/local/sigv4';
import { deathRecord, identityNumber } from '../fixtures/people';

/**
 * The client against a platform stand-in that checks every request's SigV4 signature as the
 * local API front (and API Gateway) does, and answers from a script: what was sent, how often,
 * and what the client makes of each answer.
 */
const KEYS = { accessKeyId: 'AKIDHEALTHTEST0001', secretAccessKey: 'health-secret-for-tests-0001' };
const ENDPOINT = 'https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod';

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

function platform(answer: (request: Sent, n: number) => Answer) {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const body = typeof init?.body === 'string' ? init.body : '';
    const verdict = await verifySigV4(
      { method: init?.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
      (id) => (id === KEYS.accessKeyId ? { ...KEYS, principal: 'health' } : undefined),
      { region: 'cn-north-1' },
    );
    if (!verdict.ok)
      return new Response(JSON.stringify({ message: verdict.message }), { status: verdict.status, headers: { 'x-amzn-errortype': verdict.code } });
    const request: Sent = { method: init?.method ?? 'GET', path: url.pathname.replace('/prod', ''), headers, body: body ? JSON.parse(body) : undefined };
    sent.push(request);
    const a = answer(request, sent.length);
    if (a === 'network-error') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    return new Response(a.body === undefined ? '' : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json', ...a.headers },
    });
  }) as typeof globalThis.fetch;
  const client = new PlatformClient({
    department: 'health',
    endpoint: ENDPOINT,
    region: 'cn-north-1',
    credentials: KEYS,
    fetch,
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 3 },
  });
  return { client, sent, fetch };
}

const records = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    deathRecord({ identityNumber: identityNumber('430104', '1941-05-06', i % 1000), name: '王秀英' }, `WJ-SW-2026-${String(i).padStart(6, '0')}`),
  );
const receipt = (batchId: string, accepted: number, replayed = false) => ({
  submissionId: `S${batchId
    .replace(/[^A-Z0-9]/gi, '')
    .toUpperCase()
    .slice(-26)}`,
  batchId,
  department: 'health',
  accepted,
  acceptedAt: '2026-11-21T02:00:00.000Z',
  replayed,
});

describe('PlatformClient (client/platform-client.ts)', () => {
  it('signs with SigV4 for execute-api in the API’s region, names the language, and sends any number of records in batches of 500 under the run’s ids', async () => {
    const { client, sent } = platform((r) => {
      const b = r.body as { batchId: string; records: unknown[] };
      return { status: 202, body: receipt(b.batchId, b.records.length) };
    });
    const progress: number[] = [];
    const run = await client.submitRecords(records(1050), { runId: 'health-deaths-2026-11', onBatch: (_, p) => progress.push(p.recordsDone) });
    expect(sent.map((s) => [s.method, s.path, (s.body as { batchId: string }).batchId, (s.body as { records: unknown[] }).records.length])).toEqual([
      ['POST', '/departments/health/submissions', 'health-deaths-2026-11-0001', 500],
      ['POST', '/departments/health/submissions', 'health-deaths-2026-11-0002', 500],
      ['POST', '/departments/health/submissions', 'health-deaths-2026-11-0003', 50],
    ]);
    expect(sent[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDHEALTHTEST0001\/\d{8}\/cn-north-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]*accept-language[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(sent[0]!.headers['accept-language']).toBe('zh-CN');
    expect(progress).toEqual([500, 1000, 1050]);
    expect(run.batches.map((b) => [b.batchNumber, b.firstRecord, b.records, b.replayed])).toEqual([
      [1, 0, 500, false],
      [2, 500, 500, false],
      [3, 1000, 50, false],
    ]);
  });

  it('resumes a run that failed part way: the accepted batch answers replayed and counts as done, nothing is sent under a new id', async () => {
    const accepted = new Set<string>();
    let down = true;
    const { client, sent } = platform((r) => {
      const b = r.body as { batchId: string; records: unknown[] };
      if (down && b.batchId.endsWith('-0002')) return { status: 503, body: { message: 'Service Unavailable' } };
      const replayed = accepted.has(b.batchId);
      accepted.add(b.batchId);
      return { status: replayed ? 200 : 202, body: receipt(b.batchId, b.records.length, replayed) };
    });
    const all = records(700);
    const failure = await client.submitRecords(all).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SubmissionRunError);
    const { runId, done, failed } = failure as SubmissionRunError;
    expect(runId).toMatch(/^lim-[a-p]{24}$/);
    expect(done.map((b) => b.batchId)).toEqual([`${runId}-0001`]);
    expect(failed).toEqual({ batchNumber: 2, batchId: `${runId}-0002`, firstRecord: 500, records: 200 });
    expect((failure as SubmissionRunError).failure).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    // Four attempts at batch 2 (the retry policy), then the run stopped.
    expect(sent.map((s) => (s.body as { batchId: string }).batchId.slice(-4))).toEqual(['0001', '0002', '0002', '0002', '0002']);

    down = false;
    sent.length = 0;
    const rerun = await client.submitRecords(all);
    expect(rerun.runId).toBe(runId);
    expect(rerun.batches.map((b) => [b.batchId, b.replayed])).toEqual([
      [`${runId}-0001`, true],
      [`${runId}-0002`, false],
    ]);
    expect(sent).toHaveLength(2);
  });

  it('retries throttling, 5xx, a batch still in progress and no answer at all, then takes the answer', async () => {
    const script: Answer[] = [
      { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '0' } },
      'network-error',
      { status: 409, body: { error: 'RequestInProgress', message: '批次正在处理，请稍后重发 / being processed' } },
      { status: 202, body: receipt('health-deaths-2026-11-0001', 1) },
    ];
    const { client, sent } = platform((_, n) => script[n - 1]!);
    const answer = await client.submitBatch('health-deaths-2026-11-0001', records(1));
    expect(answer.accepted).toBe(1);
    expect(sent).toHaveLength(4);
  });

  it('gives up after its attempts when the platform cannot be reached', async () => {
    const { client, sent } = platform(() => 'network-error');
    const error = await client.submitBatch('health-deaths-2026-11-0001', records(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachableError);
    expect((error as Error).message).toMatch(/^无法连接平台 .*ECONNRESET.*\/ cannot reach the platform .*ECONNRESET/);
    expect(sent).toHaveLength(4);
  });

  it('surfaces a refusal once, as a typed error with the stable code, the fields and the platform’s message', async () => {
    const problems = [
      { record: 0, recordId: 'WJ-SW-2026-000000', field: 'identityNumber', message: '身份证号校验码不符 / the check character does not match' },
    ];
    const { client, sent } = platform(() => ({
      status: 400,
      body: { error: 'InvalidRecords', message: '批次有 1 个问题 / 1 problem(s) in the batch; nothing was stored', problems },
    }));
    const error = (await client.submitBatch('health-deaths-2026-11-0001', records(1)).catch((e: unknown) => e)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect({ status: error.status, code: error.code, problems: error.problems, retryable: error.retryable }).toEqual({
      status: 400,
      code: 'InvalidRecords',
      problems,
      retryable: false,
    });
    expect(sent).toHaveLength(1);
  });

  it('names API Gateway’s own refusals by their error type, and a signature it cannot verify is refused', async () => {
    const { client } = platform(() => ({
      status: 403,
      body: { message: 'User: arn:… is not authorized to perform: execute-api:Invoke' },
      headers: { 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/' },
    }));
    await expect(client.acknowledgeWarning('W78990A98B6DEB1DC91750BE6')).rejects.toMatchObject({ status: 403, code: 'AccessDeniedException' });

    const stand = platform(() => ({ status: 200, body: { warningId: 'W78990A98B6DEB1DC91750BE6', status: 'acknowledged', acknowledgedBy: ['health'] } }));
    const wrongKey = new PlatformClient({
      department: 'health',
      endpoint: ENDPOINT,
      region: 'cn-north-1',
      credentials: { ...KEYS, secretAccessKey: 'not-the-secret' },
      fetch: stand.fetch,
    });
    await expect(wrongKey.acknowledgeWarning('W78990A98B6DEB1DC91750BE6')).rejects.toMatchObject({ status: 403, code: 'InvalidSignatureException' });
    expect(stand.sent).toHaveLength(0);
  });

  it('reads a submission’s status by the read-submission contract, and a 404 as a refusal', async () => {
    const status: SubmissionStatus = {
      submissionId: 'SE43FBF0CA98BD9797CB13320DB',
      batchId: 'health-deaths-2026-11-0001',
      department: 'health',
      acceptedAt: '2026-11-21T02:00:00.000Z',
      state: 'evaluated',
      totals: { records: 1, evaluated: 1, warningsRaised: 1 },
      records: [
        {
          recordId: 'SE43FBF0CA98BD9797CB13320DB:0',
          index: 0,
          recordType: 'death-record',
          state: 'evaluated',
          warnings: [{ warningId: 'W78990A98B6DEB1DC91750BE6', indicatorId: 'IND-01', recipients: ['civil-affairs'] }],
        },
      ],
    };
    const { client, sent } = platform((r) =>
      r.path.endsWith('/SE43FBF0CA98BD9797CB13320DB')
        ? { status: 200, body: status }
        : { status: 404, body: { error: 'SubmissionNotFound', message: '没有这条提交 / no such submission' } },
    );
    await expect(client.readSubmission('SE43FBF0CA98BD9797CB13320DB')).resolves.toEqual(status);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/departments/health/submissions/SE43FBF0CA98BD9797CB13320DB' });
    await expect(client.readSubmission('S00000000000000000000000000')).rejects.toMatchObject({ status: 404, code: 'SubmissionNotFound' });
  });

  it('refuses an answer the platform’s schema would refuse before sending it, and sends a good one to the warning’s outcome route', async () => {
    const { client, sent } = platform(() => ({
      status: 200,
      body: {
        warningId: 'W78990A98B6DEB1DC91750BE6',
        status: 'resolved',
        outcome: 'no-action-needed',
        resolvedAt: '2026-11-22T01:00:00.000Z',
        replayed: false,
      },
    }));
    const bad = await client
      .answerWarning('W78990A98B6DEB1DC91750BE6', {
        outcome: 'assistance-ended',
        programme: 'dibao-allowance',
        endedOn: '2026-11-31',
        reason: 'died',
        handledBy: 'YL-MZ-0413',
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidOutcomeError);
    expect((bad as InvalidOutcomeError).problems.map((p) => p.field)).toEqual(['endedOn']);
    expect(sent).toHaveLength(0);
    const answered = await client.answerWarning('W78990A98B6DEB1DC91750BE6', {
      outcome: 'no-action-needed',
      reason: '已核实，户主健在 / verified: the head is alive',
      handledBy: 'YL-MZ-0413',
    });
    expect(answered.status).toBe('resolved');
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/departments/health/warnings/W78990A98B6DEB1DC91750BE6/outcome',
      body: { outcome: 'no-action-needed' },
    });
  });

  it('on AWS, takes its credentials from the standard chain and its region from the API’s URL', async () => {
    const seen: string[] = [];
    const fetch = (async (_: string | URL | Request, init?: RequestInit) => {
      seen.push(String((init?.headers as Record<string, string> | undefined)?.authorization));
      return new Response(JSON.stringify({ warningId: 'W1', status: 'acknowledged', acknowledgedBy: ['health'] }), { status: 200 });
    }) as typeof globalThis.fetch;
    // The environment's keys (the test runner sets AWS_ACCESS_KEY_ID=test): the chain's first link.
    const client = PlatformClient.withCredentialChain('health', { endpoint: ENDPOINT, fetch });
    expect(client.region).toBe('cn-north-1');
    await client.acknowledgeWarning('W1');
    expect(seen[0]).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/cn-north-1\/execute-api\/aws4_request,/);
    expect(() => PlatformClient.withCredentialChain('health', {})).toThrow(expect.objectContaining({ code: 'EndpointRequired' }));
    expect(() => PlatformClient.withCredentialChain('finance', { endpoint: ENDPOINT })).toThrow(expect.objectContaining({ code: 'UnknownDepartment' }));
  });

  it('reads the local platform’s connection file by the name the platform writes it under', () => {
    expect(LOCAL_CONNECTION_FILE).toBe(CONNECTION_FILE);
    expect(() => PlatformClient.local('health', { dataDir: '/nonexistent-lim-data' })).toThrow(/npm start.*\/ no running local platform found/);
  });
});
