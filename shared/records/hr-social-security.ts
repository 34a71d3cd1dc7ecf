import * as z from 'zod';
import { districtCode, fen, isoDate, personRecord, yearMonth } from './fields';

/** HR and social security (人力资源社会保障): work injury, unemployment, employment, pensions. */

export const workInjuryClaim = personRecord('work-injury-claim', {
  injuredOn: isoDate,
  /** Work-capacity appraisal grade 1 (most severe) to 10, when appraised. */
  disabilityGrade: z.number().int().min(1).max(10).optional(),
  monthlyBenefitFen: fen.optional(),
  district: districtCode,
});

export const unemploymentRegistration = personRecord('unemployment-registration', {
  registeredOn: isoDate,
  monthlyBenefitFen: fen.optional(),
  district: districtCode,
});

export const employmentRegistration = personRecord('employment-registration', {
  employedOn: isoDate,
  /** Unified social credit code of the employer (统一社会信用代码). */
  employerCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'must be the employer’s 18-character unified social credit code'),
  monthlyWageFen: fen,
  district: districtCode,
});

/** A pension contribution or benefit for a month, by scheme. Public-institution contributions mean a public employee (indicator 17). */
export const pensionRecord = personRecord('pension-record', {
  scheme: z.enum(['enterprise-employee', 'public-institution', 'urban-rural-resident']),
  kind: z.enum(['contribution', 'benefit']),
  month: yearMonth,
  amountFen: fen,
  district: districtCode,
});
