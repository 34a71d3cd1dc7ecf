import type { AssessedHousehold } from '../../domain/policy/what-if';
import type { Assessment } from '../../domain/recognition/classify';
import type { AssessmentPage, AssessmentStore } from '../../ports/assessment-store';
import { assessment as assessmentEntity } from '../../table/entities/assessment';
import type { Table } from './table';

/** The item an assessment is kept as (also what a bulk load writes). */
export const assessmentItem = (a: Assessment): Record<string, unknown> => assessmentEntity.toItem(a);

/** Households' latest assessments (access patterns 19-20). */
export class DynamoAssessmentStore implements AssessmentStore {
  readonly shards = assessmentEntity.SHARDS;

  constructor(private readonly table: Table) {}

  async save(assessments: readonly Assessment[]): Promise<boolean[]> {
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
}
