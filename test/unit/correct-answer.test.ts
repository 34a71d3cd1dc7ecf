import { describe, expect, it } from 'vitest';
import { correctAnswer } from '../../functions/feedback-intake/correction';
import type { AllowanceRewrite, RecordedCorrection } from '../../shared/domain/correction';
import { DomainError } from '../../shared/domain/errors';
import type { Household } from '../../shared/domain/household';
import type { StoredWarning } from '../../shared/domain/warning';
import type { CorrectionStore, CorrectionWrite } from '../../shared/ports/correction-store';
import type { CountedEvent, StatisticsStore } from '../../shared/ports/statistics';
import { MemoryDisclosure, MemoryPublisher } from '../fakes';
import { yueluHousehold } from '../fixtures/people';

/** The correction use case over memory ports: what it writes, once, and how it replays. */
const WARNING = 'IND-01-0f3a9c2e7b514d08';
const household = (): Household => ({
  householdId: yueluHousehold.householdId,
  district: '430104',
  category: 'DIBAO',
  recognisedOn: '2025-12-15',
  members: [{ personRef: 'p-7d1e', maskedIdentityNumber: '430104********0027', relationship: 'head' }],
  allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01', status: 'ended', endedOn: '2026-11-30' }],
  updatedAt: '2026-11-22T01:30:00.000Z',
});
const warning: StoredWarning = {
  warningId: WARNING,
  householdId: yueluHousehold.householdId,
  district: '430104',
  subjects: ['p-7d1e'],
  action: 'end or adjust the allowance',
  explanation: 'a recipient died',
  evidence: [],
  indicator: { id: 'IND-01', version: 1, title: 'recipient died', parameters: {} },
  recipients: ['civil-affairs'],
  status: 'resolved',
  raisedAt: '2026-11-21T02:00:00.000Z',
  dueBy: '2026-12-01T02:00:00.000Z',
  pushedTo: ['civil-affairs'],
  acknowledgedBy: [],
  outcomesPublished: ['civil-affairs'],
  outcomes: {
    'civil-affairs': {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      exitReason: 'died',
      reason: 'household head died',
      handledBy: 'YL-MZ-0413',
      department: 'civil-affairs',
      resolvedAt: '2026-11-22T01:30:00.000Z',
      outcomeHash: 'h',
    },
  },
} as StoredWarning;

/** Corrections kept in order; a write lands only where nothing stands and the allowance is as found. */
class MemoryCorrections implements CorrectionStore {
  readonly kept: RecordedCorrection[] = [];
  writes = 0;
  constructor(private readonly held: Household) {}
  async corrections(warningId: string) {
    return this.kept.filter((c) => c.warningId === warningId).map((c) => structuredClone(c));
  }
  async correct({ correction, allowances }: CorrectionWrite) {
    this.writes += 1;
    const taken = this.kept.some((c) => c.department === correction.department && c.sequence === correction.sequence);
    const asFound = allowances.every((r: AllowanceRewrite) => {
      const a = this.held.allowances.find((x) => x.programme === r.programme);
      return a?.status === r.from.status && a.monthlyAmountFen === r.from.monthlyAmountFen;
    });
    if (taken || !asFound) return 'conflict' as const;
    this.kept.push(structuredClone(correction));
    for (const r of allowances) {
      const { adjustedFrom: _f, ...to } = r.to;
      this.held.allowances = this.held.allowances.map((a) => (a.programme === r.programme ? to : a));
    }
    return 'corrected' as const;
  }
  async markPublished(c: RecordedCorrection, at: string) {
    const kept = this.kept.find((k) => k.correctionId === c.correctionId);
    if (kept) kept.publishedAt = at;
  }
}
class MemoryStatistics implements StatisticsStore {
  readonly counted = new Map<string, CountedEvent>();
  async count(events: readonly CountedEvent[]) {
    const now = events.filter((e) => !this.counted.has(e.eventKey));
    for (const e of now) this.counted.set(e.eventKey, e);
    return now.map((e) => e.eventKey);
  }
  async month() {
    return [];
  }
}

