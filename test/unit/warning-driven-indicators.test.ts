import { singleKeyRing } from '../../shared/privacy/key-ring';
import { describe, expect, it } from 'vitest';
import { evaluateOne, groupOf } from '../fixtures/groups';
import { escalateOverdue } from '../../functions/overdue-escalation/use-case';
import { putOnRoll } from '../../functions/register-update/use-case';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { personRefsIn, pseudonymize } from '../../shared/privacy/person-ref';
import {
  MemoryAuditTrail,
  MemoryDisclosure,
  MemoryFacts,
  MemoryPaymentFiles,
  MemoryPublisher,
  MemoryRegister,
  MemorySubmissionStore,
  MemoryWarnings,
} from '../fakes';
import { identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';
import { ALL_INDICATORS } from '../../shared/domain/indicators';

const key = singleKeyRing(Buffer.alloc(32, 8));
let clock = new Date('2026-11-21T02:00:00.000Z');
const person = yueluHousehold.grandmother;

function accepted(record: Record<string, unknown>, n: number): AcceptedRecord {
  const pseudonymous = pseudonymize(record, key) as Record<string, unknown>;
  return {
    submissionId: `S${n}`,
    recordId: `S${n}:0`,
    departmentRecordId: String(record.recordId),
    department: 'hr-social-security',
    recordType: record.type as AcceptedRecord['recordType'],
    subjects: personRefsIn(pseudonymous),
    record: pseudonymous,
    acceptedAt: clock.toISOString(),
  };
}

async function world() {
  clock = new Date('2026-11-21T02:00:00.000Z');
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
  await putOnRoll([accepted(rollEntry(), 0)], register);
  return { ports, warnings, events };
}

const unemployed = { type: 'unemployment-registration', recordId: 'HR-1', ...person, registeredOn: '2026-11-01', district: '430104' };
const flood = {
  type: 'disaster-relief',
  recordId: 'YJ-1',
  ...person,
  disaster: 'flood',
  occurredOn: '2026-11-10',
  lossFen: 2_000_000,
  relief: 'none-yet',
  district: '430104',
};
const dangerousHouse = {
  type: 'housing-condition',
  recordId: 'ZJ-1',
  ...person,
  area: 'rural',
  surveyedOn: '2026-11-15',
  dangerousHouseGrade: 'D',
  onlyHome: true,
  district: '430104',
};

describe('IND-14 complex case', () => {
  it('sends the household to county coordination once it has three open warnings across departments', async () => {
    const { ports, events } = await world();
    await evaluateOne(accepted(unemployed, 1), ports); // hr-social-security
    await evaluateOne(accepted(flood, 2), ports); // emergency-management, civil-affairs
    const indicators = () => events.raisedWarnings.map((w) => w.indicator.id);
    expect(indicators()).not.toContain('IND-14');
    await evaluateOne(accepted(dangerousHouse, 3), ports); // housing
    const complex = events.raisedWarnings.filter((w) => w.indicator.id === 'IND-14');
    expect(complex).toHaveLength(1);
    expect(complex[0]!).toMatchObject({ recipients: ['county-coordination'], householdId: yueluHousehold.householdId });
    expect(complex[0]!.evidence).toHaveLength(3);
    // Replaying the last record raises no second complex case.
    await evaluateOne(accepted(dangerousHouse, 3), ports);
    expect(indicators().filter((i) => i === 'IND-14')).toHaveLength(1);
  });
});

describe('IND-15 overdue', () => {
  it('escalates an open warning to supervision after its deadline, once, and never a resolved one', async () => {
    const { ports, warnings, events } = await world();
    await evaluateOne(accepted(unemployed, 1), ports); // IND-04, due in 15 days
    clock = new Date('2026-12-06T01:59:59.000Z');
    expect((await escalateOverdue(ports, 'run-1')).escalated).toHaveLength(0); // one second before the deadline
    clock = new Date('2026-12-06T02:00:01.000Z');
    const first = await escalateOverdue(ports, 'run-2');
    expect(first.escalated).toHaveLength(1);
    expect(events.raisedWarnings.at(-1)!).toMatchObject({ indicator: { id: 'IND-15' }, recipients: ['supervision'] });
    expect((await escalateOverdue(ports, 'run-3')).escalated).toHaveLength(0);

    // A warning resolved before its deadline is never escalated.
    await evaluateOne(accepted({ ...flood, recordId: 'YJ-2' }, 2), ports);
    const floodWarning = [...warnings.warnings.values()].find((w) => w.indicator.id === 'IND-08')!;
    floodWarning.status = 'resolved';
    clock = new Date('2027-01-30T00:00:00.000Z');
    const later = await escalateOverdue(ports, 'run-4');
    expect(later.escalated).toHaveLength(0);
  });
});

describe('IND-16 exit with transfer', () => {
  const exit = (exitReason: 'finances-improved' | 'died') => ({
    householdId: yueluHousehold.householdId,
    programme: 'dibao-allowance',
    department: 'civil-affairs',
    decidedBy: 'YL-MZ-0413',
    warningId: 'W0000000000000000000000001',
    reason: 'grandson started work',
    decidedAt: '2026-11-21T02:00:00.000Z',
    endedOn: '2026-11-30',
    exitReason,
  });
  it('offers a dibao household leaving for better finances a transfer, and nothing when it left for another reason', async () => {
    const { ports, events } = await world();
    const { evaluateExit } = await import('../../functions/warning-evaluation/use-case');
    expect((await evaluateExit(exit('died'), ports)).raised).toHaveLength(0);
    expect((await evaluateExit(exit('finances-improved'), ports)).raised).toHaveLength(1);
    expect(events.raisedWarnings.at(-1)!).toMatchObject({
      indicator: { id: 'IND-16' },
      recipients: ['civil-affairs'],
      householdId: yueluHousehold.householdId,
    });
    expect((await evaluateExit(exit('finances-improved'), ports)).raised).toHaveLength(0);
  });
});

describe('an open warning absorbs new evidence', () => {
  it('adds a second record for the same household and indicator to the open warning, once', async () => {
    const { ports, warnings, events } = await world();
    await evaluateOne(accepted(flood, 1), ports);
    await evaluateOne(accepted({ ...flood, recordId: 'YJ-2', disaster: 'landslide', occurredOn: '2026-11-12' }, 2), ports);
    await evaluateOne(accepted({ ...flood, recordId: 'YJ-2', disaster: 'landslide', occurredOn: '2026-11-12' }, 2), ports); // replay
    const ind08 = [...warnings.warnings.values()].filter((w) => w.indicator.id === 'IND-08');
    expect(ind08).toHaveLength(1);
    expect(ind08[0]!.evidence.map((e) => e.recordId)).toEqual(['S1:0', 'S2:0']);
    expect(events.raisedWarnings.filter((w) => w.indicator.id === 'IND-08')).toHaveLength(1);
  });
});

describe('IND-01 when the death arrives before the roll entry', () => {
  it('keeps the death as a fact and warns when the person is put on the roll', async () => {
    clock = new Date('2026-11-21T02:00:00.000Z');
    const register = new MemoryRegister();
    const warnings = new MemoryWarnings(register);
    const events = new MemoryPublisher();
    const facts = new MemoryFacts();
    const ports = {
      register,
      warnings,
      events,
      facts,
      policy: new PolicyBook(CITY_PARAMETERS),
      progress: new MemorySubmissionStore(),
      payments: new MemoryPaymentFiles(),
      now: () => clock,
    };
    const death = { type: 'death-record', recordId: 'WJ-SW-1', ...person, dateOfDeath: '2026-11-20', certificateNumber: 'H430104260088', district: '430104' };
    const stranger = { ...death, recordId: 'WJ-SW-2', identityNumber: identityNumber('430105', '1939-02-02', 5), name: '某人' };
    expect((await evaluateOne(accepted(death, 1), ports)).raised).toHaveLength(0);
    await evaluateOne(accepted(stranger, 3), ports);
    // About people not in the database: kept only as long as retention.unmatchedFactDays (35).
    const acceptedAt = Date.parse(accepted(death, 1).acceptedAt);
    expect(facts.facts.map((f) => f.keepUntil)).toEqual([new Date(acceptedAt + 35 * 86_400_000).toISOString(), expect.any(String)]);
    const roll = accepted(rollEntry(), 2);
    await putOnRoll([roll], register);
    await evaluateOne(roll, ports);
    // The member's death is now kept for good; the stranger's still expires.
    const deathOf = (id: string) => facts.facts.find((f) => f.recordType === 'death-record' && f.recordId.endsWith(id));
    expect(deathOf('1:0')?.keepUntil).toBeUndefined();
    expect(deathOf('3:0')?.keepUntil).toBeDefined();
    const ind01 = events.raisedWarnings.filter((w) => w.indicator.id === 'IND-01');
    expect(ind01).toHaveLength(1);
    expect(ind01[0]!).toMatchObject({ householdId: yueluHousehold.householdId, action: 'do not pay: the member was already registered dead' });
  });
});

describe('IND-19 on the roll: the same person on two rolls', () => {
  it('flags a paid roll entry whose member is already paid in another household, and nothing on a replay', async () => {
    const { ports, events } = await world(); // yueluHousehold on the roll, paid dibao
    const { putOnRollChecked } = await import('../../functions/register-update/use-case');
    const second = { ...rollEntry({ ...yueluHousehold, householdId: '430181-2026-000777', district: '430181' }, 'MZ-LY-777'), district: '430181' };
    const result = await putOnRollChecked(groupOf([accepted(second, 9)]), [accepted(second, 9)], {
      ...ports,
      disclosure: new MemoryDisclosure(),
      audit: new MemoryAuditTrail(),
    });
    expect(result.raised).toHaveLength(1);
    expect(events.raisedWarnings[0]!).toMatchObject({ indicator: { id: 'IND-19' }, householdId: '430181-2026-000777', recipients: ['civil-affairs'] });
    // Then, and only then, the entry goes on to the indicators.
    expect(events.published.at(-1)).toMatchObject({ detailType: 'HouseholdsRolled.v1', detail: { records: [{ recordId: accepted(second, 9).recordId }] } });
    const replay = await putOnRollChecked(groupOf([accepted(second, 9)]), [accepted(second, 9)], {
      ...ports,
      disclosure: new MemoryDisclosure(),
      audit: new MemoryAuditTrail(),
    }); // the same entry delivered again
    expect(replay.raised).toHaveLength(0);
  });
});

describe('one id per rule', () => {
  it('gives every rule its own indicator id, each with its own deadline parameter', () => {
    const rules = ALL_INDICATORS;
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === 'IND-15')).toHaveLength(1);
    for (const r of rules) expect(r.deadlineParameter).toBe(`warning.deadlineDays.${r.id}`);
    const book = new PolicyBook(CITY_PARAMETERS);
    for (const r of rules) expect(book.numberOn(r.deadlineParameter, '2026-12-01'), r.id).toBeGreaterThan(0);
  });
});
