import type { Category } from '../domain/categories';
import type { DistrictCode } from '../domain/districts';
import type { Household } from '../domain/household';
import type { WaiverMember } from '../domain/waivers';
import type { ListPage } from './warning-lists';

/**
 * The roll as a waiver list reads it: a district's households of some categories, a page at a
 * time (one indexed Query a page, never a Scan: access pattern 35).
 */
export interface WaiverRoll {
  households(district: DistrictCode, categories: readonly Category[], limit: number, after?: string): Promise<ListPage<Household>>;
  /** What is known of these people beyond the roll: month of birth, recorded death. */
  people(personRefs: readonly string[]): Promise<Map<string, Pick<WaiverMember, 'birthMonth' | 'deceasedOn'>>>;
}
