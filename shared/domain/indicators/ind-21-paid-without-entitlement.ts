import type { Household } from '../household';
import { allowanceOf, lastDayPaid, lineEvidence, monthDays, type PaymentLine } from '../payments';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';

/** Why a line has no entitlement behind it. */
export type NoEntitlement = 'not-on-roll' | 'no-such-allowance' | 'ended' | 'not-started';

/** Why the roll owes the line's household nothing for the line's month, or undefined when it does. */
export function noEntitlement(line: PaymentLine, household: Household | undefined): NoEntitlement | undefined {
  if (!household) return 'not-on-roll';
  const allowance = allowanceOf(household, line.programme);
  if (!allowance) return 'no-such-allowance';
  const { first, last } = monthDays(line.month);
  if (allowance.startDate > last) return 'not-started';
  if (allowance.status === 'ended' && !allowance.endedOn) return 'ended';
  const until = lastDayPaid(allowance);
  return until !== undefined && until < first ? 'ended' : undefined;
}

const ACTION: Record<NoEntitlement, string> = {
  'not-on-roll': 'stop the payment: the household is not on the roll',
  'no-such-allowance': 'stop the payment: the household is not entitled to this allowance',
  ended: 'stop the payment and recover it: the allowance had ended',
  'not-started': 'check the payment: the allowance had not started',
};

/**
 * IND-21 (四.3): an allowance paid for a month the roll does not owe it: after the allowance
 * ended (or its gradual exit ran out), before it started, or to a household the roll does not
 * pay that programme at all.
 */
export const paidWithoutEntitlement = defineIndicator({
  id: 'IND-21',
  version: 1,
  title: 'allowance paid after it ended or without entitlement on the roll',
  titleZh: '救助终止后仍发放或无待遇发放',
  recipients: ['supervision'],
  deadlineDays: 15,
  evaluate(input: { lines: readonly PaymentLine[]; households: ReadonlyMap<string, Household> }): WarningDraft[] {
    return input.lines.flatMap((line) => {
      const household = input.households.get(line.householdId);
      const reason = noEntitlement(line, household);
      if (!reason) return [];
      const allowance = allowanceOf(household, line.programme);
      const ended = allowance ? lastDayPaid(allowance) : undefined;
      return [
        {
          householdId: line.householdId,
          district: household?.district ?? line.district,
          subjects: [line.personRef],
          dedupeKey: `${line.householdId}:${line.programme}:${line.month}`,
          action: ACTION[reason],
          explanation:
            `${line.programme} for ${line.month} (${line.amountFen} fen, paid ${line.paidOn}) to household ${line.householdId}: ` +
            (reason === 'ended'
              ? `the allowance was paid up to ${ended ?? 'an unrecorded day'} only.`
              : reason === 'not-started'
                ? `the allowance starts on ${allowance?.startDate}.`
                : reason === 'not-on-roll'
                  ? 'the household is not on the roll.'
                  : `the roll pays the household no ${line.programme}.`),
          evidence: [lineEvidence(line, { reason, ...(ended ? { lastDayPaid: ended } : {}), ...(allowance ? { startDate: allowance.startDate } : {}) })],
        },
      ];
    });
  },
});
