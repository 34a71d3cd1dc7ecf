import { groupBy, lineEvidence, type PaymentLine } from '../payments';
import type { PolicyValue } from '../policy/policy-book';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { listParameter } from './support';

/**
 * IND-24 (四.3): the same person paid for one month under two households, by any of the
 * allowances `IND-24.programmes` counts together (dibao and tekun exclude each other). Read
 * over the month's lines of every district, so a person paid in two districts is found too.
 */
export const paidUnderTwoHouseholds = defineIndicator({
  id: 'IND-24',
  version: 1,
  title: 'the same person paid under two households in one month',
  titleZh: '同一人同月在两户领取救助金',
  recipients: ['supervision'],
  parameters: ['IND-24.programmes'],
  deadlineDays: 15,
  evaluate(input: { lines: readonly PaymentLine[] }, parameters: Readonly<Record<string, PolicyValue>>): WarningDraft[] {
    const programmes = new Set(listParameter(parameters['IND-24.programmes']));
    const counted = input.lines.filter((l) => programmes.has(l.programme));
    return [...groupBy(counted, (l) => `${l.personRef}:${l.month}`)].flatMap(([key, lines]) => {
      const households = [...new Set(lines.map((l) => l.householdId))].sort();
      if (households.length < 2) return [];
      const first = lines.find((l) => l.householdId === households[0])!;
      return [
        {
          householdId: first.householdId,
          district: first.district,
          subjects: [first.personRef],
          dedupeKey: key,
          action: 'keep one household’s allowance for this person and recover the other',
          explanation:
            `One payee was paid for ${first.month} under ${households.length} households: ` +
            lines.map((l) => `${l.householdId} (${l.programme}, ${l.amountFen} fen, district ${l.district})`).join('; ') +
            '.',
          evidence: lines.map((l) => lineEvidence(l, { householdId: l.householdId, district: l.district })),
        },
      ];
    });
  },
});
