import type { Assessment, AssessmentStore } from '../../ports/assessment-store';
import { ASSESSMENT_SHARDS, keys } from '../../table/keys';
import type { Table } from './table';

/** Households' latest assessments (access patterns 19-20). */
export class DynamoAssessmentStore implements AssessmentStore {
  constructor(private readonly table: Table) {}

  async save(assessments: readonly Assessment[]): Promise<boolean[]> {
    const outcomes = await this.table.transactGroups(
      assessments.map((assessment) => [
        {
          Put: {
            Item: { ...keys.assessment(assessment.householdId), entity: 'Assessment', investigatedOn: assessment.investigation.investigatedOn, ...assessment },
            // A replayed or late older investigation never replaces the newer one.
            ConditionExpression: 'attribute_not_exists(PK) OR investigatedOn <= :on',
            ExpressionAttributeValues: { ':on': assessment.investigation.investigatedOn },
          },
        },
      ]),
    );
    return outcomes.map((o) => o === 'done');
  }

  async all(): Promise<Assessment[]> {
    const shards = await Promise.all(
      Array.from({ length: ASSESSMENT_SHARDS }, (_, shard) =>
        this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.assessmentShard(shard) } }),
      ),
    );
    return shards.flat().map(({ PK: _p, SK: _s, entity: _e, investigatedOn: _i, ...a }) => a as unknown as Assessment);
  }
}
