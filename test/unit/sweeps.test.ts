import { describe, expect, it } from 'vitest';
import { runSweeps } from '../../functions/overdue-escalation/use-case';
import { putOnRoll } from '../../functions/register-update/use-case';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import { DomainError } from '../../shared/domain/errors';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { personRefsIn, pseudonymize } from '../../shared/privacy/person-ref';
import { sweepRun } from '../../shared/platform/answers/operations';
import { evaluateOne } from '../fixtures/groups';
import { rollEntry, yueluHousehold } from '../fixtures/people';
import {
  MemoryAuditTrail,
  MemoryEmergencyCases,
  MemoryFacts,
  MemoryPaymentFiles,
  MemoryPublisher,
  MemoryRegister,
  MemorySubmissionStore,
  MemoryWarnings,
} from '../fakes';

/**
 * The sweep's report, as the hourly run and civil affairs' run on demand both get it: a Yuelu
 * grandmother registered unemployed (IND-04 to human resources, due in 15 days), a Kaifu household
 * whose gradual exit ended on 2026-09-30, and a Yuhua emergency advance whose documents were due
 * on 2026-10-16. On 2026-12-06 all three are past due.
 */
const key = singleKeyRing(Buffer.alloc(32, 8));
const person = yueluHousehold.grandmother;
const EXITING = '430105-2025-000912';
const CASE = 'JN-430111-2026-00502';
const IND04_DUE = '2026-12-06T02:00:00.000Z';

function accepted(record: Record<string, unknown>, n: number, at: string): AcceptedRecord {
  const pseudonymous = pseudonymize(record, key) as Record<string, unknown>;
  return {
    submissionId: `S${n}`,
    recordId: `S${n}:0`,
    departmentRecordId: String(record.recordId),
    department: record.type === 'unemployment-registration' ? 'hr-social-security' : 'civil-affairs',
    recordType: record.type as AcceptedRecord['recordType'],
    subjects: personRefsIn(pseudonymous),
    record: pseudonymous,
    acceptedAt: at,
  };
}

