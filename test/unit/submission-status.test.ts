import { describe, expect, it } from 'vitest';
import { readSubmissionStatus } from '../../functions/household-query/use-case';
import { groupEvaluation } from '../../shared/application/submission-progress';
import { submissionStatus } from '../../shared/platform/answers';
import { evaluatorsOf } from '../../shared/records/evaluators';
import { DomainError } from '../../shared/domain/errors';
import { MemorySubmissionStore } from '../fakes';
import { Pipeline } from '../reliability/pipeline';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';

const stranger = { identityNumber: identityNumber('430105', '1951-07-30', 41), name: '周德胜' };

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('the status of a submission (报送状态)', () => {
  it('lists each record accepted, then evaluated with the warnings its evidence raised', async () => {
    const pipeline = new Pipeline();
    await pipeline.submit('civil-affairs', 'civil-affairs-roll-2026-11-01', [rollEntry()]);
    await pipeline.drain();

    const receipt = await pipeline.submit('health', 'health-deaths-2026-11-21-001', [deathRecord(), deathRecord(stranger, 'WJ-SW-2026-104234')]);
    const before = submissionStatus.parse(await readSubmissionStatus('health', receipt.submissionId, pipeline.submissions));
    expect(before).toMatchObject({
      submissionId: receipt.submissionId,
      batchId: 'health-deaths-2026-11-21-001',
      department: 'health',
      state: 'accepted',
      totals: { records: 2, evaluated: 0, warningsRaised: 0 },
    });
    expect(before.records.map((r) => [r.index, r.recordId, r.recordType, r.state])).toEqual([
      [0, 'WJ-SW-2026-104233', 'death-record', 'accepted'],
      [1, 'WJ-SW-2026-104234', 'death-record', 'accepted'],
    ]);

    await pipeline.drain();
    const after = submissionStatus.parse(await readSubmissionStatus('health', receipt.submissionId, pipeline.submissions));
    expect(after).toMatchObject({ state: 'evaluated', totals: { records: 2, evaluated: 2, warningsRaised: 1 } });
    const raised = pipeline.bus.raisedWarnings.filter((w) => w.evidence.some((e) => e.recordId === `${receipt.submissionId}:0`));
    expect(raised).toHaveLength(1);
    expect(after.records[0]).toMatchObject({
      state: 'evaluated',
      warnings: [{ warningId: raised[0]!.warningId, indicatorId: 'IND-01', recipients: ['civil-affairs'] }],
    });
    // Someone outside the database raises nothing: evaluated, no warning.
    expect(after.records[1]).toMatchObject({ state: 'evaluated', warnings: [] });

    // Nothing in clear where the status is kept.
    const kept = JSON.stringify([...pipeline.submissions.headers.values(), ...pipeline.submissions.evaluations.values()]);
    for (const p of [yueluHousehold.grandmother, stranger]) {
      expect(kept).not.toContain(p.identityNumber);
      expect(kept).not.toContain(p.name);
    }
  });

  it('waits for every function that takes the record type: a roll entry is evaluated by register-update and then by warning evaluation', async () => {
    expect(evaluatorsOf('low-income-roll-entry')).toEqual(['register-update', 'warning-evaluation']);
    const pipeline = new Pipeline();
    const receipt = await pipeline.submit('civil-affairs', 'civil-affairs-roll-2026-11-02', [rollEntry()]);
    const groupId = `${receipt.submissionId}:low-income-roll-entry:0`;
    const record = {
      submissionId: receipt.submissionId,
      department: 'civil-affairs' as const,
      recordType: 'low-income-roll-entry' as const,
      acceptedAt: receipt.acceptedAt,
      recordId: `${receipt.submissionId}:0`,
      departmentRecordId: 'MZ-2025-000317',
      subjects: [],
      record: {},
    };
    await pipeline.submissions.recordEvaluated(groupEvaluation('register-update', groupId, [record], [])!);
    const half = await readSubmissionStatus('civil-affairs', receipt.submissionId, pipeline.submissions);
    expect(half).toMatchObject({ state: 'evaluating', totals: { evaluated: 0 }, records: [{ state: 'accepted' }] });
    await pipeline.submissions.recordEvaluated(groupEvaluation('warning-evaluation', groupId, [record], [])!);
    expect(await readSubmissionStatus('civil-affairs', receipt.submissionId, pipeline.submissions)).toMatchObject({
      state: 'evaluated',
      totals: { evaluated: 1 },
      records: [{ state: 'evaluated' }],
    });
  });

  it('records each group once: a redelivered or replayed group writes nothing new', async () => {
    const pipeline = new Pipeline();
    await pipeline.submit('civil-affairs', 'civil-affairs-roll-2026-11-01', [rollEntry()]);
    await pipeline.drain();
    const receipt = await pipeline.submit('health', 'health-deaths-2026-11-21-002', [deathRecord()]);
    await pipeline.drain();
    const recorded = structuredClone([...pipeline.submissions.evaluations.entries()]);
    expect(recorded.map(([k]) => k.split('|')[1])).toEqual(['register-update', 'warning-evaluation', 'warning-evaluation']);

    // The whole archive again, as an EventBridge replay delivers it: every group runs again.
    pipeline.completed.clear();
    await pipeline.replay([...pipeline.archive]);
    expect(pipeline.runs.get(`warning-evaluation#${receipt.submissionId}:death-record:0`)).toBe(2);
    expect([...pipeline.submissions.evaluations.entries()]).toEqual(recorded);
    const first = [...pipeline.submissions.evaluations.values()].find((e) => e.submissionId === receipt.submissionId)!;
    expect(await pipeline.submissions.recordEvaluated({ ...first, warnings: [] })).toBe('recorded-before');
    expect(pipeline.submissions.evaluations.get(`${receipt.submissionId}|warning-evaluation|${first.groupId}`)!.warnings).toHaveLength(1);
  });

  it('attributes a warning to each record its evidence names, across submissions', async () => {
    const pipeline = new Pipeline();
    await pipeline.submit('civil-affairs', 'civil-affairs-roll-2026-11-01', [rollEntry()]);
    await pipeline.drain();
    const first = await pipeline.submit('health', 'health-deaths-2026-11-21-003', [deathRecord()]);
    await pipeline.drain();
    // The same death reported again in another batch is the same warning, not a second one.
    const second = await pipeline.submit('health', 'health-deaths-2026-11-22-001', [deathRecord(yueluHousehold.grandmother, 'WJ-SW-2026-104299')]);
    await pipeline.drain();
    const [a, b] = await Promise.all([
      readSubmissionStatus('health', first.submissionId, pipeline.submissions),
      readSubmissionStatus('health', second.submissionId, pipeline.submissions),
    ]);
    expect(a.records[0]!.warnings).toHaveLength(1);
    expect(b.records[0]!.warnings).toEqual(a.records[0]!.warnings);
  });

  it('is for the department that sent it: another department, or an unknown id, gets 404; a malformed id 400', async () => {
    const pipeline = new Pipeline();
    const receipt = await pipeline.submit('health', 'health-deaths-2026-11-21-004', [deathRecord()]);
    expect(await refusal(readSubmissionStatus('civil-affairs', receipt.submissionId, pipeline.submissions))).toMatchObject({
      kind: 'NotFound',
      code: 'SubmissionNotFound',
    });
    expect(await refusal(readSubmissionStatus('health', `S${'0'.repeat(26)}`, pipeline.submissions))).toMatchObject({
      kind: 'NotFound',
      code: 'SubmissionNotFound',
    });
    expect(await refusal(readSubmissionStatus('health', 'health-deaths-2026-11-21-004', pipeline.submissions))).toMatchObject({
      kind: 'InvalidInput',
      code: 'InvalidSubmissionId',
      problems: [{ field: 'submissionId' }],
    });
  });

  it('reads a header kept before the status (no list of records) from its evaluations', async () => {
    const store = new MemorySubmissionStore();
    const submissionId = `S${'A'.repeat(26)}`;
    await store.save({
      submissionId,
      department: 'health',
      batchId: 'health-old-batch-01',
      payloadHash: '1:00',
      recordCount: 1,
      acceptedAt: '2026-11-20T02:00:00.000Z',
      publishedAt: '2026-11-20T02:00:01.000Z',
    });
    expect(await readSubmissionStatus('health', submissionId, store)).toMatchObject({ state: 'accepted', totals: { records: 1, evaluated: 0 }, records: [] });
    const record = {
      submissionId,
      department: 'health' as const,
      recordType: 'death-record' as const,
      acceptedAt: '2026-11-20T02:00:00.000Z',
      recordId: `${submissionId}:0`,
      departmentRecordId: 'WJ-OLD-1',
      subjects: [],
      record: {},
    };
    await store.recordEvaluated(
      groupEvaluation(
        'warning-evaluation',
        `${submissionId}:death-record:0`,
        [record],
        [{ warningId: `W${'1'.repeat(24)}`, indicatorId: 'IND-01', recipients: ['civil-affairs'], recordIds: [`${submissionId}:0`, 'elsewhere:3'] }],
      )!,
    );
    expect(await readSubmissionStatus('health', submissionId, store)).toMatchObject({
      state: 'evaluated',
      totals: { records: 1, evaluated: 1, warningsRaised: 1 },
      records: [
        {
          index: 0,
          recordId: `${submissionId}:0`,
          recordType: 'death-record',
          state: 'evaluated',
          warnings: [{ indicatorId: 'IND-01', recipients: ['civil-affairs'] }],
        },
      ],
    });
  });
});
