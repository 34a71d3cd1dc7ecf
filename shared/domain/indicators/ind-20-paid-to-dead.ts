import { addCalendarDays } from '../city-time';
import { lineEvidence, monthDays, type PaymentLine } from '../payments';
import type { PolicyValue } from '../policy/policy-book';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { num } from './support';

/** A registered death as health reported it, by person reference. */
export interface KnownDeath {
  dateOfDeath: string;
  recordId: string;
}

/**
 * IND-20 (四.3 确保按时足额发放): an allowance paid to a person health registered dead before the
 * payment month. The allowance stops the month after a death (次月停发); `IND-20.graceDays`
 * are days before the month's first day in which a death may still be missed by a file already
 * prepared.
 */
export const paidToDead = defineIndicator({
  id: 'IND-20',
  version: 1,
  title: 'allowance paid to a person registered dead before the payment month',
  titleZh: '向已死亡人员发放救助金',
  recipients: ['supervision'],
  parameters: ['IND-20.graceDays'],
  deadlineDays: 10, // money to the dead is recovered quickly
  evaluate(
    input: { lines: readonly PaymentLine[]; deaths: ReadonlyMap<string, KnownDeath> },
    parameters: Readonly<Record<string, PolicyValue>>,
  ): WarningDraft[] {
    const grace = num(parameters['IND-20.graceDays'], 'IND-20.graceDays');
    return input.lines.flatMap((line) => {
      const death = input.deaths.get(line.personRef);
      if (!death || addCalendarDays(death.dateOfDeath, grace) >= monthDays(line.month).first) return [];
      return [
        {
          householdId: line.householdId,
          district: line.district,
          subjects: [line.personRef],
          dedupeKey: `${line.personRef}:${line.programme}:${line.month}`,
          action: 'stop the payment and recover it; check who drew it',
          explanation:
            `${line.programme} for ${line.month} (${line.amountFen} fen, paid ${line.paidOn}) went to a payee of household ${line.householdId} ` +
            `whom health registered dead on ${death.dateOfDeath}, before the payment month.`,
          evidence: [lineEvidence(line, { dateOfDeath: death.dateOfDeath, deathRecordId: death.recordId, graceDays: grace })],
        },
      ];
    });
  },
});
