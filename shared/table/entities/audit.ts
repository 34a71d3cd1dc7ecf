import { logKey, type AuditEntry, type SealedLeaf, type SignedTreeHead } from '../../domain/supervision/audit';
import { AUDIT_KEY_PREFIX, AUDIT_SHARDS, type ItemKey } from '../keys';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const shardOf = (entryId: string) => parseInt(entryId.slice(0, 8), 16) % AUDIT_SHARDS;

/**
 * 数字监督 an audit entry: each day's entries spread over AUDIT_SHARDS partitions by entry id, so
 * concurrent appends share no item; sorted by log key (time, then id). No head item.
 */
const entryKey = (e: Pick<AuditEntry, 'at' | 'entryId'>): ItemKey => ({
  PK: `${AUDIT_KEY_PREFIX}${e.at.slice(0, 10)}#${shardOf(e.entryId)}`,
  SK: logKey(e as AuditEntry),
});
export const auditEntry = {
  key: entryKey,
  dayShard: (day: string, shard: number) => `${AUDIT_KEY_PREFIX}${day}#${shard}`,
  SHARDS: Array.from({ length: AUDIT_SHARDS }, (_, s) => s),
  toItem: (e: AuditEntry, retentionDays: number) => ({
    ...entryKey(e),
    entity: 'AuditEntry',
    ...e,
    expiresAt: Math.floor(Date.parse(e.at) / 1000) + retentionDays * 86_400,
  }),
  /**
   * The fields of an entry and nothing else an item might carry. Not refused when malformed: an
   * entry someone rewrote is for the verification to name, not for the reader to fail on.
   */
  fromItem(item: Record<string, unknown>): AuditEntry {
    const { at, principal, officer, department, kind, purpose, action, subjects, details, entryId, leafHash } = item as unknown as AuditEntry;
    return { at, principal, ...(officer ? { officer } : {}), department, kind, purpose, action, subjects, ...(details ? { details } : {}), entryId, leafHash };
  },
};

/**
 * The audit heads table (only audit-seal writes it): the signed tree heads in one partition in
 * order (day, then number), and each head's leaves in chunks under its day.
 */
const headKey = (day: string, number: number): ItemKey => ({ PK: 'HEAD', SK: `${day}#${pad(number, 12)}` });
export const auditTreeHead = {
  key: headKey,
  partition: 'HEAD',
  /** A bound after every head of the day ('~' sorts after the digits) and before the next day's. */
  afterDay: (day: string) => `${day}#~`,
  toItem: (head: SignedTreeHead, expiresAt: number) => ({ ...headKey(head.day, head.number), entity: 'AuditTreeHead', ...head, expiresAt }),
  fromItem(item: Record<string, unknown>): SignedTreeHead {
    const { number, day, from, to, treeSize, rootHash, prevHeadHash, sealedAt, mac } = item as unknown as SignedTreeHead;
    return { number: Number(number), day, from, to, treeSize: Number(treeSize), rootHash, prevHeadHash, sealedAt, mac };
  },
};

const leavesKey = (day: string, number: number, chunk: number): ItemKey => ({ PK: `LEAVES#${day}`, SK: `${pad(number, 12)}#${pad(chunk, 4)}` });
export const auditTreeLeaves = {
  key: leavesKey,
  ofDay: (day: string) => `LEAVES#${day}`,
  /** Leaves per item: each `entryId:leafHash` is 97 characters, so a chunk stays near 200 KB. */
  PER_ITEM: 2_000,
  toItem: (head: SignedTreeHead, chunk: number, leaves: readonly SealedLeaf[], expiresAt: number) => ({
    ...leavesKey(head.day, head.number, chunk),
    entity: 'AuditTreeLeaves',
    number: head.number,
    leaves: leaves.map((l) => `${l.entryId}:${l.leafHash}`),
    expiresAt,
  }),
  fromItem(item: Record<string, unknown>): { number: number; leaves: SealedLeaf[] } {
    return {
      number: Number(item.number),
      leaves: (item.leaves as string[]).map((l) => {
        const [entryId = '', leafHash = ''] = l.split(':');
        return { entryId, leafHash };
      }),
    };
  },
};
