import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { householdsTableDefinition } from '../../infra/local/tables';
import { DynamoHouseholdRegister } from '../../shared/adapters/dynamodb/household-register';
import { DynamoWarningStore } from '../../shared/adapters/dynamodb/warning-store';
import { DynamoSubmissionStore } from '../../shared/adapters/dynamodb/submission-store';
import type { Warning } from '../../shared/domain/warning';
import type { Household } from '../../shared/ports/household-register';

/** The DynamoDB adapters against DynamoDB Local: conditions, transactions and GSI1 for real. */
let ddb: DynamoDbLocal;
let db: DynamoDBDocumentClient;
const table = 'it-households';

beforeAll(async () => {
  ddb = await startDynamoDbLocal({});
  await createTables(ddb.endpoint, [householdsTableDefinition(table)]);
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: ddb.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
});
afterAll(async () => {
  db?.destroy();
  await ddb?.stop();
});

const household = (over: Partial<Household> = {}): Household => ({
  householdId: '430111-2025-000042',
  district: '430111',
  category: 'TEKUN',
  recognisedOn: '2025-12-20',
  members: [{ personRef: `p_${'a'.repeat(43)}`, maskedIdentityNumber: '430111***********7', relationship: 'head' }],
  allowances: [{ programme: 'tekun-support', monthlyAmountFen: 98_000, startDate: '2026-01-01', status: 'active' }],
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...over,
});
const entry = (at: string, entryId: string) => ({
  householdId: '430111-2025-000042',
  at,
  entryId,
  kind: 'roll-entry' as const,
  actor: 'civil-affairs',
  summary: 'recognised as TEKUN',
  refs: {},
});

describe('DynamoHouseholdRegister', () => {
  it('puts a household on the roll and finds its member by person reference', async () => {
    const register = new DynamoHouseholdRegister(db, table);
    await register.putOnRoll(household(), entry('2026-01-02T00:00:00.000Z', 'S1:0'));
    const found = await register.membershipsOf([`p_${'a'.repeat(43)}`, `p_${'b'.repeat(43)}`]);
    expect([...found.values()]).toEqual([
      expect.objectContaining({ householdId: '430111-2025-000042', category: 'TEKUN', district: '430111', activeProgrammes: ['tekun-support'] }),
    ]);
  });

  it('ignores a replayed older roll entry, and drops members who left with a newer one', async () => {
    const register = new DynamoHouseholdRegister(db, table);
    const newer = household({
      updatedAt: '2026-03-01T00:00:00.000Z',
      members: [{ personRef: `p_${'c'.repeat(43)}`, maskedIdentityNumber: '430111***********1', relationship: 'head' }],
    });
    await register.putOnRoll(newer, entry('2026-03-01T00:00:00.000Z', 'S2:0'));
    await register.putOnRoll(household(), entry('2026-01-02T00:00:00.000Z', 'S1:0')); // late replay
    const stored = await register.household('430111-2025-000042');
    expect(stored?.members.map((m) => m.personRef)).toEqual([`p_${'c'.repeat(43)}`]);
    expect((await register.membershipsOf([`p_${'a'.repeat(43)}`])).size).toBe(0);
    expect((await register.chain('430111-2025-000042')).map((e) => e.entryId)).toEqual(['S1:0', 'S2:0']);
  });
});

const warning: Warning = {
  warningId: 'WTEST000000000000000000001',
  householdId: '430111-2025-000042',
  district: '430111',
  subjects: [`p_${'c'.repeat(43)}`],
  action: 'end or adjust the household allowance',
  explanation: 'test',
  evidence: [{ recordId: 'S9:0', recordType: 'death-record', department: 'health', facts: {} }],
  indicator: { id: 'IND-01', version: 1, title: 'recipient died', parameters: { 'warning.deadlineDays.IND-01': 10 } },
  recipients: ['civil-affairs'],
  status: 'raised',
  raisedAt: '2026-11-21T02:00:00.000Z',
  dueBy: '2026-12-01T02:00:00.000Z',
};

