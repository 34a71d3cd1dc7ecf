import { describe, expect, it } from 'vitest';
import { decisionReasons, listRecognitionDecisions, readAssessment } from '../../functions/household-query/use-case';
import { isBilingual, splitBilingual } from '../../shared/domain/bilingual';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook, type PolicyParameter } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange } from '../../shared/domain/policy/policy-change';
import { type Assessment, classify, decisionOf, type Investigation, type RecognitionDecision } from '../../shared/domain/recognition/classify';
import { householdAssessment, recognitionDecisions } from '../../shared/platform/answers/recognition';
import type { RecognitionReader } from '../../shared/ports/assessment-store';
import { ForeignPageToken } from '../../shared/ports/warning-lists';
import { policyRow } from '../../shared/table/entities/policy';
import { personRefOf } from '../../shared/privacy/person-ref';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { identityNumber } from '../fixtures/people';

/** A decision names the policy row behind each threshold: a district's own row over the city's, the dates, the change. */
const KEY = singleKeyRing(Buffer.alloc(32, 3));
const mother = personRefOf(identityNumber('430111', '1986-04-09', 62), KEY);
const daughter = personRefOf(identityNumber('430111', '2015-10-30', 48), KEY);

// Yuhua's own 2026 dibao standard, as policy change 3 wrote it.
const yuhuaStandard: PolicyParameter = {
  name: 'dibao.standardMonthlyFen',
  value: 95_000,
  unit: 'fen per person per month',
  district: '430111',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  source: '雨花区城乡低保标准 2026',
  changeVersion: 3,
};
const book = new PolicyBook([...CITY_PARAMETERS, yuhuaStandard], 3);

const investigation = (district: Investigation['district'], perCapitaFen: number): Investigation => ({
  district,
  investigatedOn: '2026-11-15',
  members: [
    { personRef: mother, age: 40, capacityToWork: 'partial', monthlyIncomeFen: perCapitaFen * 2 },
    { personRef: daughter, age: 11, capacityToWork: 'none', monthlyIncomeFen: 0 },
  ],
  assetsFen: 1_200_000,
  necessarySpendingFen: 80_000,
  periodMonths: 6,
  ableLegalSupporter: false,
});

function assessed(householdId: string, inv: Investigation, policy = book): Assessment {
  const d = classify(inv, policy);
  return {
    householdId,
    district: inv.district,
    recordId: `MZ-DC-${householdId}`,
    investigation: inv,
    category: d.category,
    policyVersion: policy.version,
    decidedAt: '2026-11-15T03:00:00.000Z',
    reviews: d.reviews,
    perCapitaMonthlyIncomeFen: d.perCapitaMonthlyIncomeFen,
    sources: d.sources,
  };
}

class Reader implements RecognitionReader {
  constructor(
    private readonly assessments: Assessment[],
    private readonly decided: RecognitionDecision[] = assessments.flatMap((a) => decisionOf(a) ?? []),
  ) {}
  async latest(householdId: string) {
    return this.assessments.find((a) => a.householdId === householdId);
  }
  async decisions(householdId: string, limit: number, after?: string) {
    const mine = this.decided.filter((d) => d.householdId === householdId).sort((a, b) => b.investigatedOn.localeCompare(a.investigatedOn));
    const from = after === undefined ? 0 : Number(after);
    if (Number.isNaN(from)) throw new ForeignPageToken();
    const items = mine.slice(from, from + limit);
    return { items, ...(from + limit < mine.length ? { next: String(from + limit) } : {}) };
  }
}

