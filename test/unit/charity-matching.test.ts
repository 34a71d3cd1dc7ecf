import { describe, expect, it } from 'vitest';
import type { CharityOffer } from '../../shared/domain/charity';
import { matchIdOf, matchNeeds, type OpenNeed } from '../../shared/domain/charity-matching';
import { charityOffer, needKindOfIndicator } from '../../shared/domain/charity';

const CHARITY = '53430104MJ0000012J';
const OTHER = '53430102MJ70000059';
const offer = (o: Partial<CharityOffer> & { offerId: string }): CharityOffer => ({
  organisationCode: CHARITY,
  kind: 'money',
  description: '大病患者医疗救助金',
  amountFen: 200_000,
  districts: ['430104', '430102', '430111'],
  categories: ['DIBAO', 'TEKUN'],
  needKinds: ['medical'],
  capacity: 10,
  validUntil: '2027-03-31',
  publishedAt: '2026-12-01T03:00:00.000Z',
  matched: 0,
  ...o,
});
let n = 0;
const need = (o: Partial<OpenNeed>): OpenNeed => {
  n += 1;
  return {
    needId: `w-${String(n).padStart(3, '0')}`,
    householdId: `430104-2025-${String(n).padStart(6, '0')}`,
    district: '430104',
    category: 'DIBAO',
    kind: 'medical',
    since: '2026-11-01T00:00:00.000Z',
    ...o,
  };
};
const all = (needs: OpenNeed[]) => new Set(needs.map((x) => x.householdId));
const run = (needs: OpenNeed[], offers: CharityOffer[], extra: { matchedNeeds?: Set<string>; consenting?: Set<string>; today?: string } = {}) =>
  matchNeeds({ needs, offers, matchedNeeds: extra.matchedNeeds ?? new Set(), consenting: extra.consenting ?? all(needs), today: extra.today ?? '2026-12-02' });

