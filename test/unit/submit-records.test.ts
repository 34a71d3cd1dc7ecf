import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { describe, expect, it } from 'vitest';
import { submitRecords, PUBLICATION_LEASE_SECONDS, type SubmitRecordsPorts } from '../../functions/submission-intake/use-case';
import type { WarningRecipient } from '../../shared/domain/departments';
import { FUNCTIONS } from '../../shared/platform/functions';
import { MAX_RECORDS_PER_BATCH } from '../../shared/records/batch';
import { rejection } from './rejection';
import { throughEdge } from './through-edge';
import { deathRecord, identityNumber, rollEntry, withWrongCheckCharacter, yueluHousehold } from '../fixtures/people';
import { MemoryKnownPeople, MemoryPublisher, MemorySubmissionStore, fixedKey } from '../fakes';

function setup() {
  const submissions = new MemorySubmissionStore();
  const events = new MemoryPublisher();
  const ports = {
    submissions,
    events,
    personKey: fixedKey,
    knownPeople: new MemoryKnownPeople(),
    now: () => new Date('2026-11-21T02:00:00Z'),
    policy: new PolicyBook(CITY_PARAMETERS),
  };
  return { submissions, events, ports };
}

const body = (records: unknown[], batchId = 'health-2026-11-21-001') => JSON.stringify({ batchId, records });

/** A batch as a department posts it: through the API's edge (the caller, the JSON, the envelope), then the use case. */
async function submit(request: { department: string; caller: WarningRecipient; body: string }, ports: SubmitRecordsPorts) {
  const { caller, body: batch } = throughEdge('submit-records', request);
  return submitRecords({ department: caller, batch }, ports);
}

