import { describe, expect, it } from 'vitest';
import { amountDiffers } from '../../../shared/domain/indicators/ind-22-amount-differs';
import { expectNoPersonalData, household, kaifu, line, parametersOf, refOf, yuelu } from './payment-fixtures';

const parameters = parametersOf(amountDiffers);
const members = [yuelu.grandmother, yuelu.grandson];
const roll = (allowance: Parameters<typeof household>[2] = { monthlyAmountFen: yuelu.monthlyAllowanceFen }) =>
  new Map([[yuelu.householdId, household(yuelu, members, allowance)]]);

describe('IND-22: a household paid below or above its monthly allowance', () => {
  it('fires for a short payment, for supervision, with what is still owed and no personal data', () => {
    const short = line(yuelu.grandmother, yuelu, 75_000);
    const [draft, ...more] = amountDiffers.evaluate({ lines: [short], households: roll() }, parameters);
    expect(more).toEqual([]);
    expect(amountDiffers.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: yuelu.householdId,
      district: '430104',
      subjects: [refOf(yuelu.grandmother)],
      dedupeKey: `${yuelu.householdId}:dibao-allowance:2026-11`,
      action: 'pay the 75000 fen still owed',
    });
    expect(draft!.evidence[0]!.facts).toMatchObject({ owedFen: 150_000, paidInAllFen: 75_000, differenceFen: -75_000, direction: 'below' });
    expectNoPersonalData(draft);
  });

  it('adds up a household’s lines of the month: two members paid half each is in full', () => {
    const lines = [line(yuelu.grandmother, yuelu, 75_000), line(yuelu.grandson, yuelu, 75_000)];
    expect(amountDiffers.evaluate({ lines, households: roll() }, parameters)).toEqual([]);
    const twice = [...lines, line(yuelu.grandmother, yuelu, 150_000)];
    const [over] = amountDiffers.evaluate({ lines: twice, households: roll() }, parameters);
    expect(over).toMatchObject({ action: 'recover the 150000 fen paid in excess', subjects: [refOf(yuelu.grandmother), refOf(yuelu.grandson)] });
    expect(over!.evidence).toHaveLength(3);
  });

  it.each([
    [150_100, 0], // within the tolerance of 100 fen
    [149_900, 0],
    [150_101, 1],
    [149_899, 1],
  ])('paid %i fen of 150 000 owed: %i warning(s)', (amountFen, count) => {
    expect(amountDiffers.evaluate({ lines: [line(yuelu.grandmother, yuelu, amountFen)], households: roll() }, parameters)).toHaveLength(count);
  });

  it('expects a part payment in the month the allowance starts or ends, but not an overpayment', () => {
    const starting = roll({ monthlyAmountFen: 150_000, startDate: '2026-11-16' });
    expect(amountDiffers.evaluate({ lines: [line(yuelu.grandmother, yuelu, 75_000)], households: starting }, parameters)).toEqual([]);
    expect(amountDiffers.evaluate({ lines: [line(yuelu.grandmother, yuelu, 200_000)], households: starting }, parameters)).toHaveLength(1);
    const ending = roll({ monthlyAmountFen: 150_000, status: 'ended', endedOn: '2026-11-16' });
    expect(amountDiffers.evaluate({ lines: [line(yuelu.grandmother, yuelu, 75_000)], households: ending }, parameters)).toEqual([]);
  });

  it('leaves months the roll does not owe, and households not on it, to IND-21', () => {
    const ended = roll({ monthlyAmountFen: 150_000, status: 'ended', endedOn: '2026-10-01' });
    expect(amountDiffers.evaluate({ lines: [line(yuelu.grandmother, yuelu, 10_000)], households: ended }, parameters)).toEqual([]);
    expect(amountDiffers.evaluate({ lines: [line(kaifu.head, kaifu, 10_000, { programme: 'tekun-support' })], households: roll() }, parameters)).toEqual([]);
  });

  it('compares each programme with its own allowance', () => {
    const households = new Map([[kaifu.householdId, household(kaifu, [kaifu.head], { programme: 'tekun-support', monthlyAmountFen: 132_000 }, 'TEKUN')]]);
    const lines = [line(kaifu.head, kaifu, 132_000, { programme: 'tekun-support' })];
    expect(amountDiffers.evaluate({ lines, households }, parametersOf(amountDiffers, '2026-11-25', '430105'))).toEqual([]);
  });
});
