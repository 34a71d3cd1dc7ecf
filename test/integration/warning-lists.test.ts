import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { householdsTableDefinition } from '../../infra/local/tables';
import { DynamoWarningLists } from '../../shared/adapters/dynamodb/warning-lists';
import { DynamoWarningStore } from '../../shared/adapters/dynamodb/warning-store';
import { Table } from '../../shared/adapters/dynamodb/table';
import type { WarningRecipient } from '../../shared/domain/departments';
import type { DistrictCode } from '../../shared/domain/districts';
import { addDays, type Warning, warningIdFor } from '../../shared/domain/warning';
import { ForeignPageToken } from '../../shared/ports/warning-lists';
import { freshTables } from '../local-platform';

/** The console's lists (access patterns 31 and 32) on DynamoDB Local: GSI3 and GSI2 queried for real. */
let tables: Awaited<ReturnType<typeof freshTables<'households'>>>;
let db: DynamoDBDocumentClient;
let store: DynamoWarningStore;
let lists: DynamoWarningLists;

beforeAll(async () => {
  tables = await freshTables({ households: householdsTableDefinition });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: tables.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const table = new Table(db, tables.names.households);
  store = new DynamoWarningStore(table);
  lists = new DynamoWarningLists(table);
});
afterAll(async () => {
  db?.destroy();
  await tables?.drop();
});

const NOW = '2026-12-05T00:00:00.000Z';

/** A warning of one household, raised on a day in November, due `days` later. */
function warningOf(n: number, opts: { district: DistrictCode; day: number; days: number; indicator?: string; recipients?: WarningRecipient[] }): Warning {
  const householdId = `${opts.district}-2025-${String(100 + n).padStart(6, '0')}`;
  const indicator = opts.indicator ?? 'IND-01';
  const raisedAt = `2026-11-${String(opts.day).padStart(2, '0')}T02:00:00.000Z`;
  return {
    warningId: warningIdFor(indicator, householdId, `p1_${String(n).padStart(43, 'k')}`),
    householdId,
    district: opts.district,
    subjects: [`p1_${String(n).padStart(43, 'k')}`],
    action: 'end or adjust the household allowance',
    explanation: 'Health registered the death of a DIBAO household member.',
    evidence: [{ recordId: `WJ-SW-2026-1042${n}`, recordType: 'death-record', department: 'health', facts: { dateOfDeath: '2026-11-20' } }],
    indicator: {
      id: indicator,
      version: 1,
      title: 'recipient died: end or adjust assistance',
      parameters: { [`warning.deadlineDays.${indicator}`]: opts.days },
    },
    recipients: opts.recipients ?? ['civil-affairs'],
    status: 'raised',
    raisedAt,
    dueBy: addDays(raisedAt, opts.days),
  };
}

// Yuelu (430104): three for civil affairs, one of them shared with education; Kaifu (430105): one.
const w1 = warningOf(1, { district: '430104', day: 10, days: 10 }); // due 11-20: overdue
const w2 = warningOf(2, { district: '430104', day: 12, days: 10, recipients: ['civil-affairs', 'education'], indicator: 'IND-06' }); // due 11-22: overdue
const w3 = warningOf(3, { district: '430104', day: 30, days: 10 }); // due 12-10: not yet
const w4 = warningOf(4, { district: '430105', day: 11, days: 10, recipients: ['education'], indicator: 'IND-06' }); // due 11-21: overdue

