import { describe, expect, it } from 'vitest';
import { rollEntry, yueluHousehold } from '../fixtures/people';
import { onLocalPlatform } from './departments';

/**
 * 数字监督 on the local platform: audited reads append without contending on any one item, and
 * audit-seal (its lag at 0, as a test may) seals every one of them into a signed tree head.
 */
const { platform, as } = onLocalPlatform({ auditSealLagSeconds: 0 });

type AuditDay = {
  entries: { action: string; department: string; subjects: string[]; details?: Record<string, string> }[];
  verification: { intact: boolean; checked: number; sealed: number; unsealed: number; heads: { number: number; treeSize: number }[]; problems: unknown[] };
};
const utcDay = () => new Date().toISOString().slice(0, 10);

describe('the audit trail under concurrent reads', () => {
  it('answers 200 concurrent audited chain reads, then seals all 200 and the day verifies intact', async () => {
    expect((await as('civil-affairs').submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
    await platform.idle();

    const firstDay = utcDay();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => as(i % 2 ? 'civil-affairs' : 'supervision').chain(yueluHousehold.householdId)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 200 }, () => 200));
    // Past the millisecond of the last entry: the seal covers entries strictly before its time.
    await new Promise((r) => setTimeout(r, 10));
    await platform.runSchedule('audit-seal');

    // (A run across midnight UTC puts the reads into two days.)
    const days = [...new Set([firstDay, utcDay()])];
    const read = await Promise.all(days.map((d) => as('supervision').call<AuditDay>('GET', `/audit/${d}`)));
    expect(read.map((r) => r.status)).toEqual(days.map(() => 200));
    const reads = read.flatMap((r) => r.body.entries).filter((e) => e.action === 'read-assistance-chain' && e.subjects.includes(yueluHousehold.householdId));
    expect(reads).toHaveLength(200);
    expect(new Set(reads.map((e) => e.details?.requestId)).size).toBe(200);
    expect(reads.filter((e) => e.department === 'supervision')).toHaveLength(100);
    for (const { body } of read) {
      expect(body.verification).toMatchObject({ intact: true, unsealed: 0, problems: [] });
      expect(body.verification.sealed).toBe(body.verification.checked);
      expect(body.verification.heads.reduce((n, h) => n + h.treeSize, 0)).toBe(body.verification.checked);
    }
  });
});
