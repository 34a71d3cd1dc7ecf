import { describe, expect, it } from 'vitest';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import { putOnRoll } from '../../functions/register-update/use-case';
import { evaluateRecords } from '../../functions/warning-evaluation/use-case';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { singleKeyRing } from '../../shared/privacy/key-ring';
import { personRefsIn, pseudonymize } from '../../shared/privacy/person-ref';
import { MemoryFacts, MemoryPaymentFiles, MemoryPublisher, MemoryRegister, MemorySubmissionStore, MemoryWarnings } from '../fakes';
import { rollEntry, yueluHousehold } from '../fixtures/people';

/**
 * The whole-file checks (IND-22 to IND-24) in warning evaluation, over the memory ports: a file is
 * checked once its close and every line it counts are held, in whatever order they come.
 */
const key = singleKeyRing(Buffer.alloc(32, 8));
const clock = new Date('2026-11-21T02:00:00.000Z');
const { householdId, grandmother, grandson } = yueluHousehold; // dibao, 1,500 yuan a month

function accepted(record: Record<string, unknown>, submission: string, index: number): AcceptedRecord {
  const pseudonymous = pseudonymize(record, key) as Record<string, unknown>;
  return {
    submissionId: submission,
    recordId: `${submission}:${index}`,
    departmentRecordId: String(record.recordId),
    department: 'civil-affairs',
    recordType: record.type as AcceptedRecord['recordType'],
    subjects: personRefsIn(pseudonymous),
    record: pseudonymous,
    acceptedAt: clock.toISOString(),
  };
}

const line = (payee: { identityNumber: string; name: string }, n: number, amountFen: number) => ({
  type: 'allowance-payment',
  recordId: `MZ-FF-2026-11-${String(n).padStart(6, '0')}`,
  ...payee,
  programme: 'dibao-allowance',
  month: '2026-11',
  householdId,
  district: '430104',
  amountFen,
  paidOn: '2026-11-10',
  bankReference: 'CCB****3321',
});
const close = (lineCount: number, totalFen: number) => ({
  type: 'allowance-payment-file',
  recordId: 'MZ-FF-2026-11-430104-DB',
  programme: 'dibao-allowance',
  month: '2026-11',
  district: '430104',
  lineCount,
  totalFen,
  closedOn: '2026-11-12',
});

async function world() {
  const register = new MemoryRegister();
  const warnings = new MemoryWarnings(register);
  const events = new MemoryPublisher();
  const ports = {
    register,
    warnings,
    events,
    facts: new MemoryFacts(),
    policy: new PolicyBook(CITY_PARAMETERS),
    progress: new MemorySubmissionStore(),
    payments: new MemoryPaymentFiles(),
    now: () => clock,
  };
  await putOnRoll([{ ...accepted(rollEntry(), 'SROLL', 0), acceptedAt: '2026-01-05T00:00:00.000Z' }], register);
  const raised = () => events.raisedWarnings.map((w) => [w.indicator.id, w.householdId]);
  return { ports, raised };
}

describe('a file checked whole by warning evaluation', () => {
  it('waits for the lines a close counts when the close comes first, then raises IND-22 once', async () => {
    const { ports, raised } = await world();
    await evaluateRecords([accepted(close(2, 120_000), 'S1', 0)], 'S1:allowance-payment-file:0', ports);
    await evaluateRecords([accepted(line(grandmother, 1, 75_000), 'S2', 0)], 'S2:allowance-payment:0', ports);
    expect(raised()).toEqual([]);
    await evaluateRecords([accepted(line(grandson, 2, 45_000), 'S3', 0)], 'S3:allowance-payment:0', ports);
    expect(raised()).toEqual([['IND-22', householdId]]);
    const [warning] = ports.warnings.warnings.values();
    expect(warning!.evidence.map((e) => e.facts.differenceFen)).toEqual([-30_000, -30_000]);

    // The last line posted again under another submission: the same line, nothing new.
    const again = await evaluateRecords([accepted(line(grandson, 2, 45_000), 'S4', 0)], 'S4:allowance-payment:0', ports);
    expect(again.raised).toEqual([]);
    expect(raised()).toHaveLength(1);
  });

  it('raises nothing for a household paid in full, and nothing while a counted line is missing', async () => {
    const { ports, raised } = await world();
    await evaluateRecords([accepted(line(grandmother, 1, 75_000), 'S1', 0), accepted(line(grandson, 2, 75_000), 'S1', 1)], 'S1:allowance-payment:0', ports);
    // Three lines counted, two held: not complete, so not even the other households' absence is judged.
    await evaluateRecords([accepted(close(3, 225_000), 'S2', 0)], 'S2:allowance-payment-file:0', ports);
    expect(raised()).toEqual([]);
    await evaluateRecords([accepted(close(2, 150_000), 'S3', 0)], 'S3:allowance-payment-file:0', ports);
    expect(raised()).toEqual([]);
  });
});
