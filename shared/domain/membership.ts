import type { Category } from './categories';
import type { DistrictCode } from './districts';

/** A person's place in the low-income database (低收入人口数据库), keyed by person reference. */
export interface Membership {
  personRef: string;
  householdId: string;
  district: DistrictCode;
  category: Category;
  /** Allowance programmes the household is currently paid (e.g. dibao-allowance). */
  activeProgrammes: string[];
  deceasedOn?: string;
  /** Household facts indicators compare against (from the roll entry). */
  household: { memberCount: number; area?: 'urban' | 'rural'; monthlyIncomeFen?: number };
}
