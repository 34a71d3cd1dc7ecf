import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, memberWarning } from './support';

const pension = z.object({ personRef: z.string(), scheme: z.string(), kind: z.string(), month: z.string() });

/**
 * Indicator 17: a member of an assisted household pays into the public-institution pension
 * scheme, i.e. is a public employee → review for "connection" assistance (关系保).
 */
export const publicEmployeeInAssistedHousehold = defineIndicator({
  id: 'IND-17',
  version: 1,
  title: 'public employee in an assisted household: review for connection assistance',
  titleZh: '家庭成员为公职人员',
  reads: ['pension-record'],
  recipients: ['civil-affairs', 'supervision'],
  deadlineDays: 20,
  evaluate({ observed, memberships }) {
    const r = factsOf(pension, observed);
    if (r.scheme !== 'public-institution' || r.kind !== 'contribution') return [];
    const member = memberships.get(r.personRef);
    if (!member || member.activeProgrammes.length === 0) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: r.personRef,
        action: 'review how the household was recognised; end the assistance if it was not due',
        explanation: `A member of a household paid ${member.activeProgrammes.join(', ')} contributes to the public-institution pension scheme (seen for ${r.month}).`,
        facts: { scheme: r.scheme, month: r.month },
      }),
    ];
  },
});
