import * as z from 'zod';
import { districtCode, fen, isoDate, personRecord } from './fields';

/** Housing and urban-rural development (住房城乡建设): housing assistance and housing surveys. */

export const housingAssistance = personRecord('housing-assistance', {
  assistance: z.enum(['public-rental-housing', 'rent-subsidy', 'dangerous-house-renovation']),
  amountFen: fen.optional(),
  startDate: isoDate,
  district: districtCode,
});

/** A survey of a household's home: rural dangerous-house grade (A–D) or urban housing hardship. Indicator 11. */
export const housingCondition = personRecord('housing-condition', {
  area: z.enum(['urban', 'rural']),
  surveyedOn: isoDate,
  dangerousHouseGrade: z.enum(['A', 'B', 'C', 'D']).optional(),
  onlyHome: z.boolean(),
  urbanHousingHardship: z.boolean().optional(),
  district: districtCode,
});
