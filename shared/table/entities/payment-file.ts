import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import type { PaymentFileClose, PaymentFileId, PaymentLine } from '../../domain/payments';
import { parseItem, type WriteAction } from '../entity';
import type { ItemKey } from '../keys';

/**
 * 发放清单 a month's allowance payment file for one programme and district, in its own
 * partition `PAYFILE#<programme>#<month>#<district>`: one item per line (keyed by the household
 * and civil affairs' own line id, so a line posted twice is one item) and its close. Only what a
 * `PaymentLine` holds is kept: the payee by person reference and masked number, never a name,
 * an identity number or the bank reference.
 */
export const paymentFilePartition = (f: PaymentFileId) => `PAYFILE#${f.programme}#${f.month}#${f.district}`;
export const PAYMENT_LINE_PREFIX = 'LINE#';

const lineKey = (line: PaymentLine, lineId: string): ItemKey => ({ PK: paymentFilePartition(line), SK: `${PAYMENT_LINE_PREFIX}${line.householdId}#${lineId}` });
const lineSchema = z.object({
  recordId: z.string(),
  personRef: z.string(),
  maskedIdentityNumber: z.string(),
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  programme: z.string(),
  month: z.string(),
  amountFen: z.number().int(),
  paidOn: z.string(),
});
export const paymentLine = {
  key: lineKey,
  toItem(line: PaymentLine, lineId: string) {
    return { ...lineKey(line, lineId), entity: 'PaymentLine', ...lineSchema.parse(line) };
  },
  fromItem(item: Record<string, unknown>): PaymentLine {
    return parseItem('PaymentLine', lineSchema, item);
  },
};

const closeKey = (f: PaymentFileId): ItemKey => ({ PK: paymentFilePartition(f), SK: '#CLOSE' });
const closeSchema = z.object({
  recordId: z.string(),
  programme: z.string(),
  month: z.string(),
  district: z.enum(DISTRICT_CODES),
  lineCount: z.number().int(),
  totalFen: z.number().int(),
});
export const paymentFileClose = {
  key: closeKey,
  toItem(close: PaymentFileClose) {
    return { ...closeKey(close), entity: 'PaymentFileClose', ...closeSchema.parse(close) };
  },
  fromItem(item: Record<string, unknown>): PaymentFileClose {
    return parseItem('PaymentFileClose', closeSchema, item);
  },
};

/**
 * 同一人同月 one item per payee and month, `PAYEE#<personRef>` / `PAID#<month>`, with one
 * attribute per line (`line:<lineId>`) naming the household, programme and district it was paid
 * under, in any district's file. Lines are added by UpdateItem (same attribute, same line), so
 * the payees of a whole file are read back with BatchGetItem rather than a query each.
 */
const payeeKey = (personRef: string, month: string): ItemKey => ({ PK: `PAYEE#${personRef}`, SK: `PAID#${month}` });
const payeeLine = z.object({
  recordId: z.string(),
  maskedIdentityNumber: z.string(),
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  programme: z.string(),
  amountFen: z.number().int(),
  paidOn: z.string(),
});
export const payeeMonth = {
  key: payeeKey,
  /** Adds lines of one payee and month (each as its own attribute; one action per item). */
  addLines(personRef: string, month: string, lines: readonly { line: PaymentLine; lineId: string }[]): WriteAction {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':entity': 'PayeeMonth', ':ref': personRef, ':month': month };
    const sets = lines.map(({ line, lineId }, i) => {
      names[`#l${i}`] = `line:${lineId}`;
      const { personRef: _p, month: _m, ...kept } = line;
      values[`:l${i}`] = payeeLine.parse(kept);
      return `#l${i} = :l${i}`;
    });
    return {
      Update: {
        Key: payeeKey(personRef, month),
        UpdateExpression: `SET #entity = :entity, personRef = :ref, #month = :month, ${sets.join(', ')}`,
        ExpressionAttributeNames: { ...names, '#entity': 'entity', '#month': 'month' },
        ExpressionAttributeValues: values,
      },
    };
  },
  fromItem(item: Record<string, unknown>): PaymentLine[] {
    const { personRef, month } = parseItem('PayeeMonth', z.object({ personRef: z.string(), month: z.string() }), item);
    return Object.entries(item)
      .filter(([name]) => name.startsWith('line:'))
      .map(([, value]) => ({ ...payeeLine.parse(value), personRef, month }))
      .sort((a, b) => a.householdId.localeCompare(b.householdId) || a.recordId.localeCompare(b.recordId));
  },
};