describe('charity matching (供需匹配)', () => {
  it('matches by district, category and kind of need, and nothing else', () => {
    const fits = need({});
    const wrongDistrict = need({ district: '430181' });
    const wrongCategory = need({ category: 'DIBAO_EDGE' });
    const wrongKind = need({ kind: 'education' });
    const matches = run([fits, wrongDistrict, wrongCategory, wrongKind], [offer({ offerId: 'of-1' })]);
    expect(matches).toEqual([
      {
        matchId: matchIdOf('of-1', fits.needId),
        offerId: 'of-1',
        organisationCode: CHARITY,
        needId: fits.needId,
        householdId: fits.householdId,
        district: '430104',
        kind: 'medical',
      },
    ]);
  });

  it('no consent, no match', () => {
    const consenting = need({});
    const without = need({ since: '2026-01-01T00:00:00.000Z' });
    const matches = run([consenting, without], [offer({ offerId: 'of-1' })], { consenting: new Set([consenting.householdId]) });
    expect(matches.map((m) => m.needId)).toEqual([consenting.needId]);
  });

  it('never matches a need twice: not one matched before, nor one twice in a run across offers', () => {
    const before = need({});
    const open = need({});
    const matches = run(
      [before, open],
      [offer({ offerId: 'of-1' }), offer({ offerId: 'of-2', organisationCode: OTHER, publishedAt: '2026-12-01T04:00:00.000Z' })],
      {
        matchedNeeds: new Set([before.needId]),
      },
    );
    expect(matches.map((m) => [m.offerId, m.needId])).toEqual([['of-1', open.needId]]);
  });

  it('uses only the remaining capacity, and no offer past its day', () => {
    const needs = [need({}), need({}), need({})];
    expect(run(needs, [offer({ offerId: 'of-1', capacity: 5, matched: 3 })])).toHaveLength(2);
    expect(run(needs, [offer({ offerId: 'of-1', capacity: 5, matched: 5 })])).toHaveLength(0);
    expect(run(needs, [offer({ offerId: 'of-1', validUntil: '2026-12-01' })])).toHaveLength(0);
    expect(run(needs, [offer({ offerId: 'of-1', validUntil: '2026-12-02' })])).toHaveLength(3);
  });

  it('is fair across districts: round-robin, districts by their oldest unmet need, the oldest first within each', () => {
    // Yuelu has five needs waiting, Furong one older than all, Yuhua two.
    const yuelu = [1, 2, 3, 4, 5].map((d) => need({ district: '430104', since: `2026-11-0${d}T00:00:00.000Z` }));
    const furong = need({ district: '430102', since: '2026-10-20T00:00:00.000Z' });
    const yuhua = [need({ district: '430111', since: '2026-11-03T12:00:00.000Z' }), need({ district: '430111', since: '2026-11-09T00:00:00.000Z' })];
    const matches = run([...yuelu, furong, ...yuhua], [offer({ offerId: 'of-1', capacity: 5 })]);
    // Furong (oldest), Yuelu, Yuhua; then Yuelu, Yuhua (Furong has no more).
    expect(matches.map((m) => m.needId)).toEqual([furong.needId, yuelu[0]!.needId, yuhua[0]!.needId, yuelu[1]!.needId, yuhua[1]!.needId]);
    // A first-come run would have given Yuelu four of the five.
    expect(matches.filter((m) => m.district === '430104')).toHaveLength(2);
  });

  it('is deterministic: the same input in another order gives the same matches', () => {
    const needs = [need({ district: '430102' }), need({}), need({ district: '430111' }), need({ since: '2026-10-01T00:00:00.000Z' })];
    const offers = [offer({ offerId: 'of-2', capacity: 2, publishedAt: '2026-12-01T05:00:00.000Z' }), offer({ offerId: 'of-1', capacity: 2 })];
    const once = run(needs, offers);
    expect(run([...needs].reverse(), [...offers].reverse())).toEqual(once);
    // The earlier offer is served first.
    expect(once.slice(0, 2).every((m) => m.offerId === 'of-1')).toBe(true);
    expect(new Set(once.map((m) => m.needId)).size).toBe(4);
  });

  it('reads the kind of need from the warning’s indicator; a warning about the record is no need', () => {
    expect(needKindOfIndicator('IND-03')).toBe('medical');
    expect(needKindOfIndicator('IND-06')).toBe('education');
    expect(needKindOfIndicator('IND-01')).toBeUndefined();
    expect(needKindOfIndicator('IND-12')).toBeUndefined();
  });

  it('takes offers whose money has an amount and whose description holds no identity number', () => {
    const base = {
      kind: 'money',
      description: '大病患者医疗救助金',
      amountFen: 200_000,
      districts: ['430104'],
      categories: ['DIBAO'],
      needKinds: ['medical'],
      capacity: 5,
      validUntil: '2027-03-31',
    };
    expect(charityOffer.safeParse(base).success).toBe(true);
    const { amountFen: _, ...noAmount } = base;
    expect(charityOffer.safeParse(noAmount).error?.issues[0]?.path).toEqual(['amountFen']);
    expect(charityOffer.safeParse({ ...noAmount, kind: 'goods' }).success).toBe(true);
    expect(charityOffer.safeParse({ ...base, description: '资助 430104199001011234 一户' }).success).toBe(false);
  });
});

describe('an offer’s capacity counts households', () => {
  it('matches a household with two needs the offer meets once, with its oldest need, in this run or a later one', () => {
    const older = need({ householdId: '430104-2025-000777', since: '2026-10-01T00:00:00.000Z' });
    const newer = need({ householdId: '430104-2025-000777', since: '2026-11-01T00:00:00.000Z' });
    const other = need({});
    const matches = run([older, newer, other], [offer({ offerId: 'of-1' })]);
    expect(matches.map((m) => m.needId)).toEqual([older.needId, other.needId]);
    const later = matchNeeds({
      needs: [newer],
      offers: [offer({ offerId: 'of-1', matched: 2 })],
      matchedNeeds: new Set([older.needId, other.needId]),
      consenting: new Set([newer.householdId]),
      today: '2026-12-02',
      offerHouseholds: new Map([['of-1', new Set([older.householdId, other.householdId])]]),
    });
    expect(later).toEqual([]);
  });
});