async function world() {
  let clock = new Date('2026-11-21T02:00:00.000Z');
  const register = new MemoryRegister();
  const warnings = new MemoryWarnings(register);
  const events = new MemoryPublisher();
  const audit = new MemoryAuditTrail();
  const cases = new MemoryEmergencyCases();
  const ports = {
    register,
    warnings,
    events,
    audit,
    cases,
    facts: new MemoryFacts(),
    policy: new PolicyBook(CITY_PARAMETERS),
    progress: new MemorySubmissionStore(),
    payments: new MemoryPaymentFiles(),
    now: () => clock,
  };
  await putOnRoll([accepted(rollEntry(), 0, clock.toISOString())], register);
  register.held.set(EXITING, {
    householdId: EXITING,
    district: '430105',
    category: 'DIBAO',
    recognisedOn: '2025-12-10',
    members: [{ personRef: `p1_${'a'.repeat(43)}`, maskedIdentityNumber: '430105********312X', relationship: 'head' }],
    allowances: [{ programme: 'dibao-allowance', monthlyAmountFen: 60_000, startDate: '2026-01-01', status: 'active', gradualExitUntil: '2026-09-30' }],
    updatedAt: '2026-03-10T00:00:00.000Z',
  });
  await cases.open([
    {
      caseId: CASE,
      personRef: `p1_${'b'.repeat(43)}`,
      district: '430111',
      householdId: '',
      amountFen: 60_000,
      paidOn: '2026-10-01',
      documentsDueBy: '2026-10-16',
      status: 'awaiting-documents',
      flags: [],
      advanceRecordId: 'rec-1',
    },
  ]);
  const unemployed = { type: 'unemployment-registration', recordId: 'HR-1', ...person, registeredOn: '2026-11-01', district: '430104' };
  await evaluateOne(accepted(unemployed, 1, clock.toISOString()), ports);
  const ind04 = [...warnings.warnings.values()].find((w) => w.indicator.id === 'IND-04')!;
  return {
    ports,
    register,
    events,
    audit,
    cases,
    ind04,
    at: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

describe('the sweep’s report', () => {
  it('names what each sweep did by id, with the run, its as-of time and duration; a second run finds nothing more', async () => {
    const w = await world();
    expect(w.ind04.dueBy).toBe(IND04_DUE);
    w.at('2026-12-06T02:00:01.000Z');
    const { report, subjects } = await runSweeps({ runId: 'overdue-escalation:on-demand:r1', trigger: 'on-demand' }, w.ports);

    const ind15 = w.events.raisedWarnings.filter((x) => x.indicator.id === 'IND-15');
    expect(ind15).toHaveLength(1);
    expect(report).toEqual({
      runId: 'overdue-escalation:on-demand:r1',
      trigger: 'on-demand',
      asOf: '2026-12-06T02:00:01.000Z',
      startedAt: '2026-12-06T02:00:01.000Z',
      finishedAt: '2026-12-06T02:00:01.000Z',
      durationMs: expect.any(Number),
      sweeps: {
        'overdue-warnings': { overdue: 1, escalated: 1, escalations: [{ warningId: w.ind04.warningId, escalationId: ind15[0]!.warningId }] },
        'gradual-exits': { ended: 1, exits: [{ householdId: EXITING, programme: 'dibao-allowance', lastPaidDay: '2026-09-30' }] },
        'emergency-documents': { flagged: 1, caseIds: [CASE] },
      },
    });
    // As documented (the handler sends it through this schema), and never a name or an identity number.
    expect(sweepRun.safeParse(report).success).toBe(true);
    const text = JSON.stringify(report);
    expect(text).not.toContain(person.identityNumber);
    expect(text).not.toContain(person.name);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(subjects.sort()).toEqual([CASE, EXITING, w.ind04.warningId].sort());
    // What the steps did is done: the allowance ended, the case flagged.
    expect(w.register.held.get(EXITING)!.allowances[0]!.status).toBe('ended');
    expect((await w.cases.get(CASE))!.status).toBe('flagged');

    w.at('2026-12-06T03:00:00.000Z');
    const again = await runSweeps({ runId: 'overdue-escalation:on-demand:r2', trigger: 'on-demand' }, w.ports);
    expect(again.report.sweeps).toEqual({
      // Still open and late, but escalated once already.
      'overdue-warnings': { overdue: 1, escalated: 0, escalations: [] },
      'gradual-exits': { ended: 0, exits: [] },
      'emergency-documents': { flagged: 0, caseIds: [] },
    });
    expect(again.subjects).toEqual([]);
    expect(w.events.raisedWarnings.filter((x) => x.indicator.id === 'IND-15')).toHaveLength(1);
    expect(w.audit.entries.filter((e) => e.action === 'gradual-exit-ended')).toHaveLength(1);
  });

  it('runs only the sweeps asked for; the others are absent from the report and left undone', async () => {
    const w = await world();
    w.at('2026-12-06T02:00:01.000Z');
    const { report } = await runSweeps({ runId: 'r', trigger: 'on-demand', sweeps: ['gradual-exits'] }, w.ports);
    expect(Object.keys(report.sweeps)).toEqual(['gradual-exits']);
    expect(report.sweeps['gradual-exits']!.ended).toBe(1);
    expect(w.events.raisedWarnings.filter((x) => x.indicator.id === 'IND-15')).toHaveLength(0);
    expect((await w.cases.get(CASE))!.status).toBe('awaiting-documents');
  });

  it('measures deadlines as of an earlier moment, stamps what it raises with the clock, and refuses a moment after now', async () => {
    const w = await world();
    w.at('2026-12-07T08:00:00.000Z');
    // One second before IND-04's deadline: nothing of it is late yet.
    const before = await runSweeps({ runId: 'r1', trigger: 'on-demand', sweeps: ['overdue-warnings'], asOf: '2026-12-06T01:59:59.000Z' }, w.ports);
    expect(before.report.asOf).toBe('2026-12-06T01:59:59.000Z');
    expect(before.report.sweeps['overdue-warnings']).toEqual({ overdue: 0, escalated: 0, escalations: [] });
    const after = await runSweeps({ runId: 'r2', trigger: 'on-demand', sweeps: ['overdue-warnings'], asOf: '2026-12-06T02:00:01.000Z' }, w.ports);
    expect(after.report.sweeps['overdue-warnings']!.escalated).toBe(1);
    expect(w.events.raisedWarnings.find((x) => x.indicator.id === 'IND-15')!.raisedAt).toBe('2026-12-07T08:00:00.000Z');

    const refused = await runSweeps({ runId: 'r3', trigger: 'on-demand', asOf: '2026-12-07T08:00:00.001Z' }, w.ports).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: 'InvalidInput', code: 'InvalidSweepRequest', problems: [{ field: 'asOf' }] });
  });

  it('reports an hourly run before IND-04 is due: the warning sweep ran and found nothing, the others did their work', async () => {
    const w = await world();
    w.at('2026-11-21T03:00:00.000Z');
    const { report } = await runSweeps({ runId: 'overdue-escalation:0f1e', trigger: 'schedule' }, w.ports);
    expect(report.trigger).toBe('schedule');
    expect(report.sweeps['overdue-warnings']).toEqual({ overdue: 0, escalated: 0, escalations: [] });
    // The Kaifu exit and the Yuhua documents were already due on 2026-11-21.
    expect(report.sweeps['gradual-exits']!.ended).toBe(1);
    expect(report.sweeps['emergency-documents']!.flagged).toBe(1);
  });
});
