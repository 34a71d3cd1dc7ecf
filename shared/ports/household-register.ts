import type { ChainEntry } from '../domain/assistance-chain';
import type { DistrictCode } from '../domain/districts';
import type { Allowance, Household } from '../domain/household';
import type { Membership } from '../domain/membership';

/** An allowance whose grace period (渐退) is over and which is still paid: the sweep ends it. */
export interface DueGradualExit {
  householdId: string;
  programme: string;
  until: string;
}

/** A roll entry to write: the household as the entry states it, and the chain entry recording it. */
export interface RollWrite {
  household: Household;
  entry: ChainEntry;
}

/** An allowance to end (grace period over, moved away), with the chain entry that says so. */
export interface AllowanceEnd {
  householdId: string;
  programme: string;
  endedOn: string;
  entry: ChainEntry;
}

/** A gradual exit to start (the allowance then runs until `until`) or to stop (the household qualifies again). */
export interface GradualExitChange {
  householdId: string;
  district: DistrictCode;
  programme: string;
  until: string;
  entry: ChainEntry;
}

/**
 * The low-income database (低收入人口数据库). Every method takes a group: one call of the use case
 * is as few calls to the table as the batch limits allow.
 */
export interface HouseholdRegister {
  /** Memberships of those people who are in the database; others are simply absent. */
  membershipsOf(personRefs: readonly string[]): Promise<Map<string, Membership>>;
  /** The households that exist, by id. */
  households(householdIds: readonly string[]): Promise<Map<string, Household>>;
  household(householdId: string): Promise<Household | undefined>;
  /**
   * Puts households on the roll (or updates them) with the chain entries that record it, each
   * household atomically. An entry older than the one already applied (a late replay) changes
   * nothing. Returns each household as the register holds it afterwards, in the order given.
   */
  putOnRoll(writes: readonly RollWrite[]): Promise<Household[]>;
  /** Adds entries to households' chains; an entry already there (same id and time) is unchanged. */
  appendToChains(entries: readonly ChainEntry[]): Promise<void>;
  chain(householdId: string): Promise<ChainEntry[]>;
  /** Ends active allowances with their chain entries; for each, false if it was not active (a replay). */
  endAllowances(ends: readonly AllowanceEnd[]): Promise<boolean[]>;
  /** Lets active allowances run until `until` and then end (渐退); false where not active or already set. */
  scheduleGradualExits(changes: readonly GradualExitChange[]): Promise<boolean[]>;
  /** Stops gradual exits under way (the household qualifies again); false where it was not that one. */
  cancelGradualExits(changes: readonly GradualExitChange[]): Promise<boolean[]>;
  /** Allowances of a district whose grace period ended before `date` and are still paid. */
  gradualExitsDue(district: DistrictCode, before: string): Promise<DueGradualExit[]>;
  /** 发放名册 the allowances of a programme held in a district, paid or ended, by household. */
  allowancesIn(district: DistrictCode, programme: string): Promise<{ householdId: string; allowance: Allowance }[]>;
}
