import type { Assessment } from '../../domain/recognition/classify';
import { ASSESSMENT_SHARDS, type ItemKey } from '../keys';

function shardOf(householdId: string): number {
  let h = 0;
  for (const c of householdId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % ASSESSMENT_SHARDS;
}

// 家庭经济状况 the latest assessment of each household (what the what-if re-classifies),
// spread over a fixed number of partitions by household id so a what-if reads them in parallel.
const key = (householdId: string): ItemKey => ({ PK: `ASSESSMENT#${shardOf(householdId)}`, SK: householdId });
export const assessment = {
  key,
  shard: (shard: number) => `ASSESSMENT#${shard}`,
  SHARDS: ASSESSMENT_SHARDS,
  /** The item an assessment is kept as (also what a bulk load writes). */
  toItem: (a: Assessment) => ({ ...key(a.householdId), entity: 'Assessment', investigatedOn: a.investigation.investigatedOn, ...a }),
};
