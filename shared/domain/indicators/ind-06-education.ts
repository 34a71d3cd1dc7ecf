import * as z from 'zod';
import { defineIndicator } from './indicator';
import { slotOf } from '../../records/fact-slots';
import { factsOf, factsOfType, listParameter, memberWarning } from './support';

const enrolment = z.object({ personRef: z.string(), schoolYear: z.string(), stage: z.string(), schoolCode: z.string() });

/** Indicator 6: a pupil of a monitored household is enrolled without education assistance that school year. */
export const pupilWithoutAssistance = defineIndicator({
  id: 'IND-06',
  version: 1,
  title: 'pupil enrolled without education assistance',
  titleZh: '在校学生未获教育救助',
  reads: ['student-enrolment'],
  recipients: ['education'],
  parameters: ['IND-06.categories'],
  deadlineDays: 30,
  factsRead({ observed, memberships }) {
    const r = factsOf(enrolment, observed);
    if (!memberships.has(r.personRef)) return [];
    return [{ personRef: r.personRef, recordType: 'education-assistance-grant', slot: slotOf('education-assistance-grant', { schoolYear: r.schoolYear }) }];
  },
  evaluate({ observed, memberships, parameters, facts }) {
    const r = factsOf(enrolment, observed);
    const member = memberships.get(r.personRef);
    if (!member || !listParameter(parameters['IND-06.categories']).includes(member.category)) return [];
    const assisted = factsOfType(facts.get(r.personRef), 'education-assistance-grant').some((f) => f.record.schoolYear === r.schoolYear);
    if (assisted) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: `${r.personRef}:${r.schoolYear}`,
        action: 'grant education assistance (grant, living subsidy, fee waiver) for the school year',
        explanation: `A ${r.stage} pupil of a ${member.category} household is enrolled for ${r.schoolYear} and no education assistance for that year is on record.`,
        facts: { schoolYear: r.schoolYear, stage: r.stage, schoolCode: r.schoolCode },
      }),
    ];
  },
});
