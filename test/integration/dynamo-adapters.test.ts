import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTables, startDynamoDbLocal, type DynamoDbLocal } from '../../infra/local/dynamodb-local';
import { householdsTableDefinition } from '../../infra/local/tables';
import { DynamoHouseholdRegister } from '../../shared/adapters/dynamodb/household-register';
import { DynamoWarningStore } from '../../shared/adapters/dynamodb/warning-store';
import { DynamoSubmissionStore, SUBMISSION_RETENTION_SECONDS } from '../../shared/adapters/dynamodb/submission-store';
import { submissionHeader } from '../../shared/table/entities/submission';
import { TABLE_KEYS } from '../../shared/table/keys';
import { Table } from '../../shared/adapters/dynamodb/table';
import type { Warning } from '../../shared/domain/warning';
import type { Household } from '../../shared/domain/household';

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

const registerOf = () => new DynamoHouseholdRegister(new Table(db, table));
const warningsOf = () => new DynamoWarningStore(new Table(db, table));
const roll = (h: Household, entryId = `S-${h.updatedAt}`) => ({ household: h, entry: { ...entry(h.updatedAt, entryId), householdId: h.householdId } });

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

describe('DynamoHouseholdRegister', () => {
  it('puts households on the roll as a group and finds their members by person reference', async () => {
    const register = registerOf();
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
    const register = registerOf();
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

describe('DynamoWarningStore', () => {
  it("raises a household's warnings together, refuses a second open warning of one indicator, absorbs evidence once, and records pushes", async () => {
    const store = warningsOf();
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
    const store = warningsOf();
    const register = registerOf();
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
  it('commits a submission header once, with an expiry, and marks it published', async () => {
    const store = new DynamoSubmissionStore(new Table(db, table));
    const header = {
      submissionId: 'SIT1',
      department: 'health',
      batchId: 'b-00000001',
      payloadHash: 'h',
      recordCount: 60,
      acceptedAt: '2026-11-21T02:00:00.000Z',
    };
    expect(await store.save(header)).toBe('saved');
    expect(await store.save({ ...header, payloadHash: 'other' })).toBe('exists');
    expect(await store.get('SIT1')).toEqual(header);
    await store.markPublished('SIT1', '2026-11-21T02:00:01.000Z');
    expect((await store.get('SIT1'))?.publishedAt).toBe('2026-11-21T02:00:01.000Z');
    const raw = await new Table(db, table).get(submissionHeader.key('SIT1'));
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

describe('policy and assessments against DynamoDB Local (the audit trail: audit-trail.test.ts)', () => {
  it('keeps the policy version moving by one, refusing a change made against an old version', async () => {
    const { DynamoPolicyStore } = await import('../../shared/adapters/dynamodb/policy-store');
    const store = new DynamoPolicyStore(new Table(db, table));
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
    expect(await store.commit(0, entry(1))).toBe(true);
    expect(await store.commit(0, entry(1))).toBe(false);
    expect(await store.commit(1, entry(2))).toBe(true);
    const loaded = await store.load();
    expect([loaded.version, loaded.rows.map((r) => r.value)]).toEqual([2, [94_002]]);
    expect((await store.changes()).map((c) => c.version)).toEqual([1, 2]);
  });

  it('keeps the latest assessment of a household, whatever order investigations arrive in', async () => {
    const { DynamoAssessmentStore } = await import('../../shared/adapters/dynamodb/assessment-store');
    const store = new DynamoAssessmentStore(new Table(db, table));
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
    expect(await store.save([assessment('2026-06-01', 'DIBAO_EDGE')])).toEqual([true]);
    expect(await store.save([assessment('2026-03-01', 'DIBAO')])).toEqual([false]);
    const { assessment: assessmentEntity } = await import('../../shared/table/entities/assessment');
    const shard = Number(assessmentEntity.key('430111-2025-000077').PK.split('#')[1]);
    const kept = (await store.page(shard, undefined, 1_000)).households.filter((a) => a.householdId === '430111-2025-000077');
    expect(kept.map((a) => a.investigation.investigatedOn)).toEqual(['2026-06-01']);
  });

  it('reads every shard a page at a time, in household order, each household once, only what a what-if needs', async () => {
    const { DynamoAssessmentStore } = await import('../../shared/adapters/dynamodb/assessment-store');
    const store = new DynamoAssessmentStore(new Table(db, table));
    const ids = Array.from({ length: 45 }, (_, i) => `430182-2026-${String(900 + i).padStart(6, '0')}`);
    await store.save(
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
    for (let shard = 0; shard < store.shards; shard += 1) {
      const inShard: string[] = [];
      let after: string | undefined;
      do {
        const page = await store.page(shard, after, 2);
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
    expect(pages).toBeGreaterThan(store.shards);
    const [first] = (await store.page(0, undefined, 1)).households;
    expect(Object.keys(first!).sort()).toEqual(['district', 'householdId', 'investigation']);
  });

  it('keeps a what-if job: created once, checkpointed only over the step it was read at, gone once expired', async () => {
    const { DynamoWhatIfJobs } = await import('../../shared/adapters/dynamodb/what-if-jobs');
    const { newWhatIfJob, WHAT_IF_JOB_RULES } = await import('../../shared/domain/policy/what-if-job');
    const jobs = new DynamoWhatIfJobs(new Table(db, table));
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

describe('gradual exits on GSI2 (EXIT#district)', () => {
  it('lists an allowance after its last paid day only while it is still paid, however it ended', async () => {
    const register = registerOf();
    const store = warningsOf();
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
