import * as z from 'zod';
import { defineIndicator } from './indicator';
import { slotOf } from '../../records/fact-slots';
import { factsOf, factsOfType, memberWarning, num } from './support';

const certificate = z.object({ personRef: z.string(), kind: z.string(), grade: z.number(), issuedOn: z.string() });

/** Indicator 7: a monitored person holds a severe-disability certificate but receives no care subsidy. */
export const severeDisabilityWithoutSubsidy = defineIndicator({
  id: 'IND-07',
  version: 1,
  title: 'severe disability without the care subsidy',
  titleZh: '重度残疾人未获护理补贴',
  reads: ['disability-certificate'],
  recipients: ['civil-affairs', 'disabled-federation'],
  parameters: ['IND-07.severeGradeMax'],
  deadlineDays: 20,
  factsRead({ observed, memberships }) {
    const r = factsOf(certificate, observed);
    if (!memberships.has(r.personRef)) return [];
    return [{ personRef: r.personRef, recordType: 'disability-subsidy-grant', slot: slotOf('disability-subsidy-grant', { subsidy: 'care-subsidy' }) }];
  },
  evaluate({ observed, memberships, parameters, facts, on }) {
    const r = factsOf(certificate, observed);
    const member = memberships.get(r.personRef);
    const severe = num(parameters['IND-07.severeGradeMax'], 'IND-07.severeGradeMax');
    if (!member || r.grade > severe) return [];
    const subsidised = factsOfType(facts.get(r.personRef), 'disability-subsidy-grant').some(
      (f) => f.record.subsidy === 'care-subsidy' && (typeof f.record.endDate !== 'string' || f.record.endDate >= on),
    );
    if (subsidised) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:${r.kind}`,
        action: 'grant the care subsidy for severely disabled people (and the living subsidy where eligible)',
        explanation: `A member of a ${member.category} household holds a grade ${r.grade} ${r.kind} disability certificate (severe: grade ${severe} or below) and no care subsidy is on record.`,
        facts: { kind: r.kind, grade: r.grade, issuedOn: r.issuedOn, severeGradeMax: severe },
      }),
    ];
  },
});
