import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { chunk } from '../partial-retry';
import { dayStart, type SealedLeaf, type SignedTreeHead } from '../../domain/supervision/audit';
import type { AuditTreeHeads } from '../../ports/audit-trail';
import { auditTreeHead, auditTreeLeaves } from '../../table/entities/audit';
import type { Table } from './table';

/** Heads and leaves outlive the entries they seal, so the day before the oldest readable one still links. */
const HEAD_RETENTION_MARGIN_DAYS = 7;

/**
 * The signed tree heads (access pattern 27a), in a table of their own that only audit-seal may
 * write: whoever can write the households table can neither remove the newest heads nor replace
 * the leaves a head sealed. A head and its leaves are written in one transaction, on condition
 * that no head has its number, so two seal runs can never fork the chain.
 */
export class DynamoAuditTreeHeads implements AuditTreeHeads {
  constructor(
    private readonly table: Table,
    private readonly retentionDays: number,
  ) {}

  async latest(): Promise<SignedTreeHead | undefined> {
    return this.one({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': auditTreeHead.partition }, ScanIndexForward: false });
  }

  async ofDay(day: string): Promise<{ head: SignedTreeHead; leaves: SealedLeaf[] }[]> {
    const [heads, chunks] = await Promise.all([
      this.table.query({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :day)',
        ExpressionAttributeValues: { ':pk': auditTreeHead.partition, ':day': `${day}#` },
        ConsistentRead: true,
      }),
      this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': auditTreeLeaves.ofDay(day) }, ConsistentRead: true }),
    ]);
    const leaves = new Map<number, SealedLeaf[]>();
    for (const c of chunks.map(auditTreeLeaves.fromItem)) leaves.set(c.number, [...(leaves.get(c.number) ?? []), ...c.leaves]);
    return heads.map(auditTreeHead.fromItem).map((head) => ({ head, leaves: leaves.get(head.number) ?? [] }));
  }

  async around(day: string): Promise<{ previous?: SignedTreeHead; next?: SignedTreeHead }> {
    const [previous, next] = await Promise.all([
      this.one({
        KeyConditionExpression: 'PK = :pk AND SK < :day',
        ExpressionAttributeValues: { ':pk': auditTreeHead.partition, ':day': `${day}#` },
        ScanIndexForward: false,
      }),
      this.one({
        KeyConditionExpression: 'PK = :pk AND SK > :after',
        ExpressionAttributeValues: { ':pk': auditTreeHead.partition, ':after': auditTreeHead.afterDay(day) },
      }),
    ]);
    return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
  }

  async put(head: SignedTreeHead, leaves: readonly SealedLeaf[]): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(dayStart(head.day)) / 1000) + (this.retentionDays + HEAD_RETENTION_MARGIN_DAYS) * 86_400;
    const [outcome] = await this.table.transactGroups([
      [
        { Put: { Item: auditTreeHead.toItem(head, expiresAt), ConditionExpression: 'attribute_not_exists(PK)' } },
        ...chunk(leaves, auditTreeLeaves.PER_ITEM).map((part, i) => ({ Put: { Item: auditTreeLeaves.toItem(head, i, part, expiresAt) } })),
      ],
    ]);
    return outcome === 'done';
  }

  private async one(input: Omit<QueryCommandInput, 'TableName'>): Promise<SignedTreeHead | undefined> {
    const { items } = await this.table.page({ Limit: 1, ConsistentRead: true, ...input });
    return items[0] ? auditTreeHead.fromItem(items[0]) : undefined;
  }
}
