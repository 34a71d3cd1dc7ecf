import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditTreeHeadSignedV1 } from '../../events/audit-tree-head-signed.v1';
import { ForgedTreeHead, sealAuditTrail } from '../../functions/audit-seal/use-case';
import { readAuditTrail } from '../../functions/household-query/use-case';
import { FileAuditSigner } from '../../shared/adapters/kms/audit-signer';
import { auditEntries, entryLeafHash, treeHeadHash, treeHeadMessage, type AuditDraft, type AuditEntry } from '../../shared/domain/supervision/audit';
import { merkleRootHex } from '../../shared/domain/supervision/merkle';
import { auditDayAnswer } from '../../shared/domain/supervision/verify-day';
import { MemoryAuditTrail, MemoryAuditTreeHeads, MemoryPublisher } from '../fakes';
import { rejection } from './rejection';
import { throughEdge } from './through-edge';

const CIVIL_AFFAIRS = 'arn:aws-cn:sts::123456789012:assumed-role/lim-prod-civil-affairs/wang.li';
const SUPERVISION = 'arn:aws-cn:sts::123456789012:assumed-role/lim-prod-supervision/zhao.min';
const HOUSEHOLDS = ['430104-2025-000317', '430111-2025-000042', '430181-2026-000008', '430105-2024-001204'];

/** A read of a household's chain at `at`, as the API middleware appends it. */
const chainRead = (at: string, n: number): AuditDraft => ({
  at,
  principal: n % 3 ? CIVIL_AFFAIRS : SUPERVISION,
  department: n % 3 ? 'civil-affairs' : 'supervision',
  kind: 'read',
  purpose: 'case handling: the assistance chain',
  action: 'read-assistance-chain',
  subjects: [HOUSEHOLDS[n % HOUSEHOLDS.length]!],
  details: { status: '200', requestId: `7f0c2a9e-5b1d-4c3e-9a8f-${String(n).padStart(12, '0')}` },
});
const at = (hh: number, mm: number, ss = 0) => `2026-11-29T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}.000Z`;

function world(start = '2026-11-29T08:00:00.000Z') {
  const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
  const keyFile = join(dir, 'audit-key');
  writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const trail = new MemoryAuditTrail();
  const heads = new MemoryAuditTreeHeads();
  const signer = new FileAuditSigner(keyFile);
  const events = new MemoryPublisher();
  let now = new Date(start);
  return {
    trail,
    heads,
    signer,
    events,
    at: (iso: string) => (now = new Date(iso)),
    seal: (lagSeconds = 900, more: { maxLeaves?: number } = {}) => sealAuditTrail({ trail, heads, signer, events, now: () => now }, { lagSeconds, ...more }),
    read: (day = '2026-11-29') => readAuditTrail(day, { trail, heads, signer, now: () => now, retentionDays: 400 }),
  };
}

/** 40 reads from 08:00 to 09:57:00, sealed at 10:15 with the 15-minute lag (up to 10:00). */
async function sealedMorning() {
  const w = world();
  for (let i = 0; i < 40; i += 1) await w.trail.append([chainRead(at(8 + Math.floor(i / 20), (i % 20) * 3), i)]);
  w.at(at(10, 15));
  const { sealed } = await w.seal();
  return { ...w, sealed, entries: w.trail.entries };
}

/** An entry rewritten as an attacker who can write the table would: its leaf hash recomputed too. */
function rewrite(trail: MemoryAuditTrail, e: AuditEntry, change: Partial<AuditDraft>) {
  const changed = { ...e, ...change };
  trail.byId.set(e.entryId, { ...changed, leafHash: entryLeafHash(changed) });
}

describe('audit entries', () => {
  it('have ids derived from their content: the same batch again is the same entries, equal drafts in one batch stay two', () => {
    const batch = [chainRead(at(8, 0), 1), chainRead(at(8, 0), 1)];
    const [a, b] = auditEntries(batch);
    expect(a!.entryId).not.toBe(b!.entryId);
    expect(auditEntries(batch).map((e) => e.entryId)).toEqual([a!.entryId, b!.entryId]);
    expect(auditEntries([chainRead(at(8, 0), 2)])[0]!.entryId).not.toBe(a!.entryId);
  });

  it('hash the same whatever the order of properties, and keep the time in canonical form', () => {
    const draft = chainRead('2026-11-29T16:00:00+08:00', 1);
    const reordered = Object.fromEntries(Object.entries(draft).reverse()) as unknown as AuditDraft;
    const [e] = auditEntries([draft]);
    expect(auditEntries([reordered])[0]).toEqual(e);
    expect(e!.at).toBe('2026-11-29T08:00:00.000Z');
  });

  it('are appended again without doubling, concurrently, by any number at once', async () => {
    const trail = new MemoryAuditTrail();
    const drafts = Array.from({ length: 120 }, (_, i) => chainRead(at(8, 0, i % 60), i));
    await Promise.all([trail.append(drafts), trail.append(drafts.slice(0, 60))]);
    expect(await trail.day('2026-11-29')).toHaveLength(120);
  });
});

