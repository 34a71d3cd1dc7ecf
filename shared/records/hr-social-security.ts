import * as z from 'zod';
import { bilingual, label } from '../domain/bilingual';
import { districtCode, fen, isoDate, personRecord, yearMonth } from './fields';

/** HR and social security (人力资源社会保障): work injury, unemployment, employment, pensions. */

export const workInjuryClaim = personRecord('work-injury-claim', {
  injuredOn: isoDate.meta(label('受伤日期', 'Date injured')),
  /** Work-capacity appraisal grade 1 (most severe) to 10, when appraised. */
  disabilityGrade: z.number().int().min(1).max(10).meta(label('伤残等级', 'Disability grade')).optional(),
  monthlyBenefitFen: fen.meta(label('月工伤待遇（分）', 'Monthly benefit (fen)')).optional(),
  district: districtCode,
});

export const unemploymentRegistration = personRecord('unemployment-registration', {
  registeredOn: isoDate.meta(label('失业登记日期', 'Date registered')),
  monthlyBenefitFen: fen.meta(label('月失业保险金（分）', 'Monthly benefit (fen)')).optional(),
  district: districtCode,
});

export const employmentRegistration = personRecord('employment-registration', {
  employedOn: isoDate.meta(label('就业日期', 'Date employed')),
  /** Unified social credit code of the employer (统一社会信用代码). */
  employerCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, bilingual('须为用人单位的 18 位统一社会信用代码', 'must be the employer’s 18-character unified social credit code'))
    .meta(label('用人单位统一社会信用代码', 'Employer’s unified social credit code')),
  monthlyWageFen: fen.meta(label('月工资（分）', 'Monthly wage (fen)')),
  district: districtCode,
});

/** A pension contribution or benefit for a month, by scheme. Public-institution contributions mean a public employee (indicator 17). */
export const pensionRecord = personRecord('pension-record', {
  scheme: z.enum(['enterprise-employee', 'public-institution', 'urban-rural-resident']).meta(label('养老保险类别', 'Scheme')),
  kind: z.enum(['contribution', 'benefit']).meta(label('缴费或待遇', 'Contribution or benefit')),
  month: yearMonth.meta(label('所属月份', 'Month')),
  amountFen: fen.meta(label('金额（分）', 'Amount (fen)')),
  district: districtCode,
});
