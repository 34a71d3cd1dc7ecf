import { describe, expect, it } from 'vitest';
import { endGradualExits, flagOverdueEmergencyCases } from '../../functions/overdue-escalation/deadlines';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { MemoryEmergencyCases, MemoryPublisher, MemoryRegister, MemoryWarnings } from '../fakes';

/** The day after the last paid day of a gradual exit, and the day after the documents deadline. */
function world(now: string) {
  const register = new MemoryRegister();
  register.households.set('430104-2025-000912', {
    householdId: '430104-2025-000912',
    district: '430104',
    category: 'DIBAO',
    recognisedOn: '2025-12-10',
    members: [{ personRef: `p_${'a'.repeat(43)}`, maskedIdentityNumber: '430104********312X', relationship: 'head' }],
    allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 60_000, startDate: '2026-01-01', status: 'active', gradualExitUntil: '2026-09-30' }],
    updatedAt: '2026-03-10T00:00:00.000Z',
  });
  const cases = new MemoryEmergencyCases();
  void cases.open({ caseId: 'JN-430105-2026-00502', personRef: `p_${'b'.repeat(43)}`, district: '430105', householdId: '', amountFen: 60_000, paidOn: '2026-10-01', documentsDueBy: '2026-10-16', status: 'awaiting-documents', flags: [], advanceRecordId: 'rec-1' });
  const events = new MemoryPublisher();
  const ports = { register, cases, warnings: new MemoryWarnings(register), events, policy: new PolicyBook(CITY_PARAMETERS), now: () => new Date(now) };
  return { ports, register, cases, events };
}

describe('deadline sweeps', () => {
  it.each([
    ['on the last paid day', '2026-09-30T23:59:59.000Z', 'active', 0],
    ['the day after', '2026-10-01T00:00:00.000Z', 'ended', 1],
  ])('gradual exit %s: allowance %s', async (_, now, status, published) => {
    const { ports, register, events } = world(now);
    await endGradualExits(ports);
    await endGradualExits(ports); // twice: nothing more
    expect(register.households.get('430104-2025-000912')!.allowances[0]!.status).toBe(status);
    expect(events.published.filter((e) => e.detailType === 'AssistanceEnded.v1')).toHaveLength(published);
    if (published) expect(events.published[0]!.detail).toMatchObject({ exitReason: 'finances-improved', endedOn: '2026-09-30' });
  });

  it.each([
    ['on the due day', '2026-10-16T20:00:00.000Z', 'awaiting-documents', 0],
    ['the day after', '2026-10-17T00:00:00.000Z', 'flagged', 1],
  ])('emergency documents %s: case %s', async (_, now, status, warnings) => {
    const { ports, cases, events } = world(now);
    await flagOverdueEmergencyCases(ports);
    await flagOverdueEmergencyCases(ports);
    expect((await cases.get('JN-430105-2026-00502'))!.status).toBe(status);
    expect(events.published.filter((e) => e.detailType === 'WarningRaised.v1')).toHaveLength(warnings);
  });
});
