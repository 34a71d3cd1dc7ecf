import type { CharityNeedKind } from './charity';
import { cityDay } from './city-time';
import type { DistrictCode } from './districts';

/**
 * 慈善帮扶统计: each match and each delivery counts once into its month, by need kind and the
 * household's district (`CHARITY#<kind>#DIST#<district>`). The event key is the match's id, so a
 * retried matching run or a delivery posted twice adds nothing.
 */
interface CountedMatch {
  matchId: string;
  kind: CharityNeedKind;
  district: DistrictCode;
  matchedAt: string;
  offer: { kind: string; amountFen?: number };
}

/** One event's contribution to a month's counters (the statistics port's CountedEvent). */
export interface CharityCount {
  eventKey: string;
  month: string;
  increments: { dimension: string; add: Record<string, number> }[];
}

const dimension = (m: Pick<CountedMatch, 'kind' | 'district'>) => `CHARITY#${m.kind}#DIST#${m.district}`;

/** A match counts in the city month it was made. */
export function matchCounted(m: CountedMatch): CharityCount {
  const add = { charityMatches: 1 };
  return {
    eventKey: `charity-matched:${m.matchId}`,
    month: cityDay(m.matchedAt).slice(0, 7),
    increments: [
      { dimension: 'ALL', add },
      { dimension: dimension(m), add },
    ],
  };
}

/**
 * A delivery counts in the month it was delivered: the fen delivered (a money offer's amount when
 * the report leaves it out) and the quantity reported.
 */
export function deliveryCounted(m: CountedMatch, delivery: { amountFen?: number; quantity?: number; deliveredOn: string }): CharityCount {
  const fen = delivery.amountFen ?? (m.offer.kind === 'money' ? (m.offer.amountFen ?? 0) : 0);
  const add = { charityDeliveries: 1, charityFen: fen, charityQuantity: delivery.quantity ?? 0 };
  return {
    eventKey: `charity-delivered:${m.matchId}`,
    month: delivery.deliveredOn.slice(0, 7),
    increments: [
      { dimension: 'ALL', add },
      { dimension: dimension(m), add },
    ],
  };
}
