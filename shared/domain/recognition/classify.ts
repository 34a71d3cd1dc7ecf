import type { Category } from '../categories';
import type { DistrictCode } from '../districts';
import type { PolicyBook, PolicyValue } from '../policy/policy-book';

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
  investigation: Investigation;
  category: Category | null;
  policyVersion: number;
  decidedAt: string;
}

export interface Check {
  test: string;
  value: number | string | boolean;
  threshold: number | string | boolean;
  passed: boolean;
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
  const p = Object.fromEntries(RECOGNITION_PARAMETERS.map((n) => [n, policy.numberOn(n, inv.investigatedOn, inv.district)])) as Record<
    (typeof RECOGNITION_PARAMETERS)[number],
    number
  >;
  const size = inv.members.length;
  const income = inv.members.reduce((sum, m) => sum + m.monthlyIncomeFen, 0);
  const perCapita = Math.floor(income / size);
  const assetsPerCapita = Math.floor(inv.assetsFen / size);
  const check = (test: string, value: Check['value'], threshold: Check['threshold'], passed: boolean): Check => ({ test, value, threshold, passed });
  const assetsOk = check(
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
      'every member elderly, a minor or severely disabled, unable to work and without income',
      inv.members.filter(tekunMember).length,
      size,
      inv.members.every(tekunMember),
    ),
    check('no legal supporter able to support', !inv.ableLegalSupporter, true, !inv.ableLegalSupporter),
  ];
  const standard = p['dibao.standardMonthlyFen'];
  const dibao = [check('per-capita income below the dibao standard', perCapita, standard, perCapita < standard), assetsOk];
  const edgeLimit = Math.round(standard * p['edge.incomeMultiple']);
  const edge = [check(`per-capita income below ${p['edge.incomeMultiple']} × the dibao standard`, perCapita, edgeLimit, perCapita < edgeLimit), assetsOk];
  const disposable = p['rigid.lastYearDisposableIncomeMonthlyFen'];
  const householdIncomeForPeriod = income * inv.periodMonths;
  const spendingLimit = Math.round(householdIncomeForPeriod * p['rigid.spendingShareOfIncome']);
  const rigid = [
    check('per-capita income below last year’s per-capita disposable income', perCapita, disposable, perCapita < disposable),
    assetsOk,
    check(
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
  return { category: reviews.find((r) => r.qualifies)?.category ?? null, reviews, perCapitaMonthlyIncomeFen: perCapita, parameters: p };
}
