import { describe, expect, it } from 'vitest';
import { checkRecords, RECORD_TYPE_CODES } from '../../client/records';
import { checkSubmission } from '../../functions/submission-intake/use-case';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { RECORD_TYPES } from '../../shared/records/catalogue';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { deathRecord, identityNumber, nameFor, withWrongCheckCharacter } from '../fixtures/people';
import { rejection } from '../unit/rejection';

/**
 * The client checks a department's records before it sends them with what submission-intake
 * checks before it stores anything (the same schemas, plausibility bounds, identifier rule and
 * record-id rule): a batch the client passes, the intake passes; a record the client faults,
 * the intake faults at the same field.
 */
const NOW = new Date('2026-11-21T02:00:00Z');
const TODAY = '2026-11-21';
const policy = new PolicyBook(CITY_PARAMETERS);
const intake = (department: 'health' | 'civil-affairs', records: unknown[]) =>
  rejection(() => checkSubmission({ department, batch: { batchId: 'health-2026-11-21-001', records } }, { policy, now: () => NOW }));
const fields = (problems: readonly { record?: number; field: string }[]) => problems.map((p) => `${p.record}:${p.field}`).sort();

describe('checkRecords (client/records.ts) against submission-intake', () => {
  it('passes a sample of every record type its owner sends, as the intake does', () => {
    for (const type of RECORD_TYPE_CODES) {
      const person = { identityNumber: identityNumber('430104', '1961-04-18', 7), name: nameFor(7) };
      const record = SAMPLE_RECORDS[type](person, 7);
      expect(checkRecords(RECORD_TYPES[type].department, [record], { today: TODAY, policy }), type).toEqual([]);
      expect(() =>
        checkSubmission({ department: RECORD_TYPES[type].department, batch: { batchId: 'batch-0000001', records: [record] } }, { policy, now: () => NOW }),
      ).not.toThrow();
    }
  });

  it('faults the records the intake faults, at the same fields', async () => {
    const ok = deathRecord();
    const records = [
      ok,
      { ...deathRecord(), recordId: 'WJ-SW-2', identityNumber: withWrongCheckCharacter(ok.identityNumber) },
      { ...deathRecord(), recordId: 'WJ-SW-3', dateOfDeath: '2026-12-25' },
      { ...deathRecord(), recordId: 'WJ-SW-4', certificateNumber: ok.identityNumber },
      { ...deathRecord(), recordId: 'WJ-SW-5', district: '430199' },
      { ...deathRecord(), recordId: 'WJ-SW-6', name: undefined },
      { ...deathRecord(), recordId: 'WJ-SW-7', cause: 'stroke' },
      { ...deathRecord() },
      { type: 'death-certificate', recordId: 'WJ-SW-9' },
      'not a record',
    ];
    const mine = checkRecords('health', records, { today: TODAY, policy });
    const theirs = await intake('health', records);
    expect(theirs.code).toBe('InvalidRecords');
    expect(fields(mine)).toEqual(fields(theirs.problems));
    expect(mine.map((p) => p.message).sort()).toEqual(theirs.problems.map((p) => p.message).sort());
    expect(fields(mine)).toEqual(
      ['1:identityNumber', '2:dateOfDeath', '3:certificateNumber', '4:district', '5:name', '6:cause', '7:recordId', '8:type', '9:(record)'].sort(),
    );
  });

  it('faults a record type the department does not own, as the intake refuses it', async () => {
    const records = [SAMPLE_RECORDS['low-income-roll-entry']({ identityNumber: identityNumber('430102', '1950-02-03', 11), name: nameFor(11) }, 1)];
    const mine = checkRecords('health', records, { today: TODAY, policy });
    const theirs = await intake('health', records);
    expect(theirs.code).toBe('RecordTypeNotAllowed');
    expect(fields(mine)).toEqual(fields(theirs.problems));
    // One module checks for both, so the client says what the platform would say, word for word.
    expect(mine.map((p) => p.message)).toEqual(theirs.problems.map((p) => p.message));
    expect(mine[0]!.message).toMatch(/department health may not send record type low-income-roll-entry/);
  });
});
