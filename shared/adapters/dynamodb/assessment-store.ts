import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeOnce } from './conditional';
import type { Assessment, AssessmentStore } from '../../ports/assessment-store';
import { ASSESSMENT_SHARDS, keys } from '../../table/keys';
import { queryAll } from './query-all';

/** Households' latest assessments (access patterns 19-20). */
export class DynamoAssessmentStore implements AssessmentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(assessment: Assessment): Promise<boolean> {
    return writeOnce(
      this.db,
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.assessment(assessment.householdId), entity: 'Assessment', investigatedOn: assessment.investigation.investigatedOn, ...assessment },
        // A replayed or late older investigation never replaces the newer one.
        ConditionExpression: 'attribute_not_exists(PK) OR investigatedOn <= :on',
        ExpressionAttributeValues: { ':on': assessment.investigation.investigatedOn },
      }),
    );
  }

  async all(): Promise<Assessment[]> {
    const shards = await Promise.all(
      Array.from({ length: ASSESSMENT_SHARDS }, (_, shard) =>
        queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.assessmentShard(shard) } }),
      ),
    );
    return shards.flat().map(({ PK: _p, SK: _s, entity: _e, investigatedOn: _i, ...a }) => a as unknown as Assessment);
  }
}
