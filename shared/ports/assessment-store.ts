import type { AssessedHousehold } from '../domain/policy/what-if';
import type { Assessment, RecognitionDecision } from '../domain/recognition/classify';
import type { ListPage } from './warning-lists';

/** One page of a shard, in household order, and the last household on it while the shard goes on. */
export interface AssessmentPage {
  households: AssessedHousehold[];
  after?: string;
}

export interface AssessmentStore {
  /** Keeps each unless a later investigation of its household is already kept; true where kept. */
  save(assessments: readonly Assessment[]): Promise<boolean[]>;
  /** How many shards the assessments are spread over (numbered from 0). */
  readonly shards: number;
  /**
   * Up to `limit` households of one shard, after `after` (from the start without it): what a
   * what-if re-classifies, read a page at a time so memory never grows with the database.
   */
  page(shard: number, after: string | undefined, limit: number): Promise<AssessmentPage>;
}

/**
 * 认定查询 what civil affairs and supervision read of the classified reviews: a household's
 * latest assessment and every decision with its checks and the policy rows behind them. Each
 * decision is kept by `AssessmentStore.save` (an assessment carrying its reviews), even when a
 * later investigation keeps the latest assessment.
 */
export interface RecognitionReader {
  /** 家庭经济状况 the household's latest assessment, if it has one. */
  latest(householdId: string): Promise<Assessment | undefined>;
  /**
   * 认定决定 a household's decisions, latest investigation first, a page at a time; `after` is the
   * `next` of the previous page (a token of another list is refused: ForeignPageToken).
   */
  decisions(householdId: string, limit: number, after?: string): Promise<ListPage<RecognitionDecision>>;
}