describe('DynamoWarningLists', () => {
  it('lists a recipient’s open warnings newest first, a page at a time, and nothing of another’s', async () => {
    expect(
      await store.write(
        [w1, w2, w3, w4].map((warning) => ({ kind: 'raise' as const, warning, entries: [] })),
        'G1',
      ),
    ).toEqual(['done', 'done', 'done', 'done']);
    const first = await lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 2 });
    expect(first.items.map((e) => e.warningId)).toEqual([w3.warningId, w2.warningId]);
    expect(first.next).toBeDefined();
    const second = await lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 2, after: first.next! });
    expect(second.items.map((e) => e.warningId)).toEqual([w1.warningId]);
    expect(second.next).toBeUndefined();
    expect(first.items[1]).toMatchObject({ householdId: w2.householdId, district: '430104', indicatorId: 'IND-06', dueBy: w2.dueBy, state: 'open' });

    const education = await lists.inbox({ recipient: 'education', state: 'open', limit: 25 });
    expect(education.items.map((e) => e.warningId)).toEqual([w2.warningId, w4.warningId]);
    expect((await lists.inbox({ recipient: 'health', state: 'open', limit: 25 })).items).toEqual([]);
    // Filters: one district, one indicator, past due.
    expect((await lists.inbox({ recipient: 'education', state: 'open', district: '430105', limit: 25 })).items.map((e) => e.warningId)).toEqual([w4.warningId]);
    expect((await lists.inbox({ recipient: 'civil-affairs', state: 'open', indicator: 'IND-01', limit: 25 })).items.map((e) => e.warningId)).toEqual([
      w3.warningId,
      w1.warningId,
    ]);
    expect((await lists.inbox({ recipient: 'civil-affairs', state: 'open', dueBefore: NOW, limit: 25 })).items.map((e) => e.warningId)).toEqual([
      w2.warningId,
      w1.warningId,
    ]);
  });

  it('refuses another list’s token: civil affairs’ page token cannot page education’s list, nor open another state', async () => {
    const civil = await lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 1 });
    await expect(lists.inbox({ recipient: 'education', state: 'open', limit: 1, after: civil.next! })).rejects.toBeInstanceOf(ForeignPageToken);
    await expect(lists.inbox({ recipient: 'civil-affairs', state: 'answered', limit: 1, after: civil.next! })).rejects.toBeInstanceOf(ForeignPageToken);
    // A token made up to name education's partition, handed to civil affairs' list.
    const forged = Buffer.from(
      JSON.stringify({ key: { PK: `WARNING#${w4.warningId}`, SK: 'INBOX#education', GSI3PK: 'INBOX#education#open', GSI3SK: 'x' } }),
    ).toString('base64url');
    await expect(lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 1, after: forged })).rejects.toBeInstanceOf(ForeignPageToken);
    await expect(lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 1, after: 'not-a-token' })).rejects.toBeInstanceOf(ForeignPageToken);
  });

  it('lists open warnings past due district by district, earliest due first, a page at a time', async () => {
    const districts = ['430102', '430104', '430105'] as const;
    const first = await lists.overdue({ districts, now: NOW, limit: 2 });
    expect(first.items.map((w) => [w.district, w.warningId])).toEqual([
      ['430104', w1.warningId],
      ['430104', w2.warningId],
    ]);
    expect(first.next).toBeDefined();
    const second = await lists.overdue({ districts, now: NOW, limit: 2, after: first.next! });
    expect(second.items.map((w) => [w.district, w.warningId])).toEqual([['430105', w4.warningId]]);
    expect(second.next).toBeUndefined();
    // Routed to education only; a token of the inbox is not one of this list's.
    expect((await lists.overdue({ districts, now: NOW, recipient: 'education', limit: 25 })).items.map((w) => w.warningId)).toEqual([
      w2.warningId,
      w4.warningId,
    ]);
    const inboxToken = (await lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 1 })).next!;
    await expect(lists.overdue({ districts, now: NOW, limit: 2, after: inboxToken })).rejects.toBeInstanceOf(ForeignPageToken);
  });

  it('moves an answered warning from the recipient’s open list to its answered list, and out of the overdue list once resolved', async () => {
    const warning = (await store.get(w1.warningId))!;
    const outcome = {
      outcome: 'no-action-needed' as const,
      reason: '已核实，无需处置 / checked, nothing to do',
      handledBy: 'MZ-YL-0107',
      department: 'civil-affairs',
      resolvedAt: '2026-11-22T01:30:00.000Z',
      outcomeHash: 'h1',
    };
    expect(await store.answer({ warning, outcome, status: 'resolved', entries: [] })).toBe('answered');
    expect((await lists.inbox({ recipient: 'civil-affairs', state: 'open', limit: 25 })).items.map((e) => e.warningId)).toEqual([w3.warningId, w2.warningId]);
    const answered = await lists.inbox({ recipient: 'civil-affairs', state: 'answered', limit: 25 });
    expect(answered.items).toEqual([expect.objectContaining({ warningId: w1.warningId, state: 'answered', answeredAt: '2026-11-22T01:30:00.000Z' })]);
    const overdue = await lists.overdue({ districts: ['430104', '430105'], now: NOW, limit: 25 });
    expect(overdue.items.map((w) => w.warningId)).toEqual([w2.warningId, w4.warningId]);
  });
});
