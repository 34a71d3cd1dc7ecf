import { beforeAll, describe, expect, it } from 'vitest';
import type { Household } from '../../shared/domain/household';
import { newWhatIfJob, WHAT_IF_JOB_RULES } from '../../shared/domain/policy/what-if-job';
import type { Warning } from '../../shared/domain/warning';
import type { AssessmentStore } from '../../shared/ports/assessment-store';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { PolicyStore } from '../../shared/ports/policy-store';
import type { SubmissionStore } from '../../shared/ports/submission-store';
import type { WarningStore } from '../../shared/ports/warning-store';
import type { WhatIfJobStore } from '../../shared/ports/what-if-jobs';

/**
 * What a port promises, whoever keeps it: each suite runs against the in-memory fake the use-case
 * tests lean on (ports.test.ts) and against the DynamoDB adapter on DynamoDB Local
 * (test/integration/dynamo-adapters.test.ts), so a fake that drifts from the adapter fails here.
 * Only ports with both. A suite makes its stores once and its tests build on each other, in order.
 */
export interface PortsUnderTest {
  /** The warning store answers into this register's households. */
  register: HouseholdRegister;
  warnings: WarningStore;
  submissions: SubmissionStore;
  policy: PolicyStore;
  assessments: AssessmentStore;
  whatIfJobs: WhatIfJobStore;
}

export function portContracts(make: () => PortsUnderTest | Promise<PortsUnderTest>) {
  let ports: PortsUnderTest;
  beforeAll(async () => {
    ports = await make();
  });
  registerAndWarnings(() => ports);
  submissions(() => ports.submissions);
  policy(() => ports.policy);
  assessments(() => ports.assessments);
  whatIfJobs(() => ports.whatIfJobs);
}

