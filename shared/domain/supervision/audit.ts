import { createHash } from 'node:crypto';

/**
 * Digital supervision (数字监督): every read of a household or person and every decision is an
 * entry in one append-only trail. Each entry carries the hash of the one before it, and its own
 * hash covers that and everything it says, so removing, reordering or editing any entry breaks
 * every hash after it. Entries name people only by person reference, never by identity number.
 */
/** A read of personal data, a decision, or an attempt at either that was refused. */
export type AuditKind = 'read' | 'decision' | 'denied';

export interface AuditDraft {
  at: string;
  /** The verified principal (role ARN with its session), or the platform function that decided. */
  principal: string;
  department: string;
  kind: AuditKind;
  /** What for: the route's declared purpose or the caller's stated one. */
  purpose: string;
  /** What was done, e.g. read-assistance-chain, answer-warning, recognition-decided. */
  action: string;
  /** What it was about: household ids, person references, warning ids. */
  subjects: string[];
  /** Short facts worth keeping (outcome, category, policy version); no personal data. */
  details?: Record<string, string>;
}

export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON (sorted keys), so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(seq: number, prevHash: string, draft: AuditDraft): string {
  return createHash('sha256').update(canonical({ seq, prevHash, ...draft })).digest('hex');
}

export function chainEntry(seq: number, prevHash: string, draft: AuditDraft): AuditEntry {
  return { ...draft, seq, prevHash, hash: entryHash(seq, prevHash, draft) };
}

export interface ChainVerdict {
  intact: boolean;
  checked: number;
  /** The first entry that does not follow from the one before it. */
  brokenAt?: { seq: number; reason: string };
}

/**
 * Checks a contiguous run of entries: consecutive numbers, each linked to and hashed over the
 * last. With the entry just before the run (`anchor`) and the last entry it must end with
 * (`closing`), entries removed from either end of the run are found too.
 */
export function verifyChain(entries: readonly AuditEntry[], anchor?: { seq: number; hash: string }, closing?: { seq: number; hash: string }): ChainVerdict {
  let prev = anchor;
  for (const e of entries) {
    const { seq, prevHash, hash, ...draft } = e;
    if (prev && seq !== prev.seq + 1) return { intact: false, checked: entries.length, brokenAt: { seq, reason: `expected entry ${prev.seq + 1}, found ${seq}` } };
    if (prev && prevHash !== prev.hash) return { intact: false, checked: entries.length, brokenAt: { seq, reason: 'not linked to the entry before it' } };
    if (!prev && seq === 1 && prevHash !== GENESIS_HASH) return { intact: false, checked: entries.length, brokenAt: { seq, reason: 'the first entry is not linked to the genesis hash' } };
    if (entryHash(seq, prevHash, draft) !== hash) return { intact: false, checked: entries.length, brokenAt: { seq, reason: 'its content does not match its hash' } };
    prev = { seq, hash };
  }
  if (closing && (prev?.seq !== closing.seq || prev.hash !== closing.hash)) {
    return { intact: false, checked: entries.length, brokenAt: { seq: closing.seq, reason: `the run should end with entry ${closing.seq}, but ends with ${prev?.seq ?? 'nothing'}` } };
  }
  return { intact: true, checked: entries.length };
}

/** A decision the platform takes by itself (a sweep, a hand-over, a classification), as the trail keeps it. */
export function platformDecision(d: { by: string; department: string; at: string; action: string; purpose: string; subjects: string[]; details: Record<string, string> }): AuditDraft {
  return { at: d.at, principal: `platform:${d.by}`, department: d.department, kind: 'decision', purpose: d.purpose, action: d.action, subjects: d.subjects, details: d.details };
}
