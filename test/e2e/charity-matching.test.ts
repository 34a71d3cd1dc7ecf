import { describe, expect, it } from 'vitest';
import { cityDay } from '../../shared/domain/city-time';
import { organisationCheckCharacter } from '../../shared/domain/partners';
import { onLocalPlatform } from './departments';
import { asPartner } from './partners';
import { identityNumber, rollEntry, type HouseholdFixture } from '../fixtures/people';

/**
 * 慈善帮扶 end to end on the local platform: civil affairs registers a charity; two Yuelu dibao
 * households get a serious-illness need (health's diagnosis raises IND-03, which enters their
 * needs list); one consents to charity matching; the charity publishes a medical offer and is
 * matched with that household alone, masked; it reports the delivery, which enters the chain and
 * the happiness list once; another charity can neither read nor deliver the match; education may
 * not call the charity routes. The month's statistics count the match and the delivery once each.
 */
const { platform, as } = onLocalPlatform();
const code = (first17: string) => first17 + organisationCheckCharacter(first17);
const CHARITY = code('53430104MJ0000012');
const OTHER_CHARITY = code('53430104MJ0000020');

const household = (n: number, surname: string): HouseholdFixture => ({
  householdId: `430104-2025-0009${n}0`,
  district: '430104',
  grandmother: { identityNumber: identityNumber('430104', '1950-05-0' + n, 40 + n), name: `${surname}秀兰` },
  grandson: { identityNumber: identityNumber('430104', '2011-02-1' + n, 50 + n), name: `${surname}子豪` },
  monthlyAllowanceFen: 2 * 75_000,
});
const consenting = household(1, '陈');
const without = household(2, '赵');
const IDENTITY_SHAPE = /\d{17}[\dX]/;

interface Match {
  matchId: string;
  householdRef: string;
  district: string;
  needKind: string;
  give: { kind: string; amountFen?: number };
  matchedAt: string;
  delivery?: { deliveredOn: string };
}

type CharityCounters = Record<string, Record<string, number>>;

