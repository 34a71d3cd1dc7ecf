import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { householdsTableDefinition } from '../../infra/local/tables';
import { DynamoHouseholdRegister } from '../../shared/adapters/dynamodb/household-register';
import { DynamoWarningStore } from '../../shared/adapters/dynamodb/warning-store';
import { DynamoSubmissionStore, SUBMISSION_RETENTION_SECONDS } from '../../shared/adapters/dynamodb/submission-store';
import { submissionHeader } from '../../shared/table/entities/submission';
import { TABLE_KEYS } from '../../shared/table/keys';
import { Table } from '../../shared/adapters/dynamodb/table';
import { DynamoPolicyStore } from '../../shared/adapters/dynamodb/policy-store';
import { DynamoAssessmentStore } from '../../shared/adapters/dynamodb/assessment-store';
import { DynamoWhatIfJobs } from '../../shared/adapters/dynamodb/what-if-jobs';
import { portContracts } from '../contract/ports';
import { freshTables } from '../local-platform';

/** The DynamoDB adapters against DynamoDB Local: conditions, transactions and GSI1 for real. */
let tables: Awaited<ReturnType<typeof freshTables<'households'>>>;
let db: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  tables = await freshTables({ households: householdsTableDefinition });
  table = tables.names.households;
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: tables.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
});
afterAll(async () => {
  db?.destroy();
  await tables?.drop();
});

describe('Table.transactGroups', () => {
  it("packs groups into transactions, writes the others when one group's condition fails, and keeps the order of groups on one item", async () => {
    const t = new Table(db, table);
    const put = (pk: string, value: number, condition?: string) => ({
      Put: { Item: { PK: pk, SK: 'X', entity: 'Test', value }, ...(condition ? { ConditionExpression: condition } : {}) },
    });
    await t.batchWrite([{ PK: 'TEST#taken', SK: 'X', entity: 'Test', value: 0 }]);
    const groups = [
      ...Array.from({ length: 60 }, (_, i) => [put(`TEST#a${i}`, i), put(`TEST#b${i}`, i)]),
      [put('TEST#taken', 1, 'attribute_not_exists(PK)')],
      [put('TEST#same', 1)],
      [put('TEST#same', 2)],
    ];
    const outcomes = await t.transactGroups(groups);
    expect(outcomes.filter((o) => o === 'condition-failed')).toHaveLength(1);
    expect(outcomes[60]).toBe('condition-failed');
    const read = await t.batchGetMap([
      { PK: 'TEST#a59', SK: 'X' },
      { PK: 'TEST#b0', SK: 'X' },
      { PK: 'TEST#taken', SK: 'X' },
      { PK: 'TEST#same', SK: 'X' },
    ]);
    expect([...read.values()].map((i) => [i.PK, i.value]).sort()).toEqual([
      ['TEST#a59', 59],
      ['TEST#b0', 0],
      ['TEST#same', 2],
      ['TEST#taken', 0],
    ]);
  });
});

describe('DynamoStatisticsStore', () => {
  it('counts a group of events once, and on a replay with new events only the new ones', async () => {
    const { DynamoStatisticsStore } = await import('../../shared/adapters/dynamodb/statistics-store');
    const store = new DynamoStatisticsStore(new Table(db, table));
    const event = (n: number) => ({
      eventKey: `raised:W${n}`,
      month: '2026-11',
      increments: [
        { dimension: 'ALL', add: { raised: 1 } },
        { dimension: `IND#IND-0${n % 3}`, add: { raised: 1 } },
      ],
    });
    const group = Array.from({ length: 120 }, (_, n) => event(n));
    expect(await store.count(group)).toHaveLength(120);
    expect(await store.count(group)).toHaveLength(0);
    expect((await store.count([...group.slice(0, 10), event(500)])).sort()).toEqual(['raised:W500']);
    const all = (await store.month('2026-11')).find((r) => r.dimension === 'ALL');
    expect(all?.values.raised).toBe(121);
  });
});

