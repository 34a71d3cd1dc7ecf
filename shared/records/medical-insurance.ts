import * as z from 'zod';
import { bilingual, label } from '../domain/bilingual';
import { districtCode, fen, inOrder, isoDate, personRecord } from './fields';

/** Medical insurance (医疗保障): medical assistance, reimbursements, premium subsidies. */

export const medicalAssistancePayment = personRecord('medical-assistance-payment', {
  kind: z.enum(['outpatient', 'inpatient', 'catastrophic-illness']).meta(label('医疗救助类别', 'Kind of assistance')),
  paidOn: isoDate.meta(label('支付日期', 'Date paid')),
  amountFen: fen.meta(label('救助金额（分）', 'Amount (fen)')),
  district: districtCode,
});

/** Insurance reimbursement over a period: what remained for the person to pay. Indicator 2. */
export const insuranceReimbursement = personRecord('insurance-reimbursement', {
  periodStart: isoDate.meta(label('报销期间起始日', 'Period start')),
  periodEnd: isoDate.meta(label('报销期间截止日', 'Period end')),
  totalCostFen: fen.meta(label('医疗总费用（分）', 'Total cost (fen)')),
  reimbursedFen: fen.meta(label('医保报销金额（分）', 'Reimbursed (fen)')),
  outOfPocketFen: fen.meta(label('个人自付费用（分）', 'Out of pocket (fen)')),
  district: districtCode,
}).superRefine((r, ctx) => {
  inOrder([['periodStart', 'periodEnd']])(r, ctx);
  if (r.reimbursedFen + r.outOfPocketFen > r.totalCostFen) {
    ctx.addIssue({
      code: 'custom',
      path: ['outOfPocketFen'],
      message: bilingual('医保报销金额与个人自付费用之和不得超过医疗总费用', 'reimbursedFen + outOfPocketFen must not exceed totalCostFen'),
    });
  }
});

/** A premium subsidy (参保资助) paid for a person's residents' basic medical insurance for a year. Indicator 10. */
export const premiumSubsidy = personRecord('premium-subsidy', {
  year: z.number().int().min(2020).max(2100).meta(label('资助年度', 'Year')),
  subsidyFen: fen.meta(label('资助金额（分）', 'Subsidy (fen)')),
  district: districtCode,
});
