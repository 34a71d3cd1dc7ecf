import { createHash, createHmac } from 'node:crypto';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { bilingual } from '../../shared/domain/bilingual';
import {
  CHARITY_NEED_KIND_NAMES,
  needKindOfIndicator,
  type CharityConsentRequest,
  type CharityDeliveryRequest,
  type CharityOffer,
  type CharityOfferRequest,
} from '../../shared/domain/charity';
import { matchNeeds, type OpenNeed } from '../../shared/domain/charity-matching';
import { deliveryCounted, matchCounted } from '../../shared/domain/charity-statistics';
import { cityDay } from '../../shared/domain/city-time';
import { invalidInput, notFound } from '../../shared/domain/errors';
import type { Partner } from '../../shared/domain/partners';
import type { CharityStore, StoredCharityMatch } from '../../shared/ports/charity';
import type { HouseholdRegister } from '../../shared/ports/household-register';
import type { KeyRingSource } from '../../shared/ports/person-key';
import type { StatisticsStore } from '../../shared/ports/statistics';
import type { WarningStore } from '../../shared/ports/warning-store';
import { keyAt } from '../../shared/privacy/key-ring';
import { mapLimit } from '../../shared/adapters/partial-retry';

/** Queries a matching run keeps in flight (a Query each household's warnings, each organisation's matches). */
const QUERIES_IN_FLIGHT = 8;

export interface CharityPorts {
  charity: CharityStore;
  register: HouseholdRegister;
  warnings: WarningStore;
  /** Keys the per-charity household pseudonyms (the person key: never leaves the platform). */
  personKey: KeyRingSource;
  /** The month's statistics: each match and delivery counted once by the match's id. */
  statistics: StatisticsStore;
  now: () => Date;
}

const HOUSEHOLD_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;
const MATCH_ID = /^m_[A-Za-z0-9_-]{22}$/;

/** What a matching run did: matches stored, and those another run or request had already made. */
export interface MatchingRun {
  consentingHouseholds: number;
  openNeeds: number;
  openOffers: number;
  matched: number;
  matchIds: string[];
}

/**
 * 供需匹配, run now over every consenting household's open needs and every open offer. Storing is
 * conditional per match (the need's claim, the offer's capacity), so two runs at once store each
 * match once and a need is never matched twice.
 */
export async function runMatching(ports: CharityPorts): Promise<MatchingRun> {
  const now = ports.now();
  const consents = await ports.charity.consenting();
  // One BatchGetItem for the households; the warnings are a Query a household, a few at a time.
  const ids = consents.map((c) => c.householdId);
  const [households, warningsOf] = await Promise.all([
    ports.register.households(ids),
    mapLimit(ids, QUERIES_IN_FLIGHT, (id) => ports.warnings.listByHousehold(id)),
  ]);
  const needs: OpenNeed[] = ids.flatMap((id, i) => {
    const household = households.get(id);
    if (!household) return [];
    return warningsOf[i]!.flatMap((w) => {
      const kind = needKindOfIndicator(w.indicator.id);
      if (w.status === 'resolved' || !kind) return [];
      return [{ needId: w.warningId, householdId: household.householdId, district: household.district, category: household.category, kind, since: w.raisedAt }];
    });
  });
  const offers = await ports.charity.offers();
  const today = cityDay(now);
  const open = offers.filter((o) => o.validUntil >= today && o.matched < o.capacity);
  const matchedNeeds = await ports.charity.matchedNeeds(needs.map((n) => n.needId));
  const offerHouseholds = new Map<string, Set<string>>();
  const organisations = [...new Set(open.map((o) => o.organisationCode))];
  for (const matches of await mapLimit(organisations, QUERIES_IN_FLIGHT, (o) => ports.charity.matchesOf(o)))
    for (const m of matches) offerHouseholds.set(m.offerId, new Set([...(offerHouseholds.get(m.offerId) ?? []), m.householdId]));
  const found = matchNeeds({ needs, offers: open, matchedNeeds, consenting: new Set(consents.map((c) => c.householdId)), today, offerHouseholds });
  const ring = await ports.personKey.ring();
  const byId = new Map(open.map((o) => [o.offerId, o]));
  const stored = await ports.charity.saveMatches(
    found.map((m) => {
      const offer = byId.get(m.offerId)!;
      return {
        ...m,
        householdRef: householdPseudonym(keyAt(ring), m.organisationCode, m.householdId),
        matchedAt: now.toISOString(),
        offer: { kind: offer.kind, description: offer.description, ...(offer.amountFen !== undefined ? { amountFen: offer.amountFen } : {}) },
      };
    }),
  );
  // Only the matches this run stored: a retried run finds the needs claimed and counts nothing again.
  if (stored.length) await ports.statistics.count(stored.map(matchCounted));
  return {
    consentingHouseholds: consents.length,
    openNeeds: needs.length,
    openOffers: open.length,
    matched: stored.length,
    matchIds: stored.map((m) => m.matchId),
  };
}

/**
 * The household as one charity knows it: a keyed hash of the charity and the household, so a
 * charity sees two matches of one household as one, but two charities cannot join what they know.
 */
export function householdPseudonym(key: Buffer, organisationCode: string, householdId: string): string {
  return `hh_${createHmac('sha256', key).update(`charity\0${organisationCode}\0${householdId}`).digest('base64url').slice(0, 16)}`;
}

