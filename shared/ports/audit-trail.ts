import type { AuditDraft, AuditEntry } from '../domain/supervision/audit';

export interface AuditTrail {
  /** Appends the entries in order, each chained to the last one in the trail. */
  append(drafts: readonly AuditDraft[]): Promise<AuditEntry[]>;
  /** The entries of one day (UTC), in order, and the entry just before the day (its anchor). */
  day(date: string): Promise<{ entries: AuditEntry[]; anchor?: { seq: number; hash: string } }>;
}
