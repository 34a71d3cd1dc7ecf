import type { AuditDraft, AuditEntry } from '../domain/supervision/audit';

export interface AuditTrail {
  /** Appends the entries in order, each chained to the last one in the trail. */
  append(drafts: readonly AuditDraft[]): Promise<AuditEntry[]>;
  /**
   * The entries of one day (UTC), in order; the entry just before the day (its anchor, sealed when
   * the day opened) and the last entry of the day (sealed when the next day opened, or the head).
   */
  day(date: string): Promise<{ entries: AuditEntry[]; anchor?: { seq: number; hash: string }; closing?: { seq: number; hash: string } }>;
}
