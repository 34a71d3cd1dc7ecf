import * as z from 'zod';
import {
  auditEntrySchema,
  dayStart,
  entryLeafHash,
  GENESIS_HEAD_HASH,
  logKey,
  nextDay,
  treeHeadHash,
  type AuditEntry,
  type SealedLeaf,
  type SignedTreeHead,
} from './audit';
import { merkleRootHex } from './merkle';

/** A tree head as the verifier received it: whether its MAC verified, and (for the day's own heads) its leaves. */
export interface CheckedHead {
  head: SignedTreeHead;
  macValid: boolean;
  leaves?: SealedLeaf[];
}

export interface AuditDayEvidence {
  day: string;
  /** Every entry the table holds for the day, in any order. */
  entries: readonly AuditEntry[];
  /** The day's tree heads, with their leaves. */
  heads: readonly CheckedHead[];
  /** The last head before the day and the first after it: the day's heads must link to both. */
  previous?: CheckedHead;
  next?: CheckedHead;
}

/** One failure, in words (Chinese first, English beside), and what it is about. */
export const auditProblemSchema = z
  .object({
    reason: z.string(),
    head: z.number().int().optional().describe('the tree head concerned'),
    entryId: z.string().optional().describe('the entry concerned'),
    at: z.string().optional(),
  })
  .strict();
export type AuditProblem = z.infer<typeof auditProblemSchema>;

export const auditVerdictSchema = z
  .object({
    intact: z.boolean().describe('no failure found: every head signed and linked, every sealed entry as it was sealed'),
    checked: z.number().int().describe('entries of the day examined'),
    sealed: z.number().int().describe('entries inside the ranges of the day’s signed tree heads'),
    unsealed: z.number().int().describe('entries after the last tree head, waiting for the next seal (not a failure)'),
    sealedThrough: z.string().optional().describe('where the day’s last tree head ends'),
    heads: z.array(
      z.object({ number: z.number().int(), from: z.string(), to: z.string(), treeSize: z.number().int(), rootHash: z.string(), sealedAt: z.string() }).strict(),
    ),
    brokenAt: auditProblemSchema.optional().describe('the first failure in log order'),
    problems: z.array(auditProblemSchema).describe('every failure found, in log order (at most 100)'),
  })
  .strict();
export type AuditVerdict = z.infer<typeof auditVerdictSchema>;

/** The answer of GET /audit/{day}. */
export const auditDayAnswer = z
  .object({ day: z.iso.date(), entries: z.array(auditEntrySchema), verification: auditVerdictSchema })
  .strict()
  .describe(
    'One UTC day of the audit trail in log order (time, then entry id), verified against its signed tree heads: each head’s MAC (KMS VerifyMac), number and link to the head before it, ' +
      'its RFC 6962 root recomputed from its leaves, and every entry against the leaf it was sealed as. Entries not yet sealed are counted as unsealed, not as failures.',
  );

/**
 * Verifies one day of the trail against its signed tree heads: each head's MAC, its number and
 * link to the head before it, its range continuing the last one, its leaves hashing to its signed
 * root; and every entry in a sealed range against the leaf it was sealed as. Rewritten, inserted
 * and missing entries and forged or missing heads are failures; entries after the last head are
 * unsealed, not failures, as long as no later head shows that sealing has passed them.
 */
