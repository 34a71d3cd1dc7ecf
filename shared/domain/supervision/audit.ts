import { createHash } from 'node:crypto';
import * as z from 'zod';
import { leafHash, merkleRootHex } from './merkle';

/**
 * Digital supervision (数字监督): every read of a household or person and every decision is an
 * entry in one append-only trail. Appends are independent (no shared head to move); the trail is
 * made tamper-evident afterwards, as a Certificate Transparency log is: the entries of a period
 * become the leaves of an RFC 6962 Merkle tree, and a signed tree head (a MAC from a key only the
 * sealing function may use) commits to its root and to the head before it. Entries name people
 * only by person reference, never by identity number.
 */
/** A read of personal data, a decision, or an attempt at either that was refused. */
export type AuditKind = 'read' | 'decision' | 'denied';

export interface AuditDraft {
  at: string;
  /** The verified principal (role ARN with its session), or the platform function that decided. */
  principal: string;
  /**
   * The person who acted (经办人): the role session's source identity, which the department
   * role's trust policy requires and binds to the session name, and which survives role
   * chaining. Absent for the platform's own decisions.
   */
  officer?: string;
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

/**
 * What a use case knows that the audit entry of its call needs, returned with its answer: whom
 * the call was about (a person reference, a job) and the purpose the caller stated.
 */
export interface AuditNote {
  subjects?: string[];
  purpose?: string;
}

/** An entry as the trail keeps it: the draft (time in canonical ISO form), its id and its leaf hash. */
export interface AuditEntry extends AuditDraft {
  /** Derived from the content, so a retried append writes the same entry again, never a second one. */
  entryId: string;
  /** RFC 6962 leaf hash of the entry's content (everything above, with the id). */
  leafHash: string;
}

/** An entry as supervision reads it (GET /audit/{day}); the OpenAPI document is built from this. */
export const auditEntrySchema = z
  .object({
    at: z.iso.datetime(),
    principal: z.string().describe('the verified role session (who), or platform:<function> for the platform’s own decisions'),
    officer: z.string().optional().describe('the person who acted: the source identity of the role session (经办人)'),
    department: z.string(),
    kind: z.enum(['read', 'decision', 'denied']),
    purpose: z.string().describe('the route’s declared purpose'),
    action: z.string(),
    subjects: z.array(z.string()).describe('household ids, warning ids, person references'),
    details: z.record(z.string(), z.string()).optional().describe('status, requestId, outcome, statedPurposeMac …'),
    entryId: z.string(),
    leafHash: z.string().describe('RFC 6962 leaf hash of the entry, hex'),
  })
  .strict() satisfies z.ZodType<AuditEntry>;

/** Canonical JSON (sorted keys, undefined dropped), so a hash does not depend on property order. */
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

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Exactly the fields an entry says, whatever else an item in a table carries beside them. */
function contentOf(e: AuditDraft & { entryId: string }): Record<string, unknown> {
  // canonical() drops an absent officer, so entries written before officers hash as they did.
  return {
    at: e.at,
    principal: e.principal,
    officer: e.officer,
    department: e.department,
    kind: e.kind,
    purpose: e.purpose,
    action: e.action,
    subjects: e.subjects,
    details: e.details,
    entryId: e.entryId,
  };
}

export function entryLeafHash(e: AuditDraft & { entryId: string }): string {
  return leafHash(Buffer.from(canonical(contentOf(e)), 'utf8')).toString('hex');
}

/**
 * The entries for drafts appended together. The id hashes the content and the draft's place in
 * the batch: the same batch sent again (a retry) gives the same ids, two equal drafts in one batch
 * stay two entries. API calls carry their request id, so two equal reads are two entries.
 */
export function auditEntries(drafts: readonly AuditDraft[]): AuditEntry[] {
  return drafts.map((d, index) => {
    const draft = { ...d, at: new Date(d.at).toISOString() };
    const entryId = sha256Hex(canonical({ ...draft, index })).slice(0, 32);
    return { ...draft, entryId, leafHash: entryLeafHash({ ...draft, entryId }) };
  });
}

/** An entry's place in the trail: time, then id. Ranges of tree heads are bounds in this order. */
export function logKey(e: Pick<AuditEntry, 'at' | 'entryId'>): string {
  return `${e.at}#${e.entryId}`;
}

/** The first instant of a UTC day as a log-key bound: it sorts before every entry of that day. */
export function dayStart(day: string): string {
  return `${day}T00:00:00.000Z`;
}

export function nextDay(day: string): string {
  return new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * A tree head: the entries of one day with log keys in [from, to) are the leaves, in log order.
 * Heads are numbered from 1 without gaps, each covers the range right after the one before it,
 * and each carries the hash of the one before it, so none can be removed or replaced unseen.
 */
export interface TreeHead {
  number: number;
  day: string;
  from: string;
  to: string;
  treeSize: number;
  rootHash: string;
  prevHeadHash: string;
  sealedAt: string;
}

export interface SignedTreeHead extends TreeHead {
  /** Base64 HMAC-SHA256 of `treeHeadMessage`, from the audit key (KMS GenerateMac). */
  mac: string;
}

/** A leaf as the head keeps it: which entry, and the leaf hash it had when it was sealed. */
export interface SealedLeaf {
  entryId: string;
  leafHash: string;
}

export const GENESIS_HEAD_HASH = '0'.repeat(64);

/** What the MAC covers: every field of the head, canonical, with the log's name and version. */
export function treeHeadMessage(h: TreeHead): string {
  const { number, day, from, to, treeSize, rootHash, prevHeadHash, sealedAt } = h;
  return canonical({ log: 'lim-audit-trail', version: 1, number, day, from, to, treeSize, rootHash, prevHeadHash, sealedAt });
}

export function treeHeadHash(h: TreeHead): string {
  return sha256Hex(treeHeadMessage(h));
}

/** The next head after `prev` over these entries (already read from [from, to), in log order). */
export function nextTreeHead(
  prev: TreeHead | undefined,
  range: { day: string; from: string; to: string },
  entries: readonly AuditEntry[],
  sealedAt: string,
): { head: TreeHead; leaves: SealedLeaf[] } {
  // The leaf hash the entry was appended with: content changed while it waited to be sealed shows.
  const leaves = entries.map((e) => ({ entryId: e.entryId, leafHash: e.leafHash }));
  return {
    head: {
      number: (prev?.number ?? 0) + 1,
      ...range,
      treeSize: leaves.length,
      rootHash: merkleRootHex(leaves.map((l) => l.leafHash)),
      prevHeadHash: prev ? treeHeadHash(prev) : GENESIS_HEAD_HASH,
      sealedAt,
    },
    leaves,
  };
}

/**
 * The range the next head may cover: from where the last one ended (or the start of the day of
 * `until`, for the first), up to `until` but never past the end of that day. None when the
 * trail is sealed up to `until` already.
 */
export function nextSealRange(prev: TreeHead | undefined, until: string): { day: string; from: string; to: string } | undefined {
  const from = prev?.to ?? dayStart(until.slice(0, 10));
  if (from >= until) return undefined;
  const day = from.slice(0, 10);
  const dayEnd = dayStart(nextDay(day));
  return { day, from, to: until < dayEnd ? until : dayEnd };
}

/** A decision the platform takes by itself (a sweep, a hand-over, a classification), as the trail keeps it. */
export function platformDecision(d: {
  by: string;
  department: string;
  at: string;
  action: string;
  purpose: string;
  subjects: string[];
  details: Record<string, string>;
}): AuditDraft {
  return {
    at: d.at,
    principal: `platform:${d.by}`,
    department: d.department,
    kind: 'decision',
    purpose: d.purpose,
    action: d.action,
    subjects: d.subjects,
    details: d.details,
  };
}
