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
