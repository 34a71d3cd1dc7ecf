import type { AuditDraft, AuditEntry, SealedLeaf, SignedTreeHead } from '../domain/supervision/audit';

/** The entries: appended by every audited function, concurrently, with no shared item to move. */
export interface AuditTrail {
  /** Appends the entries (any number); sending the same drafts again writes nothing new. */
  append(drafts: readonly AuditDraft[]): Promise<AuditEntry[]>;
  /** Every entry of one day (UTC), in log order (time, then entry id). */
  day(date: string): Promise<AuditEntry[]>;
  /** The entries of a day with log keys in [from, to), in log order, at most `limit` of them. */
  between(date: string, from: string, to: string, limit: number): Promise<AuditEntry[]>;
}

/** The signed tree heads and their leaves: written by audit-seal alone, read by the verifier. */
export interface AuditTreeHeads {
  /** The newest head, the one the next seal links to. */
  latest(): Promise<SignedTreeHead | undefined>;
  /** The heads of a day with their leaves, in order. */
  ofDay(day: string): Promise<{ head: SignedTreeHead; leaves: SealedLeaf[] }[]>;
  /** The last head before the day and the first after it. */
  around(day: string): Promise<{ previous?: SignedTreeHead; next?: SignedTreeHead }>;
  /** Writes a head with its leaves, at once; false if a head with its number exists already. */
  put(head: SignedTreeHead, leaves: readonly SealedLeaf[]): Promise<boolean>;
}

/** The MAC of tree heads: audit-seal may make one, the verifier may only check one. */
export interface AuditSigner {
  /** Base64 HMAC-SHA256 of the message. */
  mac(message: string): Promise<string>;
  verify(message: string, mac: string): Promise<boolean>;
}
