import type { AssessedHousehold } from '../../domain/policy/what-if';
import { type Assessment, decisionOf, type RecognitionDecision } from '../../domain/recognition/classify';
import type { AssessmentPage, AssessmentStore, RecognitionReader } from '../../ports/assessment-store';
import { ForeignPageToken, type ListPage } from '../../ports/warning-lists';
import { recognitionDecision } from '../../table/entities/recognition-decision';
import { assessment as assessmentEntity } from '../../table/entities/assessment';
import type { Table } from './table';

/** The item an assessment is kept as (also what a bulk load writes). */
export const assessmentItem = (a: Assessment): Record<string, unknown> => assessmentEntity.toItem(a);

/** Households' latest assessments and their decisions (access patterns 19-20, 33-34). */
export class DynamoAssessmentStore implements AssessmentStore, RecognitionReader {
  readonly shards = assessmentEntity.SHARDS;

  constructor(private readonly table: Table) {}

  async save(assessments: readonly Assessment[]): Promise<boolean[]> {
    // Every decision is kept, a late older one too (only the latest assessment is conditional);
    // a retried group writes the same keys again.
    const decisions = assessments.flatMap((a) => {
      const d = decisionOf(a);
      return d ? [recognitionDecision.toItem(d)] : [];
    });
    if (decisions.length) await this.table.batchWrite(decisions);
    const outcomes = await this.table.transactGroups(
      assessments.map((assessment) => [
        {
          Put: {
            Item: assessmentItem(assessment),
            // A replayed or late older investigation never replaces the newer one.
            ConditionExpression: 'attribute_not_exists(PK) OR investigatedOn <= :on',
            ExpressionAttributeValues: { ':on': assessment.investigation.investigatedOn },
          },
        },
      ]),
    );
    return outcomes.map((o) => o === 'done');
  }

  async page(shard: number, after: string | undefined, limit: number): Promise<AssessmentPage> {
    const PK = assessmentEntity.shard(shard);
    const { items, next } = await this.table.page({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': PK },
      // Only what a what-if reads: a smaller page on the wire and in memory.
      ProjectionExpression: '#h, #d, #i',
      ExpressionAttributeNames: { '#h': 'householdId', '#d': 'district', '#i': 'investigation' },
      Limit: limit,
      ...(after ? { ExclusiveStartKey: { PK, SK: after } } : {}),
    });
    const last = next?.SK;
    return { households: items as unknown as AssessedHousehold[], ...(typeof last === 'string' ? { after: last } : {}) };
  }

  async latest(householdId: string): Promise<Assessment | undefined> {
    const item = await this.table.get(assessmentEntity.key(householdId), false);
    return item ? assessmentEntity.fromItem(item) : undefined;
  }

  async decisions(householdId: string, limit: number, after?: string): Promise<ListPage<RecognitionDecision>> {
    const PK = recognitionDecision.partition(householdId);
    const start = after === undefined ? undefined : decodeAfter(after);
    const { items, next } = await this.table.page({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :d)',
      ExpressionAttributeValues: { ':pk': PK, ':d': recognitionDecision.PREFIX },
      ScanIndexForward: false,
      Limit: limit,
      ...(start ? { ExclusiveStartKey: { PK, SK: start } } : {}),
    });
    const last = next?.SK;
    return { items: items.map(recognitionDecision.fromItem), ...(typeof last === 'string' ? { next: Buffer.from(last, 'utf8').toString('base64url') } : {}) };
  }
}

/** A `next` token is the last decision's sort key; anything else is another list's (or forged). */
function decodeAfter(token: string): string {
  const sk = Buffer.from(token, 'base64url').toString('utf8');
  if (!sk.startsWith(recognitionDecision.PREFIX) || Buffer.from(sk, 'utf8').toString('base64url') !== token) throw new ForeignPageToken();
  return sk;
}