describe('charity matching (慈善帮扶), end to end', () => {
  let matchId = '';
  let matchMonth = '';

  it('puts two households with a serious-illness need on the needs list; one consents', async () => {
    const civil = as('civil-affairs');
    expect((await civil.call('POST', '/partners', { kind: 'charity', organisationCode: CHARITY, name: '岳麓区慈善会', districts: ['430104'] })).status).toBe(
      200,
    );
    expect(
      (await civil.call('POST', '/partners', { kind: 'charity', organisationCode: OTHER_CHARITY, name: '岳麓区红十字会', districts: ['430104'] })).status,
    ).toBe(200);
    expect(
      (await civil.submit('civil-affairs-roll-charity-0001', [rollEntry(consenting, 'MZ-2025-000910'), rollEntry(without, 'MZ-2025-000920')])).status,
    ).toBe(202);
    await platform.idle();
    const diagnosis = (h: HouseholdFixture, n: number) => ({
      type: 'serious-illness-diagnosis',
      recordId: `WJ-ZD-2026-7700${n}`,
      identityNumber: h.grandmother.identityNumber,
      name: h.grandmother.name,
      diagnosedOn: '2026-11-20',
      icd10: 'C34.9',
      hospitalCode: 'H43010400021',
      district: '430104',
    });
    expect((await as('health').submit('health-diagnoses-charity-2026-11-20', [diagnosis(consenting, 1), diagnosis(without, 2)])).status).toBe(202);
    await platform.idle();
    for (const h of [consenting, without]) {
      const needs = await civil.call<{ needs: { indicator: string }[] }>('GET', `/households/${h.householdId}/needs`);
      expect(needs.body.needs.map((x) => x.indicator)).toContain('IND-03');
    }
    const consent = await civil.call<{ matched: number; consent: { consent: string } }>('POST', `/households/${consenting.householdId}/charity-consent`, {
      consent: 'given',
      givenOn: '2026-11-25',
      documentRef: 'CS-430104-2026-0091',
      recordedBy: 'MZ-YL-0107',
    });
    expect(consent.status).toBe(200);
    // No offer yet: nothing to match.
    expect(consent.body).toMatchObject({ consent: { consent: 'given' }, matched: 0 });
  });

  it('matches a published offer with the consenting household only', async () => {
    const charity = asPartner(platform, 'charity', CHARITY);
    const published = await charity.call<{ offer: { offerId: string; matched: number }; matched: number }>('POST', '/charity/offers', {
      kind: 'money',
      description: '大病患者医疗救助金，每户一次',
      amountFen: 200_000,
      districts: ['430104'],
      categories: ['DIBAO'],
      needKinds: ['medical'],
      capacity: 5,
      validUntil: '2027-03-31',
    });
    expect(published.status).toBe(200);
    expect(published.body.matched).toBe(1);
    expect(published.body.offer.matched).toBe(1);

    const read = await charity.call<{ matches: Match[] }>('GET', '/charity/matches');
    expect(read.status).toBe(200);
    expect(read.body.matches).toHaveLength(1);
    const [match] = read.body.matches;
    expect(match).toMatchObject({ district: '430104', needKind: 'medical', give: { kind: 'money', amountFen: 200_000 } });
    expect(match!.householdRef).toMatch(/^hh_/);
    // Masked and minimal: no household number, identity number or name anywhere in the answer.
    const text = JSON.stringify(read.body);
    expect(text).not.toMatch(IDENTITY_SHAPE);
    for (const h of [consenting, without]) {
      expect(text).not.toContain(h.householdId);
      for (const p of [h.grandmother, h.grandson]) {
        expect(text).not.toContain(p.name);
        expect(text).not.toContain(p.identityNumber.slice(0, 6) + p.identityNumber.slice(6, 14));
      }
    }
    matchId = match!.matchId;
    matchMonth = cityDay(match!.matchedAt).slice(0, 7);
  });

  it('keeps the match from another charity, and the charity routes from departments', async () => {
    const other = asPartner(platform, 'charity', OTHER_CHARITY);
    expect((await other.call<{ matches: Match[] }>('GET', '/charity/matches')).body.matches).toEqual([]);
    const stolen = await other.call<{ error: string }>('POST', `/charity/matches/${matchId}/delivery`, {
      delivered: '医疗救助金已转账',
      amountFen: 200_000,
      deliveredOn: '2026-12-05',
    });
    expect([stolen.status, stolen.body.error]).toEqual([404, 'MatchNotFound']);
    expect((await as('education').call('GET', '/charity/matches')).status).toBe(403);
    expect((await as('education').call('POST', '/charity/offers', {})).status).toBe(403);
    expect((await as('education').call('POST', '/charity/matching')).status).toBe(403);
  });

  it('records the delivery once: the chain and the happiness list show it, a second post changes nothing', async () => {
    const charity = asPartner(platform, 'charity', CHARITY);
    const report = { delivered: '医疗救助金已转账', amountFen: 200_000, deliveredOn: '2026-12-05' };
    const first = await charity.call<{ replayed: boolean; match: Match }>('POST', `/charity/matches/${matchId}/delivery`, report);
    expect(first.status).toBe(200);
    expect(first.body.replayed).toBe(false);
    expect(first.body.match.delivery?.deliveredOn).toBe('2026-12-05');
    const again = await charity.call<{ replayed: boolean }>('POST', `/charity/matches/${matchId}/delivery`, { ...report, amountFen: 100 });
    expect([again.status, again.body.replayed]).toEqual([200, true]);

    const civil = as('civil-affairs');
    const chain = await civil.call<{ chain: { kind: string; summary: string; refs: Record<string, string> }[] }>(
      'GET',
      `/households/${consenting.householdId}/chain`,
    );
    const delivered = chain.body.chain.filter((e) => e.kind === 'charity-delivered');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.summary).toContain('200000 fen');
    expect(delivered[0]!.refs.matchId).toBe(matchId);
    const happiness = await civil.call<{ delivered: { by: string; what: string }[] }>('GET', `/households/${consenting.householdId}/happiness`);
    expect(happiness.body.delivered.filter((d) => d.by === `charity:${CHARITY}`)).toHaveLength(1);
    // The household without consent has no charity entry.
    const other = await civil.call<{ chain: { kind: string }[] }>('GET', `/households/${without.householdId}/chain`);
    expect(other.body.chain.some((e) => e.kind === 'charity-delivered')).toBe(false);
  });

  it('a matching run now finds nothing more: the need is met, the other household has not consented', async () => {
    const run = await as('civil-affairs').call<{ matched: number; consentingHouseholds: number }>('POST', '/charity/matching');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ matched: 0, consentingHouseholds: 1 });
    const charity = asPartner(platform, 'charity', CHARITY);
    expect((await charity.call<{ matches: Match[] }>('GET', '/charity/matches')).body.matches).toHaveLength(1);
  });

  it('counts one match (its month) and one delivery (December) in Yuelu, after the rerun and the second post', async () => {
    const supervision = as('supervision');
    const read = async (month: string) => {
      const stats = await supervision.call<{ charityByKindAndDistrict: CharityCounters }>('GET', `/statistics/${month}`);
      expect(stats.status).toBe(200);
      return stats.body.charityByKindAndDistrict['medical#DIST#430104'] ?? {};
    };
    const december = await read('2026-12');
    const matched = matchMonth === '2026-12' ? december : await read(matchMonth);
    expect(matched.charityMatches).toBe(1);
    // The second post (amountFen 100) added nothing: one delivery of 200 000 fen.
    expect(december).toMatchObject({ charityDeliveries: 1, charityFen: 200_000, charityQuantity: 0 });
    if (matchMonth !== '2026-12') expect(december.charityMatches).toBeUndefined();
    const stats = await supervision.call<{ charityByKindAndDistrict: CharityCounters }>('GET', `/statistics/${matchMonth}`);
    expect(Object.keys(stats.body.charityByKindAndDistrict)).toEqual(['medical#DIST#430104']);
  });
});
