import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { chunk } from '../partial-retry';
import { transactOnce } from './conditional';
import { queryAll } from './query-all';
import { dayStart, type SealedLeaf, type SignedTreeHead } from '../../domain/supervision/audit';
import type { AuditTreeHeads } from '../../ports/audit-trail';
import { auditHeadKeys } from '../../table/keys';

/** Leaves per item: each `entryId:leafHash` is 97 characters, so a chunk stays near 200 KB. */
export const LEAVES_PER_ITEM = 2_000;
/** Heads and leaves outlive the entries they seal, so the day before the oldest readable one still links. */
const HEAD_RETENTION_MARGIN_DAYS = 7;

function headOf(item: Record<string, unknown>): SignedTreeHead {
  const { number, day, from, to, treeSize, rootHash, prevHeadHash, sealedAt, mac } = item as unknown as SignedTreeHead;
  return { number: Number(number), day, from, to, treeSize: Number(treeSize), rootHash, prevHeadHash, sealedAt, mac };
}

/**
 * The signed tree heads (access pattern 27a), in a table of their own that only audit-seal may
 * write: whoever can write the households table can neither remove the newest heads nor replace
 * the leaves a head sealed. A head and its leaves are written in one transaction, on condition
 * that no head has its number, so two seal runs can never fork the chain.
 */
export class DynamoAuditTreeHeads implements AuditTreeHeads {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  async latest(): Promise<SignedTreeHead | undefined> {
    return this.one({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': auditHeadKeys.headsPartition }, ScanIndexForward: false });
  }

  async ofDay(day: string): Promise<{ head: SignedTreeHead; leaves: SealedLeaf[] }[]> {
    const [heads, chunks] = await Promise.all([
      queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :day)',
        ExpressionAttributeValues: { ':pk': auditHeadKeys.headsPartition, ':day': `${day}#` },
        ConsistentRead: true,
      }),
      queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': auditHeadKeys.leavesOfDay(day) }, ConsistentRead: true }),
    ]);
    const leaves = new Map<number, SealedLeaf[]>();
    for (const c of chunks) {
      const list = leaves.get(Number(c.number)) ?? [];
      for (const l of c.leaves as string[]) {
        const [entryId = '', leafHash = ''] = l.split(':');
        list.push({ entryId, leafHash });
      }
      leaves.set(Number(c.number), list);
    }
    return heads.map(headOf).map((head) => ({ head, leaves: leaves.get(head.number) ?? [] }));
  }

  async around(day: string): Promise<{ previous?: SignedTreeHead; next?: SignedTreeHead }> {
    const [previous, next] = await Promise.all([
      this.one({ KeyConditionExpression: 'PK = :pk AND SK < :day', ExpressionAttributeValues: { ':pk': auditHeadKeys.headsPartition, ':day': `${day}#` }, ScanIndexForward: false }),
      this.one({ KeyConditionExpression: 'PK = :pk AND SK > :after', ExpressionAttributeValues: { ':pk': auditHeadKeys.headsPartition, ':after': auditHeadKeys.afterDay(day) } }),
    ]);
    return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
  }

  async put(head: SignedTreeHead, leaves: readonly SealedLeaf[]): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(dayStart(head.day)) / 1000) + (this.retentionDays + HEAD_RETENTION_MARGIN_DAYS) * 86_400;
    return transactOnce(this.db, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...auditHeadKeys.head(head.day, head.number), entity: 'AuditTreeHead', ...head, expiresAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...chunk(leaves, LEAVES_PER_ITEM).map((part, i) => ({
        Put: {
          TableName: this.tableName,
          Item: { ...auditHeadKeys.leaves(head.day, head.number, i), entity: 'AuditTreeLeaves', number: head.number, leaves: part.map((l) => `${l.entryId}:${l.leafHash}`), expiresAt },
        },
      })),
    ]);
  }

  private async one(input: Omit<QueryCommandInput, 'TableName'>): Promise<SignedTreeHead | undefined> {
    const { Items } = await this.db.send(new QueryCommand({ TableName: this.tableName, Limit: 1, ConsistentRead: true, ...input }));
    return Items?.[0] ? headOf(Items[0]) : undefined;
  }
}
