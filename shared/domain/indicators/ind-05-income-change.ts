import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, memberWarning, num } from './support';

const change = z.object({
  personRef: z.string(),
  employedOn: z.string().optional(),
  monthlyWageFen: z.number().optional(),
  scheme: z.string().optional(),
  kind: z.string().optional(),
  month: z.string().optional(),
  amountFen: z.number().optional(),
});

/** Indicator 5: a member of an assisted household gains employment or a pension → income re-check, possible exit (应退尽退). */
export const employmentOrPension = defineIndicator({
  id: 'IND-05',
  version: 1,
  title: 'new employment or pension in an assisted household: income re-check',
  titleZh: '就业或领取养老金：收入复核',
  reads: ['employment-registration', 'pension-record'],
  recipients: ['civil-affairs'],
  parameters: ['IND-05.wageReviewThresholdFen'],
  deadlineDays: 20,
  evaluate({ observed, memberships, parameters }) {
    const r = factsOf(change, observed);
    const member = memberships.get(r.personRef);
    if (!member || member.activeProgrammes.length === 0) return [];
    if (observed.recordType === 'employment-registration') {
      const threshold = num(parameters['IND-05.wageReviewThresholdFen'], 'IND-05.wageReviewThresholdFen');
      if ((r.monthlyWageFen ?? 0) < threshold) return [];
      return [
        memberWarning(member, observed, {
          dedupeKey: `${r.personRef}:employment:${r.employedOn}`,
          action: 're-check household income; start gradual exit if above the standard',
          explanation: `A member of a household paid ${member.activeProgrammes.join(', ')} was employed on ${r.employedOn} at ${r.monthlyWageFen} fen a month (threshold ${threshold}).`,
          facts: { employedOn: r.employedOn, monthlyWageFen: r.monthlyWageFen, thresholdFen: threshold },
        }),
      ];
    }
    if (r.kind !== 'benefit') return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:pension:${r.scheme}`,
        action: 're-check household income including the pension',
        explanation: `A member of a household paid ${member.activeProgrammes.join(', ')} receives a ${r.scheme} pension of ${r.amountFen} fen (first seen for ${r.month}).`,
        facts: { scheme: r.scheme, month: r.month, amountFen: r.amountFen },
      }),
    ];
  },
});
