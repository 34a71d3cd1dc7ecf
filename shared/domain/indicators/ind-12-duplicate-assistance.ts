import { cityDay } from '../city-time';
import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, memberWarning } from './support';

const move = z.object({
  personRef: z.string(),
  relocatedOn: z.string().optional(),
  fromDistrict: z.string().optional(),
  on: z.string().optional(),
  change: z.string().optional(),
  district: z.string(),
});

/**
 * Indicator 12: the same person on two dibao rolls, or paid by two places for the same period.
 * A paid member relocated (or registered as moving in) to another district must be moved from
 * one roll to the other, never kept on both nor dropped from both.
 */
export const duplicateAssistance = defineIndicator({
  id: 'IND-12',
  version: 1,
  title: 'relocation of a paid member: risk of two rolls or none',
  titleZh: '迁移：重复救助或漏保风险',
  reads: ['relocation', 'population-register-change'],
  recipients: ['civil-affairs'],
  deadlineDays: 15,
  evaluate({ observed, memberships }) {
    const r = factsOf(move, observed);
    if (observed.recordType === 'population-register-change' && r.change !== 'move-in') return [];
    const member = memberships.get(r.personRef);
    if (!member || member.activeProgrammes.length === 0 || member.district === r.district) return [];
    const on = r.relocatedOn ?? r.on ?? cityDay(observed.acceptedAt);
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:${r.district}:${on}`,
        action: `transfer the allowance from district ${member.district} to ${r.district}: end it at the move-out place when the move-in place starts it`,
        explanation: `A member of a household paid ${member.activeProgrammes.join(', ')} in district ${member.district} moved to district ${r.district} on ${on}.`,
        facts: { rolledIn: member.district, movedTo: r.district, on },
      }),
    ];
  },
});
