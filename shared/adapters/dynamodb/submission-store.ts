import type { StoredRecord, SubmissionHeader, SubmissionStore } from '../../ports/submission-store';
import { submissionHeader, submissionRecord } from '../../table/entities/submission';
import type { Table } from './table';

/**
 * How long the pseudonymized records of a submission stay: past EventBridge's 24-hour retries
 * and the archive-replay window operators use after an incident. What indicators need about
 * monitored people is kept as person facts; the rest expires.
 */
export const SUBMISSION_RECORD_RETENTION_SECONDS = 35 * 24 * 3600;

/** Submissions in the single table (access patterns 1-3). */
export class DynamoSubmissionStore implements SubmissionStore {
  constructor(private readonly table: Table) {}

  async get(submissionId: string): Promise<SubmissionHeader | undefined> {
    const item = await this.table.get(submissionHeader.key(submissionId));
    return item ? submissionHeader.fromItem(item) : undefined;
  }

  /** Records first, header last: the header is the commit marker, written only once. */
  async save(header: SubmissionHeader, records: readonly StoredRecord[]): Promise<'saved' | 'exists'> {
    // Submission records are kept for a while only: long enough for every retry and replay.
    const expiresAt = Math.floor(Date.parse(header.acceptedAt) / 1000) + SUBMISSION_RECORD_RETENTION_SECONDS;
    await this.table.batchWrite(records.map((r) => submissionRecord.toItem(header.submissionId, r, expiresAt)));
    const saved = await this.table.writeOnce({ Put: { Item: submissionHeader.toItem(header), ConditionExpression: 'attribute_not_exists(PK)' } });
    return saved ? 'saved' : 'exists';
  }

  async records(submissionId: string): Promise<StoredRecord[]> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :records)',
      ExpressionAttributeValues: { ':pk': submissionHeader.key(submissionId).PK, ':records': submissionRecord.RECORD_PREFIX },
      ConsistentRead: true,
    });
    return items.map(submissionRecord.fromItem);
  }

  async markPublished(submissionId: string, at: string): Promise<void> {
    await this.table.writeOnce({
      Update: { Key: submissionHeader.key(submissionId), UpdateExpression: 'SET publishedAt = :at', ExpressionAttributeValues: { ':at': at } },
    });
  }
}

/** Drops the storage attributes (keys, entity marker) before handing an item to the domain. */
export function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, GSI2PK: _g3, GSI2SK: _g4, entity: _e, expiresAt: _x, ...rest } = item;
  return rest;
}
