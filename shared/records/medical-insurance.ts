import * as z from 'zod';
import { districtCode, fen, inOrder, isoDate, personRecord } from './fields';

/** Medical insurance (医疗保障): medical assistance, reimbursements, premium subsidies. */

export const medicalAssistancePayment = personRecord('medical-assistance-payment', {
  kind: z.enum(['outpatient', 'inpatient', 'catastrophic-illness']),
  paidOn: isoDate,
  amountFen: fen,
  district: districtCode,
});

/** Insurance reimbursement over a period: what remained for the person to pay. Indicator 2. */
export const insuranceReimbursement = personRecord('insurance-reimbursement', {
  periodStart: isoDate,
  periodEnd: isoDate,
  totalCostFen: fen,
  reimbursedFen: fen,
  outOfPocketFen: fen,
  district: districtCode,
}).superRefine((r, ctx) => {
  inOrder([['periodStart', 'periodEnd']])(r, ctx);
  if (r.reimbursedFen + r.outOfPocketFen > r.totalCostFen) {
    ctx.addIssue({ code: 'custom', path: ['outOfPocketFen'], message: 'reimbursedFen + outOfPocketFen must not exceed totalCostFen' });
  }
});

/** A premium subsidy (参保资助) paid for a person's residents' basic medical insurance for a year. Indicator 10. */
export const premiumSubsidy = personRecord('premium-subsidy', {
  year: z.number().int().min(2020).max(2100),
  subsidyFen: fen,
  district: districtCode,
});
