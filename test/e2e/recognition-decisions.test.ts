import { describe, expect, it } from 'vitest';
import { splitBilingual } from '../../shared/domain/bilingual';
import { identityNumber } from '../fixtures/people';
import { onLocalPlatform } from './departments';

/**
 * 分类审核认定 shown to the household's case readers: civil affairs sets Yuhua's own dibao
 * standard, posts an investigation, and reads the assessment and the decision, each reason naming
 * the policy row behind its threshold; after a later change of that row, the old decision still
 * names the row it was decided under.
 */
const { platform, as } = onLocalPlatform();

const HOUSEHOLD = '430111-2026-004417';
const mother = { identityNumber: identityNumber('430111', '1984-02-17', 71), name: '周丽' };
const son = { identityNumber: identityNumber('430111', '2013-06-05', 33), name: '周子轩' };
const investigation = (recordId: string, investigatedOn: string, period: { from: string; to: string }, wageFen: number) => ({
  type: 'economic-investigation',
  recordId,
  householdId: HOUSEHOLD,
  district: '430111',
  investigatedOn,
  period,
  members: [
    { ...mother, relationship: 'head', capacityToWork: 'partial', incomes: [{ source: 'wage', monthlyFen: wageFen }] },
    { ...son, relationship: 'child', capacityToWork: 'none', incomes: [] },
  ],
  assets: [{ kind: 'deposit', valueFen: 900_000 }],
  necessarySpending: [{ kind: 'education', amountFen: 60_000, on: period.from }],
  legalSupporters: [{ ableToSupport: false }],
});

interface PolicyRow {
  name: string;
  value: number;
  district: string;
  districtRow: boolean;
  effectiveFrom: string;
  effectiveTo: string;
  changeVersion: number;
}
interface Check {
  code: string;
  value: number;
  threshold: number;
  passed: boolean;
  reason: string;
  policyRows: PolicyRow[];
}
interface Review {
  category: string;
  qualifies: boolean;
  checks: Check[];
}
const dibaoIncome = (reviews: Review[]) => reviews.find((r) => r.category === 'DIBAO')!.checks.find((c) => c.code === 'dibao.income')!;

async function changeYuhuaStandard(value: number, effectiveFrom: string, source: string): Promise<number> {
  const civil = as('civil-affairs');
  const policy = await civil.call<{ version: number }>('GET', '/policy/parameters');
  const change = await civil.call<{ version: number }>('POST', '/policy/changes', {
    expectedVersion: policy.body.version,
    reason: '雨花区低保标准调整 / Yuhua’s dibao standard',
    parameters: [
      { name: 'dibao.standardMonthlyFen', value, district: '430111', effectiveFrom, effectiveTo: '2026-12-31', unit: 'fen per person per month', source },
    ],
  });
  expect(change.status).toBe(200);
  return change.body.version;
}

