import { addCalendarDays } from '../city-time';
import type { Household } from '../household';
import { allowanceOf, fileComplete, linesOf, monthDays, owedFor, type PaymentFileClose, type PaymentLine } from '../payments';
import type { PolicyValue } from '../policy/policy-book';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { num } from './support';

/**
 * IND-23 (四.3 按时): a household the roll pays is missing from the month's file. Raised only
 * once civil affairs has closed the file (`allowance-payment-file`, with its line count) and
 * every line it counts has arrived: a file is posted in several batches that may come in any
 * order, and a sweep on a fixed day would warn about files merely late. An allowance that
 * started fewer than `IND-23.startGraceDays` before the month's last day may be paid with the
 * next month's file (补发), so its household is not yet expected.
 */
export const missingFromFile = defineIndicator({
  id: 'IND-23',
  version: 1,
  title: 'entitled household missing from the month’s payment file',
  titleZh: '应发未发：名册内家庭未列入当月发放清单',
  recipients: ['supervision'],
  parameters: ['IND-23.startGraceDays'],
  deadlineDays: 10, // the household is without its allowance this month
  evaluate(
    input: { close: PaymentFileClose; lines: readonly PaymentLine[]; households: readonly Household[] },
    parameters: Readonly<Record<string, PolicyValue>>,
  ): WarningDraft[] {
    const { close } = input;
    if (!fileComplete(close, input.lines)) return [];
    const grace = num(parameters['IND-23.startGraceDays'], 'IND-23.startGraceDays');
    const paid = new Set(linesOf(close, input.lines).map((l) => l.householdId));
    const { last } = monthDays(close.month);
    return input.households.flatMap((household) => {
      const allowance = allowanceOf(household, close.programme);
      if (household.district !== close.district || !allowance || paid.has(household.householdId)) return [];
      if (!owedFor(allowance, close.month) || addCalendarDays(allowance.startDate, grace) > last) return [];
      return [
        {
          householdId: household.householdId,
          district: household.district,
          subjects: household.members.map((m) => m.personRef),
          dedupeKey: `${household.householdId}:${close.programme}:${close.month}`,
          action: `pay the household its ${close.programme} for ${close.month} (${allowance.monthlyAmountFen} fen), or record why it is suspended`,
          explanation:
            `Household ${household.householdId} is paid ${allowance.monthlyAmountFen} fen a month of ${close.programme} since ${allowance.startDate}, ` +
            `but the ${close.month} file of district ${close.district} (${close.lineCount} lines, closed) has no line for it.`,
          evidence: [
            {
              recordId: close.recordId,
              recordType: 'allowance-payment-file',
              department: 'civil-affairs',
              facts: {
                programme: close.programme,
                month: close.month,
                lineCount: close.lineCount,
                monthlyAmountFen: allowance.monthlyAmountFen,
                startDate: allowance.startDate,
                startGraceDays: grace,
              },
            },
          ],
        },
      ];
    });
  },
});