describe('sealing (audit-seal)', () => {
  it('seals what is older than the lag with a MAC-signed RFC 6962 tree head, and publishes it as a witness', async () => {
    const w = await sealedMorning();
    expect(w.sealed).toHaveLength(1);
    const [head] = w.sealed;
    expect(head).toMatchObject({
      number: 1,
      day: '2026-11-29',
      from: '2026-11-29T00:00:00.000Z',
      to: '2026-11-29T10:00:00.000Z',
      treeSize: 40,
      sealedAt: '2026-11-29T10:15:00.000Z',
    });
    expect(head!.rootHash).toBe(merkleRootHex(w.entries.map((e) => e.leafHash)));
    expect(await w.signer.verify(treeHeadMessage(head!), head!.mac)).toBe(true);
    expect(w.events.published).toEqual([{ source: 'lim.audit', detailType: 'AuditTreeHeadSigned.v1', detail: auditTreeHeadSignedV1.parse(head) }]);
    // Nothing new to seal: a run right after writes no head.
    expect((await w.seal()).sealed).toEqual([]);
  });

  it('chains consecutive heads, leaves entries inside the lag for later, and never crosses midnight', async () => {
    const w = world(at(9, 0));
    await w.trail.append([chainRead(at(8, 50), 1), chainRead(at(23, 55), 2), chainRead('2026-11-30T00:05:00.000Z', 3)]);
    w.at(at(9, 10));
    const first = (await w.seal()).sealed;
    expect(first.map((h) => [h.number, h.to, h.treeSize])).toEqual([[1, at(8, 55), 1]]);
    w.at('2026-11-30T00:30:00.000Z');
    const second = (await w.seal()).sealed;
    expect(second.map((h) => [h.number, h.day, h.from, h.to, h.treeSize])).toEqual([
      [2, '2026-11-29', at(8, 55), '2026-11-30T00:00:00.000Z', 1],
      [3, '2026-11-30', '2026-11-30T00:00:00.000Z', '2026-11-30T00:15:00.000Z', 1],
    ]);
    expect(second[0]!.prevHeadHash).toBe(treeHeadHash(first[0]!));
    expect(second[1]!.prevHeadHash).toBe(treeHeadHash(second[0]!));
  });

  it('splits a busy range at an entry, so no head holds more than its share of leaves', async () => {
    const w = world();
    await w.trail.append(Array.from({ length: 25 }, (_, i) => chainRead(at(8, 0, i), i)));
    w.at(at(10, 0));
    const { sealed } = await w.seal(900, { maxLeaves: 10 });
    expect(sealed.map((h) => h.treeSize)).toEqual([10, 10, 5]);
    expect(sealed[1]!.from).toBe(sealed[0]!.to);
    expect((await w.read()).verification).toMatchObject({ intact: true, sealed: 25, unsealed: 0 });
  });

  it('two runs at once do not fork the chain: the one that finds its number taken stops', async () => {
    const w = world();
    await w.trail.append([chainRead(at(8, 0), 1)]);
    w.at(at(10, 0));
    const runs = await Promise.all([w.seal(), w.seal()]);
    expect(runs.flatMap((r) => r.sealed).map((h) => h.number)).toEqual([1]);
    expect((await w.read()).verification.intact).toBe(true);
  });

  it('refuses to seal on top of a newest head that this key did not sign', async () => {
    const w = await sealedMorning();
    w.heads.heads[0]!.head = { ...w.heads.heads[0]!.head, treeSize: 39 };
    w.at(at(11, 0));
    await expect(w.seal()).rejects.toBeInstanceOf(ForgedTreeHead);
  });
});

