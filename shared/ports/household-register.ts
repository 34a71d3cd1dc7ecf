import type { ChainEntry } from '../domain/assistance-chain';
import type { Category } from '../domain/categories';
import type { DistrictCode } from '../domain/districts';
import type { Membership } from '../domain/membership';

export interface RollMember {
  personRef: string;
  maskedIdentityNumber: string;
  relationship: string;
}

export interface Allowance {
  programme: string;
  monthlyAmountFen: number;
  startDate: string;
  status: 'active' | 'ended';
  endedOn?: string;
}

/** A household as the low-income database holds it. */
export interface Household {
  householdId: string;
  district: DistrictCode;
  category: Category;
  recognisedOn: string;
  area?: 'urban' | 'rural';
  /** All members' income per month, from the economic-status investigation. */
  monthlyIncomeFen?: number;
  members: RollMember[];
  allowances: Allowance[];
  updatedAt: string;
}

export interface HouseholdRegister {
  /** Memberships of those people who are in the database; others are simply absent. */
  membershipsOf(personRefs: readonly string[]): Promise<Map<string, Membership>>;
  /** Puts the household on the roll (or updates it) with the chain entry that records it. */
  putOnRoll(household: Household, entry: ChainEntry): Promise<void>;
  household(householdId: string): Promise<Household | undefined>;
  /** Adds entries to households' chains; an entry already there (same id and time) is unchanged. */
  appendToChains(entries: readonly ChainEntry[]): Promise<void>;
  chain(householdId: string): Promise<ChainEntry[]>;
}
