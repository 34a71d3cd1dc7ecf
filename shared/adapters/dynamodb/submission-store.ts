import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { keys } from '../../table/keys';
import type { StoredRecord, SubmissionHeader, SubmissionStore } from '../../ports/submission-store';
import { chunk, mapLimit, withPartialRetry } from '../partial-retry';
import { queryAll } from './query-all';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/** Submissions in the single table (access patterns 1-3). */
export class DynamoSubmissionStore implements SubmissionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(submissionId: string): Promise<SubmissionHeader | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.submission(submissionId), ConsistentRead: true }));
    return Item ? (strip(Item) as unknown as SubmissionHeader) : undefined;
  }

  /** Records first, header last: the header is the commit marker, written only once. */
  async save(header: SubmissionHeader, records: readonly StoredRecord[]): Promise<'saved' | 'exists'> {
    const requests: WriteRequest[] = records.map((r) => ({
      PutRequest: { Item: { ...keys.submissionRecord(header.submissionId, r.index), entity: 'SubmissionRecord', ...r } },
    }));
    await mapLimit(chunk(requests, 25), 4, (batch) =>
      withPartialRetry('BatchWriteItem', batch, async (pending) => {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: [...pending] } }));
        return { failed: (out.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[], reasons: ['unprocessed items'] };
      }),
    );
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.submission(header.submissionId), entity: 'Submission', ...header },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'saved';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async records(submissionId: string): Promise<StoredRecord[]> {
    const { PK } = keys.submission(submissionId);
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :records)',
      ExpressionAttributeValues: { ':pk': PK, ':records': 'RECORD#' },
      ConsistentRead: true,
    });
    return items.map((i) => strip(i) as unknown as StoredRecord);
  }

  async markPublished(submissionId: string, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.submission(submissionId),
        UpdateExpression: 'SET publishedAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}

/** Drops the storage attributes (keys, entity marker) before handing an item to the domain. */
export function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, entity: _e, ...rest } = item;
  return rest;
}
