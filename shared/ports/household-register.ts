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
  /** 渐退: the allowance continues until this day, then ends (income rose above the standard). */
  gradualExitUntil?: string;
}

export interface DueGradualExit {
  householdId: string;
  programme: string;
  until: string;
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
  /** Returns the household as the register holds it afterwards (unchanged by a late, older entry). */
  putOnRoll(household: Household, entry: ChainEntry): Promise<Household>;
  household(householdId: string): Promise<Household | undefined>;
  /** Adds entries to households' chains; an entry already there (same id and time) is unchanged. */
  appendToChains(entries: readonly ChainEntry[]): Promise<void>;
  chain(householdId: string): Promise<ChainEntry[]>;
  /** Ends an active allowance with its chain entry; false if it was not active (a replay). */
  endAllowance(householdId: string, programme: string, endedOn: string, entry: ChainEntry): Promise<boolean>;
  /** Lets an active allowance run until `until` and then end (渐退); false if not active or already set. */
  scheduleGradualExit(householdId: string, district: DistrictCode, programme: string, until: string, entry: ChainEntry): Promise<boolean>;
  /** Stops a gradual exit under way (the household qualifies again); false if it was not that one. */
  cancelGradualExit(householdId: string, programme: string, until: string, entry: ChainEntry): Promise<boolean>;
  /** Allowances of a district whose grace period ended before `date` and are still paid. */
  gradualExitsDue(district: DistrictCode, before: string): Promise<DueGradualExit[]>;
}
