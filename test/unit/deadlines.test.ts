import { describe, expect, it } from 'vitest';
import { endGradualExits, flagOverdueEmergencyCases } from '../../functions/overdue-escalation/deadlines';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { MemoryAuditTrail, MemoryEmergencyCases, MemoryPublisher, MemoryRegister, MemoryWarnings } from '../fakes';

/** The day after the last paid day of a gradual exit, and the day after the documents deadline. */
function world(now: string) {
  const register = new MemoryRegister();
  register.held.set('430104-2025-000912', {
    householdId: '430104-2025-000912',
    district: '430104',
    category: 'DIBAO',
    recognisedOn: '2025-12-10',
    members: [{ personRef: `p1_${'a'.repeat(43)}`, maskedIdentityNumber: '430104********312X', relationship: 'head' }],
    allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 60_000, startDate: '2026-01-01', status: 'active', gradualExitUntil: '2026-09-30' }],
    updatedAt: '2026-03-10T00:00:00.000Z',
  });
  const cases = new MemoryEmergencyCases();
  void cases.open([
    {
      caseId: 'JN-430105-2026-00502',
      personRef: `p1_${'b'.repeat(43)}`,
      district: '430105',
      householdId: '',
      amountFen: 60_000,
      paidOn: '2026-10-01',
      documentsDueBy: '2026-10-16',
      status: 'awaiting-documents',
      flags: [],
      advanceRecordId: 'rec-1',
    },
  ]);
  const events = new MemoryPublisher();
  const audit = new MemoryAuditTrail();
  const ports = { register, cases, audit, warnings: new MemoryWarnings(register), events, policy: new PolicyBook(CITY_PARAMETERS), now: () => new Date(now) };
  return { ports, register, cases, events, audit };
}

describe('deadline sweeps', () => {
  it.each([
    // City days (UTC+8): 23:59:59 and 00:00:00 in Changsha.
    ['on the last paid day', '2026-09-30T15:59:59.000Z', 'active', 0],
    ['the day after', '2026-09-30T16:00:00.000Z', 'ended', 1],
  ])('gradual exit %s: allowance %s', async (_, now, status, published) => {
    const { ports, register, events, audit } = world(now);
    await endGradualExits(ports);
    await endGradualExits(ports); // twice: nothing more
    expect(register.held.get('430104-2025-000912')!.allowances[0]!.status).toBe(status);
    expect(events.published.filter((e) => e.detailType === 'AssistanceEnded.v1')).toHaveLength(published);
    if (published) expect(events.published[0]!.detail).toMatchObject({ exitReason: 'finances-improved', endedOn: '2026-09-30' });
    // The platform's own decision is in the audit trail, once.
    expect(audit.entries.filter((e) => e.action === 'gradual-exit-ended')).toHaveLength(published);
  });

  it.each([
    ['on the due day', '2026-10-16T15:59:59.000Z', 'awaiting-documents', 0],
    ['the day after', '2026-10-16T16:00:00.000Z', 'flagged', 1],
  ])('emergency documents %s: case %s', async (_, now, status, warnings) => {
    const { ports, cases, events } = world(now);
    await flagOverdueEmergencyCases(ports, 'run-1');
    await flagOverdueEmergencyCases(ports, 'run-2');
    expect((await cases.get('JN-430105-2026-00502'))!.status).toBe(status);
    expect(events.raisedWarnings).toHaveLength(warnings);
  });
});

