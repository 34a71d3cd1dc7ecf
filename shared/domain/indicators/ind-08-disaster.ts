import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, memberWarning } from './support';

const disaster = z.object({ personRef: z.string(), disaster: z.string(), occurredOn: z.string(), lossFen: z.number(), relief: z.string() });

/** Indicator 8: a monitored household suffers a disaster → emergency and transitional relief. */
export const disasterStruck = defineIndicator({
  id: 'IND-08',
  version: 1,
  title: 'disaster in a monitored household: relief',
  titleZh: '监测家庭受灾',
  reads: ['disaster-relief'],
  recipients: ['emergency-management', 'civil-affairs'],
  deadlineDays: 5, // disaster relief is urgent
  evaluate({ observed, memberships }) {
    const r = factsOf(disaster, observed);
    const member = memberships.get(r.personRef);
    if (!member) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:${r.disaster}:${r.occurredOn}`,
        action: 'provide emergency and transitional living relief; check for dibao, tekun or temporary assistance afterwards',
        explanation: `A ${member.category} household suffered a ${r.disaster} on ${r.occurredOn} with losses of ${r.lossFen} fen (relief so far: ${r.relief}).`,
        facts: { disaster: r.disaster, occurredOn: r.occurredOn, lossFen: r.lossFen, relief: r.relief },
      }),
    ];
  },
});
