import * as z from 'zod';
import { departmentRecordId, districtCode, fen, identityNumber, inOrder, isoDate, personName, personRecord } from './fields';

/** Health (卫生健康): deaths, medical spending, disease emergency-fund cases, the population register. */

/** A death registered by the health department (死亡医学证明). Indicator 1 reads it. */
export const deathRecord = z
  .object({
    type: z.literal('death-record'),
    recordId: departmentRecordId,
    identityNumber,
    name: personName,
    dateOfDeath: isoDate,
    certificateNumber: z.string().regex(/^[A-Z0-9]{6,20}$/, 'must be 6-20 upper-case letters or digits'),
    // Where the death was registered.
    district: districtCode,
  })
  .strict();

/** A person's medical spending over a period (医疗费用), from hospital settlement data. Indicator 2. */
export const medicalSpending = personRecord('medical-spending', {
  periodStart: isoDate,
  periodEnd: isoDate,
  totalCostFen: fen,
  outOfPocketFen: fen,
  district: districtCode,
}).superRefine((r, ctx) => {
  inOrder([['periodStart', 'periodEnd']])(r, ctx);
  if (r.outOfPocketFen > r.totalCostFen) ctx.addIssue({ code: 'custom', path: ['outOfPocketFen'], message: 'must not exceed totalCostFen' });
});

/** A disease emergency-fund case (疾病应急救助) or a serious-illness diagnosis. Indicator 3. */
export const emergencyFundCase = personRecord('emergency-fund-case', {
  openedOn: isoDate,
  hospitalCode: z.string().regex(/^[A-Z0-9]{6,22}$/, 'must be the hospital’s registration code'),
  amountFen: fen,
  district: districtCode,
});

export const seriousIllnessDiagnosis = personRecord('serious-illness-diagnosis', {
  diagnosedOn: isoDate,
  /** ICD-10 code of the diagnosis, e.g. C34.9. */
  icd10: z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'must be an ICD-10 code such as C34.9'),
  hospitalCode: z.string().regex(/^[A-Z0-9]{6,22}$/, 'must be the hospital’s registration code'),
  district: districtCode,
});

/** A change in the population register (人口登记): birth, moving in or out of a district. */
export const populationRegisterChange = personRecord('population-register-change', {
  change: z.enum(['birth', 'move-in', 'move-out']),
  on: isoDate,
  district: districtCode,
});
