import * as z from 'zod';
import { DISTRICT_CODES } from '../../domain/districts';
import { CHECK_CODES, type RecognitionDecision } from '../../domain/recognition/classify';
import { parseItem } from '../entity';
import type { ItemKey } from '../keys';
import { householdPartition } from './household';

/**
 * 认定决定 each classified review of a household, in its partition `HH#<householdId>`, by
 * investigation date: the checks with their values and thresholds, and the policy rows those
 * thresholds came from as they were on the day (a later change of the row never reaches it).
 */
export const DECISION_PREFIX = 'DECISION#';
const key = (householdId: string, investigatedOn: string, recordId: string): ItemKey => ({
  PK: householdPartition(householdId),
  SK: `${DECISION_PREFIX}${investigatedOn}#${recordId}`,
});

const scalar = z.union([z.number(), z.string(), z.boolean()]);
export const storedPolicyRow = z.object({
  name: z.string(),
  value: scalar,
  district: z.union([z.literal('*'), z.enum(DISTRICT_CODES)]),
  effectiveFrom: z.string(),
  effectiveTo: z.string(),
  unit: z.string().optional(),
  source: z.string(),
  changeVersion: z.number().int().optional(),
});
const storedCheck = z.object({
  code: z.enum(CHECK_CODES).optional(),
  test: z.string(),
  value: scalar,
  threshold: scalar,
  passed: z.boolean(),
  parameters: z.array(z.string()).optional(),
});
export const storedReview = z.object({
  category: z.enum(['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE']),
  qualifies: z.boolean(),
  checks: z.array(storedCheck),
});
const category = z.enum(['TEKUN', 'DIBAO', 'DIBAO_EDGE', 'RIGID_EXPENDITURE']).nullable();
const schema = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  recordId: z.string(),
  departmentRecordId: z.string().optional(),
  investigatedOn: z.string(),
  decidedAt: z.string(),
  category,
  perCapitaMonthlyIncomeFen: z.number().int(),
  policyVersion: z.number().int(),
  reviews: z.array(storedReview),
  sources: z.record(z.string(), storedPolicyRow),
  members: z.array(z.object({ personRef: z.string(), maskedIdentityNumber: z.string(), relationship: z.string() })).optional(),
});

export const recognitionDecision = {
  key,
  partition: householdPartition,
  PREFIX: DECISION_PREFIX,
  toItem: (d: RecognitionDecision) => ({ ...key(d.householdId, d.investigatedOn, d.recordId), entity: 'RecognitionDecision', ...d }),
  fromItem: (item: Record<string, unknown>): RecognitionDecision => parseItem('RecognitionDecision', schema, item),
};
