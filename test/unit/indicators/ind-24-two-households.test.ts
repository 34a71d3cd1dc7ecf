import { describe, expect, it } from 'vitest';
import { paidUnderTwoHouseholds } from '../../../shared/domain/indicators/ind-24-two-households';
import { expectNoPersonalData, furong, kaifu, line, parametersOf, refOf, yuelu } from './payment-fixtures';

const parameters = parametersOf(paidUnderTwoHouseholds);

describe('IND-24: the same person paid under two households in one month', () => {
  it('fires once for a payee paid dibao in Yuelu and tekun in Kaifu in the same month, for supervision, with no personal data', () => {
    const lines = [
      line(yuelu.grandmother, yuelu, 150_000),
      line(yuelu.grandmother, kaifu, 132_000, { programme: 'tekun-support' }),
      line(furong.head, furong, 180_000),
    ];
    const [draft, ...more] = paidUnderTwoHouseholds.evaluate({ lines }, parameters);
    expect(more).toEqual([]);
    expect(paidUnderTwoHouseholds.recipients).toEqual(['supervision']);
    expect(draft).toMatchObject({
      householdId: yuelu.householdId, // the first of the two by number
      district: '430104',
      subjects: [refOf(yuelu.grandmother)],
      dedupeKey: `${refOf(yuelu.grandmother)}:2026-11`,
    });
    expect(draft!.evidence.map((e) => e.facts.householdId)).toEqual([yuelu.householdId, kaifu.householdId]);
    expect(draft!.explanation).toContain('430105');
    expectNoPersonalData(draft);
  });

  it('stays silent for two lines of the same household (a payment split in two) and for different months', () => {
    const split = [line(yuelu.grandmother, yuelu, 75_000), line(yuelu.grandmother, yuelu, 75_000)];
    expect(paidUnderTwoHouseholds.evaluate({ lines: split }, parameters)).toEqual([]);
    const months = [line(yuelu.grandmother, yuelu, 150_000, { month: '2026-10' }), line(yuelu.grandmother, furong, 180_000)];
    expect(paidUnderTwoHouseholds.evaluate({ lines: months }, parameters)).toEqual([]);
  });

  it('counts only the programmes the policy book names together', () => {
    const lines = [line(yuelu.grandmother, yuelu, 150_000), line(yuelu.grandmother, kaifu, 132_000, { programme: 'tekun-support' })];
    expect(paidUnderTwoHouseholds.evaluate({ lines }, { ...parameters, 'IND-24.programmes': 'dibao-allowance' })).toEqual([]);
    expect(parameters['IND-24.programmes']).toBe('dibao-allowance,tekun-support');
  });
});
