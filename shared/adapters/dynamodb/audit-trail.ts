import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactOnce, type TransactItems } from './conditional';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { chainEntry, GENESIS_HASH, type AuditDraft, type AuditEntry } from '../../domain/supervision/audit';
import type { AuditTrail } from '../../ports/audit-trail';
import { keys } from '../../table/keys';
import { queryAll } from './query-all';
import { strip } from './submission-store';

/**
 * The audit trail (access patterns 26-27): a head item holds the last number and hash; an append
 * moves the head on condition that it has not moved since it was read, in the same transaction
 * as the entries, so the chain can never fork. A lost race is retried against the new head.
 */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
    private readonly attempts = 25,
  ) {}

  async append(drafts: readonly AuditDraft[]): Promise<AuditEntry[]> {
    if (!drafts.length) return [];
    if (drafts.length > 99) throw new Error('at most 99 audit entries at once');
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.readHead();
      const last = { seq: Number(head?.seq ?? 0), hash: String(head?.hash ?? GENESIS_HASH) };
      const entries: AuditEntry[] = [];
      let prev = last;
      // Times never go back along the chain (clocks of two instances differ, and the day
      // partition follows the time): an entry is stamped no earlier than the one before it.
      let lastAt = String(head?.lastAt ?? '');
      // Seals: when a day opens, the entry before it is written into the new day (its anchor) and
      // into the day before (its closing), so removing a day's first or last entries shows.
      const seals: Record<string, unknown>[] = [];
      for (const d of drafts) {
        const at = d.at > lastAt ? d.at : lastAt;
        if (at.slice(0, 10) !== lastAt.slice(0, 10)) {
          seals.push({ ...keys.auditSeal(at.slice(0, 10), 'OPENED'), entity: 'AuditSeal', seq: prev.seq, hash: prev.hash });
          if (lastAt) seals.push({ ...keys.auditSeal(lastAt.slice(0, 10), 'CLOSED'), entity: 'AuditSeal', seq: prev.seq, hash: prev.hash });
        }
        const e = chainEntry(prev.seq + 1, prev.hash, { ...d, at });
        entries.push(e);
        prev = { seq: e.seq, hash: e.hash };
        lastAt = at;
      }
      const items: TransactItems = [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.auditHead(), entity: 'AuditHead', seq: prev.seq, hash: prev.hash, lastAt },
            ConditionExpression: head ? 'seq = :seen' : 'attribute_not_exists(PK)',
            ...(head ? { ExpressionAttributeValues: { ':seen': last.seq } } : {}),
          },
        },
        ...seals.map((Item) => ({ Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } })),
        ...entries.map((e) => ({
          Put: {
            TableName: this.tableName,
            Item: { ...keys.auditEntry(e.at.slice(0, 10), e.seq), entity: 'AuditEntry', ...e, expiresAt: Math.floor(Date.parse(e.at) / 1000) + this.retentionDays * 86_400 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
      ];
      // A false or a transaction conflict: another append moved the head first; go again from it.
      try {
        if (await transactOnce(this.db, items)) return entries;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict'))) throw error;
      }
      if (attempt >= this.attempts) throw new Error(`the audit trail stayed contended for ${this.attempts} attempts`);
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }

  async day(date: string) {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditDay(date) },
      ConsistentRead: true,
    });
    const seal = (kind: string) => {
      const item = items.find((i) => i.SK === keys.auditSeal(date, kind).SK);
      return item ? { seq: Number(item.seq), hash: String(item.hash) } : undefined;
    };
    const entries = items.filter((i) => i.entity === 'AuditEntry').map((i) => strip(i) as unknown as AuditEntry);
    const anchor = seal('OPENED');
    let closing = seal('CLOSED');
    if (!closing) {
      // Not closed yet: the day's last entry is the head, if the head is on this day.
      const head = await this.readHead();
      if (head && String(head.lastAt ?? '').slice(0, 10) === date) closing = { seq: Number(head.seq), hash: String(head.hash) };
    }
    return { entries, ...(anchor ? { anchor } : {}), ...(closing ? { closing } : {}) };
  }

  /** The head item: the last number, its hash and its time (none before the first append). */
  private async readHead(): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.auditHead(), ConsistentRead: true }));
    return Item;
  }
}
