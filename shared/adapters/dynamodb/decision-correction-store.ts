import type { RecordedDecisionCorrection } from '../../domain/correction-decision';
import type { DecisionCorrectionStore, DecisionCorrectionWrite } from '../../ports/decision-correction-store';
import { decisionCorrectionItem } from '../../table/entities/decision-correction';
import { allowance, chainEntry, householdPartition, householdProfile, membership } from '../../table/entities/household';
import type { Table, WriteAction } from './table';

/** 纠错 decisions' corrections in the household's partition, written with what they change in it. */
export class DynamoDecisionCorrectionStore implements DecisionCorrectionStore {
  constructor(private readonly table: Table) {}

  async corrections(householdId: string, decisionId: string): Promise<RecordedDecisionCorrection[]> {
    const { PK, prefix } = decisionCorrectionItem.of(householdId, decisionId);
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
      ExpressionAttributeValues: { ':pk': PK, ':c': prefix },
      ConsistentRead: true,
    });
    return items.map(decisionCorrectionItem.fromItem);
  }

  async ofHousehold(householdId: string): Promise<RecordedDecisionCorrection[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)',
      ExpressionAttributeValues: { ':pk': householdPartition(householdId), ':c': decisionCorrectionItem.PREFIX },
    });
    return items.map(decisionCorrectionItem.fromItem);
  }

  async correct(w: DecisionCorrectionWrite): Promise<'corrected' | 'conflict'> {
    const actions: WriteAction[] = [decisionCorrectionItem.put(w.correction)];
    const h = w.household;
    if (h) {
      actions.push({
        Put: {
          Item: householdProfile.toItem(h),
          // Put there by this correction, or still as read (a roll entry meanwhile restated it).
          ...(w.held
            ? { ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': w.heldUpdatedAt } }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      });
      if (!w.held) actions.push(...h.members.map((m) => ({ Put: { Item: membership.toItem(m.personRef, h.householdId) } })));
      for (const { from, to } of w.allowances) {
        actions.push({
          Put: {
            Item: allowance.toItem(h.householdId, h.district, to),
            ...(from
              ? {
                  ConditionExpression: '#s = :s AND startDate = :d AND monthlyAmountFen = :m',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':s': from.status, ':d': from.startDate, ':m': from.monthlyAmountFen },
                }
              : { ConditionExpression: 'attribute_not_exists(PK)' }),
          },
        });
      }
    }
    actions.push(...w.entries.map((e) => ({ Put: { Item: chainEntry.toItem(e) } })));
    const [outcome] = await this.table.transactGroups([actions]);
    return outcome === 'done' ? 'corrected' : 'conflict';
  }

  async markPublished(c: RecordedDecisionCorrection, at: string): Promise<void> {
    await this.table.writeOnce(decisionCorrectionItem.markPublished(c, at) as Extract<WriteAction, { Update: unknown }>);
  }
}