describe('a decision a household can be shown (一次申请、分类审核认定)', () => {
  let firstVersion = 0;

  it('civil affairs sets Yuhua’s own standard and posts an investigation; the assessment names the district row', async () => {
    firstVersion = await changeYuhuaStandard(95_000, '2026-01-01', '雨花区城乡低保标准 2026');
    const posted = await as('civil-affairs').submit('civil-affairs-investigations-2026-11-10', [
      investigation('MZ-YH-2026-4417', '2026-11-10', { from: '2026-05-01', to: '2026-10-31' }, 184_000),
    ]);
    expect(posted.status).toBe(202);
    await platform.idle();

    const read = await as('civil-affairs').call<{ category: string; perCapitaMonthlyIncomeFen: number; reviews: Review[]; explained: boolean }>(
      'GET',
      `/households/${HOUSEHOLD}/assessment`,
    );
    expect(read.status).toBe(200);
    // 184,000 fen for two = 92,000 a person: below Yuhua's 95,000 (not below the city's 90,000).
    expect(read.body).toMatchObject({ category: 'DIBAO', perCapitaMonthlyIncomeFen: 92_000, explained: true });
    const income = dibaoIncome(read.body.reviews);
    expect(income).toMatchObject({ value: 92_000, threshold: 95_000, passed: true });
    expect(income.policyRows).toEqual([
      expect.objectContaining({
        name: 'dibao.standardMonthlyFen',
        value: 95_000,
        district: '430111',
        districtRow: true,
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
        changeVersion: firstVersion,
      }),
    ]);
    const assets = read.body.reviews.find((r) => r.category === 'DIBAO')!.checks.find((c) => c.code === 'assets.perCapita')!;
    expect(assets.policyRows).toEqual([expect.objectContaining({ name: 'assets.limitPerCapitaFen', district: '*', districtRow: false, changeVersion: 0 })]);
  });

  it('the decisions name the row in Chinese and English; after a later change the old decision keeps its row', async () => {
    const secondVersion = await changeYuhuaStandard(100_000, '2026-12-01', '雨花区民政局 2026 年 12 月通知');
    expect(secondVersion).toBe(firstVersion + 1);
    const posted = await as('civil-affairs').submit('civil-affairs-investigations-2026-12-01', [
      investigation('MZ-YH-2026-4418', '2026-12-01', { from: '2026-06-01', to: '2026-11-30' }, 196_000),
    ]);
    expect(posted.status).toBe(202);
    await platform.idle();

    const read = await as('supervision').call<{ decisions: { departmentRecordId: string; category: string; reasons: string[]; reviews: Review[] }[] }>(
      'GET',
      `/households/${HOUSEHOLD}/decisions`,
    );
    expect(read.status).toBe(200);
    expect(read.body.decisions.map((d) => [d.departmentRecordId, d.category])).toEqual([
      ['MZ-YH-2026-4418', 'DIBAO'],
      ['MZ-YH-2026-4417', 'DIBAO'],
    ]);
    const [newer, older] = read.body.decisions;
    // 98,000 a person in December: below the new 100,000, set by the second change.
    expect(dibaoIncome(newer!.reviews).policyRows[0]).toMatchObject({ value: 100_000, effectiveFrom: '2026-12-01', changeVersion: secondVersion });
    // November's decision still names the row as it was then (the change has since ended it on 2026-11-30).
    expect(dibaoIncome(older!.reviews).policyRows[0]).toMatchObject({
      value: 95_000,
      district: '430111',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      changeVersion: firstVersion,
    });
    const reason = older!.reasons.find((r) => r.includes('dibao.standardMonthlyFen'))!;
    expect(splitBilingual(reason).zh).toContain(`dibao.standardMonthlyFen = 95000（雨花区（430111），2026-01-01 至 2026-12-31，第 ${firstVersion} 次调整`);
    expect(splitBilingual(reason).en).toContain(`dibao.standardMonthlyFen = 95000 (Yuhua (430111), 2026-01-01 to 2026-12-31, change ${firstVersion})`);

    // One a page: the token leads to the older one.
    const page = await as('civil-affairs').call<{ decisions: { departmentRecordId: string }[]; next?: string }>(
      'GET',
      `/households/${HOUSEHOLD}/decisions?limit=1`,
    );
    expect(page.body.decisions.map((d) => d.departmentRecordId)).toEqual(['MZ-YH-2026-4418']);
    const rest = await as('civil-affairs').call<{ decisions: { departmentRecordId: string }[]; next?: string }>(
      'GET',
      `/households/${HOUSEHOLD}/decisions?limit=1&next=${encodeURIComponent(page.body.next!)}`,
    );
    expect(rest.body.decisions.map((d) => d.departmentRecordId)).toEqual(['MZ-YH-2026-4417']);
  });

  it('shows no identity number or name to a case reader, refuses education, and answers 404 for a household never assessed', async () => {
    for (const path of [`/households/${HOUSEHOLD}/assessment`, `/households/${HOUSEHOLD}/decisions`]) {
      const read = await as('county-coordination').call('GET', path);
      expect(read.status).toBe(200);
      const text = JSON.stringify(read.body);
      for (const p of [mother, son]) {
        expect(text).not.toContain(p.identityNumber);
        expect(text).not.toContain(p.name);
      }
      expect((await as('education').call('GET', path)).status).toBe(403);
    }
    expect((await as('civil-affairs').call('GET', '/households/430111-2026-009999/assessment')).status).toBe(404);
  });
});
