import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { mockClient } from 'aws-sdk-client-mock';
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '../../shared/config';
import { localArn } from '../../infra/local/arn';
import { departmentRoleName } from '../../shared/platform/principals';
import { onLocalPlatform } from '../e2e/departments';
import { NEW_CLASSES, badEscapeRequest, classOf, duplicateBatches, hostileRequest, problemWith, type Answer, type HostileCase, type PathCase } from './hostile';
import { ClassFigures, latency, printFigures } from './figures';
import { RECORDS_ACCEPTED_V1 } from '../../events/records-accepted.v1';
import { identityNumber } from '../fixtures/people';
import { submissionIdFor } from '../../functions/submission-intake/use-case';

/**
 * At least 10,000 generated malformed or hostile submissions against submission-intake, in
 * process (the real middy handler, idempotency included, with the AWS SDK mocked), and a sample
 * of a few hundred through the local platform's SigV4 HTTP front: every answer is a 4xx with an
 * error body naming the record and field where there is one; nothing stored, nothing published.
 * Counted per class (the kind before its colon), each class of issue 10 tried enough times.
 */
const IN_PROCESS_RUNS = 10_000;
const HTTP_RUNS = 200;
/** Each class of issue 10 is tried at least this often in process, and over HTTP. */
const MIN_PER_CLASS = { inProcess: 100, http: 15 };
const HTTP_PER_NEW_CLASS = 20;
const HTTP_BAD_ESCAPES = 60;

