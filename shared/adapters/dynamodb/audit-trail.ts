import { auditEntries, logKey, type AuditDraft, type AuditEntry } from '../../domain/supervision/audit';
import type { AuditTrail } from '../../ports/audit-trail';
import { auditEntry } from '../../table/entities/audit';
import type { Table } from './table';

const byLogKey = (a: AuditEntry, b: AuditEntry) => (logKey(a) < logKey(b) ? -1 : 1);

/**
 * The audit trail's entries (access patterns 26-27): each day spread over AUDIT_SHARDS partitions
 * by entry id, sorted by log key. An append is BatchWriteItem with unprocessed items retried: no
 * read first, no shared item, nothing for concurrent appends to contend on. Sealing and
 * verification are audit-seal's and the reader's (the heads live in their own table).
 */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly table: Table,
    private readonly retentionDays: number,
  ) {}

  async append(drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
    const entries = auditEntries(drafts);
    if (entries.length) await this.table.batchWrite(entries.map((e) => auditEntry.toItem(e, this.retentionDays)));
    return entries;
  }

  async day(date: string): Promise<AuditEntry[]> {
    const shards = await Promise.all(
      auditEntry.SHARDS.map((s) =>
        this.table.query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': auditEntry.dayShard(date, s) }, ConsistentRead: true }),
      ),
    );
    return shards.flat().map(auditEntry.fromItem).sort(byLogKey);
  }

  async between(date: string, from: string, to: string, limit: number): Promise<AuditEntry[]> {
    const shards = await Promise.all(auditEntry.SHARDS.map((s) => this.shardBetween(auditEntry.dayShard(date, s), from, to, limit)));
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
      const page = await this.table.page({
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
        ConsistentRead: true,
        Limit: Math.min(limit - out.length, 1000),
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      out.push(...page.items.map(auditEntry.fromItem));
      start = page.next;
    } while (start && out.length < limit);
    return out;
  }
}
