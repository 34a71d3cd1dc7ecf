import type { SubmissionHeader, SubmissionStore } from '../../ports/submission-store';
import { submissionHeader } from '../../table/entities/submission';
import type { Table } from './table';

/**
 * How long a submission's header stays: past EventBridge's 24-hour retries and the resends a
 * department makes after a failure. (The records are not kept: the bus archive keeps them.)
 */
export const SUBMISSION_RETENTION_SECONDS = 35 * 24 * 3600;

/** Submissions in the single table (access patterns 1-3). */
export class DynamoSubmissionStore implements SubmissionStore {
  constructor(private readonly table: Table) {}

  async get(submissionId: string): Promise<SubmissionHeader | undefined> {
    const item = await this.table.get(submissionHeader.key(submissionId));
    return item ? submissionHeader.fromItem(item) : undefined;
  }

  async save(header: SubmissionHeader): Promise<'saved' | 'exists'> {
    const expiresAt = Math.floor(Date.parse(header.acceptedAt) / 1000) + SUBMISSION_RETENTION_SECONDS;
    const saved = await this.table.writeOnce({ Put: { Item: submissionHeader.toItem(header, expiresAt), ConditionExpression: 'attribute_not_exists(PK)' } });
    return saved ? 'saved' : 'exists';
  }

  async takeLease(submissionId: string, now: string, until: string): Promise<boolean> {
    return this.table.writeOnce({
      Update: {
        Key: submissionHeader.key(submissionId),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(publishedAt) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeValues: { ':until': until, ':now': now },
      },
    });
  }

  async releaseLease(submissionId: string): Promise<void> {
    await this.table.writeOnce({
      Update: {
        Key: submissionHeader.key(submissionId),
        UpdateExpression: 'REMOVE leaseUntil',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(publishedAt)',
      },
    });
  }

  async markPublished(submissionId: string, at: string): Promise<void> {
    await this.table.writeOnce({
      Update: { Key: submissionHeader.key(submissionId), UpdateExpression: 'SET publishedAt = :at', ExpressionAttributeValues: { ':at': at } },
    });
  }
}
