import type { DistrictCode } from '../domain/districts';
import type { DisclosureLine } from '../domain/disclosure';

/** 公示 the public-disclosure lines, by month and district. */
export interface DisclosureStore {
  put(lines: readonly DisclosureLine[]): Promise<void>;
  month(month: string, district?: DistrictCode): Promise<DisclosureLine[]>;
}