describe('submitRecords (数据归集)', () => {
  it('refuses an identity or mobile number inside a department identifier with a 400 naming the field, and keeps and publishes nothing', async () => {
    const { submissions, events, ports } = setup();
    const id = deathRecord().identityNumber;
    for (const [field, value] of [
      ['certificateNumber', `H${id}`],
      ['certificateNumber', id],
      ['recordId', `SFZ${id}`],
      ['certificateNumber', 'TEL-13800138000'],
    ] as const) {
      const error = await rejection(
        submit({ department: 'health', caller: 'health', body: body([{ ...deathRecord(), [field]: value }], `health-2026-11-21-${field}`) }, ports),
      );
      expect(error.statusCode, value).toBe(400);
      expect(error.problems, value).toEqual([expect.objectContaining({ record: 0, field })]);
    }
    expect(submissions.headers.size).toBe(0);
    expect(events.published).toHaveLength(0);
  });

  it('keeps the header, publishes the batch pseudonymized as RecordsAccepted.v1 groups, and keeps no clear identity', async () => {
    const { submissions, events, ports } = setup();
    const receipt = await submit({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);

    expect(receipt).toMatchObject({ department: 'health', accepted: 1, replayed: false });
    expect(submissions.headers.get(receipt.submissionId)?.publishedAt).toBeDefined();
    expect(events.published).toHaveLength(1);
    const [event] = events.published;
    expect(event).toMatchObject({
      source: 'lim.intake',
      detailType: 'RecordsAccepted.v1',
      detail: { groupId: `${receipt.submissionId}:death-record:0`, recordType: 'death-record', department: 'health' },
    });
    const [detail] = (event!.detail as { records: { subjects: string[]; record: Record<string, unknown>; recordId: string }[] }).records;
    expect(detail!.recordId).toBe(`${receipt.submissionId}:0`);
    expect(detail!.subjects).toHaveLength(1);
    expect(detail!.record).toMatchObject({
      personRef: detail!.subjects[0],
      maskedIdentityNumber: `430104***********${yueluHousehold.grandmother.identityNumber[17]}`,
    });
    const stored = JSON.stringify([...submissions.headers.values()]) + JSON.stringify(events.published);
    expect(stored).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(stored).not.toContain(yueluHousehold.grandmother.name);
  });

  it('publishes a full batch as a few groups, one record type each, every record once, with the same group ids on a resend', async () => {
    const { events, ports } = setup();
    const people = Array.from({ length: 250 }, (_, i) => ({ identityNumber: identityNumber('430104', '1960-01-01', i + 1), name: '李四' }));
    const records = people.flatMap((p, i) => [
      deathRecord(p, `WJ-SW-2026-${String(200_000 + i)}`),
      {
        type: 'serious-illness-diagnosis',
        recordId: `WJ-DB-${i}`,
        ...p,
        diagnosedOn: '2026-11-02',
        icd10: 'C34.9',
        hospitalCode: 'PDY43010412345',
        district: '430104',
      },
    ]);
    expect(records).toHaveLength(MAX_RECORDS_PER_BATCH);
    await submit({ department: 'health', caller: 'health', body: body(records, 'health-2026-11-21-big') }, ports);
    const groups = events.published.map((e) => e.detail as { groupId: string; recordType: string; records: { recordId: string }[] });
    expect(new Set(groups.map((g) => g.recordType))).toEqual(new Set(['death-record', 'serious-illness-diagnosis']));
    expect(groups.length).toBeLessThanOrEqual(6);
    const ids = groups.flatMap((g) => g.records.map((r) => r.recordId));
    expect(new Set(ids).size).toBe(MAX_RECORDS_PER_BATCH);
    for (const e of events.published) expect(Buffer.byteLength(JSON.stringify(e.detail))).toBeLessThan(256 * 1024);
    // Every group of one type holds its records in the department's order.
    const deaths = groups.filter((g) => g.recordType === 'death-record').flatMap((g) => g.records.map((r) => Number(r.recordId.split(':')[1])));
    expect(deaths).toEqual([...deaths].sort((a, b) => a - b));
  });

  it('names the record and the field of every problem, and stores nothing', async () => {
    const { submissions, events, ports } = setup();
    const bad = { ...deathRecord(), identityNumber: withWrongCheckCharacter(yueluHousehold.grandmother.identityNumber) };
    const { dateOfDeath: _missing, ...noDate } = deathRecord(yueluHousehold.grandson, 'WJ-SW-2026-104234');
    const error = await rejection(
      submit({ department: 'health', caller: 'health', body: body([deathRecord(), bad, noDate, { type: 'tax-return', recordId: 'T1' }]) }, ports),
    );

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

  it('refuses what is real but impossible against the identity number and today, with the bounds from the policy book', async () => {
    const { events, submissions, ports } = setup(); // today: 2026-11-21
    const unborn = { identityNumber: identityNumber('430104', '2030-01-01', 7), name: '张某' };
    const records = [
      { ...deathRecord(unborn, 'WJ-SW-2026-900001'), dateOfDeath: '2026-11-01' },
      { ...deathRecord(yueluHousehold.grandmother, 'WJ-SW-2026-900002'), dateOfDeath: '2099-01-01' },
      { ...deathRecord(yueluHousehold.grandmother, 'WJ-SW-2026-900003'), dateOfDeath: '0000-01-01' },
      { ...deathRecord(yueluHousehold.grandmother, 'WJ-SW-2026-900004'), dateOfDeath: '1940-05-01' }, // born 1948
      {
        type: 'emergency-assistance',
        recordId: 'MZ-JN-900005',
        ...yueluHousehold.grandmother,
        caseId: 'JN-430105-2026-90005',
        stage: 'advance-paid',
        district: '430105',
        emergency: 'fire',
        occurredOn: '2026-11-20',
        amountFen: 9_007_199_254_740_991,
        on: '2026-11-21',
        handledBy: 'KF-JN-017',
      },
      { ...deathRecord(yueluHousehold.grandmother, 'WJ-SW-2026-900006'), dateOfDeath: '2026-11-22' }, // tomorrow: within a day's tolerance
    ];
    const error = await rejection(
      submit({ department: 'civil-affairs', caller: 'civil-affairs', body: body(records.slice(4, 5), 'civil-affairs-2026-11-21-x1') }, ports),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({ record: 0, field: 'amountFen', message: '金额超过上限 10000000000 分 / the amount exceeds 10000000000 fen' }),
    ]);
    const deaths = await rejection(submit({ department: 'health', caller: 'health', body: body([...records.slice(0, 4), records[5]!]) }, ports));
    expect(deaths.problems.map((p) => [p.record, p.field, p.message.split(' / ')[0]])).toEqual([
      [0, 'identityNumber', '身份证号中的出生日期 2030-01-01 晚于今天'],
      [1, 'dateOfDeath', '日期 2099-01-01 晚于今天'],
      [2, 'dateOfDeath', '日期早于 1900 年'],
      [3, 'dateOfDeath', '日期 1940-05-01 早于身份证号中的出生日期 1948-03-12'],
    ]);
    expect(events.published).toHaveLength(0);
    expect(submissions.headers.size).toBe(0);
  });

  it('refuses with 403 a record type the department does not own, naming both', async () => {
    const { ports, events } = setup();
    const error = await rejection(submit({ department: 'health', caller: 'health', body: body([rollEntry()]) }, ports));
    expect(error.statusCode).toBe(403);
    expect(error.problems[0]).toMatchObject({ record: 0, field: 'type', message: 'department health may not send record type low-income-roll-entry' });
    expect(events.published).toHaveLength(0);
  });

  it('refuses a caller posting for another department', async () => {
    const { ports } = setup();
    const error = await rejection(submit({ department: 'civil-affairs', caller: 'health', body: body([rollEntry()]) }, ports));
    expect(error).toMatchObject({ statusCode: 403, code: 'WrongDepartment' });
  });

  it.each([
    ['not JSON', '{"batchId": ', 'MalformedJson'],
    ['no records', JSON.stringify({ batchId: 'health-2026-11-21-001', records: [] }), 'InvalidBatch'],
    ['too many records', body(Array.from({ length: MAX_RECORDS_PER_BATCH + 1 }, () => deathRecord())), 'InvalidBatch'],
    ['an unexpected field', JSON.stringify({ batchId: 'health-2026-11-21-001', records: [deathRecord()], extra: 1 }), 'InvalidBatch'],
  ])('rejects a batch with %s', async (_, raw, code) => {
    const { ports } = setup();
    const error = await rejection(submit({ department: 'health', caller: 'health', body: raw }, ports));
    expect(error).toMatchObject({ statusCode: 400, code });
  });

  it('rejects a record id repeated within the batch', async () => {
    const { ports } = setup();
    const error = await rejection(submit({ department: 'health', caller: 'health', body: body([deathRecord(), deathRecord(yueluHousehold.grandson)]) }, ports));
    expect(error.problems[0]).toMatchObject({ record: 1, field: 'recordId' });
  });

  it('changes nothing when the same batch is sent again, and refuses the id with other records', async () => {
    const { events, ports } = setup();
    const first = await submit({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);
    const again = await submit({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);
    expect(again).toEqual({ ...first, replayed: true });
    expect(events.published).toHaveLength(1);

    const error = await rejection(submit({ department: 'health', caller: 'health', body: body([deathRecord(yueluHousehold.grandson)]) }, ports));
    expect(error).toMatchObject({ statusCode: 409, code: 'BatchIdReused' });
  });

  it('lets one request publish a batch: a resend meanwhile waits, a resend after the holder died takes over once', async () => {
    const { submissions, events, ports } = setup();
    let now = new Date('2026-11-21T02:00:00Z');
    const at = { ...ports, now: () => now };
    // A request that kept the header and died before publishing (its lease stays).
    const batch = body([deathRecord()]);
    events.failNext = 1;
    const releaseLease = submissions.releaseLease.bind(submissions);
    submissions.releaseLease = async () => undefined; // it died: nobody gave the lease back
    await expect(submit({ department: 'health', caller: 'health', body: batch }, at)).rejects.toThrow();
    submissions.releaseLease = releaseLease;
    const waiting = await rejection(submit({ department: 'health', caller: 'health', body: batch }, at));
    expect([waiting.statusCode, waiting.code]).toEqual([409, 'RequestInProgress']);
    now = new Date(now.getTime() + (PUBLICATION_LEASE_SECONDS + 1) * 1000);
    expect(await submit({ department: 'health', caller: 'health', body: batch }, at)).toMatchObject({ replayed: true, accepted: 1 });
    expect(await submit({ department: 'health', caller: 'health', body: batch }, at)).toMatchObject({ replayed: true });
    expect(events.published).toHaveLength(1);
  });

  it('holds the publication lease longer than the intake may run', () => {
    expect(PUBLICATION_LEASE_SECONDS).toBeGreaterThan(FUNCTIONS['submission-intake'].timeoutSeconds);
  });

  it('keeps an accepted batch when publishing fails, and a resend publishes it', async () => {
    const { submissions, events, ports } = setup();
    events.failNext = 1;
    await expect(submit({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports)).rejects.toThrow(/ThrottlingException/);
    expect(submissions.headers.size).toBe(1);
    expect([...submissions.headers.values()][0]!.publishedAt).toBeUndefined();

    const resent = await submit({ department: 'health', caller: 'health', body: body([deathRecord()]) }, ports);
    expect(resent.replayed).toBe(true);
    expect(events.published).toHaveLength(1);
    expect([...submissions.headers.values()][0]!.publishedAt).toBeDefined();
  });
});
