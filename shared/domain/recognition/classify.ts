import type { Category } from '../categories';
import type { DistrictCode } from '../districts';
import type { RollMember } from '../household';
import type { PolicyBook, PolicyParameter, PolicyValue } from '../policy/policy-book';

/**
 * One application, classified review (一次申请、分类审核认定): a household's economic-status
 * investigation is checked against TEKUN, DIBAO, DIBAO_EDGE and RIGID_EXPENDITURE in that
 * order; the first it qualifies for is its category. Every check is kept as a reason with the
 * value, the threshold and the parameter it came from, so the decision explains itself.
 */
export interface InvestigatedMember {
  personRef: string;
  age: number;
  capacityToWork: 'full' | 'partial' | 'none';
  disabilityGrade?: number;
  monthlyIncomeFen: number;
}

export interface Investigation {
  district: DistrictCode;
  investigatedOn: string;
  members: InvestigatedMember[];
  assetsFen: number;
  /** Necessary medical and education spending over the investigation period. */
  necessarySpendingFen: number;
  periodMonths: number;
  /** Whether any legal supporter (法定赡养、抚养、扶养义务人) is able to support the household. */
  ableLegalSupporter: boolean;
}

/** A household's latest classified investigation: what it was decided on, and the decision. */
export interface Assessment {
  householdId: string;
  district: DistrictCode;
  recordId: string;
  /** The investigation's id as civil affairs sent it (absent on assessments kept before it was). */
  departmentRecordId?: string;
  investigation: Investigation;
  category: Category | null;
  policyVersion: number;
  decidedAt: string;
  /** The checks behind the category (kept since decisions name their policy rows; absent on older assessments). */
  reviews?: CategoryReview[];
  perCapitaMonthlyIncomeFen?: number;
  /** The policy row each parameter was read from, by parameter name. */
  sources?: Record<string, PolicyParameter>;
  /** Who the household was investigated as (masked numbers only): what a correction to a grant enrols. */
  members?: RollMember[];
}

