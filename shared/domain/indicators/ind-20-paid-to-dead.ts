import * as z from 'zod';
import { slotOf } from '../../records/fact-slots';
import { addCalendarDays } from '../city-time';
import { lineEvidence, monthDays, paymentLineOf, type PaymentLine } from '../payments';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { factsOfType, num } from './support';

/** A registered death as health reported it, by person reference. */
export interface KnownDeath {
  dateOfDeath: string;
  recordId: string;
}

const deathFacts = z.object({ dateOfDeath: z.string() });

/**
 * The lines of a file paid to a payee registered dead before the payment month, less `grace`
 * days: the allowance stops the month after a death (次月停发).
 */
export function paymentsToTheDead(lines: readonly PaymentLine[], deaths: ReadonlyMap<string, KnownDeath>, grace: number): WarningDraft[] {
  return lines.flatMap((line) => {
    const death = deaths.get(line.personRef);
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
}

/**
 * IND-20 (四.3 确保按时足额发放): an allowance paid to a person health registered dead before the
 * payment month, read from each payment line as it arrives against the payee's death (kept in
 * the payee's dossier, and for a while about anyone: IND-01 retains deaths). `IND-20.graceDays`
 * are days before the month's first day in which a death may still be missed by a file
 * already prepared.
 */
export const paidToDead = defineIndicator({
  id: 'IND-20',
  version: 1,
  title: 'allowance paid to a person registered dead before the payment month',
  titleZh: '向已死亡人员发放救助金',
  reads: ['allowance-payment'],
  recipients: ['supervision'],
  parameters: ['IND-20.graceDays'],
  deadlineDays: 10, // money to the dead is recovered quickly
  factsRead({ observed }) {
    return observed.subjects.map((personRef) => ({ personRef, recordType: 'death-record', slot: slotOf('death-record', {}) }));
  },
  evaluate({ observed, facts, parameters }) {
    const line = paymentLineOf(observed.recordId, observed.record);
    const death = factsOfType(facts.get(line.personRef), 'death-record')[0];
    if (!death) return [];
    const deaths = new Map([[line.personRef, { dateOfDeath: deathFacts.parse(death.record).dateOfDeath, recordId: death.recordId }]]);
    return paymentsToTheDead([line], deaths, num(parameters['IND-20.graceDays'], 'IND-20.graceDays'));
  },
});