describe('verifying a day (GET /audit/{day})', () => {
  it('an untouched day is intact; entries not yet sealed are reported as such, not as a failure', async () => {
    const w = await sealedMorning();
    await w.trail.append([chainRead(at(10, 5), 100), chainRead(at(10, 10), 101)]);
    const answer = await w.read();
    expect(auditDayAnswer.parse(answer)).toEqual(answer); // the answer is what the OpenAPI document says
    const { entries, verification } = answer;
    expect(entries).toHaveLength(42);
    expect(verification).toMatchObject({ intact: true, checked: 42, sealed: 40, unsealed: 2, sealedThrough: at(10, 0), problems: [] });
    expect(verification.heads).toEqual([expect.objectContaining({ number: 1, treeSize: 40 })]);
    expect(verification.brokenAt).toBeUndefined();
  });

  it('a day nobody sealed yet is intact with every entry unsealed', async () => {
    const w = world();
    await w.trail.append([chainRead(at(7, 0), 1), chainRead(at(7, 1), 2)]);
    expect((await w.read()).verification).toMatchObject({ intact: true, sealed: 0, unsealed: 2, heads: [] });
  });

  it('entries from before sealing began (the first head is on a later day) are unsealed, not a failure; a wiped heads table shows in the witness', async () => {
    const w = world();
    await w.trail.append([chainRead(at(23, 58), 1), chainRead('2026-11-30T00:01:00.000Z', 2)]);
    w.at('2026-11-30T00:20:00.000Z'); // the first run ever seals from the start of its own day
    expect((await w.seal()).sealed.map((h) => [h.number, h.day])).toEqual([[1, '2026-11-30']]);
    expect((await w.read('2026-11-29')).verification).toMatchObject({ intact: true, sealed: 0, unsealed: 1 });
    expect((await w.read('2026-11-30')).verification).toMatchObject({ intact: true, sealed: 1, unsealed: 0 });
    // The heads table wiped (only audit-seal may write it): sealing starts over at 1, and the
    // witness on the bus then holds two different heads numbered 1.
    w.heads.heads.length = 0;
    w.at('2026-11-30T01:00:00.000Z');
    await w.seal();
    expect(w.events.published.map((e) => (e.detail as { number: number }).number)).toEqual([1, 1]);
  });

  it('an entry rewritten after sealing, its leaf hash recomputed, is named', async () => {
    const w = await sealedMorning();
    const victim = w.entries[17]!;
    rewrite(w.trail, victim, { subjects: ['430104-2025-000999'] });
    const answer = await w.read();
    expect(auditDayAnswer.parse(answer)).toEqual(answer);
    expect(answer.verification).toMatchObject({
      intact: false,
      brokenAt: { head: 1, entryId: victim.entryId, at: victim.at, reason: expect.stringContaining('rewritten after it was sealed in tree head 1') },
    });
  });

  it('an entry inserted into a sealed range is named', async () => {
    const w = await sealedMorning();
    const [planted] = auditEntries([{ ...chainRead(at(9, 1, 30), 7), principal: CIVIL_AFFAIRS }]);
    w.trail.byId.set(planted!.entryId, planted!);
    expect((await w.read()).verification.brokenAt).toMatchObject({
      head: 1,
      entryId: planted!.entryId,
      reason: expect.stringContaining('inserted after sealing'),
    });
  });

  it('a removed entry is named', async () => {
    const w = await sealedMorning();
    const removed = w.entries[3]!;
    w.trail.byId.delete(removed.entryId);
    const { verification } = await w.read();
    expect(verification).toMatchObject({
      intact: false,
      checked: 39,
      brokenAt: { head: 1, entryId: removed.entryId, reason: expect.stringContaining('missing from the trail') },
    });
  });

  it('a head forged to match a rewritten entry (leaves, root and every later link recomputed) fails its MAC', async () => {
    const w = await sealedMorning();
    await w.trail.append([chainRead(at(10, 20), 200)]);
    w.at(at(11, 0));
    await w.seal();
    const victim = w.entries[5]!;
    rewrite(w.trail, victim, { purpose: 'curiosity' });
    const [first, second] = w.heads.heads as [(typeof w.heads.heads)[0], (typeof w.heads.heads)[0]];
    first.leaves = first.leaves.map((l) => (l.entryId === victim.entryId ? { ...l, leafHash: w.trail.byId.get(victim.entryId)!.leafHash } : l));
    first.head = { ...first.head, rootHash: merkleRootHex(first.leaves.map((l) => l.leafHash)) };
    second.head = { ...second.head, prevHeadHash: treeHeadHash(first.head) };
    const { verification } = await w.read();
    expect(verification.intact).toBe(false);
    expect(verification.brokenAt).toMatchObject({ head: 1, reason: expect.stringContaining('tree head 1: its MAC does not verify') });
    expect(verification.problems).toContainEqual(expect.objectContaining({ head: 2, reason: expect.stringContaining('MAC does not verify') }));
  });

  it('leaves altered without the root are caught by the root', async () => {
    const w = await sealedMorning();
    w.heads.heads[0]!.leaves.pop();
    const { verification } = await w.read();
    expect(verification.problems[0]).toMatchObject({ head: 1, reason: expect.stringContaining('do not hash to its signed root') });
  });

  it('a head removed from the middle of the chain, and the last heads of a day removed, are caught', async () => {
    const w = world(at(9, 0));
    await w.trail.append([chainRead(at(8, 50), 1), chainRead(at(9, 20), 2), chainRead(at(9, 50), 3), chainRead('2026-11-30T00:20:00.000Z', 4)]);
    for (const t of [at(9, 15), at(9, 45), at(10, 15), '2026-11-30T00:45:00.000Z']) {
      w.at(t);
      await w.seal();
    }
    expect(w.heads.heads.map((h) => h.head.number)).toEqual([1, 2, 3, 4, 5]);
    const middle = w.heads.heads.splice(1, 1);
    expect((await w.read()).verification.brokenAt).toMatchObject({ head: 3, reason: expect.stringContaining('tree heads 2–2 are missing') });
    w.heads.heads.splice(1, 0, ...middle);
    // The day's closing heads removed: the next day's first head no longer links, and the entries
    // they covered lie in a sealed period with no tree (they do not pass for unsealed ones).
    w.heads.heads.splice(2, 2);
    const { verification } = await w.read();
    expect(verification.intact).toBe(false);
    expect(verification.problems).toContainEqual(expect.objectContaining({ head: 5, reason: expect.stringContaining('tree heads 3–4 are missing') }));
    expect(verification.problems).toContainEqual(expect.objectContaining({ at: at(9, 50), reason: expect.stringContaining('no tree head covers it') }));
    expect(verification.unsealed).toBe(0);
  });

  it('an unsealed entry whose content no longer matches its leaf hash is a failure', async () => {
    const w = await sealedMorning();
    const [late] = await w.trail.append([chainRead(at(10, 5), 300)]);
    w.trail.byId.set(late!.entryId, { ...late!, subjects: ['430104-2025-000999'] });
    expect((await w.read()).verification.brokenAt).toMatchObject({
      entryId: late!.entryId,
      reason: expect.stringContaining('no longer matches the leaf hash'),
    });
  });

  it('is for supervision only, takes a day, and refuses a day past retention', async () => {
    const w = await sealedMorning();
    expect((await rejection(() => throughEdge('read-audit-trail', { caller: 'civil-affairs' }))).statusCode).toBe(403);
    expect((await rejection(w.read('2026-13-01'))).statusCode).toBe(400);
    // 400 days: on 29 November 2026 the entries of 25 October 2025 are expiring.
    expect(await rejection(w.read('2025-10-25'))).toMatchObject({ statusCode: 404, message: expect.stringContaining('past its retention period') });
    expect((await w.read('2025-10-26')).verification.intact).toBe(true);
  });
});

describe('who acted, as the trail keeps it', () => {
  const draft: AuditDraft = {
    at: '2026-12-02T03:00:00.000Z',
    principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-prod-civil-affairs/wang.fang',
    officer: 'wang.fang',
    department: 'civil-affairs',
    kind: 'read',
    purpose: 'case handling: the assistance chain',
    action: 'read-assistance-chain',
    subjects: ['430104-2025-000317'],
  };

  it('seals the officer: an entry whose officer was rewritten no longer has its leaf hash', () => {
    const [entry] = auditEntries([draft]);
    expect(entryLeafHash({ ...entry!, officer: 'li.na' })).not.toBe(entry!.leafHash);
    expect(entryLeafHash(entry!)).toBe(entry!.leafHash);
  });

  it('reads a stated purpose from the x-purpose header whatever its case', async () => {
    const { statedPurposeOf } = await import('../../shared/http/api-call');
    for (const name of ['x-purpose', 'X-Purpose', 'X-PURPOSE', 'x-PuRpOsE']) expect(statedPurposeOf({ headers: { [name]: '核查' } }), name).toBe('核查');
    expect(statedPurposeOf({ headers: { 'x-purposes': '核查' } })).toBeUndefined();
  });
});
