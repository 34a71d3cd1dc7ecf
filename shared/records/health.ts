import * as z from 'zod';
import { bilingual, label } from '../domain/bilingual';
import { departmentRecordId, districtCode, fen, identityNumber, inOrder, isoDate, personName, personRecord, recordType } from './fields';

/** Health (卫生健康): deaths, medical spending, disease emergency-fund cases, the population register. */

/** A death registered by the health department (死亡医学证明). Indicator 1 reads it. */
export const deathRecord = z
  .object({
    type: recordType('death-record'),
    recordId: departmentRecordId,
    identityNumber,
    name: personName,
    dateOfDeath: isoDate.meta(label('死亡日期', 'Date of death')),
    certificateNumber: z
      .string()
      .regex(/^[A-Z0-9]{6,20}$/, bilingual('须为 6–20 个大写字母或数字', 'must be 6-20 upper-case letters or digits'))
      .meta(label('死亡医学证明编号', 'Death certificate number')),
    // Where the death was registered.
    district: districtCode.meta(label('死亡登记区县', 'District where registered')),
  })
  .strict();

const hospitalCode = z
  .string()
  .regex(/^[A-Z0-9]{6,22}$/, bilingual('须为医疗机构登记号', 'must be the hospital’s registration code'))
  .meta(label('医疗机构登记号', 'Hospital registration code'));

/** A person's medical spending over a period (医疗费用), from hospital settlement data. Indicator 2. */
export const medicalSpending = personRecord('medical-spending', {
  periodStart: isoDate.meta(label('费用期间起始日', 'Period start')),
  periodEnd: isoDate.meta(label('费用期间截止日', 'Period end')),
  totalCostFen: fen.meta(label('医疗总费用（分）', 'Total cost (fen)')),
  outOfPocketFen: fen.meta(label('个人自付费用（分）', 'Out of pocket (fen)')),
  district: districtCode,
}).superRefine((r, ctx) => {
  inOrder([['periodStart', 'periodEnd']])(r, ctx);
  if (r.outOfPocketFen > r.totalCostFen)
    ctx.addIssue({ code: 'custom', path: ['outOfPocketFen'], message: bilingual('不得超过医疗总费用 totalCostFen', 'must not exceed totalCostFen') });
});

/** A disease emergency-fund case (疾病应急救助) or a serious-illness diagnosis. Indicator 3. */
export const emergencyFundCase = personRecord('emergency-fund-case', {
  openedOn: isoDate.meta(label('救助开始日期', 'Date opened')),
  hospitalCode,
  amountFen: fen.meta(label('救助金额（分）', 'Amount (fen)')),
  district: districtCode,
});

export const seriousIllnessDiagnosis = personRecord('serious-illness-diagnosis', {
  diagnosedOn: isoDate.meta(label('确诊日期', 'Date diagnosed')),
  /** ICD-10 code of the diagnosis, e.g. C34.9. */
  icd10: z
    .string()
    .regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, bilingual('须为 ICD-10 疾病编码，例如 C34.9', 'must be an ICD-10 code such as C34.9'))
    .meta(label('疾病诊断编码（ICD-10）', 'ICD-10 code')),
  hospitalCode,
  district: districtCode,
});

/** A change in the population register (人口登记): birth, moving in or out of a district. */
export const populationRegisterChange = personRecord('population-register-change', {
  change: z.enum(['birth', 'move-in', 'move-out']).meta(label('变动类别', 'Kind of change')),
  on: isoDate.meta(label('变动日期', 'Date of change')),
  district: districtCode,
});
