import { birthDateOf, isValidIdentityNumber } from '../domain/identity-number';
import { addCalendarDays } from '../domain/city-time';
import type { PolicyBook } from '../domain/policy/policy-book';
import { fieldPath } from '../domain/errors';

/**
 * Plausibility (合理性校验) of a record that passed its schema: real is not enough, it must also
 * be possible against the identity number and today. The bounds are policy parameters
 * (`input.*` in city-parameters.ts), read on the day of the submission.
 *
 * - An identity number whose birth date is after today is refused.
 * - A date before `input.earliestYear` is refused.
 * - An event (a death, a diagnosis, a visit) may not be dated after today plus
 *   `input.eventDateToleranceDays`; a scheduled date (an end, a start, a validity) may be up
 *   to `input.scheduledDateHorizonDays` ahead.
 * - An event about a person may not be before the birth date in that person's identity number.
 * - No amount in fen may exceed `input.maxAmountFen`.
 * - A month (`month`, yyyy-mm), a year (`year`) or a school year (`schoolYear`, yyyy-yyyy) is read as its first day
 *   for the same checks: not before `input.earliestYear`, an event month not after this month,
 *   not before the birth month; a year or a school year (paid or enrolled ahead) not beyond the
 *   scheduled horizon.
 */
export const SCHEDULED_DATE_FIELDS: ReadonlySet<string> = new Set(['endDate', 'validUntil', 'startDate', 'to', 'periodEnd']);

export interface PlausibilityProblem {
  field: string;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const SCHOOL_YEAR = /^(\d{4})-\d{4}$/;

export function plausibilityProblems(record: Record<string, unknown>, policy: PolicyBook, today: string): PlausibilityProblem[] {
  const maxFen = policy.numberOn('input.maxAmountFen', today);
  const earliestYear = policy.numberOn('input.earliestYear', today);
  const latestEvent = addCalendarDays(today, policy.numberOn('input.eventDateToleranceDays', today));
  const latestScheduled = addCalendarDays(today, policy.numberOn('input.scheduledDateHorizonDays', today));
  const problems: PlausibilityProblem[] = [];

  const visit = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, [...path, i]);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    const id = object.identityNumber;
    let birth = typeof id === 'string' && isValidIdentityNumber(id) ? birthDateOf(id) : undefined;
    if (birth && birth > today) {
      problems.push({
        field: fieldPath([...path, 'identityNumber']),
        message: `身份证号中的出生日期 ${birth} 晚于今天 / the birth date in the identity number (${birth}) is after today`,
      });
      birth = undefined; // one problem for one cause
    }
    for (const [key, v] of Object.entries(object)) {
      const at = fieldPath([...path, key]);
      if (typeof v === 'string' && DATE.test(v)) {
        const scheduled = SCHEDULED_DATE_FIELDS.has(key);
        if (Number(v.slice(0, 4)) < earliestYear) problems.push({ field: at, message: `日期早于 ${earliestYear} 年 / the date is before ${earliestYear}` });
        else if (!scheduled && v > latestEvent) problems.push({ field: at, message: `日期 ${v} 晚于今天 / the date ${v} is in the future` });
        else if (scheduled && v > latestScheduled)
          problems.push({
            field: at,
            message: `日期 ${v} 过远 / the date ${v} is more than ${policy.numberOn('input.scheduledDateHorizonDays', today)} days ahead`,
          });
        else if (!scheduled && birth && v < birth)
          problems.push({
            field: at,
            message: `日期 ${v} 早于身份证号中的出生日期 ${birth} / the date ${v} is before the birth date in the identity number (${birth})`,
          });
      } else if (key === 'month' && typeof v === 'string' && MONTH.test(v)) {
        const first = `${v}-01`;
        if (Number(v.slice(0, 4)) < earliestYear) problems.push({ field: at, message: `月份早于 ${earliestYear} 年 / the month is before ${earliestYear}` });
        else if (first > latestEvent) problems.push({ field: at, message: `月份 ${v} 晚于本月 / the month ${v} is in the future` });
        else if (birth && v < birth.slice(0, 7))
          problems.push({
            field: at,
            message: `月份 ${v} 早于身份证号中的出生日期 ${birth} / the month ${v} is before the birth date in the identity number (${birth})`,
          });
      } else if ((key === 'year' && typeof v === 'number') || (key === 'schoolYear' && typeof v === 'string' && SCHOOL_YEAR.test(v))) {
        const year = typeof v === 'number' ? v : Number(v.slice(0, 4));
        const first = typeof v === 'number' ? `${year}-01-01` : `${year}-09-01`;
        if (year < earliestYear) problems.push({ field: at, message: `年份早于 ${earliestYear} 年 / the year is before ${earliestYear}` });
        else if (first > latestScheduled)
          problems.push({
            field: at,
            message: `年份 ${v} 过远 / the year ${v} is more than ${policy.numberOn('input.scheduledDateHorizonDays', today)} days ahead`,
          });
        else if (birth && `${year + (typeof v === 'number' ? 0 : 1)}` < birth.slice(0, 4))
          problems.push({
            field: at,
            message: `年份 ${v} 早于身份证号中的出生日期 ${birth} / the year ${v} is before the birth date in the identity number (${birth})`,
          });
      } else if (typeof v === 'number' && key.endsWith('Fen') && v > maxFen) {
        problems.push({ field: at, message: `金额超过上限 ${maxFen} 分 / the amount exceeds ${maxFen} fen` });
      } else if (typeof v === 'object') visit(v, [...path, key]);
    }
  };
  visit(record, []);
  return problems;
}
