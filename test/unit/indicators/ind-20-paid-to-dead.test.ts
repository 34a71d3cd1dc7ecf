import { describe, expect, it } from 'vitest';
import { paidToDead } from '../../../shared/domain/indicators/ind-20-paid-to-dead';
import { expectNoPersonalData, furong, line, parametersOf, refOf, yuelu } from './payment-fixtures';

const parameters = parametersOf(paidToDead);
const grandmotherPaid = () => line(yuelu.grandmother, yuelu, 150_000);
const died = (dateOfDeath: string) => new Map([[refOf(yuelu.grandmother), { dateOfDeath, recordId: 'S-death:0' }]]);

describe('IND-20: an allowance paid to a person registered dead before the payment month', () => {
  it('fires for a November payment to a payee who died in October, for supervision, with the evidence and no personal data', () => {
    const payment = grandmotherPaid();
    const [draft, ...more] = paidToDead.evaluate({ lines: [payment], deaths: died('2026-10-08') }, parameters);
    expect(more).toEqual([]);
    expect(paidToDead.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: yuelu.householdId,
      district: '430104',
      subjects: [refOf(yuelu.grandmother)],
      dedupeKey: `${refOf(yuelu.grandmother)}:dibao-allowance:2026-11`,
    });
    expect(draft!.evidence[0]).toMatchObject({
      recordId: payment.recordId,
      recordType: 'allowance-payment',
      facts: { month: '2026-11', amountFen: 150_000, dateOfDeath: '2026-10-08', deathRecordId: 'S-death:0', graceDays: 0 },
    });
    expectNoPersonalData(draft);
  });

  it.each([
    ['2026-10-31', true], // the last day before the month: the November allowance is not owed (次月停发)
    ['2026-11-01', false], // died in the payment month: that month is still paid
    ['2026-11-20', false],
  ])('a death on %s makes the November payment wrong: %s', (dateOfDeath, fires) => {
    expect(paidToDead.evaluate({ lines: [grandmotherPaid()], deaths: died(dateOfDeath) }, parameters)).toHaveLength(fires ? 1 : 0);
  });

  it('gives a file prepared ahead the grace days the policy book sets', () => {
    const lenient = { ...parameters, 'IND-20.graceDays': 5 };
    expect(paidToDead.evaluate({ lines: [grandmotherPaid()], deaths: died('2026-10-27') }, lenient)).toEqual([]);
    expect(paidToDead.evaluate({ lines: [grandmotherPaid()], deaths: died('2026-10-26') }, lenient)).toHaveLength(1);
  });

  it('reads the death of the payee only, not of another member of the file', () => {
    const lines = [line(yuelu.grandson, yuelu, 150_000), line(furong.head, furong, 180_000)];
    expect(paidToDead.evaluate({ lines, deaths: died('2026-09-01') }, parameters)).toEqual([]);
  });

  it('reads its grace from the policy book, the plan’s value from its first day', () => {
    expect(paidToDead.parameters).toEqual(['IND-20.graceDays', 'warning.deadlineDays.IND-20']);
    expect(parametersOf(paidToDead, '2025-12-01')).toEqual({ 'IND-20.graceDays': 0, 'warning.deadlineDays.IND-20': 10 });
  });
});