describe('DynamoWarningStore', () => {
  it('raises a warning once, lists it under its household, and records pushes', async () => {
    const store = new DynamoWarningStore(db, table);
    expect(await store.raise(warning, [])).toBe('raised');
    expect(await store.raise(warning, [])).toBe('exists');
    await store.markPushed(warning.warningId, ['civil-affairs'], []);
    await store.markPushed(warning.warningId, ['civil-affairs'], []);
    const stored = await store.get(warning.warningId);
    expect(stored).toMatchObject({ status: 'pushed', pushedTo: ['civil-affairs'] });
    expect((await store.listByHousehold(warning.householdId)).map((w) => w.warningId)).toContain(warning.warningId);
  });

  it('resolves with the allowance change in one transaction, and only once', async () => {
    const store = new DynamoWarningStore(db, table);
    const register = new DynamoHouseholdRegister(db, table);
    const outcome = {
      outcome: 'assistance-ended' as const,
      exitReason: 'died' as const,
      programme: 'tekun-support' as const,
      endedOn: '2026-11-30',
      reason: 'died',
      handledBy: 'YH-MZ-0001',
      department: 'civil-affairs',
      resolvedAt: '2026-11-22T00:00:00.000Z',
      outcomeHash: 'h',
    };
    const change = { householdId: warning.householdId, programme: 'tekun-support', change: { status: 'ended' as const, endedOn: '2026-11-30' } };
    expect(await store.resolve(warning.warningId, outcome, 'resolved', change, [])).toBe('resolved');
    expect(await store.resolve(warning.warningId, outcome, 'resolved', change, [])).toBe('conflict');
    expect((await store.get(warning.warningId))?.outcomes['civil-affairs']).toMatchObject({ outcome: 'assistance-ended' });
    const h = await register.household(warning.householdId);
    expect(h?.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-11-30' });
    expect((await register.membershipsOf([`p_${'c'.repeat(43)}`])).get(`p_${'c'.repeat(43)}`)?.activeProgrammes).toEqual([]);
  });
});

describe('DynamoSubmissionStore', () => {
  it('commits a submission once and reads its records back in order', async () => {
    const store = new DynamoSubmissionStore(db, table);
    const header = { submissionId: 'SIT1', department: 'health', batchId: 'b-00000001', payloadHash: 'h', recordCount: 60, acceptedAt: '2026-11-21T02:00:00.000Z' };
    const records = Array.from({ length: 60 }, (_, index) => ({ index, departmentRecordId: `R${index}`, recordType: 'death-record', subjects: [], record: { n: index } }));
    expect(await store.save(header, records)).toBe('saved');
    expect(await store.save(header, records)).toBe('exists');
    expect((await store.records('SIT1')).map((r) => r.index)).toEqual(records.map((r) => r.index));
  });
});

describe('policy and assessments against DynamoDB Local (the audit trail: audit-trail.test.ts)', () => {
  it('keeps the policy version moving by one, refusing a change made against an old version', async () => {
    const { DynamoPolicyStore } = await import('../../shared/adapters/dynamodb/policy-store');
    const store = new DynamoPolicyStore(db, table);
    const row = { name: 'dibao.standardMonthlyFen', value: 95_000, district: '*' as const, effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', source: 's' };
    const entry = (version: number) => ({ version, changedAt: '2026-11-29T09:00:00.000Z', changedBy: 'arn', department: 'civil-affairs', reason: 'r', diffs: [{ name: row.name, district: '*', effectiveFrom: row.effectiveFrom, old: null, new: { ...row, value: 94_000 + version } }] });
    expect(await store.commit(0, entry(1))).toBe(true);
    expect(await store.commit(0, entry(1))).toBe(false);
    expect(await store.commit(1, entry(2))).toBe(true);
    const loaded = await store.load();
    expect([loaded.version, loaded.rows.map((r) => r.value)]).toEqual([2, [94_002]]);
    expect((await store.changes()).map((c) => c.version)).toEqual([1, 2]);
  });

  it('keeps the latest assessment of a household, whatever order investigations arrive in', async () => {
    const { DynamoAssessmentStore } = await import('../../shared/adapters/dynamodb/assessment-store');
    const store = new DynamoAssessmentStore(db, table);
    const assessment = (on: string, category: 'DIBAO' | 'DIBAO_EDGE') => ({
      householdId: '430111-2025-000077',
      district: '430111' as const,
      recordId: `rec-${on}`,
      investigation: { district: '430111' as const, investigatedOn: on, members: [{ personRef: `p_${'d'.repeat(43)}`, age: 40, capacityToWork: 'full' as const, monthlyIncomeFen: 1 }], assetsFen: 0, necessarySpendingFen: 0, periodMonths: 6, ableLegalSupporter: false },
      category,
      policyVersion: 0,
      decidedAt: `${on}T10:00:00.000Z`,
    });
    expect(await store.save(assessment('2026-06-01', 'DIBAO_EDGE'))).toBe(true);
    expect(await store.save(assessment('2026-03-01', 'DIBAO'))).toBe(false);
    const all = (await store.all()).filter((a) => a.householdId === '430111-2025-000077');
    expect(all.map((a) => [a.investigation.investigatedOn, a.category])).toEqual([['2026-06-01', 'DIBAO_EDGE']]);
  });
});

describe('gradual exits on GSI2 (EXIT#district)', () => {
  it('lists an allowance after its last paid day only while it is still paid, however it ended', async () => {
    const register = new DynamoHouseholdRegister(db, table);
    const store = new DynamoWarningStore(db, table);
    const hh = (id: string) => household({ householdId: id, district: '430104', members: [{ personRef: `p_${id.slice(-4).padStart(43, 'e')}`, maskedIdentityNumber: '430104***********5', relationship: 'head' }], allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 60_000, startDate: '2026-01-01', status: 'active' }] });
    const step = (id: string, kind: 'roll-entry' | 'gradual-exit', at: string) => ({ householdId: id, at, entryId: `${kind}-${id}`, kind, actor: 'civil-affairs', summary: kind, refs: {} });
    for (const id of ['430104-2026-000601', '430104-2026-000602']) {
      await register.putOnRoll(hh(id), step(id, 'roll-entry', '2026-01-02T00:00:00.000Z'));
      expect(await register.scheduleGradualExit(id, '430104', 'dibao-allowance', '2026-09-30', step(id, 'gradual-exit', '2026-03-10T00:00:00.000Z'))).toBe(true);
      expect(await register.scheduleGradualExit(id, '430104', 'dibao-allowance', '2026-09-30', step(id, 'gradual-exit', '2026-03-10T00:00:00.000Z'))).toBe(false);
    }
    // A newer roll entry restating the household (a yearly re-roll) keeps the exit under way.
    await register.putOnRoll({ ...hh('430104-2026-000601'), updatedAt: '2026-05-01T00:00:00.000Z' }, step('430104-2026-000601', 'roll-entry', '2026-05-01T00:00:00.000Z'));
    expect((await register.household('430104-2026-000601'))?.allowances[0]).toMatchObject({ status: 'active', gradualExitUntil: '2026-09-30' });
    expect(await register.gradualExitsDue('430104', '2026-09-30')).toEqual([]);
    expect((await register.gradualExitsDue('430104', '2026-10-01')).map((d) => d.householdId).sort()).toEqual(['430104-2026-000601', '430104-2026-000602']);
    // One ends by the sweep, the other by a department's answer (a death): neither is due again.
    expect(await register.endAllowance('430104-2026-000601', 'dibao-allowance', '2026-09-30', step('430104-2026-000601', 'gradual-exit', '2026-10-01T01:00:00.000Z'))).toBe(true);
    const w = { ...warning, warningId: 'W000000000000000000000602', householdId: '430104-2026-000602', district: '430104' as const };
    await store.raise(w, []);
    const died = { outcome: 'assistance-ended' as const, exitReason: 'died' as const, programme: 'dibao-allowance' as const, endedOn: '2026-08-31', reason: 'died', handledBy: 'YL-MZ-0001', department: 'civil-affairs', resolvedAt: '2026-08-20T00:00:00.000Z', outcomeHash: 'h' };
    expect(await store.resolve(w.warningId, died, 'resolved', { householdId: w.householdId, programme: 'dibao-allowance', change: { status: 'ended', endedOn: '2026-08-31' } }, [])).toBe('resolved');
    expect(await register.gradualExitsDue('430104', '2026-10-01')).toEqual([]);
    // Restating an ended allowance does not pay it again; a new start date is a new allowance.
    await register.putOnRoll({ ...hh('430104-2026-000601'), updatedAt: '2026-10-02T00:00:00.000Z' }, step('430104-2026-000601', 'roll-entry', '2026-10-02T00:00:00.000Z'));
    expect((await register.household('430104-2026-000601'))?.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-09-30' });
    const restarted = hh('430104-2026-000601');
    restarted.allowances = [{ programme: 'dibao-allowance', monthlyAmountFen: 62_000, startDate: '2026-12-01', status: 'active' }];
    await register.putOnRoll({ ...restarted, updatedAt: '2026-11-20T00:00:00.000Z' }, step('430104-2026-000601', 'roll-entry', '2026-11-20T00:00:00.000Z'));
    expect((await register.household('430104-2026-000601'))?.allowances[0]).toMatchObject({ status: 'active', startDate: '2026-12-01' });
  });
});
