import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, memberWarning } from './support';

const registration = z.object({ personRef: z.string(), registeredOn: z.string() });

/** Indicator 4: a monitored person registers as unemployed → employment assistance, the "311" service. */
export const registeredUnemployed = defineIndicator({
  id: 'IND-04',
  version: 1,
  title: 'registered unemployed: employment assistance (311)',
  titleZh: '登记失业',
  reads: ['unemployment-registration'],
  recipients: ['hr-social-security'],
  deadlineDays: 15,
  evaluate({ observed, memberships }) {
    const r = factsOf(registration, observed);
    const member = memberships.get(r.personRef);
    if (!member) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:${r.registeredOn}`,
        action: 'offer three job referrals, one career guidance and one training (311); a public-welfare post as last resort',
        explanation: `A member of a ${member.category} household registered as unemployed on ${r.registeredOn}.`,
        facts: { registeredOn: r.registeredOn },
      }),
    ];
  },
});