const setup = (answered: StoredWarning = warning) => {
  const held = household();
  const corrections = new MemoryCorrections(held);
  const statistics = new MemoryStatistics();
  const events = new MemoryPublisher();
  const disclosure = new MemoryDisclosure();
  const ports = {
    warnings: { get: async (id: string) => (id === WARNING ? structuredClone(answered) : undefined) },
    corrections,
    register: { household: async (id: string) => (id === held.householdId ? structuredClone(held) : undefined) },
    statistics,
    disclosure,
    events,
    now: () => new Date('2026-11-25T02:10:00.000Z'),
  };
  return { held, corrections, statistics, events, disclosure, ports };
};
const body = {
  outcome: { outcome: 'no-action-needed' as const, reason: '受助人健在，死亡记录属另一人', handledBy: 'YL-MZ-0413' },
  cause: 'inaccurate-shared-data' as const,
  reason: '卫健部门核实死亡记录身份信息匹配有误',
  correctedBy: 'YL-MZ-0413',
};

describe('correcting an answer', () => {
  it('restores the allowance, names what it corrects and counts it once by cause', async () => {
    const { held, statistics, ports } = setup();
    const receipt = await correctAnswer({ department: 'civil-affairs', warningId: WARNING, correction: body }, ports);
    expect(receipt).toMatchObject({
      correctionId: `${WARNING}:correction:civil-affairs:1`,
      corrects: { entryId: `${WARNING}:outcome:civil-affairs`, outcome: 'assistance-ended' },
      allowances: [{ programme: 'dibao-allowance', status: 'active', monthlyAmountFen: 150_000 }],
      replayed: false,
    });
    expect(held.allowances[0]).toEqual({ programme: 'dibao-allowance', monthlyAmountFen: 150_000, startDate: '2026-01-01', status: 'active' });
    expect([...statistics.counted.values()]).toEqual([
      {
        eventKey: `corrected:${WARNING}:correction:civil-affairs:1`,
        month: '2026-11',
        increments: [
          { dimension: 'ALL', add: { corrections: 1, 'corrections#inaccurate-shared-data': 1 } },
          { dimension: 'IND#IND-01', add: { corrections: 1, 'corrections#inaccurate-shared-data': 1 } },
          { dimension: 'DEPT#civil-affairs', add: { corrections: 1, 'corrections#inaccurate-shared-data': 1 } },
        ],
      },
    ]);
  });

  it('replays the same correction without writing it again, and takes a different one as the next', async () => {
    const { corrections, statistics, events, ports } = setup();
    await correctAnswer({ department: 'civil-affairs', warningId: WARNING, correction: body }, ports);
    const again = await correctAnswer({ department: 'civil-affairs', warningId: WARNING, correction: body }, ports);
    expect(again).toMatchObject({ sequence: 1, replayed: true });
    expect(corrections.writes).toBe(1);
    expect(statistics.counted.size).toBe(1);
    // CorrectionRecorded.v1 once, with the allowance it restored and no free text.
    expect(events.published.map((e) => e.detailType)).toEqual(['CorrectionRecorded.v1']);
    expect(events.published[0]!.detail).toMatchObject({
      corrects: { kind: 'answer', warningId: WARNING, entryId: `${WARNING}:outcome:civil-affairs` },
      cause: 'inaccurate-shared-data',
      corrected: 'no-action-needed',
      changes: [{ kind: 'assistance-restored', programme: 'dibao-allowance' }],
    });
    expect(JSON.stringify(events.published[0]!.detail)).not.toContain(body.reason);

    const endedLater = {
      outcome: 'assistance-ended' as const,
      programme: 'dibao-allowance' as const,
      endedOn: '2026-12-31',
      exitReason: 'died' as const,
      reason: '核实后确认死亡日期为 12 月',
      handledBy: 'YL-MZ-0413',
    };
    const second = await correctAnswer(
      { department: 'civil-affairs', warningId: WARNING, correction: { ...body, cause: 'emergency', outcome: endedLater } },
      ports,
    );
    expect(second).toMatchObject({ sequence: 2, corrects: { entryId: `${WARNING}:correction:civil-affairs:1`, outcome: 'no-action-needed' } });
    expect(second.allowances).toEqual([{ programme: 'dibao-allowance', status: 'ended', monthlyAmountFen: 150_000, endedOn: '2026-12-31' }]);
  });

  it('refuses a department the warning never reached, and answers a lost race with CorrectionChanged', async () => {
    const { held, ports } = setup();
    await expect(correctAnswer({ department: 'education', warningId: WARNING, correction: body }, ports)).rejects.toMatchObject({
      code: 'WarningNotRoutedToYou',
    });
    // Someone restored the allowance between the read and the write.
    const racing = { ...ports, register: { household: async () => structuredClone(household()) } };
    held.allowances = [{ ...held.allowances[0]!, status: 'active', endedOn: undefined }];
    const refused = await correctAnswer({ department: 'civil-affairs', warningId: WARNING, correction: body }, racing).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: 'Conflict', code: 'CorrectionChanged' });
  });

  it('withdraws a corrected grant from the month’s disclosure list and counts it out of its month, once', async () => {
    const grant = {
      outcome: 'enrolled' as const,
      programme: 'medical-assistance',
      amountFen: 320_000,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      reason: '住院自付费用救助',
      handledBy: 'YB-YL-0107',
      department: 'medical-insurance',
      resolvedAt: '2026-10-31T17:30:00.000Z', // 2026-11-01 in the city: counted in November
      outcomeHash: 'g',
    };
    const enrolledWarning = {
      ...warning,
      recipients: ['medical-insurance'],
      pushedTo: ['medical-insurance'],
      outcomes: { 'medical-insurance': grant },
    } as StoredWarning;
    const { statistics, disclosure, events, ports } = setup(enrolledWarning);
    const line = { district: '430104' as const, kind: 'grant' as const, sourceId: `${WARNING}:medical-insurance`, month: '2026-10' };
    await disclosure.put([
      {
        ...line,
        maskedHeadIdentityNumber: '430104********0027',
        members: 1,
        category: 'DIBAO',
        programme: 'medical-assistance',
        department: 'medical-insurance',
        amountFen: 320_000,
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
      },
    ]);
    const notEligible = {
      ...body,
      cause: 'misreported-income' as const,
      outcome: { outcome: 'not-eligible' as const, reason: '核实家庭收入超过救助标准', handledBy: 'YB-YL-0107' },
      correctedBy: 'YB-YL-0107',
    };
    const receipt = await correctAnswer({ department: 'medical-insurance', warningId: WARNING, correction: notEligible }, ports);
    expect(receipt).toMatchObject({ outcome: 'not-eligible', undid: 'grant-withdrawn', corrects: { outcome: 'enrolled' } });
    expect(await disclosure.month('2026-10')).toEqual([]);
    expect(disclosure.withdrawn.get(`2026-10#430104#grant#${WARNING}:medical-insurance`)).toBe(receipt.correctionId);
    expect(statistics.counted.get(`ungranted:${receipt.correctionId}`)).toEqual({
      eventKey: `ungranted:${receipt.correctionId}`,
      month: '2026-11',
      increments: [
        { dimension: 'ALL', add: { granted: -1, grantedFen: -320_000 } },
        { dimension: 'PROG#medical-assistance#DIST#430104', add: { granted: -1, grantedFen: -320_000 } },
      ],
    });
    const again = await correctAnswer({ department: 'medical-insurance', warningId: WARNING, correction: notEligible }, ports);
    expect(again).toMatchObject({ replayed: true, correctionId: receipt.correctionId });
    expect([...statistics.counted.keys()].filter((k) => k.startsWith('ungranted:'))).toHaveLength(1);
    expect(events.published.filter((e) => e.detailType === 'CorrectionRecorded.v1')).toHaveLength(1);
  });
});
