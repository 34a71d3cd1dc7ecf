import { createHash } from 'node:crypto';
import type { Category } from './categories';
import type { CharityNeedKind, CharityOffer } from './charity';
import type { DistrictCode } from './districts';

/** A household's open need a charity might meet: one open warning of its needs list. */
export interface OpenNeed {
  /** The warning behind it: a need is matched at most once, ever. */
  needId: string;
  householdId: string;
  district: DistrictCode;
  category: Category;
  kind: CharityNeedKind;
  /** Since when it is unmet (the warning's raising). */
  since: string;
}

export interface CharityMatch {
  matchId: string;
  offerId: string;
  organisationCode: string;
  needId: string;
  householdId: string;
  district: DistrictCode;
  kind: CharityNeedKind;
}

export interface MatchingInput {
  needs: readonly OpenNeed[];
  offers: readonly CharityOffer[];
  /** Needs matched before (by any offer): skipped. */
  matchedNeeds: ReadonlySet<string>;
  /** Households whose consent to charity matching is in force. */
  consenting: ReadonlySet<string>;
  /** The city's day (yyyy-mm-dd): offers valid until an earlier day are over. */
  today: string;
  /** Households each offer already matched: an offer's capacity counts households, so one household is matched once an offer. */
  offerHouseholds?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A match's id, derived from its offer and need, so a replay or a race names the same match. */
export function matchIdOf(offerId: string, needId: string): string {
  return `m_${createHash('sha256').update(`${offerId}\0${needId}`).digest('base64url').slice(0, 22)}`;
}

/**
 * 供需匹配: open needs × open offers → matches. Deterministic: offers in order of publication
 * (then id). For each offer, the needs it may meet (its districts, categories and need kinds; a
 * consenting household; a need not matched before, by this run or earlier) are served fairly
 * across districts by **round-robin**: districts in the order of their oldest unmet need, one need
 * from each in turn (the oldest first within a district), until the offer's remaining capacity
 * is used, each household at most once an offer. So one district's long queue cannot take a whole offer while another waits, and
 * within a district whoever waited longest comes first.
 */
export function matchNeeds(input: MatchingInput): CharityMatch[] {
  const taken = new Set(input.matchedNeeds);
  const matches: CharityMatch[] = [];
  const byAge = (a: OpenNeed, b: OpenNeed) => a.since.localeCompare(b.since) || a.needId.localeCompare(b.needId);
  const open = input.needs.filter((n) => input.consenting.has(n.householdId)).sort(byAge);
  const offers = [...input.offers]
    .filter((o) => o.validUntil >= input.today && o.matched < o.capacity)
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.offerId.localeCompare(b.offerId));
  for (const offer of offers) {
    let remaining = offer.capacity - offer.matched;
    const households = new Set(input.offerHouseholds?.get(offer.offerId) ?? []);
    const queues = new Map<DistrictCode, OpenNeed[]>();
    for (const need of open) {
      if (taken.has(need.needId) || households.has(need.householdId)) continue;
      if (!offer.districts.includes(need.district) || !offer.categories.includes(need.category) || !offer.needKinds.includes(need.kind)) continue;
      queues.set(need.district, [...(queues.get(need.district) ?? []), need]);
    }
    // Map order is insertion order: the district whose oldest need is oldest comes first.
    const districts = [...queues.values()];
    while (remaining > 0 && districts.some((q) => q.length > 0)) {
      for (const queue of districts) {
        if (remaining === 0) break;
        let need = queue.shift();
        // A household with two needs the offer meets gets it once (its oldest need).
        while (need && households.has(need.householdId)) need = queue.shift();
        if (!need) continue;
        households.add(need.householdId);
        taken.add(need.needId);
        remaining -= 1;
        matches.push({
          matchId: matchIdOf(offer.offerId, need.needId),
          offerId: offer.offerId,
          organisationCode: offer.organisationCode,
          needId: need.needId,
          householdId: need.householdId,
          district: need.district,
          kind: need.kind,
        });
      }
    }
  }
  return matches;
}
