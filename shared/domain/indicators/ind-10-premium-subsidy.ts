import * as z from 'zod';
import type { WarningDraft } from '../warning';
import { defineIndicator } from './indicator';
import { slotOf } from '../../records/fact-slots';
import { evidence, factsOf, factsOfType, memberWarning } from './support';
import type { DistrictCode } from '../districts';

const subsidy = z.object({ personRef: z.string(), year: z.number(), subsidyFen: z.number() });
const roll = z.object({ householdId: z.string(), district: z.string(), category: z.string(), members: z.array(z.object({ personRef: z.string() })) });

const rateName = (category: string) => `premium.subsidyRate.${category}`;
const SUBSIDISED = ['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RELAPSE_MONITORING'];

/**
 * Indicator 10: a TEKUN, DIBAO, DIBAO_EDGE or RELAPSE_MONITORING member lacks the matching
 * premium subsidy (100 % / 50 % of the individual premium): checked when the household is put on
 * the roll (no subsidy this year yet) and when medical insurance reports a subsidy (too small).
 */
export const premiumSubsidyMissing = defineIndicator({
  id: 'IND-10',
  version: 1,
  title: 'premium subsidy missing or short',
  titleZh: '未获参保资助或资助不足',
  reads: ['low-income-roll-entry', 'premium-subsidy'],
  recipients: ['medical-insurance'],
  parameters: ['premium.individualAnnualFen', ...SUBSIDISED.map(rateName)],
  deadlineDays: 30,
  factsRead({ observed, on }) {
    if (observed.recordType !== 'low-income-roll-entry') return [];
    const slot = slotOf('premium-subsidy', { year: Number(on.slice(0, 4)) });
    return factsOf(roll, observed).members.map(({ personRef }) => ({ personRef, recordType: 'premium-subsidy', slot }));
  },
  evaluate({ observed, memberships, parameters, facts, on }) {
    const premium = Number(parameters['premium.individualAnnualFen']);
    const year = Number(on.slice(0, 4));
    const due = (category: string) => (SUBSIDISED.includes(category) ? Math.round(Number(parameters[rateName(category)]) * premium) : 0);

    if (observed.recordType === 'premium-subsidy') {
      const r = factsOf(subsidy, observed);
      const member = memberships.get(r.personRef);
      if (!member || r.subsidyFen >= due(member.category)) return [];
      return [
        memberWarning(member, observed, {
          dedupeKey: `${r.personRef}:${r.year}`,
          action: 'pay the rest of the premium subsidy',
          explanation: `A ${member.category} member's ${r.year} premium subsidy is ${r.subsidyFen} fen; ${due(member.category)} fen is due (${Number(parameters[rateName(member.category)]) * 100} % of ${premium}).`,
          facts: { year: r.year, subsidyFen: r.subsidyFen, dueFen: due(member.category), premiumFen: premium },
        }),
      ];
    }

    const r = factsOf(roll, observed);
    if (due(r.category) === 0) return [];
    const drafts: WarningDraft[] = [];
    for (const { personRef } of r.members) {
      const paid = factsOfType(facts.get(personRef), 'premium-subsidy').some((f) => f.record.year === year && Number(f.record.subsidyFen) >= due(r.category));
      if (paid) continue;
      drafts.push({
        householdId: r.householdId,
        district: r.district as DistrictCode,
        subjects: [personRef],
        dedupeKey: `${personRef}:${year}`,
        action: 'enrol the member in residents’ medical insurance with the premium subsidy',
        explanation: `A ${r.category} member has no ${year} premium subsidy on record; ${due(r.category)} fen is due (${Number(parameters[rateName(r.category)]) * 100} % of ${premium}).`,
        evidence: [evidence(observed, personRef, { year, dueFen: due(r.category), premiumFen: premium, category: r.category })],
      });
    }
    return drafts;
  },
});