const household = (over: Partial<Household> = {}): Household => ({
  householdId: '430111-2025-000042',
  district: '430111',
  category: 'TEKUN',
  recognisedOn: '2025-12-20',
  members: [{ personRef: `p1_${'a'.repeat(43)}`, maskedIdentityNumber: '430111***********7', relationship: 'head' }],
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
const roll = (h: Household, entryId = `S-${h.updatedAt}`) => ({ household: h, entry: { ...entry(h.updatedAt, entryId), householdId: h.householdId } });

const warning: Warning = {
  warningId: 'WTEST000000000000000000001',
  householdId: '430111-2025-000042',
  district: '430111',
  subjects: [`p1_${'c'.repeat(43)}`],
  action: 'end or adjust the household allowance',
  explanation: 'test',
  evidence: [{ recordId: 'S9:0', recordType: 'death-record', department: 'health', facts: {} }],
  indicator: { id: 'IND-01', version: 1, title: 'recipient died', parameters: { 'warning.deadlineDays.IND-01': 10 } },
  recipients: ['civil-affairs'],
  status: 'raised',
  raisedAt: '2026-11-21T02:00:00.000Z',
  dueBy: '2026-12-01T02:00:00.000Z',
};

/** The register and the warning store together: an answer changes the household it is about. */
function registerAndWarnings(ports: () => Pick<PortsUnderTest, 'register' | 'warnings'>) {
  describe('HouseholdRegister', () => {
    it('puts households on the roll as a group and finds their members by person reference', async () => {
      const { register } = ports();
      const other = household({
        householdId: '430111-2025-000043',
        members: [{ personRef: `p1_${'f'.repeat(43)}`, maskedIdentityNumber: '430111***********3', relationship: 'head' }],
      });
      const held = await register.putOnRoll([roll(household(), 'S1:0'), roll(other, 'S1:1')]);
      expect(held.map((h) => h.householdId)).toEqual(['430111-2025-000042', '430111-2025-000043']);
      const found = await register.membershipsOf([`p1_${'a'.repeat(43)}`, `p1_${'b'.repeat(43)}`, `p1_${'f'.repeat(43)}`]);
      expect([...found.values()].map((m) => [m.householdId, m.category, m.activeProgrammes]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
        ['430111-2025-000042', 'TEKUN', ['tekun-support']],
        ['430111-2025-000043', 'TEKUN', ['tekun-support']],
      ]);
      expect([...(await register.households(['430111-2025-000042', '430111-2025-000043', 'NONE-000000'])).keys()].sort()).toEqual([
        '430111-2025-000042',
        '430111-2025-000043',
      ]);
    });

    it('ignores a replayed older roll entry, and drops members who left with a newer one', async () => {
      const { register } = ports();
      const newer = household({
        updatedAt: '2026-03-01T00:00:00.000Z',
        members: [{ personRef: `p1_${'c'.repeat(43)}`, maskedIdentityNumber: '430111***********1', relationship: 'head' }],
      });
      await register.putOnRoll([roll(newer, 'S2:0')]);
      const [late] = await register.putOnRoll([roll(household(), 'S1:0')]); // late replay
      expect(late!.updatedAt).toBe('2026-03-01T00:00:00.000Z');
      const stored = await register.household('430111-2025-000042');
      expect(stored?.members.map((m) => m.personRef)).toEqual([`p1_${'c'.repeat(43)}`]);
      expect((await register.membershipsOf([`p1_${'a'.repeat(43)}`])).size).toBe(0);
      expect((await register.chain('430111-2025-000042')).map((e) => e.entryId)).toEqual(['S1:0', 'S2:0']);
    });
  });

  describe('WarningStore', () => {
    it("raises a household's warnings together, refuses a second open warning of one indicator, absorbs evidence once, and records pushes", async () => {
      const { warnings: store } = ports();
      const second = { ...warning, warningId: 'WTEST000000000000000000002', indicator: { ...warning.indicator, id: 'IND-03' } };
      const chained = (w: Warning) => [
        { householdId: w.householdId, at: w.raisedAt, entryId: w.warningId, kind: 'warning-raised' as const, actor: 'test', summary: 's', refs: {} },
      ];
      expect(
        await store.write(
          [
            { kind: 'raise', warning, entries: chained(warning) },
            { kind: 'raise', warning: second, entries: chained(second) },
          ],
          'G1',
        ),
      ).toEqual(['done', 'done']);
      // The same warning again, or another IND-01 warning for the household while one is open: conflicts.
      const rival = { ...warning, warningId: 'WTEST000000000000000000003' };
      expect(await store.write([{ kind: 'raise', warning, entries: [] }], 'G2')).toEqual(['conflict']);
      expect(await store.write([{ kind: 'raise', warning: rival, entries: [] }], 'G2')).toEqual(['conflict']);
      expect((await store.openWarningsOf([warning.householdId])).get(warning.householdId)?.map((o) => [o.indicatorId, o.warningId, o.raisedBy])).toEqual([
        ['IND-01', warning.warningId, 'G1'],
        ['IND-03', second.warningId, 'G1'],
      ]);
      const evidence = [{ recordId: 'S10:0', recordType: 'death-record', department: 'health', facts: { again: true } }];
      const absorb = { kind: 'absorb' as const, warningId: warning.warningId, householdId: warning.householdId, evidence, entries: [] };
      expect(await store.write([absorb], 'G3')).toEqual(['done']);
      expect(await store.write([absorb], 'G3')).toEqual(['conflict']);
      await store.recordPushes(
        [
          {
            warningId: warning.warningId,
            householdId: warning.householdId,
            raisedAt: warning.raisedAt,
            recipient: 'civil-affairs',
            pushedAt: '2026-11-21T02:00:01.000Z',
          },
        ],
        [],
      );
      expect(
        await store.pushedAlready([
          { warningId: warning.warningId, recipient: 'civil-affairs' },
          { warningId: second.warningId, recipient: 'civil-affairs' },
        ]),
      ).toEqual(new Set([`${warning.warningId}|civil-affairs`]));
      const stored = await store.get(warning.warningId);
      expect(stored).toMatchObject({ status: 'pushed', pushedTo: ['civil-affairs'], raisedBy: 'G1' });
      expect(stored?.evidence.map((e) => e.recordId)).toEqual(['S9:0', 'S10:0']);
      const listed = await store.listByHousehold(warning.householdId);
      expect(listed.map((w) => [w.warningId, w.status]).sort()).toEqual([
        [warning.warningId, 'pushed'],
        [second.warningId, 'raised'],
      ]);
      expect([...(await store.getMany([warning.warningId, 'WNONE'])).keys()]).toEqual([warning.warningId]);
    });

    it('answers with the allowance change in one transaction, only once, and the warning leaves the open warnings', async () => {
      const { warnings: store, register } = ports();
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
      const answer = {
        warning: (await store.get(warning.warningId))!,
        outcome,
        status: 'resolved' as const,
        household: { kind: 'allowance-ended' as const, programme: 'tekun-support', endedOn: '2026-11-30' },
        entries: [],
      };
      expect(await store.answer(answer)).toBe('answered');
      expect(await store.answer(answer)).toBe('conflict');
      expect((await store.get(warning.warningId))?.outcomes['civil-affairs']).toMatchObject({ outcome: 'assistance-ended' });
      expect((await store.openWarningsOf([warning.householdId])).get(warning.householdId)?.map((o) => o.indicatorId)).toEqual(['IND-03']);
      const h = await register.household(warning.householdId);
      expect(h?.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-11-30' });
      expect((await register.membershipsOf([`p1_${'c'.repeat(43)}`])).get(`p1_${'c'.repeat(43)}`)?.activeProgrammes).toEqual([]);
    });
  });

  describe('gradual exits (渐退)', () => {
    it('lists an allowance after its last paid day only while it is still paid, however it ended', async () => {
      const { register, warnings: store } = ports();
      const hh = (id: string) =>
        household({
          householdId: id,
          district: '430104',
          members: [{ personRef: `p1_${id.slice(-4).padStart(43, 'e')}`, maskedIdentityNumber: '430104***********5', relationship: 'head' }],
          allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 60_000, startDate: '2026-01-01', status: 'active' }],
        });
      const step = (id: string, kind: 'roll-entry' | 'gradual-exit', at: string) => ({
        householdId: id,
        at,
        entryId: `${kind}-${id}`,
        kind,
        actor: 'civil-affairs',
        summary: kind,
        refs: {},
      });
      const ids = ['430104-2026-000601', '430104-2026-000602'];
      await register.putOnRoll(ids.map((id) => ({ household: hh(id), entry: step(id, 'roll-entry', '2026-01-02T00:00:00.000Z') })));
      const exits = ids.map((id) => ({
        householdId: id,
        district: '430104' as const,
        programme: 'dibao-allowance',
        until: '2026-09-30',
        entry: step(id, 'gradual-exit', '2026-03-10T00:00:00.000Z'),
      }));
      expect(await register.scheduleGradualExits(exits)).toEqual([true, true]);
      expect(await register.scheduleGradualExits(exits)).toEqual([false, false]);
      // A newer roll entry restating the household (a yearly re-roll) keeps the exit under way.
      await register.putOnRoll([
        { household: { ...hh(ids[0]!), updatedAt: '2026-05-01T00:00:00.000Z' }, entry: step(ids[0]!, 'roll-entry', '2026-05-01T00:00:00.000Z') },
      ]);
      expect((await register.household(ids[0]!))?.allowances[0]).toMatchObject({ status: 'active', gradualExitUntil: '2026-09-30' });
      expect(await register.gradualExitsDue('430104', '2026-09-30')).toEqual([]);
      expect((await register.gradualExitsDue('430104', '2026-10-01')).map((d) => d.householdId).sort()).toEqual(ids);
      // One ends by the sweep, the other by a department's answer (a death): neither is due again.
      expect(
        await register.endAllowances([
          { householdId: ids[0]!, programme: 'dibao-allowance', endedOn: '2026-09-30', entry: step(ids[0]!, 'gradual-exit', '2026-10-01T01:00:00.000Z') },
        ]),
      ).toEqual([true]);
      const w = { ...warning, warningId: 'W000000000000000000000602', householdId: ids[1]!, district: '430104' as const };
      await store.write([{ kind: 'raise', warning: w, entries: [] }], 'G9');
      const died = {
        outcome: 'assistance-ended' as const,
        exitReason: 'died' as const,
        programme: 'dibao-allowance' as const,
        endedOn: '2026-08-31',
        reason: 'died',
        handledBy: 'YL-MZ-0001',
        department: 'civil-affairs',
        resolvedAt: '2026-08-20T00:00:00.000Z',
        outcomeHash: 'h',
      };
      expect(
        await store.answer({
          warning: (await store.get(w.warningId))!,
          outcome: died,
          status: 'resolved',
          household: { kind: 'allowance-ended', programme: 'dibao-allowance', endedOn: '2026-08-31' },
          entries: [],
        }),
      ).toBe('answered');
      expect(await register.gradualExitsDue('430104', '2026-10-01')).toEqual([]);
      // Restating an ended allowance does not pay it again; a new start date is a new allowance.
      await register.putOnRoll([
        { household: { ...hh(ids[0]!), updatedAt: '2026-10-02T00:00:00.000Z' }, entry: step(ids[0]!, 'roll-entry', '2026-10-02T00:00:00.000Z') },
      ]);
      expect((await register.household(ids[0]!))?.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-09-30' });
      const restarted = hh(ids[0]!);
      restarted.allowances = [{ programme: 'dibao-allowance', monthlyAmountFen: 62_000, startDate: '2026-12-01', status: 'active' }];
      await register.putOnRoll([
        { household: { ...restarted, updatedAt: '2026-11-20T00:00:00.000Z' }, entry: step(ids[0]!, 'roll-entry', '2026-11-20T00:00:00.000Z') },
      ]);
      expect((await register.household(ids[0]!))?.allowances[0]).toMatchObject({ status: 'active', startDate: '2026-12-01' });
    });
  });
}

function submissions(store: () => SubmissionStore) {
  describe('SubmissionStore', () => {
    it('commits a submission header once and marks it published', async () => {
      const header = {
        submissionId: 'SIT1',
        department: 'health',
        batchId: 'b-00000001',
        payloadHash: 'h',
        recordCount: 60,
        acceptedAt: '2026-11-21T02:00:00.000Z',
      };
      expect(await store().save(header)).toBe('saved');
      expect(await store().save({ ...header, payloadHash: 'other' })).toBe('exists');
      expect(await store().get('SIT1')).toEqual(header);
      await store().markPublished('SIT1', '2026-11-21T02:00:01.000Z');
      expect((await store().get('SIT1'))?.publishedAt).toBe('2026-11-21T02:00:01.000Z');
    });
  });
}

function policy(store: () => PolicyStore) {
  describe('PolicyStore', () => {
    it('keeps the policy version moving by one, refusing a change made against an old version', async () => {
      const row = {
        name: 'dibao.standardMonthlyFen',
        value: 95_000,
        district: '*' as const,
        effectiveFrom: '2027-01-01',
        effectiveTo: '2027-12-31',
        source: 's',
      };
      const entry = (version: number) => ({
        version,
        changedAt: '2026-11-29T09:00:00.000Z',
        changedBy: 'arn',
        department: 'civil-affairs',
        reason: 'r',
        diffs: [{ name: row.name, district: '*', effectiveFrom: row.effectiveFrom, old: null, new: { ...row, value: 94_000 + version } }],
      });
      expect(await store().commit(0, entry(1))).toBe(true);
      expect(await store().commit(0, entry(1))).toBe(false);
      expect(await store().commit(1, entry(2))).toBe(true);
      const loaded = await store().load();
      expect([loaded.version, loaded.rows.map((r) => r.value)]).toEqual([2, [94_002]]);
      expect((await store().changes()).map((c) => c.version)).toEqual([1, 2]);
    });
  });
}

function assessments(store: () => AssessmentStore) {
  describe('AssessmentStore', () => {
    it('keeps the latest assessment of a household, whatever order investigations arrive in', async () => {
      const assessment = (on: string, category: 'DIBAO' | 'DIBAO_EDGE') => ({
        householdId: '430111-2025-000077',
        district: '430111' as const,
        recordId: `rec-${on}`,
        investigation: {
          district: '430111' as const,
          investigatedOn: on,
          members: [{ personRef: `p1_${'d'.repeat(43)}`, age: 40, capacityToWork: 'full' as const, monthlyIncomeFen: 1 }],
          assetsFen: 0,
          necessarySpendingFen: 0,
          periodMonths: 6,
          ableLegalSupporter: false,
        },
        category,
        policyVersion: 0,
        decidedAt: `${on}T10:00:00.000Z`,
      });
      expect(await store().save([assessment('2026-06-01', 'DIBAO_EDGE')])).toEqual([true]);
      expect(await store().save([assessment('2026-03-01', 'DIBAO')])).toEqual([false]);
      // Wherever the store keeps it: every shard read whole.
      const kept = [];
      for (let shard = 0; shard < store().shards; shard += 1)
        kept.push(...(await store().page(shard, undefined, 1_000)).households.filter((a) => a.householdId === '430111-2025-000077'));
      expect(kept.map((a) => a.investigation.investigatedOn)).toEqual(['2026-06-01']);
    });

    it('reads every shard a page at a time, in household order, each household once, only what a what-if needs', async () => {
      const ids = Array.from({ length: 45 }, (_, i) => `430182-2026-${String(900 + i).padStart(6, '0')}`);
      await store().save(
        ids.map((householdId) => ({
          householdId,
          district: '430182',
          recordId: `rec-${householdId}`,
          investigation: {
            district: '430182',
            investigatedOn: '2026-10-01',
            members: [{ personRef: `p1_${'f'.repeat(43)}`, age: 70, capacityToWork: 'none', monthlyIncomeFen: 0 }],
            assetsFen: 0,
            necessarySpendingFen: 0,
            periodMonths: 6,
            ableLegalSupporter: false,
          },
          category: 'TEKUN',
          policyVersion: 0,
          decidedAt: '2026-10-02T00:00:00.000Z',
        })),
      );
      const read: string[] = [];
      let pages = 0;
      for (let shard = 0; shard < store().shards; shard += 1) {
        const inShard: string[] = [];
        let after: string | undefined;
        do {
          const page = await store().page(shard, after, 2);
          expect(page.households.length).toBeLessThanOrEqual(2);
          inShard.push(...page.households.map((h) => h.householdId));
          after = page.after;
          pages += 1;
        } while (after);
        expect(inShard).toEqual([...inShard].sort());
        read.push(...inShard);
      }
      expect(read.filter((id) => id.startsWith('430182-2026-')).sort()).toEqual(ids);
      expect(new Set(read).size).toBe(read.length);
      expect(pages).toBeGreaterThan(store().shards);
      const [first] = (await store().page(0, undefined, 1)).households;
      expect(Object.keys(first!).sort()).toEqual(['district', 'householdId', 'investigation']);
    });
  });
}

function whatIfJobs(store: () => WhatIfJobStore) {
  describe('WhatIfJobStore', () => {
    it('keeps a what-if job: created once, checkpointed only over the step it was read at, gone once expired', async () => {
      const jobs = store();
      const at = new Date('2026-11-28T09:00:00.000Z');
      const job = newWhatIfJob({
        jobId: 'aaaaaaaa-bbbbbbbb-cccccccc-dddddddd',
        requestedBy: 'arn:aws-cn:sts::123456789012:assumed-role/lim-supervision/zhao.min',
        department: 'supervision',
        at,
        on: '2027-03-01',
        parameters: [{ name: 'dibao.standardMonthlyFen', value: 95_000, district: '*', effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', source: 's' }],
        basedOnVersion: 2,
        shards: 16,
      });
      expect(await jobs.create(job, at)).toEqual({ created: true });
      const again = await jobs.create({ ...job, requestedAt: 'later' }, at);
      expect(again).toEqual({ created: false, job });
      const running = {
        ...job,
        status: 'running' as const,
        step: 1,
        shards: job.shards.map((s, i) => (i === 0 ? { done: false, after: '430104-2026-000100' } : s)),
      };
      expect(await jobs.checkpoint(running, 0)).toBe(true);
      expect(await jobs.checkpoint({ ...running, step: 2 }, 0)).toBe(false);
      expect(await jobs.get(job.jobId, at)).toEqual(running);
      const expiry = new Date(at.getTime() + WHAT_IF_JOB_RULES.keepHours * 3_600_000);
      expect(await jobs.get(job.jobId, expiry)).toBeUndefined();
      // Before DynamoDB's TTL removes it, an expired job's id may be taken again.
      expect(await jobs.create({ ...job, requestedAt: expiry.toISOString() }, expiry)).toEqual({ created: true });
    });
  });
}
