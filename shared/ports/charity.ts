import type { ChainEntry } from '../domain/assistance-chain';
import type { CharityConsent, CharityOffer } from '../domain/charity';
import type { StoredCharityMatch } from '../table/entities/charity';

export type { StoredCharityMatch };

/** 慈善帮扶: offers, consents, matches and deliveries. */
export interface CharityStore {
  publishOffer(offer: CharityOffer): Promise<void>;
  /** Every offer of the city (a matching run reads them whole). */
  offers(): Promise<CharityOffer[]>;
  recordConsent(consent: CharityConsent): Promise<void>;
  consent(householdId: string): Promise<CharityConsent | undefined>;
  /** Households whose latest consent is `given`. */
  consenting(): Promise<CharityConsent[]>;
  /** Of these needs, those matched before (by any charity). */
  matchedNeeds(needIds: readonly string[]): Promise<Set<string>>;
  /**
   * Stores each match atomically with its need's claim (only if the need was never claimed) and
   * its offer's count (only while under capacity): a need is never matched twice, an offer never
   * past its capacity, whatever runs at once. Returns the matches stored by this call.
   */
  saveMatches(matches: readonly StoredCharityMatch[]): Promise<StoredCharityMatch[]>;
  matchesOf(organisationCode: string): Promise<StoredCharityMatch[]>;
  match(organisationCode: string, matchId: string): Promise<StoredCharityMatch | undefined>;
  /** Records the delivery with its chain entry, once: false when the match already had one. */
  deliver(match: StoredCharityMatch, delivery: NonNullable<StoredCharityMatch['delivery']>, entry: ChainEntry): Promise<boolean>;
}
