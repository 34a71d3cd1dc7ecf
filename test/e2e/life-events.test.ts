import { cityDay } from '../../shared/domain/city-time';
import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { identityNumber } from '../fixtures/people';
import type { WorkItemV1 } from '../../events/work-item.v1';
import { parseKeyRing } from '../../shared/privacy/key-ring';
import { isStatedPurpose } from '../../shared/privacy/stated-purpose';

/**
 * The life events of an assisted household, end to end on the local platform: policy changed
 * over the API with its audit trail and a what-if; gradual exit then exit with transfer (with
 * consent); the premium subsidy; relocation between districts; emergency assistance paid first.
 */
const { platform, as } = onLocalPlatform();

type Chain = {
  household: { category: string; allowances: { programme: string; status: string; endedOn?: string; gradualExitUntil?: string }[] } | null;
  chain: { kind: string; summary: string }[];
};
const chainOf = async (householdId: string) => (await as('civil-affairs').chain(householdId)).body as unknown as Chain;
const indicator = (id: string, householdId?: string) => (i: WorkItemV1) =>
  i.warning.indicator.id === id && (!householdId || i.warning.householdId === householdId);

const person = (district: '430104' | '430111' | '430181' | '430182' | '430105', birth: string, seq: number, name: string) => ({
  identityNumber: identityNumber(district, birth, seq),
  name,
});
const rollEntry = (o: {
  recordId: string;
  householdId: string;
  district: string;
  category: string;
  members: { identityNumber: string; name: string }[];
  allowanceFen?: number;
  startDate?: string;
  movedFrom?: string;
}) => ({
  type: 'low-income-roll-entry',
  recordId: o.recordId,
  householdId: o.householdId,
  district: o.district,
  category: o.category,
  recognisedOn: '2025-12-10',
  ...(o.allowanceFen ? { allowance: { programme: 'dibao-allowance', monthlyAmountFen: o.allowanceFen, startDate: o.startDate ?? '2026-01-01' } } : {}),
  members: o.members.map((m, i) => ({ ...m, relationship: i === 0 ? 'head' : 'child' })),
  ...(o.movedFrom ? { movedFrom: o.movedFrom } : {}),
});
const investigation = (o: {
  recordId: string;
  householdId: string;
  district: string;
  on: string;
  members: { identityNumber: string; name: string; monthlyFen: number }[];
}) => ({
  type: 'economic-investigation',
  recordId: o.recordId,
  householdId: o.householdId,
  district: o.district,
  investigatedOn: o.on,
  period: { from: '2025-09-01', to: '2026-02-28' },
  members: o.members.map((m, i) => ({
    identityNumber: m.identityNumber,
    name: m.name,
    relationship: i === 0 ? 'head' : 'child',
    capacityToWork: 'full',
    incomes: m.monthlyFen ? [{ source: 'wage', monthlyFen: m.monthlyFen }] : [],
  })),
  assets: [{ kind: 'deposit', valueFen: 500_000 }],
  necessarySpending: [],
  legalSupporters: [],
});

