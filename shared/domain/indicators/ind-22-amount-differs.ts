import type { Household } from '../household';
import { allowanceOf, groupBy, lastDayPaid, lineEvidence, monthDays, owedFor, type PaymentLine } from '../payments';
import type { PolicyValue } from '../policy/policy-book';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { num } from './support';

/**
 * IND-22 (四.3 足额): what a household was paid for a month, all its lines together, differs
 * from its monthly allowance on the roll by more than `IND-22.toleranceFen` (rounding of
 * per-person amounts). In a month the allowance starts or ends within, a part payment is
 * expected, so only an overpayment is raised. Months the roll does not owe are IND-21's.
 */
export const amountDiffers = defineIndicator({
  id: 'IND-22',
  version: 1,
  title: 'allowance paid below or above the entitlement on the roll',
  titleZh: '救助金少发或多发',
  recipients: ['supervision'],
  parameters: ['IND-22.toleranceFen'],
  deadlineDays: 15,
  evaluate(
    input: { lines: readonly PaymentLine[]; households: ReadonlyMap<string, Household> },
    parameters: Readonly<Record<string, PolicyValue>>,
  ): WarningDraft[] {
    const tolerance = num(parameters['IND-22.toleranceFen'], 'IND-22.toleranceFen');
    const groups = groupBy(input.lines, (l) => `${l.householdId}:${l.programme}:${l.month}`);
    return [...groups].flatMap(([key, lines]) => {
      const { householdId, programme, month } = lines[0]!;
      const household = input.households.get(householdId);
      const allowance = allowanceOf(household, programme);
      if (!household || !allowance || !owedFor(allowance, month)) return [];
      const paid = lines.reduce((sum, l) => sum + l.amountFen, 0);
      const owed = allowance.monthlyAmountFen;
      const difference = paid - owed;
      if (Math.abs(difference) <= tolerance) return [];
      const { first, last } = monthDays(month);
      const until = lastDayPaid(allowance);
      const partMonth = allowance.startDate > first || (until !== undefined && until < last);
      if (difference < 0 && partMonth) return [];
      const direction = difference < 0 ? 'below' : 'above';
      return [
        {
          householdId,
          district: household.district,
          subjects: [...new Set(lines.map((l) => l.personRef))],
          dedupeKey: key,
          action: direction === 'below' ? `pay the ${-difference} fen still owed` : `recover the ${difference} fen paid in excess`,
          explanation:
            `Household ${householdId} was paid ${paid} fen of ${programme} for ${month} in ${lines.length} line(s); ` +
            `the roll's monthly allowance is ${owed} fen (${direction} by ${Math.abs(difference)} fen, tolerance ${tolerance} fen).`,
          evidence: lines.map((l) => lineEvidence(l, { owedFen: owed, paidInAllFen: paid, differenceFen: difference, direction })),
        },
      ];
    });
  },
});