describe('the policy row behind a threshold', () => {
  it('is the district’s own row where it has one, and the city-wide row elsewhere', () => {
    const yuhua = classify(investigation('430111', 92_000), book);
    const yuelu = classify(investigation('430104', 92_000), book);
    // 92,000 fen a person: below Yuhua's own 95,000, not below the city's 90,000.
    expect(yuhua.category).toBe('DIBAO');
    expect(yuelu.category).toBe('DIBAO_EDGE');
    expect(yuhua.sources['dibao.standardMonthlyFen']).toEqual(yuhuaStandard);
    expect(yuelu.sources['dibao.standardMonthlyFen']).toMatchObject({
      district: '*',
      value: 90_000,
      effectiveFrom: '2026-01-01',
      source: '长沙市城乡低保标准 2026',
    });
    const income = yuhua.reviews.find((r) => r.category === 'DIBAO')!.checks[0]!;
    expect(income).toMatchObject({ code: 'dibao.income', threshold: 95_000, parameters: ['dibao.standardMonthlyFen'] });
  });

  it('carries the change version that wrote it from the table, and a change does not copy an old version onto the rows it rewrites', () => {
    const [read] = policyRow.rowsOf([{ PK: 'POLICY', SK: 'ROW#x', row: { ...yuhuaStandard, changeVersion: undefined }, version: 3 }]);
    expect(read?.changeVersion).toBe(3);
    const { next } = applyPolicyChange(book.rows(), [{ ...yuhuaStandard, value: 100_000, effectiveFrom: '2026-12-01', changeVersion: undefined } as never]);
    const shortened = next.find((r) => r.district === '430111' && r.effectiveFrom === '2026-01-01');
    expect(shortened).toMatchObject({ effectiveTo: '2026-11-30', value: 95_000 });
    expect(shortened).not.toHaveProperty('changeVersion');
  });
});

describe('GET /households/{householdId}/assessment', () => {
  it('shows every check with its value, threshold, result and the row it rests on, district or city-wide', async () => {
    const reader = new Reader([assessed('430111-2026-003391', investigation('430111', 60_000))]);
    const answer = householdAssessment.parse(await readAssessment('430111-2026-003391', { recognition: reader }));
    expect(answer).toMatchObject({ category: 'DIBAO', categoryName: '最低生活保障对象', perCapitaMonthlyIncomeFen: 60_000, explained: true, policyVersion: 3 });
    const dibao = answer.reviews.find((r) => r.category === 'DIBAO')!;
    const [income, assets] = dibao.checks;
    expect(income).toMatchObject({ value: 60_000, threshold: 95_000, passed: true });
    expect(income!.policyRows).toEqual([
      {
        name: 'dibao.standardMonthlyFen',
        value: 95_000,
        unit: 'fen per person per month',
        district: '430111',
        districtRow: true,
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
        changeVersion: 3,
        source: '雨花区城乡低保标准 2026',
      },
    ]);
    expect(assets!.policyRows).toEqual([expect.objectContaining({ name: 'assets.limitPerCapitaFen', district: '*', districtRow: false, changeVersion: 0 })]);
    const { zh, en } = splitBilingual(income!.reason);
    expect(zh).toBe(
      '家庭人均月收入 60000 分低于低保标准 95000 分；依据 dibao.standardMonthlyFen = 95000（雨花区（430111），2026-01-01 至 2026-12-31，第 3 次调整，雨花区城乡低保标准 2026）。',
    );
    expect(en).toBe(
      'per-capita monthly income 60000 fen is below the dibao standard 95000 fen; set by dibao.standardMonthlyFen = 95000 (Yuhua (430111), 2026-01-01 to 2026-12-31, change 3).',
    );
    // The edge line rests on two rows: the district's standard and the city's multiple.
    const edge = answer.reviews.find((r) => r.category === 'DIBAO_EDGE')!.checks[0]!;
    expect(edge.policyRows.map((r) => [r.name, r.district])).toEqual([
      ['dibao.standardMonthlyFen', '430111'],
      ['edge.incomeMultiple', '*'],
    ]);
    for (const c of answer.reviews.flatMap((r) => r.checks)) expect(isBilingual(c.reason), c.reason).toBe(true);
    // People by reference only.
    expect(JSON.stringify(answer)).not.toMatch(/\d{17}[\dX]/);
  });

  it('reads an assessment kept before checks were stored, saying it is not explained', async () => {
    const {
      reviews: _r,
      sources: _s,
      perCapitaMonthlyIncomeFen: _p,
      ...old
    } = assessed('430104-2026-000901', investigation('430104', 60_000), new PolicyBook(CITY_PARAMETERS));
    const answer = householdAssessment.parse(await readAssessment('430104-2026-000901', { recognition: new Reader([old], []) }));
    expect(answer).toMatchObject({ category: 'DIBAO', explained: false, reviews: [] });
    expect(answer).not.toHaveProperty('perCapitaMonthlyIncomeFen');
  });

  it('answers 404 for a household never assessed and 400 for a malformed id', async () => {
    await expect(readAssessment('430104-2026-000999', { recognition: new Reader([]) })).rejects.toMatchObject({ code: 'AssessmentNotFound' });
    await expect(readAssessment('not an id', { recognition: new Reader([]) })).rejects.toMatchObject({ code: 'InvalidHouseholdId' });
  });
});

