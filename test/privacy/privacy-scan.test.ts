import { cityDay } from '../../shared/domain/city-time';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalPlatform } from '../../infra/local/platform';
import type { DepartmentClient } from '../../infra/local/department-client';
import type { WarningRecipient } from '../../shared/domain/departments';
import { maskIdentityNumber } from '../../shared/domain/identity-number';
import { RECORD_TYPES, RECORD_TYPE_CODES } from '../../shared/records/catalogue';
import { deathRecord, identityNumber, rollEntry, withWrongCheckCharacter, yueluHousehold } from '../fixtures/people';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { describeFindings, LeakDetector, type Finding } from './detector';

/**
 * Privacy scan (threat model: "a leaked identity number or name in logs, events, queue messages
 * or keys"). Drives realistic traffic through the local platform, then scans everything it
 * produced — every log line written to stdout/stderr (Powertools at DEBUG) or the console, every
 * archived bus event, every queue message, every API response, every handler result or error
 * (what a trace would record) and every item of both tables — for identity numbers and the names
 * the test sent.
 */

describe('the leak detector (self-test)', () => {
  const detector = new LeakDetector();
  const planted = identityNumber('430104', '1948-03-12', 22);
  detector.addIdentityNumber(planted);
  detector.addName('李桂英');

  it('catches a planted identity number and a planted fixture name in a log line, and hides them in the excerpt', () => {
    const line = JSON.stringify({ level: 'INFO', message: 'submission accepted', identityNumber: planted, name: '李桂英', service: 'lim-local' });
    const findings = detector.scan('fake log line 1', line);
    expect(findings.map((f) => f.pattern).sort()).toEqual(['fixture-id', 'fixture-name']);
    const text = describeFindings(findings);
    expect(text).not.toContain(planted);
    expect(text).not.toContain(planted.slice(0, 17));
    expect(text).not.toContain('李桂英');
    expect(text).toContain(`${planted.slice(0, 6)}…`);
  });

  it('catches any valid identity number, a changed check character of a sent one, and JSON-escaped names', () => {
    const stranger = identityNumber('430181', '1952-11-08', 64);
    expect(detector.scan('x', `person ${stranger} queried`).map((f) => f.pattern)).toEqual(['id-shaped']);
    expect(detector.scan('x', `bad: ${withWrongCheckCharacter(planted)}`).map((f) => f.pattern)).toEqual(['fixture-id-digits']);
    expect(detector.scan('x', JSON.stringify({ name: '李桂英' }, null, 0).replace('李桂英', '\\u674e\\u6842\\u82f1')).map((f) => f.pattern)).toEqual([
      'fixture-name',
    ]);
    expect(detector.scanKey('PK', `PERSON#${withWrongCheckCharacter(stranger)}`).length).toBe(1);
    expect(detector.scanKey('SK', `AUDIT#${withWrongCheckCharacter(stranger)}#1`).length).toBe(1);
    // A hash whose digits happen to run 18 long is not an identity number (an audit entry id seen in a run).
    expect(detector.scanKey('SK', '2026-12-02T15:14:14.414Z#36d9ecab42e912247206850465607cbc')).toEqual([]);
  });

  it('allows masked forms, person references, ids, dates and amounts', () => {
    const clean = [
      maskIdentityNumber(planted),
      `${planted.slice(0, 6)}********${planted.slice(14)}`,
      'p_Q2xlYXJseU5vdEFuSWRlbnRpdHlOdW1iZXI',
      '430104-2025-000317 W0123456789ABCDEF01234567 2026-11-20T08:00:00.000Z 1764230400000 amountFen 12345678',
      JSON.stringify({ message: 'the check character (position 18) does not match (GB 11643 / ISO 7064 MOD 11-2)', field: 'identityNumber' }),
    ];
    for (const text of clean) expect(detector.scan('clean', text)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

type Person = { identityNumber: string; name: string };
const SURNAMES = [...'赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤何吕施孔曹严魏陶姜戚谢邹喻柏'];
const GIVEN = ['秀兰', '建华', '桂芳', '志刚', '淑珍', '国强', '玉梅', '德胜', '凤英', '永福', '春燕', '长生'];
const samplePerson = (i: number): Person => ({
  identityNumber: identityNumber('430104', `19${60 + (i % 40)}-0${(i % 9) + 1}-2${i % 9}`, 300 + i),
  name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
});

interface Captured {
  logLines: string[];
  consoleLines: string[];
  traces: { fn: string; text: string }[];
  responses: { what: string; status: number; text: string }[];
  /** What the test sent: the control that shows the detector knows the personal data in play. */
  requests: string[];
  messages: { queue: string; text: string }[];
}

const captured: Captured = { logLines: [], consoleLines: [], traces: [], responses: [], requests: [], messages: [] };
const detector = new LeakDetector();
let platform: LocalPlatform;
let dataDir: string;
const clients = new Map<WarningRecipient, DepartmentClient>();
const sqsClients = new Map<WarningRecipient, SQSClient>();
const restore: (() => void)[] = [];

/** Captures process.stdout/stderr (Powertools writes its JSON lines there) and the console. */
function startCapture() {
  const pending = { out: '', err: '' };
  for (const [stream, key] of [
    [process.stdout, 'out'],
    [process.stderr, 'err'],
  ] as const) {
    const original = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const text = pending[key] + (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const lines = text.split('\n');
      pending[key] = lines.pop() ?? '';
      captured.logLines.push(...lines.filter((l) => l.length));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      callback?.();
      return true;
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
      if (pending[key]) captured.logLines.push(pending[key]);
      pending[key] = '';
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      captured.consoleLines.push(...format(...args).split('\n'));
    };
    restore.push(() => (console[method] = original));
  }
}
function stopCapture() {
  for (const r of restore.splice(0).reverse()) r();
}

const as = (department: WarningRecipient) => clients.get(department)!;

async function call(department: WarningRecipient, method: 'GET' | 'POST', path: string, body?: unknown) {
  if (body !== undefined) {
    detector.learnFrom(body);
    captured.requests.push(JSON.stringify(body));
  }
  const answer = await as(department).call(method, path, body);
  captured.responses.push({ what: `${department} ${method} ${path}`, status: answer.status, text: JSON.stringify(answer.body) });
  return answer;
}
const submit = (department: WarningRecipient, batchId: string, records: unknown[]) =>
  call(department, 'POST', `/departments/${department}/submissions`, { batchId, records });

/** Receives (and deletes) every message on a department's queue, keeping the raw bodies. */
async function drain(recipient: WarningRecipient): Promise<Message[]> {
  const sqs = sqsClients.get(recipient)!;
  const url = platform.queueUrls[recipient];
  const all: Message[] = [];
  for (let empty = 0; empty < 2; ) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (!Messages.length) {
      empty += 1;
      continue;
    }
    empty = 0;
    for (const m of Messages) {
      all.push(m);
      captured.messages.push({ queue: recipient, text: JSON.stringify({ body: m.Body, attributes: m.MessageAttributes ?? {} }) });
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return all;
}
async function drainAll(): Promise<Map<WarningRecipient, { warning: { warningId: string; householdId: string; indicator: { id: string } } }[]>> {
  const items = new Map<WarningRecipient, { warning: { warningId: string; householdId: string; indicator: { id: string } } }[]>();
  for (const recipient of Object.keys(platform.queueUrls) as WarningRecipient[]) {
    items.set(
      recipient,
      (await drain(recipient)).map((m) => JSON.parse(m.Body ?? '{}')),
    );
  }
  return items;
}

const findings: Finding[] = [];
const figures = { logLines: 0, consoleLines: 0, events: 0, messages: 0, deadLetters: 0, items: 0, responses: 0, traces: 0, fixtureIds: 0, fixtureNames: 0 };

beforeAll(async () => {
  // Debug logs too, and the metrics' EMF lines; read when the handlers are first loaded.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  dataDir = mkdtempSync(join(tmpdir(), 'lim-privacy-'));
  startCapture();
  const { startTestPlatform } = await import('../local-platform');
  const { LocalLambdas } = await import('../../infra/local/lambda-runtime');
  const { DepartmentClient } = await import('../../infra/local/department-client');
  // What a trace records of an invocation: its response and its error (captureResponse, addErrorAsMetadata).
  const invoke = LocalLambdas.prototype.invoke;
  LocalLambdas.prototype.invoke = async function (this: InstanceType<typeof LocalLambdas>, id, event) {
    try {
      const result = await invoke.call(this, id, event);
      captured.traces.push({ fn: id, text: JSON.stringify(result ?? null) });
      return result;
    } catch (error) {
      captured.traces.push({ fn: id, text: `${(error as Error).name}: ${(error as Error).message}\n${(error as Error).stack ?? ''}` });
      throw error;
    }
  };
  restore.push(() => (LocalLambdas.prototype.invoke = invoke));

  platform = await startTestPlatform({ dataDir });
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  for (const r of Object.keys(platform.queueUrls) as WarningRecipient[]) {
    const connection = {
      url: platform.url,
      region: platform.region,
      sqsEndpoint: platform.endpoints.sqs,
      queueUrl: platform.queueUrls[r],
      credential: platform.credentials[r],
    };
    clients.set(r, new DepartmentClient(r, connection));
    sqsClients.set(r, new SQSClient({ region: platform.region, endpoint: platform.endpoints.sqs, credentials: platform.credentials[r] }));
  }
}, 120_000);

afterAll(async () => {
  stopCapture();
  for (const c of clients.values()) c.close();
  for (const c of sqsClients.values()) c.destroy();
  await platform?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('privacy scan of an end-to-end run', () => {
  it('finds no identity number or fixture name in logs, events, messages, responses, traces or table items', async () => {
    // 1. Civil affairs puts households on the roll: the Yuelu fixture, and one household per sample person.
    const people = RECORD_TYPE_CODES.map((_, i) => samplePerson(i));
    const rolls = [
      rollEntry(),
      ...people.map((p, i) => ({
        type: 'low-income-roll-entry',
        recordId: `MZ-PRIV-${i}`,
        householdId: `430104-2026-9${String(i).padStart(5, '0')}`,
        district: '430104',
        category: i % 3 === 0 ? 'DIBAO_EDGE' : 'DIBAO',
        recognisedOn: '2026-02-01',
        area: 'urban',
        monthlyIncomeFen: 60_000,
        ...(i % 3 === 0 ? {} : { allowance: { programme: 'dibao-allowance', monthlyAmountFen: 75_000, startDate: '2026-03-01' } }),
        members: [{ ...p, relationship: 'head' }],
      })),
    ];
    expect((await submit('civil-affairs', 'privacy-roll-2026-11', rolls)).status).toBe(202);
    await platform.idle();

    // 2. Every record type from its owner, and the same record with a wrong check character (400).
    for (const [i, type] of RECORD_TYPE_CODES.entries()) {
      const owner = RECORD_TYPES[type].department;
      const person = people[i]!;
      const record = SAMPLE_RECORDS[type](person, 900 + i);
      const ok = await submit(owner, `privacy-${owner}-${i}-ok`, [record]);
      expect(ok.status, `${type}: ${ok.status}`).toBe(202);
      // A payment file's close is about no person: nothing to get wrong.
      if (!JSON.stringify(record).includes(person.identityNumber)) continue;
      const wrong = withWrongCheckCharacter(person.identityNumber);
      const bad = JSON.parse(JSON.stringify(record).replaceAll(person.identityNumber, wrong)) as Record<string, unknown>;
      const refused = await submit(owner, `privacy-${owner}-${i}-bad`, [bad]);
      expect(refused.status, type).toBe(400);
    }
    // Other bad input, one kind per department: a date that is not one, a missing field, a foreign type.
    const badFormat = {
      ...deathRecord(),
      identityNumber: `${yueluHousehold.grandmother.identityNumber.slice(0, 6)}19481332${yueluHousehold.grandmother.identityNumber.slice(14)}`,
    };
    detector.addIdentityNumber(badFormat.identityNumber);
    expect((await submit('health', 'privacy-health-bad-date', [badFormat])).status).toBe(400);
    expect((await submit('health', 'privacy-health-bad-empty', [{ ...deathRecord(), recordId: '' }])).status).toBe(400);
    expect((await submit('education', 'privacy-education-foreign', [deathRecord()])).status).toBe(403);
    await platform.idle();

    // 3. Health reports the death of the Yuelu grandmother: the warning goes to civil affairs.
    expect(
      (
        await submit('health', 'privacy-health-death-bad', [
          { ...deathRecord(), identityNumber: withWrongCheckCharacter(yueluHousehold.grandmother.identityNumber) },
        ])
      ).status,
    ).toBe(400);
    expect((await submit('health', 'privacy-health-death', [deathRecord()])).status).toBe(202);
    await platform.idle();

    // 4. Every queue is read; civil affairs answers the death warning, medical insurance a premium one.
    const first = await drainAll();
    const death = first.get('civil-affairs')!.find((w) => w.warning.indicator.id === 'IND-01' && w.warning.householdId === yueluHousehold.householdId);
    expect(death, 'IND-01 on the civil-affairs queue').toBeDefined();
    await call('civil-affairs', 'POST', `/departments/civil-affairs/warnings/${death!.warning.warningId}/acknowledgement`);
    const ended = await call('civil-affairs', 'POST', `/departments/civil-affairs/warnings/${death!.warning.warningId}/outcome`, {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      reason: 'household head died on 2026-11-20',
      handledBy: 'YL-MZ-0413',
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const premium = first.get('medical-insurance')!.find((w) => w.warning.indicator.id === 'IND-10');
    if (premium) {
      const answered = await call('medical-insurance', 'POST', `/departments/medical-insurance/warnings/${premium.warning.warningId}/outcome`, {
        outcome: 'enrolled',
        programme: 'premium-subsidy',
        amountFen: 20_000,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        reason: 'half the individual premium paid',
        handledBy: 'YB-YL-0031',
      });
      expect(answered.status).toBe(200);
    }
    await platform.idle();

    // 5. Person queries by duty (the number in the body), a stranger, and a wrong number (400).
    const query = { identityNumber: yueluHousehold.grandson.identityNumber, purpose: 'eligibility check for a case' };
    for (const d of ['civil-affairs', 'education', 'justice', 'health'] as const) expect((await call(d, 'POST', '/persons/query', query)).status).toBe(200);
    const stranger = { identityNumber: identityNumber('430102', '1990-01-01', 7), purpose: 'eligibility check for a case' };
    expect((await call('education', 'POST', '/persons/query', stranger)).status).toBe(200);
    expect((await call('education', 'POST', '/persons/query', { ...query, identityNumber: withWrongCheckCharacter(query.identityNumber) })).status).toBe(400);

    // 6. The chain and the lists, the statistics, the disclosure list and the audit trail.
    const month = cityDay(new Date()).slice(0, 7);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call('civil-affairs', 'GET', `/households/${yueluHousehold.householdId}/chain`)).status).toBe(200);
    expect((await call('civil-affairs', 'GET', `/households/430104-2026-900001/chain`)).status).toBe(200);
    expect((await call('county-coordination', 'GET', `/households/${yueluHousehold.householdId}/needs`)).status).toBe(200);
    expect((await call('supervision', 'GET', `/households/${yueluHousehold.householdId}/happiness`)).status).toBe(200);
    expect((await call('supervision', 'GET', `/statistics/${month}`)).status).toBe(200);
    expect((await call('health', 'GET', `/disclosure/${month}?district=430104`)).status).toBe(200);
    expect((await call('supervision', 'GET', `/audit/${today}`)).status).toBe(200);
    // The console's lists and every warning's page (预警详情), as each recipient and supervision read them.
    for (const [recipient, items] of first) {
      for (const status of ['open', 'answered']) expect((await call(recipient, 'GET', `/departments/${recipient}/warnings?status=${status}`)).status).toBe(200);
      for (const { warning } of items) {
        expect((await call(recipient, 'GET', `/departments/${recipient}/warnings/${warning.warningId}`)).status).toBe(200);
      }
    }
    expect((await call('supervision', 'GET', `/departments/supervision/warnings/${death!.warning.warningId}`)).status).toBe(200);
    expect((await call('supervision', 'GET', '/supervision/warnings/overdue')).status).toBe(200);

    // 7. The hourly sweep, then every queue once more, the dead-letter and failure queues.
    await platform.runSchedule('overdue-escalation-hourly');
    await platform.idle();
    await drainAll();
    const failures = await platform.sqs.peek(`${platform.prefix}-async-failures`);
    const deadLetters = (await Promise.all(Object.values(platform.deadLetterQueueUrls).map((u) => platform.sqs.peek(u.split('/').pop()!)))).flat();
    for (const m of [...failures, ...deadLetters]) captured.messages.push({ queue: 'dead-letter/failure', text: JSON.stringify(m) });
    figures.deadLetters = failures.length + deadLetters.length;

    const { logger } = await import('../../shared/observability');
    const logLevel = logger.getLevelName();
    stopCapture();

    // ---- the scan --------------------------------------------------------------------------
    figures.fixtureIds = detector.fixtureIdentityNumbers;
    figures.fixtureNames = detector.fixtureNames;
    for (const [i, line] of captured.logLines.entries()) findings.push(...detector.scan(`log line ${i + 1}`, line));
    for (const [i, line] of captured.consoleLines.entries()) findings.push(...detector.scan(`console line ${i + 1}`, line));
    for (const r of captured.responses) findings.push(...detector.scan(`response ${r.status} to ${r.what}`, r.text));
    for (const t of captured.traces) findings.push(...detector.scan(`trace of ${t.fn}`, t.text));
    for (const [i, m] of captured.messages.entries()) findings.push(...detector.scan(`queue ${m.queue} message ${i + 1}`, m.text));

    const archiveFile = join(dataDir, 'event-archive.jsonl');
    expect(existsSync(archiveFile), 'the bus archive was written').toBe(true);
    const events = readFileSync(archiveFile, 'utf8').split('\n').filter(Boolean);
    for (const line of events) {
      const e = JSON.parse(line) as { id: string; 'detail-type': string };
      findings.push(...detector.scan(`event ${e['detail-type']} ${e.id}`, line));
    }

    const endpoint = platform.endpoints.dynamodb;
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: platform.region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    );
    let items = 0;
    try {
      for (const table of [platform.tables.households, platform.tables.idempotency]) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
          for (const item of page.Items ?? []) {
            items += 1;
            const where = `${table} item ${String(item.PK ?? item.id)} / ${String(item.SK ?? '')}`;
            for (const k of ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'id']) {
              if (typeof item[k] === 'string') findings.push(...detector.scanKey(`${where} key ${k}`, item[k] as string));
            }
            findings.push(...detector.scan(`${where} attributes`, JSON.stringify(item)));
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }
    } finally {
      doc.destroy();
    }

    figures.logLines = captured.logLines.length;
    figures.consoleLines = captured.consoleLines.length;
    figures.events = events.length;
    figures.messages = captured.messages.length;
    figures.items = items;
    figures.responses = captured.responses.length;
    figures.traces = captured.traces.length;
    console.log(
      `privacy scan (log level ${logLevel}): ${figures.logLines} log lines, ${figures.consoleLines} console lines, ${figures.events} events, ${figures.messages} queue messages (${figures.deadLetters} dead-letter/failure), ` +
        `${figures.items} table items, ${figures.responses} responses, ${figures.traces} handler results/errors; ` +
        `${figures.fixtureIds} identity numbers and ${figures.fixtureNames} names sent; ${findings.length} finding(s)`,
    );

    // Control: the same detector finds every identity number and name the test sent in its own requests.
    const sent = captured.requests.flatMap((r, i) => detector.scan(`request ${i + 1}`, r));
    expect(new Set(sent.filter((f) => f.pattern === 'fixture-id').map((f) => f.excerpt)).size).toBeGreaterThan(0);
    expect(sent.filter((f) => f.pattern === 'fixture-name').length).toBeGreaterThanOrEqual(figures.fixtureNames);
    // The scan saw real traffic, with the handlers logging at debug level: logs at debug level, events, warnings pushed, items stored.
    expect(logLevel).toBe('DEBUG');
    expect(figures.logLines).toBeGreaterThan(50);
    expect(figures.events).toBeGreaterThan(RECORD_TYPE_CODES.length);
    expect(figures.messages).toBeGreaterThan(5);
    expect(figures.items).toBeGreaterThan(100);
    expect(figures.responses).toBeGreaterThan(2 * RECORD_TYPE_CODES.length);

    expect(findings, `personal data found:\n${describeFindings(findings)}`).toEqual([]);
  });
});