describe('DynamoSubmissionStore', () => {
  it('keeps a submission header with an expiry', async () => {
    const store = new DynamoSubmissionStore(new Table(db, table));
    const header = {
      submissionId: 'SIT2',
      department: 'health',
      batchId: 'b-00000002',
      payloadHash: 'h',
      recordCount: 60,
      acceptedAt: '2026-11-21T02:00:00.000Z',
    };
    expect(await store.save(header)).toBe('saved');
    const raw = await new Table(db, table).get(submissionHeader.key('SIT2'));
    expect(Number(raw?.[TABLE_KEYS.ttlAttribute]) - Date.parse(header.acceptedAt) / 1000).toBe(SUBMISSION_RETENTION_SECONDS);
  });

  it('records each group evaluated once, in one call per group however large, and reads the status in one Query of the partition', async () => {
    const calls: string[] = [];
    const send = (command: { constructor: { name: string } }) => {
      calls.push(command.constructor.name);
      return db.send(command as never);
    };
    const counted = new Proxy(db, { get: (target, prop, receiver) => (prop === 'send' ? send : Reflect.get(target, prop, receiver)) });
    const store = new DynamoSubmissionStore(new Table(counted, table));
    const submissionId = `S${'B'.repeat(26)}`;
    const acceptedAt = '2026-11-21T02:00:00.000Z';
    const records = Array.from({ length: 500 }, (_, i) => ({ recordType: 'death-record', departmentRecordId: `WJ-SW-2026-${String(100000 + i)}` }));
    await store.save({
      submissionId,
      department: 'health',
      batchId: 'health-deaths-2026-11-21-500',
      payloadHash: '1:ab',
      recordCount: 500,
      acceptedAt,
      records,
    });

    const indexes = Array.from({ length: 500 }, (_, i) => i);
    const small = {
      submissionId,
      groupId: `${submissionId}:death-record:0`,
      evaluator: 'warning-evaluation' as const,
      recordType: 'death-record',
      acceptedAt,
      indexes,
      warnings: [{ warningId: `W${'C'.repeat(24)}`, indicatorId: 'IND-01', recipients: ['civil-affairs'], indexes: [0, 7] }],
    };
    calls.length = 0;
    expect(await store.recordEvaluated(small)).toBe('recorded');
    expect(calls).toEqual(['PutCommand']);
    // Delivered again, with whatever it found the second time: nothing new is written.
    expect(await store.recordEvaluated({ ...small, warnings: [] })).toBe('recorded-before');

    // A group whose warnings pass one item's 400 KB goes in parts, all in one transaction.
    const many = Array.from({ length: 9000 }, (_, i) => ({
      warningId: `W${i.toString(16).toUpperCase().padStart(24, '0')}`,
      indicatorId: 'IND-19',
      recipients: ['civil-affairs', 'county-coordination'],
      indexes: [i % 500, (i * 7) % 500],
    }));
    const large = { ...small, groupId: `${submissionId}:death-record:1`, evaluator: 'register-update' as const, warnings: many };
    calls.length = 0;
    expect(await store.recordEvaluated(large)).toBe('recorded');
    expect(calls).toEqual(['TransactWriteCommand']);
    expect(await store.recordEvaluated(large)).toBe('recorded-before');

    calls.length = 0;
    const { header, evaluations } = await store.progressOf(submissionId);
    // Over 1 MB in the partition: one Query, its pages followed.
    expect(calls.every((c) => c === 'QueryCommand')).toBe(true);
    expect(calls.length).toBeGreaterThan(1);
    expect(header).toMatchObject({ recordCount: 500, records: records });
    const byEvaluator = Object.fromEntries(evaluations.map((e) => [e.evaluator, e]));
    expect(byEvaluator['warning-evaluation']).toEqual(small);
    expect(byEvaluator['register-update']).toEqual(large);
    // The evaluations expire with the header.
    const items = await new Table(db, table).query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `SUB#${submissionId}` } });
    expect(new Set(items.map((i) => i[TABLE_KEYS.ttlAttribute]))).toEqual(new Set([Date.parse(acceptedAt) / 1000 + SUBMISSION_RETENTION_SECONDS]));
    expect(await store.progressOf(`S${'D'.repeat(26)}`)).toEqual({ evaluations: [] });
  });
});

describe('the ports’ contracts, on DynamoDB Local (test/contract/ports.ts; the audit trail: audit-trail.test.ts)', () => {
  portContracts(() => {
    const t = new Table(db, table);
    return {
      register: new DynamoHouseholdRegister(t),
      warnings: new DynamoWarningStore(t),
      submissions: new DynamoSubmissionStore(t),
      policy: new DynamoPolicyStore(t),
      assessments: new DynamoAssessmentStore(t),
      whatIfJobs: new DynamoWhatIfJobs(t),
    };
  });
});
