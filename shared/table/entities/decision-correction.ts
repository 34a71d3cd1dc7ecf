import * as z from 'zod';
import { CORRECTION_CAUSES } from '../../domain/correction';
import { DECIDED_CATEGORIES, type RecordedDecisionCorrection } from '../../domain/correction-decision';
import { DISTRICT_CODES } from '../../domain/districts';
import { parseItem, type WriteAction } from '../entity';
import type { ItemKey } from '../keys';
import { householdPartition } from './household';

/**
 * 纠错 the corrections of a household's recognition decisions, in its partition beside the
 * decisions (never over them): `DECISION-CORRECTION#<decisionId>#<sequence>`. Not under
 * 'DECISION#', so the decisions' own pages never meet them.
 */
export const DECISION_CORRECTION_PREFIX = 'DECISION-CORRECTION#';
const key = (householdId: string, decisionId: string, sequence: number): ItemKey => ({
  PK: householdPartition(householdId),
  SK: `${DECISION_CORRECTION_PREFIX}${decisionId}#${String(sequence).padStart(4, '0')}`,
});

const category = z.enum(DECIDED_CATEGORIES).nullable();
const change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('enrolled'), programme: z.string(), monthlyAmountFen: z.number().int(), startDate: z.string() }),
  z.object({ kind: z.literal('gradual-exit'), programme: z.string(), lastPaidDay: z.string(), graceMonths: z.number() }),
  z.object({ kind: z.literal('allowance-ended'), programme: z.string(), endedOn: z.string() }),
  z.object({ kind: z.literal('gradual-exit-stopped'), programme: z.string(), until: z.string() }),
  z.object({ kind: z.literal('recategorised'), category: z.string(), since: z.string() }),
]);
const schema = z.object({
  householdId: z.string(),
  district: z.enum(DISTRICT_CODES),
  decisionId: z.string(),
  sequence: z.number().int(),
  correctionId: z.string(),
  category,
  correctedInputs: z.object({ perCapitaMonthlyIncomeFen: z.number().int().optional() }).optional(),
  effectiveFrom: z.string().optional(),
  cause: z.enum(CORRECTION_CAUSES),
  reason: z.string(),
  correctedBy: z.string(),
  from: category,
  perCapitaMonthlyIncomeFen: z.number().int(),
  changes: z.array(change),
  correctedAt: z.string(),
  bodyHash: z.string(),
  publishedAt: z.string().optional(),
});

export const decisionCorrectionItem = {
  key,
  PREFIX: DECISION_CORRECTION_PREFIX,
  of: (householdId: string, decisionId: string) => ({ PK: householdPartition(householdId), prefix: `${DECISION_CORRECTION_PREFIX}${decisionId}#` }),
  put: (c: RecordedDecisionCorrection): WriteAction => ({
    Put: {
      Item: { ...key(c.householdId, c.decisionId, c.sequence), entity: 'DecisionCorrection', ...c },
      // Two corrections of one decision cannot both take the same place.
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }),
  markPublished: (c: RecordedDecisionCorrection, at: string): WriteAction => ({
    Update: { Key: key(c.householdId, c.decisionId, c.sequence), UpdateExpression: 'SET publishedAt = :at', ExpressionAttributeValues: { ':at': at } },
  }),
  fromItem: (item: Record<string, unknown>) => parseItem('DecisionCorrection', schema, item) as RecordedDecisionCorrection,
};