describe('policy as versioned data, over the API', () => {
  const tan = person('430111', '1979-06-02', 41, '谭建国');
  const tanSon = person('430111', '2008-01-19', 27, '谭浩');

  it('civil affairs changes a parameter with an audit trail; supervision reads it; a decision records the version; what-if measures a proposal', async () => {
    const before = await as('health').call<{ version: number; parameters: { name: string; value: number }[] }>(
      'GET',
      '/policy/parameters?on=2027-02-01&district=430111',
    );
    expect(before.status).toBe(200);
    expect(before.body.parameters.find((p) => p.name === 'dibao.standardMonthlyFen')?.value).toBe(90_000);

    // In force from a past day: an investigation is dated when it was made, never ahead of today.
    const change = {
      expectedVersion: before.body.version,
      reason: 'dibao standard raised from November 2026 (长政发 2026 第 31 号)',
      parameters: [
        {
          name: 'dibao.standardMonthlyFen',
          value: 95_000,
          district: '*',
          effectiveFrom: '2026-11-01',
          effectiveTo: '2026-12-31',
          source: '长沙市人民政府 2026 第 31 号',
        },
      ],
    };
    expect((await as('health').call('POST', '/policy/changes', change)).status).toBe(403);
    const bad = await as('civil-affairs').call<{ problems: { field: string }[] }>('POST', '/policy/changes', {
      ...change,
      parameters: [{ ...change.parameters[0], value: -5 }],
    });
    expect([bad.status, bad.body.problems?.map((p) => p.field)]).toEqual([400, ['parameters[0].value']]);
    const made = await as('civil-affairs').call<{ version: number; changedBy: string; diffs: { old: { value: number } | null; new: { value: number } }[] }>(
      'POST',
      '/policy/changes',
      change,
    );
    expect(made.status).toBe(200);
    // The 2026 row now ends the day before the new one starts; the new row holds 95,000.
    expect(made.body).toMatchObject({ version: before.body.version + 1 });
    expect(made.body.diffs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          old: expect.objectContaining({ value: 90_000, effectiveTo: '2026-12-31' }),
          new: expect.objectContaining({ value: 90_000, effectiveTo: '2026-10-31' }),
        }),
        expect.objectContaining({ old: null, new: expect.objectContaining({ value: 95_000, effectiveFrom: '2026-11-01' }) }),
      ]),
    );
    expect(made.body.changedBy).toMatch(/^arn:aws-cn:sts::\d{12}:assumed-role\/[a-z-]+-civil-affairs\/[\w+=,.@-]+$/);
    // Sent again (the answer was lost): the same change, not a second one; another change on the old version: 409.
    expect((await as('civil-affairs').call<{ version: number }>('POST', '/policy/changes', change)).body.version).toBe(made.body.version);
    expect((await as('civil-affairs').call('POST', '/policy/changes', { ...change, reason: 'another reason' })).status).toBe(409);

    const trail = await as('supervision').call<{ changes: { version: number; reason: string }[] }>('GET', '/policy/changes');
    expect(trail.body.changes.at(-1)).toMatchObject({ version: made.body.version, reason: change.reason });

    // 92,000 a person: DIBAO only under the raised standard, and the decision says which version.
    const inv = investigation({
      recordId: 'MZ-DC-2027-0007',
      householdId: '430111-2027-000007',
      district: '430111',
      on: '2026-11-25',
      members: [
        { ...tan, monthlyFen: 184_000 },
        { ...tanSon, monthlyFen: 0 },
      ],
    });
    expect((await as('civil-affairs').submit('ca-investigations-2027-01-06', [inv])).status).toBe(202);
    await platform.idle();
    const decided = (await chainOf('430111-2027-000007')).chain.find((e) => e.kind === 'recognition-decision');
    expect(decided?.summary).toContain(`qualifies as DIBAO (per-capita income 92000 fen a month, policy version ${made.body.version})`);

    // What-if: back to 90,000 for the rest of 2026 would move this household from DIBAO to the edge.
    const whatIf = await as('supervision').call<{
      households: number;
      categoryChanges: number;
      byDistrict: Record<string, { transitions: Record<string, number> }>;
      warnings: { byIndicator: Record<string, number> };
    }>('POST', '/policy/what-if', {
      on: '2026-12-01',
      parameters: [
        { name: 'dibao.standardMonthlyFen', value: 90_000, district: '*', effectiveFrom: '2026-11-01', effectiveTo: '2026-12-31', source: 'what-if' },
      ],
    });
    expect(whatIf.status).toBe(200);
    expect(whatIf.body.households).toBeGreaterThanOrEqual(1);
    expect(whatIf.body.byDistrict['430111']?.transitions['DIBAO→DIBAO_EDGE']).toBe(1);
    expect(whatIf.body.warnings.byIndicator['IND-16']).toBeGreaterThanOrEqual(1);
    // Nothing was written by the what-if.
    expect((await as('supervision').call<{ changes: unknown[] }>('GET', '/policy/changes')).body.changes).toHaveLength(trail.body.changes.length);
  });
});

