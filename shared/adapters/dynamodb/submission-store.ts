import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS, keys } from '../../table/keys';
import type { StoredRecord, SubmissionHeader, SubmissionStore } from '../../ports/submission-store';
import { batchPut } from './batch-write';
import { queryAll } from './query-all';

/**
 * How long the pseudonymized records of a submission stay: past EventBridge's 24-hour retries
 * and the archive-replay window operators use after an incident. What indicators need about
 * monitored people is kept as person facts; the rest expires.
 */
export const SUBMISSION_RECORD_RETENTION_SECONDS = 35 * 24 * 3600;

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
    // Submission records are kept for a while only: long enough for every retry and replay.
    const expiresAt = Math.floor(Date.parse(header.acceptedAt) / 1000) + SUBMISSION_RECORD_RETENTION_SECONDS;
    await batchPut(
      this.db,
      this.tableName,
      records.map((r) => ({ ...keys.submissionRecord(header.submissionId, r.index), entity: 'SubmissionRecord', ...r, [TABLE_KEYS.ttlAttribute]: expiresAt })),
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
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, GSI2PK: _g3, GSI2SK: _g4, entity: _e, expiresAt: _x, ...rest } = item;
  return rest;
}
