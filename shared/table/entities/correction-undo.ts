import type { AnswerUndo } from '../../domain/correction-undo';
import { COUNTY_COORDINATION } from '../../domain/departments';
import type { WriteAction } from '../../adapters/dynamodb/table';
import { householdProfile, rollIndex } from './household';
import { warning } from './warning';

/**
 * 纠错 the writes that undo a corrected answer's effect beyond the allowances, in the correction's
 * transaction, each on condition it is still as the answer left it. A grant's disclosure line is
 * withdrawn after (disclosure.ts), so it is not here.
 */
export function undoWrites(householdId: string, warningId: string, undo: AnswerUndo | undefined): WriteAction[] {
  if (undo?.kind === 'transfer-undone') {
    return [
      {
        Update: {
          Key: householdProfile.key(householdId),
          UpdateExpression: 'SET category = :back, recognisedOn = :on, GSI1SK = :roll',
          ConditionExpression: 'category = :to AND recognisedOn = :since',
          ExpressionAttributeValues: {
            ':back': undo.back.category,
            ':on': undo.back.recognisedOn,
            ':roll': rollIndex.sortKey(undo.back.category, householdId),
            ':to': undo.transferredTo,
            ':since': undo.since,
          },
        },
      },
    ];
  }
  if (undo?.kind === 'referral-withdrawn') {
    // Resolved: off the open-warnings index, as an answer that resolves it does.
    const resolve = undo.resolves ? ', #s = :resolved, resolvedStatus = :resolved REMOVE GSI2PK, GSI2SK' : '';
    return [
      {
        Update: {
          Key: warning.key(warningId),
          UpdateExpression: `SET recipients = :recipients${resolve}`,
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(outcomes.#cc)',
          ExpressionAttributeNames: { '#cc': COUNTY_COORDINATION, ...(undo.resolves ? { '#s': 'status' } : {}) },
          ExpressionAttributeValues: { ':recipients': undo.recipients, ...(undo.resolves ? { ':resolved': 'resolved' } : {}) },
        },
      },
    ];
  }
  return [];
}
