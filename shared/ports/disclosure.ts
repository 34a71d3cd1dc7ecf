import type { DistrictCode } from '../domain/districts';
import type { DisclosureLine } from '../domain/disclosure';

/** 公示 the public-disclosure lines, by month and district. */
export interface DisclosureStore {
  put(lines: readonly DisclosureLine[]): Promise<void>;
  /** The month's lines still posted (a withdrawn line is kept, marked, and no longer listed). */
  month(month: string, district?: DistrictCode): Promise<DisclosureLine[]>;
  /**
   * 纠错 a line withdrawn by a correction: marked, never deleted, so the disclosure history stays
   * honest. Idempotent; false when there is no such line (a grant to someone not on the roll is not posted).
   */
  withdraw(line: Pick<DisclosureLine, 'month' | 'district' | 'kind' | 'sourceId'>, by: { correctionId: string; at: string }): Promise<boolean>;
}
