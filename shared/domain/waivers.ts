import { CATEGORY_CODES, type Category } from './categories';
import type { DistrictCode } from './districts';
import type { Household } from './household';
import type { PolicyBook } from './policy/policy-book';

/**
 * 其他救助帮扶 (plan 三.5): the fee waivers the plan names, each a monthly list of the people
 * entitled, which the provider (water works, power grid, gas company, cable TV, funeral home,
 * transport company, nursery) applies. Who is entitled is policy (city-parameters.ts): the
 * categories per waiver and, for childcare, an age limit; never literals here.
 */
export const WAIVERS = {
  childcare: { zh: '托育费用减免', en: 'childcare fees' },
  water: { zh: '用水费用减免', en: 'water charges' },
  electricity: { zh: '用电费用减免', en: 'electricity charges' },
  gas: { zh: '用燃气费用减免', en: 'gas charges' },
  television: { zh: '有线电视收视费减免', en: 'cable television fees' },
  funeral: { zh: '殡葬费用减免', en: 'funeral fees' },
  'public-transport': { zh: '公共交通费用减免', en: 'public transport fares' },
} as const;

export type Waiver = keyof typeof WAIVERS;
export const WAIVER_CODES = Object.keys(WAIVERS) as [Waiver, ...Waiver[]];

export function isWaiver(code: string): code is Waiver {
  return (WAIVER_CODES as readonly string[]).includes(code);
}

/** The policy parameters a waiver's list reads (city-parameters.ts). */
export const waiverParameter = {
  categories: (w: Waiver) => `waiver.${w}.categories`,
  /** Childcare: a child is entitled in the months before this age (in months). */
  childcareMaxAgeMonths: 'waiver.childcare.maxAgeMonths',
} as const;

/** A household member as a waiver list reads it: what the roll keeps, and what is known of the person. */
export interface WaiverMember {
  personRef: string;
  maskedIdentityNumber: string;
  /** yyyy-mm, when known (the childcare age rule needs it; without it the child is not listed). */
  birthMonth?: string;
  /** yyyy-mm-dd, when the death is recorded (the funeral waiver lists the month's deceased). */
  deceasedOn?: string;
}

export interface WaiverHousehold {
  householdId: string;
  district: DistrictCode;
  category: Category;
  members: WaiverMember[];
}

/** One line of a waiver list: what the provider needs, and nothing that identifies the person in clear. */
export interface WaiverLine {
  district: DistrictCode;
  maskedIdentityNumber: string;
  category: Category;
  waiver: Waiver;
  month: string;
  /** Internal: the code is made from it; never leaves the platform. */
  personRef: string;
}

/** The categories entitled to a waiver in a month (the rows in force on its first day, for the district). */
export function entitledCategories(waiver: Waiver, month: string, district: DistrictCode, policy: PolicyBook): Category[] {
  const value = String(policy.valueOn(waiverParameter.categories(waiver), `${month}-01`, district));
  return value
    .split(',')
    .map((c) => c.trim())
    .filter((c): c is Category => (CATEGORY_CODES as readonly string[]).includes(c));
}

/** Whole months from a birth month to `month` (both yyyy-mm). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/**
 * Who in `household` is entitled to `waiver` in `month`: nobody if its category is not entitled;
 * childcare, the children younger than the age limit for the whole month; funeral, the members
 * whose death is recorded in that month; every other waiver, every living member.
 */
export function entitledMembers(waiver: Waiver, month: string, household: WaiverHousehold, policy: PolicyBook): WaiverMember[] {
  if (!entitledCategories(waiver, month, household.district, policy).includes(household.category)) return [];
  const monthStart = `${month}-01`;
  // Alive on the month's first day: a death during the month ends the waiver from the next one.
  const living = household.members.filter((m) => !m.deceasedOn || m.deceasedOn >= monthStart);
  switch (waiver) {
    case 'funeral':
      return household.members.filter((m) => m.deceasedOn?.slice(0, 7) === month);
    case 'childcare': {
      const maxAge = policy.numberOn(waiverParameter.childcareMaxAgeMonths, monthStart, household.district);
      return living.filter((m) => m.birthMonth !== undefined && m.birthMonth <= month && monthsBetween(m.birthMonth, month) < maxAge);
    }
    default:
      return living;
  }
}

/** The month's list of a waiver over some households of the roll, by district, then masked number. */
export function waiverList(waiver: Waiver, month: string, households: readonly WaiverHousehold[], policy: PolicyBook): WaiverLine[] {
  return households
    .flatMap((h) =>
      entitledMembers(waiver, month, h, policy).map((m) => ({
        district: h.district,
        maskedIdentityNumber: m.maskedIdentityNumber,
        category: h.category,
        waiver,
        month,
        personRef: m.personRef,
      })),
    )
    .sort(
      (a, b) => a.district.localeCompare(b.district) || a.maskedIdentityNumber.localeCompare(b.maskedIdentityNumber) || a.personRef.localeCompare(b.personRef),
    );
}

/** A roll household with what is known of its members, as a waiver list reads it. */
export function waiverHouseholdOf(
  h: Pick<Household, 'householdId' | 'district' | 'category' | 'members'>,
  known: ReadonlyMap<string, Pick<WaiverMember, 'birthMonth' | 'deceasedOn'>> = new Map(),
): WaiverHousehold {
  return {
    householdId: h.householdId,
    district: h.district,
    category: h.category,
    members: h.members.map((m) => ({
      personRef: m.personRef,
      maskedIdentityNumber: m.maskedIdentityNumber,
      ...(m.birthMonth ? { birthMonth: m.birthMonth } : {}),
      ...known.get(m.personRef),
    })),
  };
}