export function verifyAuditDay(evidence: AuditDayEvidence): AuditVerdict {
  const { day } = evidence;
  const problems: { position: string; problem: AuditProblem }[] = [];
  const fail = (position: string, problem: AuditProblem) => problems.push({ position, problem });
  const entries = [...evidence.entries].sort((a, b) => (logKey(a) < logKey(b) ? -1 : 1));
  const keys = entries.map(logKey);
  /** The index of the first entry whose log key is at or after `bound`. */
  const firstFrom = (bound: string) => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const heads = [...evidence.heads].sort((a, b) => a.head.number - b.head.number);
  const start = dayStart(day);
  const end = dayStart(nextDay(day));

  // The chain: the head before the day, the day's heads, and the first head after it.
  const chain = [...(evidence.previous ? [evidence.previous] : []), ...heads, ...(evidence.next ? [evidence.next] : [])];
  chain.forEach((c, i) => {
    const h = c.head;
    const at = h.from;
    if (!c.macValid)
      fail(at, { head: h.number, reason: `树头签名无效：已被篡改或伪造 / tree head ${h.number}: its MAC does not verify, it was altered or forged` });
    const prev = chain[i - 1]?.head;
    if (!prev) {
      if (h.number !== 1 || h.prevHeadHash !== GENESIS_HEAD_HASH)
        fail(at, { head: h.number, reason: `缺少前一个树头 / tree head ${h.number}: the head before it is missing` });
      return;
    }
    // Missing heads break the trail where the last one present ended.
    if (h.number !== prev.number + 1) fail(prev.to, { head: h.number, reason: `树头缺失 / tree heads ${prev.number + 1}–${h.number - 1} are missing` });
    else if (h.prevHeadHash !== treeHeadHash(prev))
      fail(at, { head: h.number, reason: `未链接到前一个树头 / tree head ${h.number} is not linked to tree head ${prev.number}` });
    if (h.from !== prev.to)
      fail(at, { head: h.number, reason: `时段不连续 / tree head ${h.number} does not begin where tree head ${prev.number} ended (${prev.to})` });
  });

  // Each of the day's heads over its range: its leaves are what it signed, and the table agrees.
  let sealed = 0;
  const covered = new Set<string>();
  for (const { head: h, leaves = [] } of heads) {
    if (h.day !== day || h.from < start || h.to > end || h.from > h.to)
      fail(h.from, { head: h.number, reason: `树头时段不属于该日 / tree head ${h.number} covers ${h.from}–${h.to}, not a part of ${day}` });
    if (leaves.length !== h.treeSize || merkleRootHex(leaves.map((l) => l.leafHash)) !== h.rootHash) {
      fail(h.from, {
        head: h.number,
        reason: `叶列表与签名的根不符 / the leaves kept with tree head ${h.number} do not hash to its signed root: they were altered`,
      });
    }
    const sealedAs = new Map(leaves.map((l) => [l.entryId, l.leafHash]));
    for (let i = firstFrom(h.from); i < entries.length && keys[i]! < h.to; i += 1) {
      const e = entries[i]!;
      const key = keys[i]!;
      covered.add(e.entryId);
      sealed += 1;
      const leaf = sealedAs.get(e.entryId);
      if (leaf === undefined)
        fail(key, {
          head: h.number,
          entryId: e.entryId,
          at: e.at,
          reason: `封存后插入：不在任何树中 / inserted after sealing: inside the range of tree head ${h.number}, but in no tree`,
        });
      else if (leaf !== entryLeafHash(e))
        fail(key, { head: h.number, entryId: e.entryId, at: e.at, reason: `封存后被改写 / rewritten after it was sealed in tree head ${h.number}` });
      sealedAs.delete(e.entryId);
    }
    for (const entryId of sealedAs.keys())
      fail(h.from, { head: h.number, entryId, reason: `已封存的条目缺失 / sealed in tree head ${h.number}, missing from the trail` });
  }

  // Entries no head of the day covers: waiting for a seal, unless sealing has moved past them.
  // Entries before the very first head (sealing began later) have nothing to be checked against.
  const last = heads.at(-1)?.head;
  const sealingPassed = evidence.next !== undefined;
  const sealingBegan = chain.find((c) => c.head.number === 1)?.head.from ?? '';
  let unsealed = 0;
  entries.forEach((e, i) => {
    if (covered.has(e.entryId)) return;
    const key = keys[i]!;
    if ((!sealingPassed && key >= (last?.to ?? start)) || key < sealingBegan) {
      unsealed += 1;
      if (e.leafHash !== entryLeafHash(e))
        fail(key, { entryId: e.entryId, at: e.at, reason: `内容与其叶哈希不符 / its content no longer matches the leaf hash it was appended with` });
    } else {
      fail(key, { entryId: e.entryId, at: e.at, reason: `在已封存的时段内，却不在任何树中 / inside a sealed period, but no tree head covers it` });
    }
  });

  problems.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const found = problems.map((p) => p.problem);
  return {
    intact: found.length === 0,
    checked: entries.length,
    sealed,
    unsealed,
    ...(last ? { sealedThrough: last.to } : {}),
    heads: heads.map(({ head: h }) => ({ number: h.number, from: h.from, to: h.to, treeSize: h.treeSize, rootHash: h.rootHash, sealedAt: h.sealedAt })),
    ...(found[0] ? { brokenAt: found[0] } : {}),
    problems: found.slice(0, 100),
  };
}
