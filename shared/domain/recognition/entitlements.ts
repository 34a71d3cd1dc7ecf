import type { Category } from '../categories';
import type { DistrictCode } from '../districts';
import type { PolicyBook } from '../policy/policy-book';

/**
 * Premium subsidy (参保资助): the share of the individual premium of residents' basic medical
 * insurance that assistance pays for a member in a year, by category (100 % TEKUN and DIBAO,
 * 50 % DIBAO_EDGE and RELAPSE_MONITORING, none otherwise), with the premium of that year.
 */
export function premiumSubsidyFen(category: Category, year: number, policy: PolicyBook, district?: DistrictCode): { dueFen: number; rate: number; premiumFen: number } {
  const on = `${year}-07-01`;
  const premiumFen = policy.numberOn('premium.individualAnnualFen', on, district);
  const found = policy.find(`premium.subsidyRate.${category}`, on, district);
  const rate = typeof found?.value === 'number' ? found.value : 0;
  return { dueFen: Math.round(premiumFen * rate), rate, premiumFen };
}

/**
 * Gradual exit (渐退): when a paid household's income rises above the dibao standard, the
 * allowance continues for the grace period and then ends. Returns the last day paid.
 */
export function gradualExitEnd(incomeRoseOn: string, policy: PolicyBook, district?: DistrictCode): { lastPaidDay: string; graceMonths: number } {
  const graceMonths = policy.numberOn('dibao.gradualExitMonths', incomeRoseOn, district);
  const [y, m] = [Number(incomeRoseOn.slice(0, 4)), Number(incomeRoseOn.slice(5, 7))];
  // Paid through the end of the month in which the grace period runs out.
  const endMonth = new Date(Date.UTC(y, m - 1 + graceMonths + 1, 0));
  return { lastPaidDay: endMonth.toISOString().slice(0, 10), graceMonths };
}
