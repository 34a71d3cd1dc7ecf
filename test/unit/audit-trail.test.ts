import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS_HASH, verifyChain, type AuditDraft, type AuditEntry } from '../../shared/domain/supervision/audit';

const draft = (i: number): AuditDraft => ({
  at: `2026-11-29T08:${String(i).padStart(2, '0')}:00.000Z`,
  principal: 'arn:aws-cn:sts::123456789012:assumed-role/lim-civil-affairs/wang.li',
  department: 'civil-affairs',
  kind: i % 2 ? 'read' : 'decision',
  purpose: 'case handling: the assistance chain',
  action: 'read-assistance-chain',
  subjects: ['430104-2025-000317'],
  details: { status: '200' },
});

function trail(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (let i = 1; i <= n; i += 1) {
    const e = chainEntry(prev.seq + 1, prev.hash, draft(i));
    out.push(e);
    prev = e;
  }
  return out;
}

describe('audit trail: tamper-evident by hash chain', () => {
  it('an untouched trail verifies, from the start and from an anchor mid-way', () => {
    const t = trail(20);
    expect(verifyChain(t)).toEqual({ intact: true, checked: 20 });
    expect(verifyChain(t.slice(10), { seq: 10, hash: t[9]!.hash }).intact).toBe(true);
  });

  it.each([
    ['an edited entry', (t: AuditEntry[]) => (t[5] = { ...t[5]!, purpose: 'curiosity' }), 6, 'its content does not match its hash'],
    ['a removed entry', (t: AuditEntry[]) => t.splice(7, 1), 9, 'expected entry 8, found 9'],
    ['two entries swapped', (t: AuditEntry[]) => ([t[3], t[4]] = [t[4]!, t[3]!]), 5, 'expected entry 4, found 5'],
    ['an entry re-hashed after editing', (t: AuditEntry[]) => (t[2] = chainEntry(3, t[2]!.prevHash, { ...draft(3), subjects: ['430104-2025-000999'] })), 4, 'not linked to the entry before it'],
  ])('%s is found, at the first entry that no longer follows', (_, tamper, seq, reason) => {
    const t = trail(12);
    tamper(t);
    expect(verifyChain(t)).toMatchObject({ intact: false, brokenAt: { seq, reason } });
  });

  it('hashes do not depend on the order of properties', () => {
    const a = chainEntry(1, GENESIS_HASH, draft(1));
    const reordered = Object.fromEntries(Object.entries(draft(1)).reverse()) as AuditDraft;
    expect(chainEntry(1, GENESIS_HASH, reordered).hash).toBe(a.hash);
  });
});
