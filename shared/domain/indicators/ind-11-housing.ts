import * as z from 'zod';
import { defineIndicator } from './indicator';
import { factsOf, listParameter, memberWarning } from './support';

const survey = z.object({
  personRef: z.string(),
  area: z.enum(['urban', 'rural']),
  surveyedOn: z.string(),
  dangerousHouseGrade: z.string().optional(),
  onlyHome: z.boolean(),
  urbanHousingHardship: z.boolean().optional(),
});

/** Indicator 11: a rural monitored household's only home is a grade C/D dangerous house, or an urban one is in housing hardship. */
export const housingHardship = defineIndicator({
  id: 'IND-11',
  version: 1,
  title: 'dangerous house or urban housing hardship: housing assistance',
  titleZh: '危房或住房困难',
  reads: ['housing-condition'],
  recipients: ['housing'],
  parameters: ['IND-11.dangerousGrades'],
  deadlineDays: 30,
  evaluate({ observed, memberships, parameters }) {
    const r = factsOf(survey, observed);
    const member = memberships.get(r.personRef);
    if (!member) return [];
    const grades = listParameter(parameters['IND-11.dangerousGrades']);
    const rural = r.area === 'rural' && r.onlyHome && r.dangerousHouseGrade !== undefined && grades.includes(r.dangerousHouseGrade);
    const urban = r.area === 'urban' && r.urbanHousingHardship === true;
    if (!rural && !urban) return [];
    return [
      memberWarning(member, observed, {
        dedupeKey: `${member.householdId}:${r.area}`,
        action: rural ? 'renovate the dangerous house (农村危房改造)' : 'offer public rental housing or a rent subsidy',
        explanation: rural
          ? `The only home of a ${member.category} household was surveyed on ${r.surveyedOn} as a grade ${r.dangerousHouseGrade} dangerous house.`
          : `A ${member.category} household was found in urban housing hardship on ${r.surveyedOn}.`,
        facts: {
          area: r.area,
          surveyedOn: r.surveyedOn,
          ...(r.dangerousHouseGrade ? { dangerousHouseGrade: r.dangerousHouseGrade } : {}),
          onlyHome: r.onlyHome,
        },
      }),
    ];
  },
});
