import { describe, expect, it } from 'vitest';
import { noEntitlement, paidWithoutEntitlement } from '../../../shared/domain/indicators/ind-21-paid-without-entitlement';
import { expectNoPersonalData, furong, household, kaifu, line, refOf, yuelu } from './payment-fixtures';

const members = [yuelu.grandmother, yuelu.grandson];
const roll = (allowance: Parameters<typeof household>[2]) => new Map([[yuelu.householdId, household(yuelu, members, allowance)]]);
const payment = (month = '2026-11') => line(yuelu.grandmother, yuelu, 150_000, { month });

describe('IND-21: an allowance paid for a month the roll does not owe', () => {
  it('fires for a payment after the allowance ended, for supervision, naming the last day paid', () => {
    const households = roll({ monthlyAmountFen: 150_000, status: 'ended', endedOn: '2026-10-15' });
    const [draft, ...more] = paidWithoutEntitlement.evaluate({ lines: [payment()], households });
    expect(more).toEqual([]);
    expect(paidWithoutEntitlement.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: yuelu.householdId,
      district: '430104',
      subjects: [refOf(yuelu.grandmother)],
      action: 'stop the payment and recover it: the allowance had ended',
    });
    expect(draft!.evidence[0]!.facts).toMatchObject({ reason: 'ended', lastDayPaid: '2026-10-14', month: '2026-11' });
    expectNoPersonalData(draft);
  });

  it.each([
    ['2026-11-02', undefined], // ended in November: November is still owed (in part: IND-22's)
    ['2026-11-01', 'ended'], // ended on the month's first day: nothing of November is owed
    ['2026-10-31', 'ended'],
  ])('an allowance ended on %s: %s', (endedOn, reason) => {
    const h = household(yuelu, members, { monthlyAmountFen: 150_000, status: 'ended', endedOn });
    expect(noEntitlement(payment(), h)).toBe(reason);
  });

  it('pays a gradual exit up to its last day, and not the month after', () => {
    const h = household(yuelu, members, { monthlyAmountFen: 150_000, gradualExitUntil: '2026-10-31' });
    expect(noEntitlement(payment('2026-10'), h)).toBeUndefined();
    expect(noEntitlement(payment('2026-11'), h)).toBe('ended');
  });

  it('fires for a payment before the allowance starts, to a household not on the roll, and for a programme the household is not paid', () => {
    const starting = roll({ monthlyAmountFen: 150_000, startDate: '2026-12-01' });
    expect(paidWithoutEntitlement.evaluate({ lines: [payment()], households: starting })[0]!.evidence[0]!.facts).toMatchObject({
      reason: 'not-started',
      startDate: '2026-12-01',
    });
    const stranger = line(furong.head, furong, 180_000);
    expect(paidWithoutEntitlement.evaluate({ lines: [stranger], households: roll({ monthlyAmountFen: 150_000 }) })[0]).toMatchObject({
      householdId: furong.householdId,
      district: '430102',
      action: 'stop the payment: the household is not on the roll',
    });
    const tekun = line(yuelu.grandmother, yuelu, 132_000, { programme: 'tekun-support' });
    expect(paidWithoutEntitlement.evaluate({ lines: [tekun], households: roll({ monthlyAmountFen: 150_000 }) })[0]!.evidence[0]!.facts).toMatchObject({
      reason: 'no-such-allowance',
    });
  });

  it('stays silent for a running allowance, whatever the amount (IND-22 weighs that)', () => {
    const households = new Map([
      [yuelu.householdId, household(yuelu, members, { monthlyAmountFen: 150_000 })],
      [kaifu.householdId, household(kaifu, [kaifu.head], { programme: 'tekun-support', monthlyAmountFen: kaifu.monthlyAllowanceFen }, 'TEKUN')],
    ]);
    const lines = [line(yuelu.grandmother, yuelu, 90_000), line(kaifu.head, kaifu, kaifu.monthlyAllowanceFen, { programme: 'tekun-support' })];
    expect(paidWithoutEntitlement.evaluate({ lines, households })).toEqual([]);
  });
});
