import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditEntries, logKey, type AuditDraft, type AuditEntry } from '../../domain/supervision/audit';
import type { AuditTrail } from '../../ports/audit-trail';
import { AUDIT_SHARDS, keys } from '../../table/keys';
import { batchPut } from './batch-write';
import { queryAll } from './query-all';

const SHARDS = Array.from({ length: AUDIT_SHARDS }, (_, s) => s);
const byLogKey = (a: AuditEntry, b: AuditEntry) => (logKey(a) < logKey(b) ? -1 : 1);

/** The fields of an entry, and nothing else an item might carry. */
function entryOf(item: Record<string, unknown>): AuditEntry {
  const { at, principal, department, kind, purpose, action, subjects, details, entryId, leafHash } = item as unknown as AuditEntry;
  return { at, principal, department, kind, purpose, action, subjects, ...(details ? { details } : {}), entryId, leafHash };
}

/**
 * The audit trail's entries (access patterns 26-27): each day spread over AUDIT_SHARDS partitions
 * by entry id, sorted by log key. An append is BatchWriteItem with unprocessed items retried: no
 * read first, no shared item, nothing for concurrent appends to contend on. Sealing and
 * verification are audit-seal's and the reader's (the heads live in their own table).
 */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  async append(drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
    const entries = auditEntries(drafts);
    await batchPut(
      this.db,
      this.tableName,
      entries.map((e) => ({
        ...keys.auditEntry(e.at.slice(0, 10), e.entryId, logKey(e)),
        entity: 'AuditEntry',
        ...e,
        expiresAt: Math.floor(Date.parse(e.at) / 1000) + this.retentionDays * 86_400,
      })),
    );
    return entries;
  }

  async day(date: string): Promise<AuditEntry[]> {
    const shards = await Promise.all(
      SHARDS.map((s) =>
        queryAll(this.db, {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.auditDayShard(date, s) },
          ConsistentRead: true,
        }),
      ),
    );
    return shards.flat().map(entryOf).sort(byLogKey);
  }

  async between(date: string, from: string, to: string, limit: number): Promise<AuditEntry[]> {
    const shards = await Promise.all(SHARDS.map((s) => this.shardBetween(keys.auditDayShard(date, s), from, to, limit)));
    return shards
      .flat()
      .filter((e) => logKey(e) < to)
      .sort(byLogKey)
      .slice(0, limit);
  }

  /** One partition's entries in [from, to] in key order, stopping once `limit` are read. */
  private async shardBetween(pk: string, from: string, to: string, limit: number): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
          ConsistentRead: true,
          Limit: Math.min(limit - out.length, 1000),
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map(entryOf));
      start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (start && out.length < limit);
    return out;
  }
}
