import type { EvaluatedWarning, GroupEvaluation, SubmissionHeader, SubmissionProgress, SubmissionStore } from '../../ports/submission-store';
import { submissionEvaluation, submissionHeader, submissionPartition } from '../../table/entities/submission';
import { chunkBySize } from '../partial-retry';
import type { Table } from './table';

/**
 * How long a submission's header stays: past EventBridge's 24-hour retries and the resends a
 * department makes after a failure. (The records are not kept: the bus archive keeps them.)
 */
export const SUBMISSION_RETENTION_SECONDS = 35 * 24 * 3600;

/** A part of a group's evaluation stays well inside DynamoDB's 400 KB item limit. */
const EVALUATION_PART_BYTES = 300 * 1024;
/** TransactWriteItems carries at most 4 MB: a group's parts are written in one. */
const MAX_EVALUATION_PARTS = 12;

/** Submissions in the single table (access patterns 1-3, 3b, 3c). */
export class DynamoSubmissionStore implements SubmissionStore, SubmissionProgress {
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

  /**
   * One conditional put of the group's evaluation (or one transaction of its parts): a group
   * evaluated again finds it there and writes nothing.
   */
  async recordEvaluated(evaluation: GroupEvaluation): Promise<'recorded' | 'recorded-before'> {
    const expiresAt = Math.floor(Date.parse(evaluation.acceptedAt) / 1000) + SUBMISSION_RETENTION_SECONDS;
    const parts = chunkBySize<EvaluatedWarning>(evaluation.warnings, (w) => Buffer.byteLength(JSON.stringify(w)) + 16, EVALUATION_PART_BYTES);
    if (parts.length > MAX_EVALUATION_PARTS)
      throw new Error(`the evaluation of group ${evaluation.groupId} needs ${parts.length} parts; at most ${MAX_EVALUATION_PARTS} fit one transaction`);
    const puts = submissionEvaluation
      .toItems(evaluation, parts.length ? parts : [[]], expiresAt)
      .map((Item) => ({ Put: { Item, ConditionExpression: 'attribute_not_exists(PK)' } }));
    if (puts.length === 1) return (await this.table.writeOnce(puts[0]!)) ? 'recorded' : 'recorded-before';
    const [outcome] = await this.table.transactGroups([puts]);
    return outcome === 'done' ? 'recorded' : 'recorded-before';
  }

  /** The submission's partition in one Query (its pages followed): the header and every evaluation. */
  async progressOf(submissionId: string): Promise<{ header?: SubmissionHeader; evaluations: GroupEvaluation[] }> {
    const items = await this.table.query({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': submissionPartition(submissionId) },
      ConsistentRead: true,
    });
    const header = items.find((i) => i.SK === 'HEADER');
    return {
      ...(header ? { header: submissionHeader.fromItem(header) } : {}),
      evaluations: submissionEvaluation.fromItems(items.filter(submissionEvaluation.isItem)),
    };
  }
}
