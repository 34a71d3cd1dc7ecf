import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { householdsTableDefinition } from '../../infra/local/tables';
import { DynamoDisclosureStore } from '../../shared/adapters/dynamodb/disclosure-store';
import { Table } from '../../shared/adapters/dynamodb/table';
import type { DisclosureLine } from '../../shared/domain/disclosure';
import { disclosureLine } from '../../shared/table/entities/disclosure';
import { freshTables } from '../local-platform';

/** 纠错 a grant's disclosure line withdrawn by a correction stays withdrawn when the answer is replayed (DynamoDB Local). */
let tables: Awaited<ReturnType<typeof freshTables<'households'>>>;
let db: DynamoDBDocumentClient;
let table: Table;

beforeAll(async () => {
  tables = await freshTables({ households: householdsTableDefinition });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: tables.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  table = new Table(db, tables.names.households);
});
afterAll(async () => {
  db?.destroy();
  await tables?.drop();
});

const WARNING = 'W-20261014-430104-INCOME-7f3a';
const grant = (sourceId: string, amountFen: number): DisclosureLine => ({
  month: '2026-10',
  district: '430104',
  kind: 'grant',
  sourceId,
  maskedHeadIdentityNumber: '430104********0027',
  members: 3,
  category: 'DIBAO',
  programme: 'medical-assistance',
  department: 'medical-insurance',
  amountFen,
  periodStart: '2026-10-01',
  periodEnd: '2026-10-31',
});

describe('DynamoDisclosureStore', () => {
  it('keeps a withdrawn line withdrawn when the grant is put again, and still posts and rewrites the others', async () => {
    const store = new DynamoDisclosureStore(table);
    const corrected = grant(`${WARNING}:medical-insurance`, 320_000);
    const other = grant(`${WARNING}:civil-affairs`, 80_000);
    await store.put([corrected, other]);
    expect(await store.withdraw(corrected, { correctionId: `${WARNING}:correction:medical-insurance:1`, at: '2026-10-20T02:00:00.000Z' })).toBe(true);

    // The original enrolled answer resent: disclose puts both lines again, the other one with a new amount.
    await store.put([corrected, { ...other, amountFen: 90_000 }]);

    expect(await store.month('2026-10', '430104')).toEqual([{ ...other, amountFen: 90_000 }]);
    const kept = await table.get(disclosureLine.key(corrected));
    expect(kept).toMatchObject({ withdrawnAt: '2026-10-20T02:00:00.000Z', withdrawnBy: `${WARNING}:correction:medical-insurance:1`, amountFen: 320_000 });
  });

  it('withdraws nothing that was never posted', async () => {
    const store = new DynamoDisclosureStore(table);
    expect(await store.withdraw(grant(`${WARNING}:justice`, 50_000), { correctionId: 'c', at: '2026-10-20T02:00:00.000Z' })).toBe(false);
    expect(await store.month('2026-10', '430105')).toEqual([]);
  });
});
