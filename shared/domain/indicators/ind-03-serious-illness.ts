import { cityDay } from '../city-time';
import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, listParameter, memberWarning } from './support';

const illness = z.object({
  personRef: z.string(),
  icd10: z.string().optional(),
  diagnosedOn: z.string().optional(),
  openedOn: z.string().optional(),
  amountFen: z.number().optional(),
});

/** Indicator 3: a monitored person has a serious illness or a disease emergency-fund case → medical assistance. */
export const seriousIllness = defineIndicator({
  id: 'IND-03',
  version: 1,
  title: 'serious illness or emergency-fund case: medical assistance',
  titleZh: '重病或疾病应急救助',
  reads: ['serious-illness-diagnosis', 'emergency-fund-case'],
  recipients: ['medical-insurance', 'civil-affairs'],
  parameters: ['IND-03.seriousIllnessIcd10Prefixes'],
  deadlineDays: 10,
  evaluate({ observed, memberships, parameters }) {
    const r = factsOf(illness, observed);
    const member = memberships.get(r.personRef);
    if (!member) return [];
    if (observed.recordType === 'serious-illness-diagnosis') {
      const prefixes = listParameter(parameters['IND-03.seriousIllnessIcd10Prefixes']);
      if (!r.icd10 || !prefixes.some((p) => r.icd10!.startsWith(p))) return [];
    }
    const on = r.diagnosedOn ?? r.openedOn ?? cityDay(observed.acceptedAt);
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:${observed.recordType}:${on}`,
        action: 'provide outpatient, inpatient or catastrophic-illness medical assistance',
        explanation:
          observed.recordType === 'emergency-fund-case'
            ? `A disease emergency-fund case was opened on ${on} for a member of a ${member.category} household.`
            : `A member of a ${member.category} household was diagnosed on ${on} with a serious illness (ICD-10 ${r.icd10}).`,
        facts: { on, ...(r.icd10 ? { icd10: r.icd10 } : {}), ...(r.amountFen !== undefined ? { amountFen: r.amountFen } : {}) },
      }),
    ];
  },
});