// Started first: the in-process handler runs with submission-intake's environment on it.
const { platform, as } = onLocalPlatform();

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function apiEvent(c: HostileCase): APIGatewayProxyEvent {
  const arn = localArn(platform.region, 'sts', `assumed-role/${departmentRoleName(platform.prefix, c.caller)}/fuzz`);
  return {
    resource: '/departments/{department}/submissions',
    path: `/departments/${c.department}/submissions`,
    httpMethod: 'POST',
    headers: { 'content-type': 'application/json', ...c.headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { department: c.department },
    stageVariables: null,
    body: c.body,
    isBase64Encoded: false,
    requestContext: { requestId: 'fuzz', identity: { userArn: arn } } as APIGatewayProxyEvent['requestContext'],
  };
}

const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'fuzz-submission-intake',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:000000000000:function:fuzz-submission-intake',
  memoryLimitInMB: '512',
  awsRequestId: 'fuzz',
  logGroupName: '/fuzz',
  logStreamName: 'fuzz',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

function tally(into: Map<string, number>, key: string) {
  into.set(key, (into.get(key) ?? 0) + 1);
}

describe('submission-intake in process: 10,000 hostile requests', () => {
  // Installed when this block starts: the platform (started before) must create its tables unmocked.
  const mocks = () => ({
    ddb: mockClient(DynamoDBClient),
    doc: mockClient(DynamoDBDocumentClient),
    bus: mockClient(EventBridgeClient),
    sqs: mockClient(SQSClient),
  });
  let ddb: ReturnType<typeof mocks>['ddb'];
  let doc: ReturnType<typeof mocks>['doc'];
  let bus: ReturnType<typeof mocks>['bus'];
  let sqs: ReturnType<typeof mocks>['sqs'];
  beforeAll(() => {
    ({ ddb, doc, bus, sqs } = mocks());
  });
  afterAll(() => {
    ddb.restore();
    doc.restore();
    bus.restore();
    sqs.restore();
  });

  it('answers every one with a 4xx naming the record and field, and stores and publishes nothing', async () => {
    ddb.reset();
    doc.reset();
    bus.reset();
    sqs.reset();
    // Idempotency's in-progress record is put, then deleted when the request fails.
    ddb.on(PutItemCommand).resolves({});
    ddb.on(DeleteItemCommand).resolves({});
    // The policy book (plausibility bounds): as shipped, no administrator changes.
    doc.on(QueryCommand).resolves({ Items: [] });
    Object.assign(process.env, platform.environment('submission-intake'));
    resetConfig();
    const { handler } = (await import('../../functions/submission-intake/handler')) as { handler: Handler };

    const figures = new ClassFigures();
    const statuses = new Map<string, number>();
    const times: number[] = [];
    // Anything that writes or publishes: every call to the low-level client (idempotency), the
    // bus and the queues, and every document-client call but a read (the policy book is read).
    const reads = (call: { args: unknown[] }) =>
      call.args[0] instanceof QueryCommand || call.args[0] instanceof GetCommand || call.args[0] instanceof BatchGetCommand;
    const writes = () => ddb.calls().length + bus.calls().length + sqs.calls().length + doc.calls().filter((call) => !reads(call)).length;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (c) => {
        const before = writes();
        const t0 = performance.now();
        const results = await Promise.all(Array.from({ length: c.copies ?? 1 }, () => handler(apiEvent(c), context)));
        times.push(...results.map(() => (performance.now() - t0) / results.length));
        const stored = writes() - before;
        figures.stored(classOf(c), stored > 0 ? 1 : 0);
        for (const result of results) {
          const answer: Answer = { status: result.statusCode, body: JSON.parse(result.body) };
          figures.answered(classOf(c), answer.status);
          tally(statuses, `${answer.status} ${(answer.body as { error?: string }).error ?? ''}`);
          const wrong = problemWith(c, answer);
          if (wrong) throw new Error(`${c.kind}: ${wrong}\n${JSON.stringify(answer.body).slice(0, 600)}`);
        }
        if (stored) throw new Error(`${c.kind}: ${stored} write(s) or publication(s) for a refused request`);
      }),
      { numRuns: IN_PROCESS_RUNS },
    );
    const elapsed = (performance.now() - started) / 1000;

    const l = latency(times);
    printFigures('bad input, in process (submission-intake handler, SDK mocked)', {
      requests: times.length,
      'by answer': [...statuses]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}: ${n}`)
        .join('; '),
      '5xx': [...statuses].filter(([k]) => k.startsWith('5')).reduce((s, [, n]) => s + n, 0),
      throughput: `${Math.round(times.length / elapsed)} requests/s`,
      'latency ms': `p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}`,
      'PutItem / DeleteItem (idempotency)': `${ddb.commandCalls(PutItemCommand).length} / ${ddb.commandCalls(DeleteItemCommand).length}`,
      'document-client calls (submission store)': doc.calls().length,
      'PutEvents calls': bus.calls().length,
    });
    figures.print(
      'bad input by class, in process',
      'tried: requests (a concurrent case sends 2-10 copies at once); stored: cases with any write or publication',
    );

    expect(times.length).toBeGreaterThanOrEqual(IN_PROCESS_RUNS);
    expect([...statuses.keys()].every((k) => k.startsWith('4'))).toBe(true);
    for (const [name, row] of figures.rows)
      expect({ name, '5xx': row['5xx'], other: row.other, stored: row.stored }).toEqual({ name, '5xx': 0, other: 0, stored: 0 });
    for (const name of Object.keys(NEW_CLASSES)) expect(figures.rows.get(name)?.tried ?? 0, name).toBeGreaterThanOrEqual(MIN_PER_CLASS.inProcess);
    // Nothing stored: no submission item read or written (only the policy book read), and the
    // batch id not even taken by idempotency (the checks run before it), so a resend never
    // meets an "in progress" lock.
    expect(
      doc
        .calls()
        .filter(
          (c) =>
            !(
              c.args[0] instanceof QueryCommand &&
              String((c.args[0].input as { ExpressionAttributeValues?: Record<string, unknown> }).ExpressionAttributeValues?.[':pk']).startsWith('POLICY')
            ),
        ),
    ).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
    // Nothing published, nothing queued.
    expect(bus.calls()).toHaveLength(0);
    expect(sqs.calls()).toHaveLength(0);
  }, 240_000);
});

describe('the same through the local platform (SigV4 HTTP front, DynamoDB Local, local bus)', () => {
  async function itemCount(table: string) {
    const client = new DynamoDBClient({
      region: platform.region,
      endpoint: platform.endpoints.dynamodb,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      let count = 0;
      let start: Record<string, never> | undefined;
      do {
        const out = await client.send(new ScanCommand({ TableName: table, Select: 'COUNT', ...(start ? { ExclusiveStartKey: start } : {}) }));
        count += out.Count ?? 0;
        start = out.LastEvaluatedKey as typeof start;
      } while (start);
      return count;
    } finally {
      client.destroy();
    }
  }

  /** The RecordsAccepted.v1 entries the bus takes (its PutEvents), by submission and group, until `stop`. */
  function watchRecordsAccepted() {
    const bus = platform.eventBridge;
    const putEvents = bus.putEvents;
    const groups: { submissionId: string; groupId: string }[] = [];
    bus.putEvents = (entries) => {
      const result = putEvents.call(bus, entries);
      entries.forEach((entry, i) => {
        if (entry.DetailType !== RECORDS_ACCEPTED_V1.detailType || result.Entries[i]?.ErrorCode) return;
        const detail = JSON.parse(String(entry.Detail)) as { submissionId: string; groupId: string };
        groups.push({ submissionId: detail.submissionId, groupId: detail.groupId });
      });
      return result;
    };
    return {
      groups,
      stop: () => {
        bus.putEvents = putEvents;
      },
    };
  }

  it(`answers ${HTTP_RUNS} sampled hostile requests, ${HTTP_PER_NEW_CLASS} of each new class, ${HTTP_BAD_ESCAPES} bad %-escapes and an over-large body with a 4xx, and changes nothing`, async () => {
    const tables = [`${platform.prefix}-households`, `${platform.prefix}-idempotency`];
    const before = await Promise.all(tables.map(itemCount));
    const delivered = platform.eventBridge.delivered.length;
    const accepted = watchRecordsAccepted();

    // Headers here are free text with characters HTTP cannot carry (fetch refuses them): those
    // cases run in process only.
    const submissions: (HostileCase | PathCase)[] = [
      ...fc.sample(hostileRequest, HTTP_RUNS),
      ...Object.values(NEW_CLASSES).flatMap((arbitrary) => fc.sample(arbitrary, HTTP_PER_NEW_CLASS)),
    ].filter((c) => !('headers' in c && c.headers));
    const cases = [...submissions, ...fc.sample(badEscapeRequest, HTTP_BAD_ESCAPES)];
    const send = (c: HostileCase | PathCase) =>
      'path' in c ? as(c.caller).call(c.method, c.path, c.body) : as(c.caller).call('POST', `/departments/${c.department}/submissions`, c.body ?? undefined);
    const byClass = new Map<string, (HostileCase | PathCase)[]>();
    for (const c of cases) byClass.set(classOf(c), [...(byClass.get(classOf(c)) ?? []), c]);

    const figures = new ClassFigures();
    const statuses = new Map<string, number>();
    const times: number[] = [];
    const failures: string[] = [];
    const started = performance.now();
    // One class after another, so what a class leaves in the table or on the bus is its own.
    for (const [name, ofClass] of byClass) {
      const itemsBefore = await Promise.all(tables.map(itemCount));
      const deliveredBefore = platform.eventBridge.delivered.length;
      const acceptedBefore = accepted.groups.length;
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < ofClass.length) {
            const c = ofClass[next++]!;
            const t0 = performance.now();
            const answers = await Promise.all(Array.from({ length: ('copies' in c && c.copies) || 1 }, () => send(c)));
            times.push(...answers.map(() => (performance.now() - t0) / answers.length));
            for (const answer of answers) {
              figures.answered(name, answer.status);
              tally(statuses, `${answer.status} ${(answer.body as { error?: string } | null)?.error ?? ''}`);
              const wrong = problemWith(c, answer);
              if (wrong) failures.push(`${c.kind}: ${wrong}`);
            }
          }
        }),
      );
      await platform.idle();
      const itemsAfter = await Promise.all(tables.map(itemCount));
      figures.stored(
        name,
        itemsAfter[0]! -
          itemsBefore[0]! +
          itemsAfter[1]! -
          itemsBefore[1]! +
          platform.eventBridge.delivered.length -
          deliveredBefore +
          accepted.groups.length -
          acceptedBefore,
      );
    }
    const elapsed = (performance.now() - started) / 1000;
    // API Gateway's 10 MB payload limit.
    const huge = await as('health').call(
      'POST',
      '/departments/health/submissions',
      `{"batchId":"health-huge-0001","records":["${'x'.repeat(10 * 1024 * 1024)}"]}`,
    );
    tally(statuses, `${huge.status} (11 MB body)`);

    await platform.idle();
    accepted.stop();
    const after = await Promise.all(tables.map(itemCount));
    const l = latency(times);
    printFigures('bad input, over HTTP on the local platform', {
      requests: times.length + 1,
      'by answer': [...statuses]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k}: ${n}`)
        .join('; '),
      throughput: `${Math.round(times.length / elapsed)} requests/s (4 in flight)`,
      'latency ms': `p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}`,
      'table items before → after': `${before[0]} → ${after[0]}`,
      'idempotency items before → after': `${before[1]} → ${after[1]}`,
      'events delivered': platform.eventBridge.delivered.length - delivered,
      'RecordsAccepted entries put': accepted.groups.length,
    });
    figures.print('bad input by class, over HTTP', 'tried: requests; stored: new table items, events put or delivered while the class ran');

    expect(failures).toEqual([]);
    expect(huge.status).toBe(413);
    for (const [name, row] of figures.rows)
      expect({ name, '5xx': row['5xx'], other: row.other, stored: row.stored }).toEqual({ name, '5xx': 0, other: 0, stored: 0 });
    for (const name of [...Object.keys(NEW_CLASSES), 'bad-escape']) expect(figures.rows.get(name)?.tried ?? 0, name).toBeGreaterThanOrEqual(MIN_PER_CLASS.http);
    expect(after).toEqual(before);
    expect(platform.eventBridge.delivered.length).toBe(delivered);
    expect(accepted.groups).toEqual([]);
  }, 120_000);

  it('publishes each of several batches sent two to ten times at once exactly once, and answers every other copy replayed or in progress', async () => {
    const batches = fc.sample(duplicateBatches(6), 1)[0]!;
    const accepted = watchRecordsAccepted();
    const answers = await Promise.all(
      batches.map(({ department, copies, batch }) =>
        Promise.all(
          Array.from({ length: copies }, () =>
            as(department).call<{ submissionId?: string; replayed?: boolean; error?: string }>('POST', `/departments/${department}/submissions`, batch),
          ),
        ),
      ),
    );
    await platform.idle();
    accepted.stop();

    const outcome = (a: { status: number; body: { replayed?: boolean; error?: string } }) =>
      a.status === 202
        ? 'accepted'
        : a.status === 200 && a.body.replayed
          ? 'replayed'
          : a.status === 409 && a.body.error === 'RequestInProgress'
            ? 'in progress'
            : `${a.status} ${a.body.error}`;
    const all = answers.flat().map(outcome);
    const count = (o: string) => all.filter((x) => x === o).length;
    // Published once: each group of the batch (one per record type here) taken by the bus once.
    const publishedOnce = batches.filter(({ department, batch }, i) => {
      const submissionId = answers[i]!.find((a) => a.body.submissionId)?.body.submissionId;
      const groups = accepted.groups.filter((g) => g.submissionId === submissionId).map((g) => g.groupId);
      const types = new Set(batch.records.map((r) => r.type));
      return (
        submissionId !== undefined &&
        submissionId === submissionIdFor(department, batch.batchId) &&
        groups.length === types.size &&
        new Set(groups).size === types.size
      );
    }).length;
    printFigures('concurrent duplicate batches, over HTTP on the local platform', {
      'batches (copies each)': `${batches.length} (${batches.map((b) => b.copies).join(', ')})`,
      tried: all.length,
      accepted: count('accepted'),
      replayed: count('replayed'),
      'in progress (409, retry)': count('in progress'),
      '4xx other / 5xx': `${all.filter((o) => /^4/.test(o)).length} / ${all.filter((o) => /^5/.test(o)).length}`,
      'published once': `${publishedOnce} of ${batches.length} (RecordsAccepted entries put: ${accepted.groups.length})`,
    });

    for (const [i, a] of answers.entries()) {
      expect(
        a.map(outcome).filter((o) => o === 'accepted'),
        batches[i]!.batch.batchId,
      ).toHaveLength(1);
      expect(
        a.map(outcome).every((o) => o === 'accepted' || o === 'replayed' || o === 'in progress'),
        a.map(outcome).join(', '),
      ).toBe(true);
    }
    expect(publishedOnce).toBe(batches.length);
  });

  it('publishes a batch sent ten times at once exactly once; every resend says replayed; another body under its id is 409 and evicts nothing', async () => {
    const person = { identityNumber: identityNumber('430104', '1950-03-04', 77), name: '周某' };
    const batch = {
      batchId: 'health-2026-12-01-ten-at-once',
      records: [
        { type: 'death-record', recordId: 'WJ-SW-2026-700001', ...person, dateOfDeath: '2026-11-28', certificateNumber: 'SW2026700001', district: '430104' },
      ],
    };
    const deliveries = () => platform.eventBridge.delivered.filter((d) => d.rule === 'records-to-warning-evaluation').length;
    const before = deliveries();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => as('health').call<{ replayed?: boolean; error?: string }>('POST', '/departments/health/submissions', batch)),
    );
    const outcome = answers.map((a) => (a.status === 202 ? 'accepted' : a.status === 200 && a.body.replayed ? 'replayed' : `${a.status} ${a.body.error}`));
    expect(outcome.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcome.every((o) => o === 'accepted' || o === 'replayed' || o === '409 RequestInProgress')).toBe(true);
    await platform.idle();
    const again = await as('health').call<{ replayed: boolean }>('POST', '/departments/health/submissions', batch);
    expect([again.status, again.body.replayed]).toEqual([200, true]);
    const other = await as('health').call('POST', '/departments/health/submissions', {
      ...batch,
      records: [{ ...batch.records[0]!, dateOfDeath: '2026-11-27' }],
    });
    expect(other).toMatchObject({ status: 409, body: { error: 'BatchIdReused' } });
    expect((await as('health').call<{ replayed: boolean }>('POST', '/departments/health/submissions', batch)).body.replayed).toBe(true);
    await platform.idle();
    expect(deliveries() - before).toBe(1);
  });

  it('answers JSON nested 3,000 levels deep with 400, wherever the nesting is, and leaves nothing behind', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const bodies = [
      `{"batchId":"health-2026-12-01-deep-0001","records":${deep(3000)}}`,
      `{"batchId":${deep(3000)},"records":[]}`,
      `{"batchId":"health-2026-12-01-deep-0002","records":[{"type":"death-record","recordId":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}]}`,
    ];
    const before = await itemCount(`${platform.prefix}-idempotency`);
    for (const body of bodies) {
      const answer = await as('health').call('POST', '/departments/health/submissions', body);
      expect(answer).toMatchObject({ status: 400, body: { error: 'TooDeep', problems: [{ field: '(body)' }] } });
    }
    // A string that only looks deep is not nesting.
    const looksDeep = await as('health').call(
      'POST',
      '/departments/health/submissions',
      JSON.stringify({ batchId: 'health-2026-12-01-deep-0003', records: [{ type: 'death-record', recordId: '['.repeat(3000) }] }),
    );
    expect(looksDeep).toMatchObject({ status: 400, body: { error: 'InvalidRecords' } });
    expect(await itemCount(`${platform.prefix}-idempotency`)).toBe(before);
  });

  it('answers a path whose %-escapes do not decode with 400 after the permission check, never 500', async () => {
    for (const path of ['/households/%E0%A4%A/chain', '/statistics/%ZZ', '/households/%/needs']) {
      expect(await as('civil-affairs').call('GET', path), path).toMatchObject({ status: 400, body: { error: 'MalformedPath' } });
      // A department without the route is refused first, as IAM would.
      expect((await as('health').call('GET', path)).status, path).toBe(403);
    }
  });

  it('answers the same refused batch sent four times at once with four 400s, never "in progress"', async () => {
    const batch = {
      batchId: 'health-2026-12-01-refused-0001',
      records: [
        {
          type: 'death-record',
          recordId: 'WJ-SW-2026-000001',
          identityNumber: '430104195001010010',
          name: '王某',
          dateOfDeath: '2026-02-30',
          certificateNumber: 'SW2026000001',
          district: '430104',
        },
      ],
    };
    const answers = await Promise.all(Array.from({ length: 4 }, () => as('health').call('POST', '/departments/health/submissions', JSON.stringify(batch))));
    expect(answers.map((a) => [a.status, (a.body as { error?: string }).error])).toEqual(Array.from({ length: 4 }, () => [400, 'InvalidRecords']));
    expect((answers[0]!.body as { problems: { record: number; field: string }[] }).problems).toEqual([
      expect.objectContaining({ record: 0, field: 'dateOfDeath' }),
    ]);
  });
});