/** 发布供给: a charity publishes an offer; matching runs at once. */
export async function publishOffer(request: CharityOfferRequest, partner: Partner, requestId: string, ports: CharityPorts) {
  const outside = request.districts.filter((d) => !partner.districts.includes(d));
  if (outside.length)
    throw invalidInput(
      'OfferOutsideDistricts',
      bilingual(`机构登记的服务区县不含 ${outside.join('、')}`, `the organisation is not registered to serve ${outside.join(', ')}`),
      [{ field: 'districts', message: bilingual('超出登记的服务区县', 'outside the districts the organisation serves') }],
    );
  const now = ports.now();
  // Derived from the organisation and the request, so the same request sent again is the same offer.
  const offerId = `of_${createHash('sha256').update(`${partner.organisationCode}\0${requestId}`).digest('base64url').slice(0, 22)}`;
  const offer: CharityOffer = { ...request, offerId, organisationCode: partner.organisationCode, publishedAt: now.toISOString(), matched: 0 };
  await ports.charity.publishOffer(offer);
  const run = await runMatching(ports);
  return { offer: (await ports.charity.offers()).find((o) => o.offerId === offerId) ?? offer, matched: run.matched };
}

export async function listOwnOffers(partner: Partner, ports: CharityPorts) {
  const offers = await ports.charity.offers();
  return { offers: offers.filter((o) => o.organisationCode === partner.organisationCode).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)) };
}

/** 授权: civil affairs records a household's consent to charity matching, or its withdrawal; a consent runs matching. */
export async function recordConsent(householdId: string, request: CharityConsentRequest, ports: CharityPorts) {
  if (!HOUSEHOLD_ID.test(householdId))
    throw invalidInput('InvalidHouseholdId', bilingual('家庭编号格式不正确', 'not a household id'), [
      { field: 'path.householdId', message: 'not a household id' },
    ]);
  const household = await ports.register.household(householdId);
  if (!household) throw notFound('HouseholdNotFound', bilingual(`没有家庭 ${householdId}`, `no household ${householdId}`));
  const consent = { ...request, householdId, recordedAt: ports.now().toISOString() };
  await ports.charity.recordConsent(consent);
  const matched = request.consent === 'given' ? (await runMatching(ports)).matched : 0;
  return { consent, matched };
}

/** What a charity sees of a match: no household id, no name, no number, no address beyond the district. */
export function maskedMatch(m: StoredCharityMatch) {
  return {
    matchId: m.matchId,
    offerId: m.offerId,
    householdRef: m.householdRef,
    district: m.district,
    needKind: m.kind,
    needKindName: CHARITY_NEED_KIND_NAMES[m.kind],
    give: m.offer,
    matchedAt: m.matchedAt,
    ...(m.delivery ? { delivery: m.delivery } : {}),
  };
}

export async function listOwnMatches(partner: Partner, ports: CharityPorts) {
  const matches = await ports.charity.matchesOf(partner.organisationCode);
  return {
    matches: matches.sort((a, b) => a.matchedAt.localeCompare(b.matchedAt) || a.matchId.localeCompare(b.matchId)).map(maskedMatch),
    audit: { subjects: matches.map((m) => m.householdId) },
  };
}

/**
 * 交付反馈: the charity reports what it delivered; the household's chain gets a `charity-delivered`
 * entry (its happiness list shows it) and the need is marked met. A second report changes nothing.
 */
export async function reportDelivery(partner: Partner, matchId: string, request: CharityDeliveryRequest, ports: CharityPorts) {
  // Another charity's match is as unknown as a made-up id.
  const match = MATCH_ID.test(matchId) ? await ports.charity.match(partner.organisationCode, matchId) : undefined;
  if (!match) throw notFound('MatchNotFound', bilingual(`本机构没有匹配 ${matchId}`, `the organisation has no match ${matchId}`));
  if (match.delivery) {
    // A second post after a crash between the write and the count counts it now (once, by its key).
    await countDelivery(match, match.delivery, ports);
    return { match: maskedMatch(match), replayed: true, householdId: match.householdId };
  }
  const now = ports.now().toISOString();
  const delivery = { ...request, recordedAt: now };
  const amount = request.amountFen !== undefined ? `, ${request.amountFen} fen` : request.quantity !== undefined ? `, ×${request.quantity}` : '';
  const entry: ChainEntry = {
    householdId: match.householdId,
    at: now,
    entryId: `charity-delivered#${match.matchId}`,
    kind: 'charity-delivered',
    actor: `charity:${partner.organisationCode}`,
    summary: `${partner.name}: ${request.delivered}${amount} (${request.deliveredOn})`,
    refs: { matchId: match.matchId, offerId: match.offerId, warningId: match.needId, organisationCode: partner.organisationCode },
  };
  const first = await ports.charity.deliver(match, delivery, entry);
  const stored = first ? { ...match, delivery } : ((await ports.charity.match(partner.organisationCode, matchId)) ?? match);
  await countDelivery(stored, stored.delivery ?? delivery, ports);
  return { match: maskedMatch(stored), replayed: !first, householdId: match.householdId };
}

/**
 * Counts the delivery, and the match again: keyed by the match, neither adds twice, and a match
 * whose count a crashed run lost is counted by its delivery at the latest.
 */
async function countDelivery(match: StoredCharityMatch, delivery: NonNullable<StoredCharityMatch['delivery']>, ports: CharityPorts) {
  await ports.statistics.count([matchCounted(match), deliveryCounted(match, delivery)]);
}
