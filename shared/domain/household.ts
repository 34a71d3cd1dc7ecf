import type { Category } from './categories';
import type { DistrictCode } from './districts';

/** 户 a household as the low-income database (低收入人口数据库) holds it. */
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

export interface RollMember {
  personRef: string;
  maskedIdentityNumber: string;
  relationship: string;
  /** yyyy-mm, for age rules (the childcare waiver); absent on entries made before it was kept. */
  birthMonth?: string;
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

/** What an answer to a warning changes in the warning's household. */
export type HouseholdChange =
  | { kind: 'allowance-ended'; programme: string; endedOn: string }
  | { kind: 'allowance-adjusted'; programme: string; monthlyAmountFen: number; effectiveFrom: string }
  /** Exit with transfer (退出转认定): the household's new category. */
  | { kind: 'recategorised'; category: Category; since: string };

/**
 * Of several roll entries for one household, the newest is the one that counts (the later of
 * two equally new ones): an older entry arriving in the same group changes nothing.
 */
export function newestPerHousehold<T extends { household: Household }>(entries: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const e of entries) {
    const seen = newest.get(e.household.householdId);
    if (!seen || seen.household.updatedAt <= e.household.updatedAt) newest.set(e.household.householdId, e);
  }
  return [...newest.values()];
}

/**
 * The household as the register holds it once a roll entry is applied over `held`: what the
 * entry states, its allowances restated over those held. Undefined when the household held is
 * as new as the entry or newer: a late replay of an older entry changes nothing.
 */
export function afterRollEntry(held: Household | undefined, entry: Household): Household | undefined {
  if (held && held.updatedAt >= entry.updatedAt) return undefined;
  return { ...entry, allowances: restateAllowances(entry.allowances, held?.allowances ?? []) };
}

/**
 * A roll entry restates a household's allowances. What the platform itself decided about an
 * allowance since it started survives the restatement: an allowance that ended (grace period
 * over, moved away, a death answered) is not paid again by restating it, and a gradual exit
 * already under way keeps its last paid day. A new start date is a new allowance.
 */
export function restateAllowances(incoming: readonly Allowance[], existing: readonly Allowance[]): Allowance[] {
  return incoming.map((a) => {
    const before = existing.find((e) => e.programme === a.programme && e.startDate === a.startDate);
    if (before?.status === 'ended') return { ...a, status: 'ended', ...(before.endedOn ? { endedOn: before.endedOn } : {}) };
    if (before?.gradualExitUntil && a.status === 'active') return { ...a, gradualExitUntil: before.gradualExitUntil };
    return { ...a };
  });
}

/** The members `held` had whom `next` no longer names: they have left the household. */
export function membersWhoLeft(held: Household | undefined, next: Household): RollMember[] {
  const kept = new Set(next.members.map((m) => m.personRef));
  return (held?.members ?? []).filter((m) => !kept.has(m.personRef));
}
