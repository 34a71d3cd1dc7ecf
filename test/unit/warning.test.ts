import { describe, expect, it } from 'vitest';
import { evidenceKey, statusWithPushes } from '../../shared/domain/warning';

describe('where a warning stands', () => {
  it('reads a raised warning that reached a queue as pushed, without a write to the warning', () => {
    expect(statusWithPushes('raised', [])).toBe('raised');
    expect(statusWithPushes('raised', ['civil-affairs'])).toBe('pushed');
  });

  it('never moves an acknowledged or resolved warning back to pushed', () => {
    expect(statusWithPushes('acknowledged', ['civil-affairs'])).toBe('acknowledged');
    expect(statusWithPushes('resolved', ['civil-affairs', 'health'])).toBe('resolved');
  });

  it('tells evidence apart by record and subject, not by the facts quoted', () => {
    const about = (subject: string, facts: Record<string, unknown>) => ({
      recordId: 'MZ-2025-000317',
      recordType: 'low-income-roll-entry',
      department: 'civil-affairs',
      subject,
      facts,
    });
    const grandmother = `p1_${'g'.repeat(43)}`;
    expect(evidenceKey(about(grandmother, { category: 'DIBAO' }))).toBe(evidenceKey(about(grandmother, { category: 'DIBAO', members: 2 })));
    expect(evidenceKey(about(grandmother, {}))).not.toBe(evidenceKey(about(`p1_${'s'.repeat(43)}`, {})));
  });
});