describe('gradual exit, then exit with transfer', () => {
  const xu = person('430104', '1975-05-20', 31, '许红梅');
  const xuDaughter = person('430104', '2009-12-03', 46, '许佳');
  const hh = '430104-2025-000912';

  it('keeps paying through the grace period, ends, offers a transfer and moves the household with its consent', async () => {
    expect(
      (
        await as('civil-affairs').submit('ca-roll-yuelu-000912', [
          rollEntry({
            recordId: 'MZ-2025-000912',
            householdId: hh,
            district: '430104',
            category: 'DIBAO',
            members: [xu, xuDaughter],
            allowanceFen: 2 * 60_000,
          }),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    // Re-investigated in March 2026: 100,000 a person is above the 90,000 standard, below 1.5 ×.
    const inv = investigation({
      recordId: 'MZ-DC-2026-0912',
      householdId: hh,
      district: '430104',
      on: '2026-03-10',
      members: [
        { ...xu, monthlyFen: 200_000 },
        { ...xuDaughter, monthlyFen: 0 },
      ],
    });
    expect((await as('civil-affairs').submit('ca-investigations-2026-03-10', [inv])).status).toBe(202);
    await platform.idle();
    let chain = await chainOf(hh);
    expect(chain.chain.find((e) => e.kind === 'gradual-exit')?.summary).toContain('continues for 6 month(s), last paid 2026-09-30');
    expect(chain.household?.allowances[0]).toMatchObject({ status: 'active', gradualExitUntil: '2026-09-30' });

    // The grace period is over (today is after 2026-09-30): the hourly sweep ends the allowance.
    await platform.runSchedule('overdue-escalation-hourly');
    await platform.idle();
    chain = await chainOf(hh);
    expect(chain.household?.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-09-30' });
    const offer = await as('civil-affairs').nextWorkItem(indicator('IND-16', hh), 20_000);
    expect(offer?.warning.action).toContain('with its consent');
    // Running the sweep again ends nothing twice and offers nothing twice.
    await platform.runSchedule('overdue-escalation-hourly');
    await platform.idle();

    const transfer = {
      outcome: 'transferred',
      category: 'DIBAO_EDGE',
      effectiveFrom: '2026-10-01',
      reason: 'income above the standard, below 1.5 ×; the household agreed',
      handledBy: 'YL-MZ-0412',
    };
    const noConsent = await as('civil-affairs').answer(offer!.warning.warningId, transfer);
    expect(noConsent).toMatchObject({ status: 400, body: { problems: [expect.objectContaining({ field: 'consent' })] } });
    const done = await as('civil-affairs').answer(offer!.warning.warningId, {
      ...transfer,
      consent: { givenOn: '2026-09-28', documentRef: 'YL-TY-2026-0912' },
    });
    expect(done).toMatchObject({ status: 200, body: { status: 'resolved', outcome: 'transferred' } });
    chain = await chainOf(hh);
    expect(chain.household?.category).toBe('DIBAO_EDGE');
    expect(chain.chain.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['roll-entry', 'recognition-decision', 'gradual-exit', 'assistance-ended', 'warning-raised', 'transferred']),
    );
    expect(chain.chain.find((e) => e.kind === 'transferred')?.summary).toContain('consent given on 2026-09-28 (form YL-TY-2026-0912)');
    expect(chain.chain.filter((e) => e.kind === 'assistance-ended')).toHaveLength(1);
  });
});

describe('premium subsidy (参保资助)', () => {
  const he = person('430111', '1990-02-14', 52, '贺丽');
  const hh = '430111-2025-000455';

  it('an edge household with no subsidy this year is a warning for medical insurance; a short subsidy is the same shortfall; the full one is enrolled', async () => {
    expect(
      (
        await as('civil-affairs').submit('ca-roll-yuhua-000455', [
          rollEntry({ recordId: 'MZ-2025-000455', householdId: hh, district: '430111', category: 'DIBAO_EDGE', members: [he] }),
        ])
      ).status,
    ).toBe(202);
    const item = await as('medical-insurance').nextWorkItem(indicator('IND-10', hh), 20_000);
    expect(item?.warning.explanation).toContain('20000 fen is due (50 % of 40000)');
    const subsidy = (recordId: string, subsidyFen: number) => ({
      type: 'premium-subsidy',
      recordId,
      ...he,
      year: Number(cityDay(new Date()).slice(0, 4)),
      subsidyFen,
      district: '430111',
    });
    expect((await as('medical-insurance').submit('yb-subsidy-short-000455', [subsidy('YB-CB-2026-88301', 10_000)])).status).toBe(202);
    await platform.idle();
    const answer = await as('medical-insurance').answer(item!.warning.warningId, {
      outcome: 'enrolled',
      programme: 'premium-subsidy',
      amountFen: 20_000,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      reason: 'half the individual premium paid for the edge member',
      handledBy: 'YB-YH-0031',
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'resolved' } });
    const chain = await chainOf(hh);
    // The short subsidy joins the chain; it is the same shortfall, so no second warning.
    expect(chain.chain.find((e) => e.kind === 'department-record')?.summary).toContain('premium-subsidy YB-CB-2026-88301');
    expect(chain.chain.filter((e) => e.kind === 'warning-raised')).toHaveLength(1);
    expect(chain.chain.find((e) => e.kind === 'assistance-granted')?.summary).toContain('premium-subsidy: 20000 fen');
  });
});

describe('relocation between districts (迁入迁出)', () => {
  const luo = person('430181', '1968-08-30', 17, '罗德明');
  const luoWife = person('430181', '1970-03-11', 28, '罗桂香');

  it('hands the roll over: the old allowance ends as the new one starts, no duplicate warning, both chains linked', async () => {
    const from = '430181-2025-000733';
    const to = '430182-2026-000105';
    expect(
      (
        await as('civil-affairs').submit('ca-roll-liuyang-000733', [
          rollEntry({
            recordId: 'MZ-LY-2025-000733',
            householdId: from,
            district: '430181',
            category: 'DIBAO',
            members: [luo, luoWife],
            allowanceFen: 2 * 70_000,
          }),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    const moveIn = rollEntry({
      recordId: 'MZ-NX-2026-000105',
      householdId: to,
      district: '430182',
      category: 'DIBAO',
      members: [luo, luoWife],
      allowanceFen: 2 * 72_000,
      startDate: '2026-11-01',
      movedFrom: from,
    });
    expect((await as('civil-affairs').submit('ca-roll-ningxiang-000105', [moveIn])).status).toBe(202);
    await platform.idle();
    const old = await chainOf(from);
    expect(old.household?.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-10-31' });
    expect(old.chain.find((e) => e.kind === 'moved-out')?.summary).toContain(`moved to district 430182 as household ${to}`);
    const moved = await chainOf(to);
    expect(moved.household?.allowances[0]).toMatchObject({ status: 'active', startDate: '2026-11-01' });
    expect(moved.chain.find((e) => e.kind === 'moved-in')?.summary).toContain(`household ${from}`);
    const warnings = (await as('civil-affairs').chain(to)).body as unknown as { warnings: { indicator: string }[] };
    expect(warnings.warnings.filter((w) => w.indicator === 'IND-12' || w.indicator === 'IND-19')).toEqual([]);
  });

  it('without the hand-over, the same people on a second paid roll are a duplicate-assistance warning', async () => {
    const wan = person('430181', '1958-01-05', 73, '万国平');
    expect(
      (
        await as('civil-affairs').submit('ca-roll-liuyang-000801', [
          rollEntry({
            recordId: 'MZ-LY-2025-000801',
            householdId: '430181-2025-000801',
            district: '430181',
            category: 'DIBAO',
            members: [wan],
            allowanceFen: 70_000,
          }),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    expect(
      (
        await as('civil-affairs').submit('ca-roll-ningxiang-000131', [
          rollEntry({
            recordId: 'MZ-NX-2026-000131',
            householdId: '430182-2026-000131',
            district: '430182',
            category: 'DIBAO',
            members: [wan],
            allowanceFen: 72_000,
          }),
        ])
      ).status,
    ).toBe(202);
    const dup = await as('civil-affairs').nextWorkItem(indicator('IND-19', '430182-2026-000131'), 20_000);
    expect(dup?.warning.action).toContain('430181-2025-000801');
  });
});

describe('emergency assistance (急难救助)', () => {
  const yi = person('430105', '1983-07-07', 58, '易志强');
  // Registered in Shenzhen, in an emergency in Kaifu district: no registration restriction.
  const visitor = { identityNumber: '440305198811230018', name: '黄海' };
  const advance = (recordId: string, who: { identityNumber: string; name: string }, caseId: string, amountFen: number, on: string, stage = 'advance-paid') => ({
    type: 'emergency-assistance',
    recordId,
    ...who,
    caseId,
    stage,
    district: '430105',
    emergency: 'fire',
    occurredOn: '2026-09-20',
    amountFen,
    on,
    handledBy: 'KF-JN-017',
  });

  it('pays a member first, then confirms the documents: both in the chain', async () => {
    const hh = '430105-2025-000388';
    expect(
      (
        await as('civil-affairs').submit('ca-roll-kaifu-000388', [
          rollEntry({ recordId: 'MZ-KF-2025-000388', householdId: hh, district: '430105', category: 'DIBAO_EDGE', members: [yi] }),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    expect(
      (await as('civil-affairs').submit('ca-emergency-000388-a', [advance('MZ-JN-2026-0388', yi, 'JN-430105-2026-00388', 80_000, '2026-11-27')])).status,
    ).toBe(202);
    await platform.idle();
    expect(
      (
        await as('civil-affairs').submit('ca-emergency-000388-b', [
          advance('MZ-JN-2026-0389', yi, 'JN-430105-2026-00388', 80_000, '2026-11-28', 'documents-confirmed'),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    const chain = await chainOf(hh);
    const entries = chain.chain.filter((e) => e.kind === 'emergency-assistance').map((e) => e.summary);
    expect(entries).toEqual([
      expect.stringContaining('80000 fen paid first for fire in district 430105; documents due by 2026-12-12'),
      expect.stringContaining('documents confirmed on 2026-11-28'),
    ]);
  });

  it('flags to supervision an advance above the small-amount limit, and documents not supplied by their deadline, once each', async () => {
    const hh = '430105-2025-000391';
    const yiWife = person('430105', '1985-02-02', 62, '周敏');
    expect(
      (
        await as('civil-affairs').submit('ca-roll-kaifu-000391', [
          rollEntry({ recordId: 'MZ-KF-2025-000391', householdId: hh, district: '430105', category: 'DIBAO_EDGE', members: [yiWife] }),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    expect(
      (await as('civil-affairs').submit('ca-emergency-big', [advance('MZ-JN-2026-0501', visitor, 'JN-430105-2026-00501', 150_000, '2026-11-26')])).status,
    ).toBe(202);
    const big = await as('supervision').nextWorkItem(
      (i) => i.warning.indicator.id === 'IND-18' && i.warning.explanation.includes('JN-430105-2026-00501'),
      20_000,
    );
    expect(big?.warning.explanation).toContain('above the small-amount limit of 100000 fen');
    // Paid on 2026-10-01, documents due by 2026-10-16 and never supplied.
    expect(
      (await as('civil-affairs').submit('ca-emergency-late', [advance('MZ-JN-2026-0502', yiWife, 'JN-430105-2026-00502', 60_000, '2026-10-01')])).status,
    ).toBe(202);
    await platform.idle();
    await platform.runSchedule('overdue-escalation-hourly');
    await platform.runSchedule('overdue-escalation-hourly');
    await platform.idle();
    const late = await as('supervision').nextWorkItem(
      (i) => i.warning.indicator.id === 'IND-18' && i.warning.explanation.includes('JN-430105-2026-00502'),
      20_000,
    );
    expect(late?.warning.explanation).toContain('the documents were due by 2026-10-16');
    expect(late?.warning.householdId).toBe(hh);
    const again = await as('supervision').nextWorkItem((i) => i.warning.explanation.includes('JN-430105-2026-00502'), 3_000);
    expect(again).toBeUndefined();
    // Documents that arrive late close the case; it stays flagged in the warning trail.
    expect(
      (
        await as('civil-affairs').submit('ca-emergency-late-docs', [
          advance('MZ-JN-2026-0503', yiWife, 'JN-430105-2026-00502', 60_000, '2026-11-28', 'documents-confirmed'),
        ])
      ).status,
    ).toBe(202);
    await platform.idle();
    const finalChain = (await chainOf(hh)).chain;
    expect(finalChain.filter((e) => e.kind === 'emergency-assistance')).toHaveLength(2);
    // The department's record joins the chain beside the case entry, neither replacing the other.
    expect(finalChain.filter((e) => e.kind === 'department-record' && e.summary.includes('MZ-JN-2026-0503'))).toHaveLength(1);
  });
});

describe('digital supervision (数字监督): the audit trail', () => {
  it('has every read and decision above, verified against signed tree heads, readable by supervision only', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await as('civil-affairs').call('GET', `/audit/${today}`)).status).toBe(403);
    const read = await as('supervision').call<{
      entries: { action: string; kind: string; department: string; principal: string; purpose: string; subjects: string[] }[];
      verification: { intact: boolean; checked: number };
    }>('GET', `/audit/${today}`);
    expect(read.status).toBe(200);
    expect(read.body.verification).toMatchObject({ intact: true });
    const actions = read.body.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['change-policy', 'what-if', 'recognition-decided', 'read-assistance-chain', 'answer-warning']));
    // Decisions the platform takes by itself are there too.
    expect(actions).toEqual(expect.arrayContaining(['gradual-exit-ended', 'roll-handed-over', 'emergency-case-flagged']));
    const chainRead = read.body.entries.find((e) => e.action === 'read-assistance-chain' && e.subjects.includes('430104-2025-000912'));
    expect(chainRead).toMatchObject({ kind: 'read', department: 'civil-affairs', purpose: 'case handling: the assistance chain' });
    expect(chainRead?.principal).toMatch(/assumed-role\/[a-z-]+-civil-affairs\//);
    // The officer is the session's source identity (the local credentials bind it to the keys).
    expect(chainRead).toMatchObject({ officer: platform.credentials['civil-affairs'].sourceIdentity });
    expect(chainRead?.principal.endsWith(`/${platform.credentials['civil-affairs'].sourceIdentity}`)).toBe(true);
    const transfer = read.body.entries.find(
      (e) => e.action === 'answer-warning' && (e as { details?: { outcome?: string } }).details?.outcome === 'transferred',
    );
    expect(transfer).toMatchObject({ kind: 'decision', department: 'civil-affairs' });
    // A person query is kept with the person it was about and the keyed MAC of the stated purpose.
    const asked = await as('health').call('POST', '/persons/query', {
      identityNumber: identityNumber('430104', '1975-05-20', 31),
      purpose: '核查医疗救助对象身份',
    });
    expect(asked.status).toBe(200);
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const queried = (
      await as('supervision').call<{ entries: { action: string; department: string; subjects: string[]; details?: Record<string, string> }[] }>(
        'GET',
        `/audit/${today}`,
      )
    ).body.entries
      .filter((e) => e.action === 'query-person' && e.department === 'health')
      .at(-1);
    expect(queried?.subjects).toHaveLength(1);
    expect(queried?.subjects[0]).toMatch(/^p1_/);
    // Not the plain SHA-256 a dictionary of short phrases would find, but checkable with the purpose key.
    const mac = queried?.details?.statedPurposeMac ?? '';
    expect(mac).toMatch(/^1:[0-9a-f]{64}$/);
    expect(JSON.stringify(queried)).not.toContain(createHash('sha256').update('核查医疗救助对象身份').digest('hex'));
    const purposeRing = parseKeyRing(readFileSync(platform.keyFiles.purpose, 'utf8'), 'purpose key');
    expect(isStatedPurpose(mac, '核查医疗救助对象身份', purposeRing)).toBe(true);
    expect(isStatedPurpose(mac, '查询张三', purposeRing)).toBe(false);
    expect(transfer?.subjects[0]).toMatch(/^W[0-9A-F]{24}$/);
    // A refused attempt is accounted for too: health trying to answer a warning not routed to it.
    const refused = await as('health').answer(transfer!.subjects[0]!, { outcome: 'no-action-needed', reason: 'not ours to answer', handledBy: 'WJ-0001' });
    expect(refused.status).toBe(403);
    const after = await as('supervision').call<{
      entries: { kind: string; department: string; action: string; subjects: string[]; details?: Record<string, string> }[];
      verification: { intact: boolean };
    }>('GET', `/audit/${today}`);
    expect(after.body.verification.intact).toBe(true);
    expect(after.body.entries.find((e) => e.kind === 'denied')).toMatchObject({
      department: 'health',
      action: 'answer-warning',
      subjects: [transfer!.subjects[0]],
      details: { status: '403', code: 'WarningNotRoutedToYou' },
    });
    expect((await as('supervision').call('GET', '/audit/not-a-day')).status).toBe(400);
  });
});

describe('public disclosure (公示)', () => {
  it('lists the month’s allowances and grants with masked identity numbers only', async () => {
    const nov = await as('health').call<{ lines: Record<string, unknown>[] }>('GET', '/disclosure/2026-11?district=430182');
    expect(nov.status).toBe(200);
    // The relocated Luo household, paid in Ningxiang from 2026-11-01.
    expect(nov.body.lines).toContainEqual(
      expect.objectContaining({
        district: '430182',
        kind: 'allowance',
        members: 2,
        category: 'DIBAO',
        programme: 'dibao-allowance',
        department: 'civil-affairs',
        amountFen: 144_000,
        periodStart: '2026-11-01',
        maskedHeadIdentityNumber: `430181***********${identityNumber('430181', '1968-08-30', 17).slice(17)}`,
      }),
    );
    const jan = await as('civil-affairs').call<{ lines: Record<string, unknown>[] }>('GET', '/disclosure/2026-01');
    expect(
      jan.body.lines.some((l) => l.kind === 'grant' && l.programme === 'premium-subsidy' && l.department === 'medical-insurance' && l.amountFen === 20_000),
    ).toBe(true);
    const text = JSON.stringify([nov.body, jan.body]);
    expect(text).not.toMatch(/p[0-9]+_[A-Za-z0-9_-]{20,}/); // no person references
    expect(text).not.toMatch(/\d{17}[\dX]/); // no identity numbers
    expect(text).not.toContain('householdId');
    expect((await as('health').call('GET', '/disclosure/2026-13')).status).toBe(400);
  });
});
