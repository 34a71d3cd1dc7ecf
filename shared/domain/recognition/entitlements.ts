import type { DistrictCode } from '../districts';
import type { PolicyBook } from '../policy/policy-book';

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
