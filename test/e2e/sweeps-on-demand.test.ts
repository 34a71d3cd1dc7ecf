import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { raiseDeathWarningDueAtOnce } from './drills';
import { yueluHousehold } from '../fixtures/people';

/**
 * Civil affairs runs the hourly sweep now, signed, on the local platform (no schedule runs in the
 * test): a death raises IND-01 with no grace days in Yuelu (a policy change first, as the console's
 * test does), so it is late at once; the sweep escalates it to supervision (IND-15), whose queue gets
 * it; a second run finds nothing more; education may not run it; the audit trail keeps both runs.
 */
const onPlatform = onLocalPlatform();
const { platform, as } = onPlatform;

interface SweepRun {
  runId: string;
  trigger: string;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  sweeps: {
    'overdue-warnings'?: { overdue: number; escalated: number; escalations: { warningId: string; escalationId: string }[] };
    'gradual-exits'?: { ended: number; exits: { householdId: string }[] };
    'emergency-documents'?: { flagged: number; caseIds: string[] };
  };
}
const IDENTITY_SHAPE = /\d{17}[\dX]/;

describe('the deadline sweeps, run now by civil affairs over the API', () => {
  const started = new Date();
  let deathWarning = '';
  let escalation = '';

  it('makes a death warning late at once: IND-01 gets no grace days in Yuelu, then a recipient on the roll dies', async () => {
    await raiseDeathWarningDueAtOnce(onPlatform);
    const civil = as('civil-affairs');
    const open = await civil.call<{ items: { warningId: string; householdId: string; indicator: { id: string }; overdue: boolean }[] }>(
      'GET',
      '/departments/civil-affairs/warnings?status=overdue&district=430104',
    );
    const late = open.body.items.filter((i) => i.householdId === yueluHousehold.householdId && i.indicator.id === 'IND-01');
    expect(late).toHaveLength(1);
    deathWarning = late[0]!.warningId;
  });

  it('refuses an asOf later than now and an unknown sweep, running nothing', async () => {
    const civil = as('civil-affairs');
    const future = await civil.call('POST', '/operations/sweeps', { asOf: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future).toMatchObject({ status: 400, body: { error: 'InvalidSweepRequest', problems: [{ field: 'asOf' }] } });
    const unknown = await civil.call('POST', '/operations/sweeps', { sweeps: ['overdue-warnings', 'payments'] });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'InvalidSweepRequest' } });
    const overdue = await as('supervision').call<{ items: { warningId: string }[] }>('GET', '/supervision/warnings/overdue?district=430104');
    expect(overdue.body.items.map((i) => i.warningId)).toContain(deathWarning);
  });

  it('escalates the late warning to supervision (IND-15) and lists it in the answer; supervision’s queue gets it', async () => {
    const run = await as('civil-affairs').call<SweepRun>('POST', '/operations/sweeps', {});
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ trigger: 'on-demand', runId: expect.stringMatching(/^overdue-escalation:on-demand:/) });
    expect(Date.parse(run.body.asOf)).toBeGreaterThanOrEqual(started.getTime());
    expect(run.body.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(run.body.finishedAt) - Date.parse(run.body.startedAt)).toBeLessThanOrEqual(run.body.durationMs + 1_000);
    const escalations = run.body.sweeps['overdue-warnings']!.escalations;
    expect(escalations.map((e) => e.warningId)).toEqual([deathWarning]);
    expect(run.body.sweeps['overdue-warnings']!.escalated).toBe(1);
    expect(Object.keys(run.body.sweeps).sort()).toEqual([
      'emergency-documents',
      'gradual-exits',
      'officer-concentration',
      'overdue-warnings',
      'service-deliveries',
    ]);
    escalation = escalations[0]!.escalationId;
    const text = JSON.stringify(run.body);
    expect(text).not.toMatch(IDENTITY_SHAPE);
    expect(text).not.toContain(yueluHousehold.grandmother.name);

    await platform.idle();
    const item = await as('supervision').nextWorkItem((i) => i.warning.warningId === escalation, 20_000);
    expect(item?.warning).toMatchObject({ indicator: { id: 'IND-15' }, householdId: yueluHousehold.householdId, district: '430104' });
    expect(JSON.stringify(item)).toContain(deathWarning);
  });

  it('finds nothing more to do when run again, whichever sweeps are named', async () => {
    const civil = as('civil-affairs');
    const again = await civil.call<SweepRun>('POST', '/operations/sweeps', {});
    expect(again.status).toBe(200);
    expect(again.body.sweeps['overdue-warnings']).toMatchObject({ escalated: 0, escalations: [] });
    // Still open and late (nobody answered it), so still counted, but escalated once only.
    expect(again.body.sweeps['overdue-warnings']!.overdue).toBeGreaterThanOrEqual(1);
    const only = await civil.call<SweepRun>('POST', '/operations/sweeps', { sweeps: ['overdue-warnings'] });
    expect(only.status).toBe(200);
    expect(Object.keys(only.body.sweeps)).toEqual(['overdue-warnings']);
    expect(only.body.sweeps['overdue-warnings']!.escalations).toEqual([]);
  });

  it('lets only civil affairs run it: education and supervision get 403', async () => {
    expect((await as('education').call('POST', '/operations/sweeps', {})).status).toBe(403);
    expect((await as('supervision').call('POST', '/operations/sweeps', { sweeps: ['gradual-exits'] })).status).toBe(403);
  });

  it('keeps each run in the audit trail as civil affairs’ decision, with its purpose and the warning it escalated', async () => {
    const days = [...new Set([started.toISOString().slice(0, 10), new Date().toISOString().slice(0, 10)])];
    const entries: { action: string; kind: string; department: string; purpose: string; subjects: string[] }[] = [];
    for (const day of days) {
      const trail = await as('supervision').call<{ entries: typeof entries }>('GET', `/audit/${day}`);
      expect(trail.status).toBe(200);
      entries.push(...trail.body.entries);
    }
    const runs = entries.filter((e) => e.action === 'run-sweep');
    expect(runs).toHaveLength(3);
    for (const r of runs) expect(r).toMatchObject({ kind: 'decision', department: 'civil-affairs', purpose: 'run the deadline sweeps now (立即运行到期清理)' });
    expect(runs.filter((r) => r.subjects.includes(deathWarning))).toHaveLength(1);
    expect(runs.some((r) => r.department !== 'civil-affairs')).toBe(false);
  });
});
