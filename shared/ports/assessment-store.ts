import type { AssessedHousehold } from '../domain/policy/what-if';
import type { Assessment } from '../domain/recognition/classify';

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
