import * as z from 'zod';
import { CATEGORY_CODES } from '../../domain/categories';
import { DISTRICT_CODES } from '../../domain/districts';
import type { Assessment } from '../../domain/recognition/classify';
import { parseItem } from '../entity';
import { ASSESSMENT_SHARDS, type ItemKey } from '../keys';
import { storedPolicyRow, storedReview } from './recognition-decision';

function shardOf(householdId: string): number {
  let h = 0;
  for (const c of householdId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % ASSESSMENT_SHARDS;
}

// An assessment as read back: items kept before decisions carried their checks have none (optional here).
const assessmentSchema = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  recordId: z.string(),
  departmentRecordId: z.string().optional(),
  investigation: z.object({
    district: z.enum(DISTRICT_CODES),
    investigatedOn: z.string(),
    members: z.array(
      z.object({
        personRef: z.string(),
        age: z.number(),
        capacityToWork: z.enum(['full', 'partial', 'none']),
        disabilityGrade: z.number().optional(),
        monthlyIncomeFen: z.number(),
      }),
    ),
    assetsFen: z.number(),
    necessarySpendingFen: z.number(),
    periodMonths: z.number(),
    ableLegalSupporter: z.boolean(),
  }),
  category: z.enum(CATEGORY_CODES).nullable(),
  policyVersion: z.number().int(),
  decidedAt: z.string(),
  reviews: z.array(storedReview).optional(),
  perCapitaMonthlyIncomeFen: z.number().int().optional(),
  sources: z.record(z.string(), storedPolicyRow).optional(),
});

// 家庭经济状况 the latest assessment of each household (what the what-if re-classifies),
// spread over a fixed number of partitions by household id so a what-if reads them in parallel.
const key = (householdId: string): ItemKey => ({ PK: `ASSESSMENT#${shardOf(householdId)}`, SK: householdId });
export const assessment = {
  key,
  shard: (shard: number) => `ASSESSMENT#${shard}`,
  SHARDS: ASSESSMENT_SHARDS,
  /** The item an assessment is kept as (also what a bulk load writes). */
  toItem: (a: Assessment) => ({ ...key(a.householdId), entity: 'Assessment', investigatedOn: a.investigation.investigatedOn, ...a }),
  /** An assessment as stored; one kept before assessments carried their checks reads without them. */
  fromItem: (item: Record<string, unknown>): Assessment => parseItem('Assessment', assessmentSchema, item) as Assessment,
};
