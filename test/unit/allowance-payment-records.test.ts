import { describe, expect, it } from 'vitest';
import { paymentFileCloseOf, paymentLineOf } from '../../shared/domain/payments';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { personRefOf, pseudonymize } from '../../shared/privacy/person-ref';
import { checkRecords } from '../../shared/records/check-records';
import { RECORD_EXAMPLES } from '../../shared/records/examples';
import { fieldLabels } from '../../shared/records/labels';
import { plausibilityProblems } from '../../shared/records/plausibility';
import { identityNumber } from '../fixtures/people';

const policy = new PolicyBook(CITY_PARAMETERS);
const today = '2026-11-25';
const plausible = (r: Record<string, unknown>) => plausibilityProblems(r, policy, today);
const payee = { identityNumber: identityNumber('430121', '1961-02-14', 27), name: '黄桂兰' };
const payment = (over: Record<string, unknown> = {}) => ({ ...RECORD_EXAMPLES['allowance-payment'], recordId: 'MZ-FF-2026-11-000911', ...payee, ...over });
const fields = (r: ReturnType<typeof checkRecords>) => r.invalid.map((p) => p.field);

describe('the month’s allowance payment file as civil affairs posts it', () => {
  it('accepts a file of lines and its close from civil affairs, and from no other department', () => {
    const records = [payment(), RECORD_EXAMPLES['allowance-payment-file']];
    expect(checkRecords('civil-affairs', records, plausible)).toMatchObject({ invalid: [], forbidden: [] });
    expect(checkRecords('medical-insurance', records, plausible).forbidden.map((p) => p.field)).toEqual(['type', 'type']);
  });

  it('refuses a bank reference that is not masked, so no account number is ever stored', () => {
    for (const bankReference of ['6217002920101234567', 'CCB6217002920101234567', 'CCB**3321', 'ccb****3321'])
      expect(fields(checkRecords('civil-affairs', [payment({ bankReference })], plausible)), bankReference).toEqual(['bankReference']);
  });

  it('refuses a line paid before the month before its month, a month in the future, an amount not in fen, a district not the city’s', () => {
    expect(fields(checkRecords('civil-affairs', [payment({ paidOn: '2026-09-30' })], plausible))).toEqual(['paidOn']);
    expect(fields(checkRecords('civil-affairs', [payment({ paidOn: '2026-10-25' })], plausible))).toEqual([]); // prepared the month before
    // Paid ahead is allowed, but a month's file is posted from that month on (plausibility: no future month).
    expect(fields(checkRecords('civil-affairs', [payment({ month: '2026-12', paidOn: '2026-11-25' })], plausible))).toEqual(['month']);
    expect(fields(checkRecords('civil-affairs', [payment({ amountFen: 1500.5 })], plausible))).toEqual(['amountFen']);
    expect(fields(checkRecords('civil-affairs', [payment({ district: '430100' })], plausible))).toEqual(['district']);
    expect(fields(checkRecords('civil-affairs', [payment({ programme: 'temporary-assistance' })], plausible))).toEqual(['programme']);
  });

  it('refuses a close with no lines but a total', () => {
    const close = { ...RECORD_EXAMPLES['allowance-payment-file'], lineCount: 0 };
    expect(fields(checkRecords('civil-affairs', [close], plausible))).toEqual(['totalFen']);
  });

  it('keeps a line by person reference only: no identity number, no name', () => {
    const key = singleKeyRing(Buffer.alloc(32, 3));
    const [valid] = checkRecords('civil-affairs', [payment()], plausible).valid;
    const kept = pseudonymize(valid, key) as Record<string, unknown>;
    const line = paymentLineOf('S1:0', kept);
    expect(line).toEqual({
      recordId: 'S1:0',
      personRef: personRefOf(payee.identityNumber, key),
      maskedIdentityNumber: expect.stringMatching(/^430121\*+/),
      householdId: '430102-2026-001207',
      district: '430102',
      programme: 'dibao-allowance',
      month: '2026-11',
      amountFen: 150_000,
      paidOn: '2026-11-10',
    });
    expect(JSON.stringify(kept)).not.toContain(payee.identityNumber);
    expect(JSON.stringify(kept)).not.toContain(payee.name);
    expect(paymentFileCloseOf('S1:1', RECORD_EXAMPLES['allowance-payment-file'])).toMatchObject({ district: '430102', lineCount: 1_284 });
  });

  it('names every field in Chinese and English', () => {
    expect(fieldLabels('allowance-payment')).toMatchObject({
      month: { zh: '发放所属月份', en: 'Payment month' },
      bankReference: { zh: '银行流水号（脱敏）', en: 'Bank reference (masked)' },
      amountFen: { zh: '发放金额（分）', en: 'Amount paid (fen)' },
    });
    expect(fieldLabels('allowance-payment-file').lineCount).toEqual({ zh: '发放明细条数', en: 'Number of payment lines' });
  });
});
