import * as z from 'zod';
import { label } from '../domain/bilingual';
import { districtCode, fen, isoDate, personRecord } from './fields';

/** Housing and urban-rural development (住房城乡建设): housing assistance and housing surveys. */

export const housingAssistance = personRecord('housing-assistance', {
  assistance: z.enum(['public-rental-housing', 'rent-subsidy', 'dangerous-house-renovation']).meta(label('住房救助方式', 'Kind of assistance')),
  amountFen: fen.meta(label('救助金额（分）', 'Amount (fen)')).optional(),
  startDate: isoDate.meta(label('救助起始日期', 'Start date')),
  district: districtCode,
});

/** A survey of a household's home: rural dangerous-house grade (A–D) or urban housing hardship. Indicator 11. */
export const housingCondition = personRecord('housing-condition', {
  area: z.enum(['urban', 'rural']).meta(label('城乡属性', 'Urban or rural')),
  surveyedOn: isoDate.meta(label('鉴定日期', 'Date surveyed')),
  dangerousHouseGrade: z.enum(['A', 'B', 'C', 'D']).meta(label('危房等级', 'Dangerous-house grade')).optional(),
  onlyHome: z.boolean().meta(label('是否唯一住房', 'Only home')),
  urbanHousingHardship: z.boolean().meta(label('是否城镇住房困难', 'Urban housing hardship')).optional(),
  district: districtCode,
});