/** What each check tests, for programs (stable) and, through reasons.ts, for people. */
export const CHECK_CODES = ['tekun.members', 'tekun.noSupporter', 'dibao.income', 'edge.income', 'rigid.income', 'rigid.spending', 'assets.perCapita'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export interface Check {
  /** Absent on checks stored before codes were kept. */
  code?: CheckCode;
  test: string;
  value: number | string | boolean;
  threshold: number | string | boolean;
  passed: boolean;
  /** The policy parameters its threshold was set by (their rows are the decision's `sources`). */
  parameters?: string[];
}

export interface CategoryReview {
  category: Exclude<Category, 'RELAPSE_MONITORING' | 'OTHER_HARDSHIP'>;
  qualifies: boolean;
  checks: Check[];
}

export interface Decision {
  category: CategoryReview['category'] | null;
  reviews: CategoryReview[];
  perCapitaMonthlyIncomeFen: number;
  parameters: Record<string, PolicyValue>;
  /** The row each parameter's value came from: a district's own row, or the city-wide one. */
  sources: Record<string, PolicyParameter>;
}

export const RECOGNITION_PARAMETERS = [
  'dibao.standardMonthlyFen',
  'edge.incomeMultiple',
  'rigid.lastYearDisposableIncomeMonthlyFen',
  'rigid.spendingShareOfIncome',
  'assets.limitPerCapitaFen',
  'tekun.elderlyAge',
  'tekun.minorAge',
  'tekun.severeDisabilityGradeMax',
] as const;

export function classify(inv: Investigation, policy: PolicyBook): Decision {
  const sources = Object.fromEntries(RECOGNITION_PARAMETERS.map((n) => [n, policy.rowOn(n, inv.investigatedOn, inv.district)])) as Record<
    (typeof RECOGNITION_PARAMETERS)[number],
    PolicyParameter
  >;
  const p = Object.fromEntries(
    Object.entries(sources).map(([n, row]) => {
      if (typeof row.value !== 'number') throw new Error(`policy parameter ${n} is not a number`);
      return [n, row.value];
    }),
  ) as Record<(typeof RECOGNITION_PARAMETERS)[number], number>;
  const size = inv.members.length;
  const income = inv.members.reduce((sum, m) => sum + m.monthlyIncomeFen, 0);
  const perCapita = Math.floor(income / size);
  const assetsPerCapita = Math.floor(inv.assetsFen / size);
  const check = (
    code: CheckCode,
    parameters: (typeof RECOGNITION_PARAMETERS)[number][],
    test: string,
    value: Check['value'],
    threshold: Check['threshold'],
    passed: boolean,
  ): Check => ({ code, test, value, threshold, passed, parameters });
  const assetsOk = check(
    'assets.perCapita',
    ['assets.limitPerCapitaFen'],
    'assets per person within the limit',
    assetsPerCapita,
    p['assets.limitPerCapitaFen'],
    assetsPerCapita <= p['assets.limitPerCapitaFen'],
  );

  // TEKUN: every member is elderly, a minor or severely disabled, and has no capacity to work and
  // no income, and nobody is able to support them ("three noes", 三无).
  const tekunMember = (m: InvestigatedMember) =>
    (m.age >= p['tekun.elderlyAge'] ||
      m.age < p['tekun.minorAge'] ||
      (m.disabilityGrade !== undefined && m.disabilityGrade <= p['tekun.severeDisabilityGradeMax'])) &&
    m.capacityToWork === 'none' &&
    m.monthlyIncomeFen === 0;
  const tekun: Check[] = [
    check(
      'tekun.members',
      ['tekun.elderlyAge', 'tekun.minorAge', 'tekun.severeDisabilityGradeMax'],
      'every member elderly, a minor or severely disabled, unable to work and without income',
      inv.members.filter(tekunMember).length,
      size,
      inv.members.every(tekunMember),
    ),
    check('tekun.noSupporter', [], 'no legal supporter able to support', !inv.ableLegalSupporter, true, !inv.ableLegalSupporter),
  ];
  const standard = p['dibao.standardMonthlyFen'];
  const dibao = [
    check('dibao.income', ['dibao.standardMonthlyFen'], 'per-capita income below the dibao standard', perCapita, standard, perCapita < standard),
    assetsOk,
  ];
  const edgeLimit = Math.round(standard * p['edge.incomeMultiple']);
  const edge = [
    check(
      'edge.income',
      ['dibao.standardMonthlyFen', 'edge.incomeMultiple'],
      `per-capita income below ${p['edge.incomeMultiple']} × the dibao standard`,
      perCapita,
      edgeLimit,
      perCapita < edgeLimit,
    ),
    assetsOk,
  ];
  const disposable = p['rigid.lastYearDisposableIncomeMonthlyFen'];
  const householdIncomeForPeriod = income * inv.periodMonths;
  const spendingLimit = Math.round(householdIncomeForPeriod * p['rigid.spendingShareOfIncome']);
  const rigid = [
    check(
      'rigid.income',
      ['rigid.lastYearDisposableIncomeMonthlyFen'],
      'per-capita income below last year’s per-capita disposable income',
      perCapita,
      disposable,
      perCapita < disposable,
    ),
    assetsOk,
    check(
      'rigid.spending',
      ['rigid.spendingShareOfIncome'],
      'necessary medical and education spending above the share of income',
      inv.necessarySpendingFen,
      spendingLimit,
      inv.necessarySpendingFen > spendingLimit,
    ),
  ];

  const reviews: CategoryReview[] = [
    { category: 'TEKUN', checks: tekun, qualifies: tekun.every((c) => c.passed) },
    { category: 'DIBAO', checks: dibao, qualifies: dibao.every((c) => c.passed) },
    { category: 'DIBAO_EDGE', checks: edge, qualifies: edge.every((c) => c.passed) },
    { category: 'RIGID_EXPENDITURE', checks: rigid, qualifies: rigid.every((c) => c.passed) },
  ];
  return { category: reviews.find((r) => r.qualifies)?.category ?? null, reviews, perCapitaMonthlyIncomeFen: perCapita, parameters: p, sources };
}

/** 认定决定 one decision as kept in the household's partition: what it found, and the rows it was measured against. */
export interface RecognitionDecision {
  householdId: string;
  district: DistrictCode;
  recordId: string;
  departmentRecordId?: string;
  investigatedOn: string;
  decidedAt: string;
  category: Decision['category'];
  perCapitaMonthlyIncomeFen: number;
  policyVersion: number;
  reviews: CategoryReview[];
  sources: Record<string, PolicyParameter>;
  /** The members investigated (masked numbers only; absent on decisions kept before they were). */
  members?: RollMember[];
}

/** The decision an assessment records, when it carries its checks (assessments kept before they did: none). */
export function decisionOf(a: Assessment): RecognitionDecision | undefined {
  if (!a.reviews || a.perCapitaMonthlyIncomeFen === undefined || !a.sources) return undefined;
  return {
    householdId: a.householdId,
    district: a.district,
    recordId: a.recordId,
    ...(a.departmentRecordId ? { departmentRecordId: a.departmentRecordId } : {}),
    investigatedOn: a.investigation.investigatedOn,
    decidedAt: a.decidedAt,
    category: a.category as Decision['category'],
    perCapitaMonthlyIncomeFen: a.perCapitaMonthlyIncomeFen,
    policyVersion: a.policyVersion,
    reviews: a.reviews,
    sources: a.sources,
    ...(a.members?.length ? { members: a.members } : {}),
  };
}
