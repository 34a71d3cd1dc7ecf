import type { DistrictCode } from './districts';

/**
 * One line of the public disclosure (公示): who was assisted, by whom, with what, as the plan
 * allows it to be posted. People appear only by masked identity number (division code and check
 * character); no person reference, no household number, no name, no income.
 */
export interface DisclosureLine {
  month: string; // yyyy-mm the assistance started or was granted
  district: DistrictCode;
  kind: 'allowance' | 'grant';
  /** Stable per source (roll entry, warning answer), so a replay rewrites the same line. */
  sourceId: string;
  maskedHeadIdentityNumber: string;
  members: number;
  category: string;
  programme: string;
  department: string;
  /** Per month for allowances, in total for grants. */
  amountFen: number;
  periodStart: string;
  periodEnd?: string;
}
