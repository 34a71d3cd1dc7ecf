import { describe, expect, it } from 'vitest';
import { submitRecords, MAX_RECORDS_PER_BATCH } from '../../functions/submission-intake/use-case';
import { ApiError } from '../../shared/http/api-error';
import { deathRecord, rollEntry, withWrongCheckCharacter, yueluHousehold } from '../fixtures/people';
import { MemoryPublisher, MemorySubmissionStore, fixedKey } from '../fakes';

function setup() {
  const submissions = new MemorySubmissionStore();
  const events = new MemoryPublisher();
  const ports = { submissions, events, personKey: fixedKey, now: () => new Date('2026-11-21T02:00:00Z') };
  return { submissions, events, ports };
}

const body = (records: unknown[], batchId = 'health-2026-11-21-001') => JSON.stringify({ batchId, records });

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('submitRecords (数据归集)', () => {
  it('stores the batch pseudonymized, then publishes one RecordAccepted.v1 per record', async () => {
    const { submissions, events, ports } = setup();
    const receipt = await submitRecords({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);

    expect(receipt).toMatchObject({ department: 'health', accepted: 1, replayed: false });
    expect(submissions.headers.get(receipt.submissionId)?.publishedAt).toBeDefined();
    expect(events.published).toHaveLength(1);
    const [event] = events.published;
    expect(event).toMatchObject({ source: 'lim.intake', detailType: 'RecordAccepted.v1' });
    const detail = event!.detail as { subjects: string[]; record: Record<string, unknown>; recordId: string };
    expect(detail.recordId).toBe(`${receipt.submissionId}:0`);
    expect(detail.subjects).toHaveLength(1);
    expect(detail.record).toMatchObject({ personRef: detail.subjects[0], maskedIdentityNumber: '430104***********' + yueluHousehold.grandmother.identityNumber[17] });
    const stored = JSON.stringify([...submissions.stored.values()]) + JSON.stringify(events.published);
    expect(stored).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(stored).not.toContain(yueluHousehold.grandmother.name);
  });

  it('names the record and the field of every problem, and stores nothing', async () => {
    const { submissions, events, ports } = setup();
    const bad = { ...deathRecord(), identityNumber: withWrongCheckCharacter(yueluHousehold.grandmother.identityNumber) };
    const { dateOfDeath: _missing, ...noDate } = deathRecord(yueluHousehold.grandson, 'WJ-SW-2026-104234');
    const error = await rejection(submitRecords({ department: 'health', caller: 'health', body: body([deathRecord(), bad, noDate, { type: 'tax-return', recordId: 'T1' }]) }, ports));

    expect(error.statusCode).toBe(400);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ record: 1, recordId: 'WJ-SW-2026-104233', field: 'identityNumber', message: expect.stringContaining('check character') }),
        expect.objectContaining({ record: 2, recordId: 'WJ-SW-2026-104234', field: 'dateOfDeath' }),
        expect.objectContaining({ record: 3, field: 'type', message: expect.stringContaining('unknown record type "tax-return"') }),
      ]),
    );
    expect(submissions.headers.size).toBe(0);
    expect(events.published).toHaveLength(0);
  });

  it('refuses with 403 a record type the department does not own, naming both', async () => {
    const { ports, events } = setup();
    const error = await rejection(submitRecords({ department: 'health', caller: 'health', body: body([rollEntry()]) }, ports));
    expect(error.statusCode).toBe(403);
    expect(error.problems[0]).toMatchObject({ record: 0, field: 'type', message: 'department health may not send record type low-income-roll-entry' });
    expect(events.published).toHaveLength(0);
  });

  it('refuses a caller posting for another department', async () => {
    const { ports } = setup();
    const error = await rejection(submitRecords({ department: 'civil-affairs', caller: 'health', body: body([rollEntry()]) }, ports));
    expect(error).toMatchObject({ statusCode: 403, code: 'WrongDepartment' });
  });

  it.each([
    ['not JSON', '{"batchId": ', 'MalformedJson'],
    ['no records', JSON.stringify({ batchId: 'health-2026-11-21-001', records: [] }), 'InvalidBatch'],
    ['too many records', body(Array.from({ length: MAX_RECORDS_PER_BATCH + 1 }, () => deathRecord())), 'InvalidBatch'],
    ['an unexpected field', JSON.stringify({ batchId: 'health-2026-11-21-001', records: [deathRecord()], extra: 1 }), 'InvalidBatch'],
  ])('rejects a batch with %s', async (_, raw, code) => {
    const { ports } = setup();
    const error = await rejection(submitRecords({ department: 'health', caller: 'health', body: raw }, ports));
    expect(error).toMatchObject({ statusCode: 400, code });
  });

  it('rejects a record id repeated within the batch', async () => {
    const { ports } = setup();
    const error = await rejection(submitRecords({ department: 'health', caller: 'health', body: body([deathRecord(), deathRecord(yueluHousehold.grandson)]) }, ports));
    expect(error.problems[0]).toMatchObject({ record: 1, field: 'recordId' });
  });

  it('changes nothing when the same batch is sent again, and refuses the id with other records', async () => {
    const { events, ports } = setup();
    const first = await submitRecords({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);
    const again = await submitRecords({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);
    expect(again).toEqual({ ...first, replayed: true });
    expect(events.published).toHaveLength(1);

    const error = await rejection(submitRecords({ department: 'health', caller: 'health', body: body([deathRecord(yueluHousehold.grandson)]) }, ports));
    expect(error).toMatchObject({ statusCode: 409, code: 'BatchIdReused' });
  });

  it('keeps an accepted batch when publishing fails, and a resend publishes it', async () => {
    const { submissions, events, ports } = setup();
    events.failNext = 1;
    await expect(submitRecords({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports)).rejects.toThrow(/ThrottlingException/);
    expect(submissions.headers.size).toBe(1);
    expect([...submissions.headers.values()][0]!.publishedAt).toBeUndefined();

    const resent = await submitRecords({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);
    expect(resent.replayed).toBe(true);
    expect(events.published).toHaveLength(1);
    expect([...submissions.headers.values()][0]!.publishedAt).toBeDefined();
  });
});
