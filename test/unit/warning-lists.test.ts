import { describe, expect, it } from 'vitest';
import { listDepartmentWarnings, listOverdueWarnings } from '../../functions/household-query/use-case';
import type { StoredWarning } from '../../shared/domain/warning';
import { ForeignPageToken, type InboxEntry, type WarningLists } from '../../shared/ports/warning-lists';

const NOW = new Date('2026-12-02T00:00:00.000Z');
const entry = (warningId: string, dueBy: string): InboxEntry => ({
  warningId,
  householdId: '430104-2025-000317',
  recipient: 'civil-affairs',
  district: '430104',
  indicatorId: 'IND-01',
  indicatorTitle: 'recipient died: end or adjust assistance',
  raisedAt: '2026-11-21T02:00:01.000Z',
  dueBy,
  state: 'open',
});

/** Records what the use case asked for and answers one page. */
function fakeLists(items: InboxEntry[]) {
  const asked: Parameters<WarningLists['inbox']>[0][] = [];
  const lists: WarningLists = {
    async inbox(q) {
      if (q.after === 'forged') throw new ForeignPageToken();
      asked.push(q);
      return { items, next: 'tok' };
    },
    async overdue() {
      return { items: [] as StoredWarning[] };
    },
  };
  return { lists, asked };
}

describe('the console’s warning lists (household-query)', () => {
  it('asks for the department’s open items past due for status=overdue, and flags them overdue', async () => {
    const { lists, asked } = fakeLists([
      entry('WB364E1E3C6F29FB9D0C05E61', '2026-12-01T02:00:01.000Z'),
      entry('W8F4F066BEAE04A3703A6D7A6', '2026-12-09T00:00:00.000Z'),
    ]);
    const page = await listDepartmentWarnings('civil-affairs', { status: 'overdue', limit: '10', district: '430104' }, { lists, now: () => NOW });
    expect(asked[0]).toMatchObject({ recipient: 'civil-affairs', state: 'open', dueBefore: NOW.toISOString(), district: '430104', limit: 10 });
    expect(page.items.map((i) => i.overdue)).toEqual([true, false]);
    expect(page.next).toBe('tok');
  });

  it('refuses an unknown parameter, a limit out of range and a foreign token', async () => {
    const { lists } = fakeLists([]);
    const ports = { lists, now: () => NOW };
    await expect(listDepartmentWarnings('education', { sort: 'asc' }, ports)).rejects.toMatchObject({ code: 'InvalidQuery' });
    await expect(listDepartmentWarnings('education', { limit: '101' }, ports)).rejects.toMatchObject({ code: 'InvalidQuery' });
    await expect(listDepartmentWarnings('education', { next: 'forged' }, ports)).rejects.toMatchObject({ code: 'InvalidPageToken' });
    await expect(listOverdueWarnings({ district: '999999' }, ports)).rejects.toMatchObject({ code: 'InvalidQuery' });
  });

  it('maps the overdue list: hours late, who answered, who took it in hand among the recipients, one district or all', async () => {
    const late: StoredWarning = {
      warningId: 'W8F4F066BEAE04A3703A6D7A6',
      householdId: '430105-2025-000118',
      district: '430105',
      subjects: [`p1_${'k'.repeat(43)}`],
      action: 'check the student’s education assistance',
      explanation: 'enrolled without education assistance',
      evidence: [],
      indicator: { id: 'IND-06', version: 1, title: 'student without education assistance', parameters: { 'warning.deadlineDays.IND-06': 15 } },
      recipients: ['civil-affairs', 'education'],
      status: 'acknowledged',
      raisedAt: '2026-11-10T02:00:00.000Z',
      dueBy: '2026-11-25T02:00:00.000Z',
      pushedTo: ['civil-affairs', 'education'],
      acknowledgedBy: ['education', 'county-coordination'],
      outcomes: {
        'civil-affairs': {
          outcome: 'no-action-needed',
          reason: '已核实 / checked',
          handledBy: 'MZ-KF-0021',
          department: 'civil-affairs',
          resolvedAt: '2026-11-20T00:00:00.000Z',
          outcomeHash: 'h',
        },
      },
      outcomesPublished: [],
    };
    const asked: Parameters<WarningLists['overdue']>[0][] = [];
    const lists: WarningLists = {
      async inbox() {
        return { items: [] };
      },
      async overdue(q) {
        asked.push(q);
        return { items: [late], next: 'more' };
      },
    };
    const page = await listOverdueWarnings({ department: 'education', limit: '5' }, { lists, now: () => NOW });
    expect(asked[0]).toMatchObject({ now: NOW.toISOString(), recipient: 'education', limit: 5 });
    expect(asked[0]!.districts).toHaveLength(9);
    expect(page).toEqual({
      asOf: NOW.toISOString(),
      items: [
        {
          warningId: late.warningId,
          householdId: late.householdId,
          district: '430105',
          indicator: { id: 'IND-06', title: 'student without education assistance', titleZh: '在校学生未获教育救助' },
          recipients: ['civil-affairs', 'education'],
          answeredBy: ['civil-affairs'],
          acknowledgedBy: ['education'],
          status: 'acknowledged',
          raisedAt: late.raisedAt,
          dueBy: late.dueBy,
          hoursOverdue: 166, // 2026-11-25T02:00 to 2026-12-02T00:00
        },
      ],
      next: 'more',
    });
    await listOverdueWarnings({ district: '430105' }, { lists, now: () => NOW });
    expect(asked[1]).toMatchObject({ districts: ['430105'], limit: 25 });
    await expect(listOverdueWarnings({ limit: '0' }, { lists, now: () => NOW })).rejects.toMatchObject({ code: 'InvalidQuery' });
    await expect(listOverdueWarnings({ status: 'open' }, { lists, now: () => NOW })).rejects.toMatchObject({ code: 'InvalidQuery' });
  });
});