describe('gradual exit started and stopped by investigations', () => {
  it('starts when income rises above the standard, and stops when a later investigation qualifies the household again', async () => {
    const { reviewInvestigations } = await import('../../functions/recognition/use-case');
    const { MemoryAssessments } = await import('../fakes');
    const { ports, register } = world('2026-05-20T00:00:00.000Z');
    const recognition = { register, events: ports.events, assessments: new MemoryAssessments(), policy: ports.policy, now: ports.now };
    const investigation = (recordId: string, on: string, monthlyFen: number) =>
      ({
        recordId,
        acceptedAt: `${on}T02:00:00.000Z`,
        record: {
          householdId: '430104-2025-000912',
          district: '430104',
          investigatedOn: on,
          period: { from: '2025-09-01', to: '2026-02-28' },
          members: [{ personRef: `p1_${'a'.repeat(43)}`, age: 50, capacityToWork: 'full', incomes: [{ monthlyFen }] }],
          assets: [],
          necessarySpending: [],
          legalSupporters: [],
        },
      }) as never;
    const allowance = () => register.held.get('430104-2025-000912')!.allowances[0]!;
    delete allowance().gradualExitUntil;
    await reviewInvestigations([investigation('rec-march', '2026-03-10', 100_000)], recognition);
    expect(allowance().gradualExitUntil).toBe('2026-09-30');
    await reviewInvestigations([investigation('rec-may', '2026-05-12', 80_000)], recognition);
    expect(allowance()).toMatchObject({ status: 'active' });
    expect(allowance().gradualExitUntil).toBeUndefined();
    expect((await register.chain('430104-2025-000912')).map((e) => e.summary)).toContainEqual(expect.stringContaining('gradual exit stopped'));
    // An older investigation arriving late cannot start it again.
    await reviewInvestigations([investigation('rec-march', '2026-03-10', 100_000)], recognition);
    expect(allowance().gradualExitUntil).toBeUndefined();
  });
});

describe('emergency case numbers', () => {
  it('applies a resent advance once, and refuses a case number reused for another person', async () => {
    const { recordEmergencyAssistance, EmergencyCaseNumberReused } = await import('../../shared/application/emergency-assistance');
    const { ports, cases } = world('2026-11-28T00:00:00.000Z');
    const advance = (recordId: string, personRef: string, stage = 'advance-paid') =>
      ({
        recordId,
        department: 'civil-affairs',
        acceptedAt: '2026-11-28T01:00:00.000Z',
        record: {
          caseId: 'JN-430105-2026-00777',
          stage,
          personRef,
          district: '430105',
          emergency: 'fire',
          amountFen: 50_000,
          on: '2026-11-27',
          handledBy: 'KF-JN-017',
        },
      }) as never;
    const mine = `p1_${'m'.repeat(43)}`;
    await recordEmergencyAssistance([advance('rec-1', mine)], 'g1', ports);
    await recordEmergencyAssistance([advance('rec-2', mine)], 'g2', ports); // the same advance in another batch
    expect(await cases.get('JN-430105-2026-00777')).toMatchObject({ personRef: mine, advanceRecordId: 'rec-1', status: 'awaiting-documents' });
    await expect(recordEmergencyAssistance([advance('rec-3', `p1_${'o'.repeat(43)}`)], 'g3', ports)).rejects.toBeInstanceOf(EmergencyCaseNumberReused);
    await expect(recordEmergencyAssistance([advance('rec-4', `p1_${'o'.repeat(43)}`, 'documents-confirmed')], 'g4', ports)).rejects.toBeInstanceOf(
      EmergencyCaseNumberReused,
    );
    expect((await cases.get('JN-430105-2026-00777'))?.status).toBe('awaiting-documents');
  });
});

describe('the city calendar', () => {
  it('takes policy rows by the day in Changsha: 20:00 UTC on 31 December is already the new year', async () => {
    const { cityDay } = await import('../../shared/domain/city-time');
    expect(cityDay('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
    expect(cityDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    const policy = new PolicyBook(CITY_PARAMETERS);
    expect(policy.numberOn('premium.individualAnnualFen', cityDay('2026-12-31T20:00:00.000Z'))).toBe(40_000);
    expect(policy.find('dibao.standardMonthlyFen', cityDay('2026-12-31T20:00:00.000Z'))?.effectiveFrom).toBe('2027-01-01');
  });
});