describe('GET /households/{householdId}/decisions', () => {
  it('gives each decision its reasons: why the categories before it were not met, and every check of the one decided', async () => {
    const a = assessed('430111-2026-003391', investigation('430111', 60_000));
    const reasons = decisionReasons(decisionOf(a)!);
    expect(reasons.map((r) => splitBilingual(r).en.split(';')[0])).toEqual([
      'only 1 of 2 members are elderly, minors or severely disabled, unable to work and without income',
      'per-capita monthly income 60000 fen is below the dibao standard 95000 fen',
      'assets per person 600000 fen are within the limit 3000000 fen',
    ]);
  });

  it('lists a household’s decisions newest first, a page at a time, each naming the rows it was decided under', async () => {
    const older = assessed('430111-2026-003391', investigation('430111', 60_000));
    // After a change: from 2026-12-01 Yuhua's standard is 100,000 (change 4), the old row ends the day before.
    const { next } = applyPolicyChange(book.rows(), [
      { ...yuhuaStandard, value: 100_000, effectiveFrom: '2026-12-01', source: '雨花区民政局 2026 年 12 月通知', changeVersion: undefined } as never,
    ]);
    const changed = new PolicyBook(
      next.map((r) => (r.district === '430111' && r.effectiveFrom === '2026-12-01' ? { ...r, changeVersion: 4 } : r)),
      4,
    );
    const newer = assessed('430111-2026-003391', { ...investigation('430111', 97_000), investigatedOn: '2026-12-01' }, changed);
    const reader = new Reader([newer], [decisionOf(older)!, decisionOf(newer)!]);
    const first = recognitionDecisions.parse(await listRecognitionDecisions('430111-2026-003391', { limit: '1' }, { recognition: reader }));
    expect(first.decisions.map((d) => [d.investigatedOn, d.category])).toEqual([['2026-12-01', 'DIBAO']]);
    expect(first.decisions[0]!.reviews[1]!.checks[0]!.policyRows[0]).toMatchObject({ value: 100_000, effectiveFrom: '2026-12-01', changeVersion: 4 });
    const second = recognitionDecisions.parse(await listRecognitionDecisions('430111-2026-003391', { limit: '1', next: first.next }, { recognition: reader }));
    // The old decision still names the row as it was: 95,000 through 2026-12-31, change 3.
    expect(second.decisions[0]!.reviews[1]!.checks[0]!.policyRows[0]).toMatchObject({ value: 95_000, effectiveTo: '2026-12-31', changeVersion: 3 });
    expect(second.next).toBeUndefined();
    expect(splitBilingual(second.decisions[0]!.summary)).toEqual({
      zh: '认定为最低生活保障对象（家庭人均月收入 60000 分）',
      en: 'recognised as minimum living allowance (dibao) (per-capita monthly income 60000 fen)',
    });
  });

  it('refuses a foreign page token and a bad limit, and answers 404 when the household has no decision', async () => {
    const reader = new Reader([assessed('430111-2026-003391', investigation('430111', 60_000))]);
    await expect(listRecognitionDecisions('430111-2026-003391', { next: 'x' }, { recognition: reader })).rejects.toMatchObject({ code: 'InvalidPageToken' });
    await expect(listRecognitionDecisions('430111-2026-003391', { limit: '0' }, { recognition: reader })).rejects.toMatchObject({ code: 'InvalidQuery' });
    await expect(listRecognitionDecisions('430104-2026-000999', {}, { recognition: reader })).rejects.toMatchObject({ code: 'AssessmentNotFound' });
  });
});
