import * as z from 'zod';
import { ALLOWANCE_PROGRAMMES } from '../domain/programmes';
import { bilingual, label } from '../domain/bilingual';
import { departmentRecordId, districtCode, fen, householdId, isoDate, personRecord, recordType, yearMonth } from './fields';

/**
 * The monthly payment file of an allowance (按月发放清单, 四.3 确保按时足额发放): civil affairs
 * posts one `allowance-payment` record per payment line, in one batch or several, and closes
 * the file with one `allowance-payment-file` record per programme, month and district. The
 * platform checks each line against the entitlement on the roll (IND-20 to IND-22, IND-24) and,
 * once the file is closed and all its lines are in, looks for entitled households it lacks
 * (IND-23). Finance is not a department of the platform (departments.ts), so civil affairs
 * posts the file whichever office pays it.
 */

const programme = z.enum(ALLOWANCE_PROGRAMMES).meta(label('救助项目', 'Programme'));
const month = yearMonth.meta(label('发放所属月份', 'Payment month'));

/**
 * The bank's reference for the transfer, masked as the bank prints it on a statement: a bank
 * code, at least four asterisks and the last four digits. A full account or card number is
 * refused, so none is ever stored.
 */
export const maskedBankReference = z
  .string()
  .regex(
    /^[A-Z]{2,8}\*{4,}[0-9]{4}$/,
    bilingual(
      '须为脱敏的银行流水号：银行代码、至少 4 个 * 和末 4 位数字，如 CCB****3321',
      'must be the masked bank reference: bank code, at least four "*", last four digits, e.g. CCB****3321',
    ),
  )
  .meta(label('银行流水号（脱敏）', 'Bank reference (masked)'));

/** One payment line: who was paid (the payee's identity number, pseudonymized at intake), for which household, month and programme, how much. */
export const allowancePayment = personRecord('allowance-payment', {
  programme,
  month,
  householdId,
  district: districtCode.meta(label('发放区县', 'District paying')),
  amountFen: fen.meta(label('发放金额（分）', 'Amount paid (fen)')),
  paidOn: isoDate.meta(label('发放日期', 'Date paid')),
  bankReference: maskedBankReference,
}).superRefine((line, ctx) => {
  // Paid in the month or ahead of it, never before the month before (the file is prepared then).
  if (line.paidOn.slice(0, 7) < previousMonth(line.month))
    ctx.addIssue({
      code: 'custom',
      path: ['paidOn'],
      message: bilingual(
        `不得早于所属月份的上一个月（${previousMonth(line.month)}）`,
        `must not be before the month before the payment month (${previousMonth(line.month)})`,
      ),
    });
});

/**
 * The close of a month's file (发放清单结束): how many lines and how much in all, so the platform
 * knows the file is whole even when its batches arrive out of order, and only then looks for
 * entitled households the file lacks.
 */
export const allowancePaymentFile = z
  .object({
    type: recordType('allowance-payment-file'),
    recordId: departmentRecordId,
    programme,
    month,
    district: districtCode.meta(label('发放区县', 'District paying')),
    lineCount: z.number().int().min(0).max(1_000_000).meta(label('发放明细条数', 'Number of payment lines')),
    totalFen: fen.meta(label('发放总金额（分）', 'Total paid (fen)')),
    closedOn: isoDate.meta(label('清单截止日期', 'Date the file was closed')),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.lineCount === 0 && file.totalFen !== 0)
      ctx.addIssue({ code: 'custom', path: ['totalFen'], message: bilingual('无发放明细时总金额须为 0', 'must be 0 when the file has no lines') });
  });

/** The month before a yyyy-mm month. */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
