import { singleKeyRing } from '../../shared/privacy/key-ring';
import { describe, expect, it } from 'vitest';
import { routeWarnings } from '../../functions/department-routing/use-case';
import { evaluateOne } from '../fixtures/groups';
import { answerWarning } from '../../functions/feedback-intake/use-case';
import { putOnRoll } from '../../functions/register-update/use-case';
import type { AcceptedRecord } from '../../events/records-accepted.v1';
import type { WarningRaisedV1 } from '../../events/warning-raised.v1';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { rejection } from './rejection';
import { bodyFor } from './through-edge';
import { personRefsIn, pseudonymize } from '../../shared/privacy/person-ref';
import {
  MemoryDisclosure,
  MemoryFacts,
  MemoryPaymentFiles,
  MemoryPublisher,
  MemoryQueues,
  MemoryRegister,
  MemorySubmissionStore,
  MemoryWarnings,
} from '../fakes';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';

const key = singleKeyRing(Buffer.alloc(32, 3));
const at = (iso: string) => () => new Date(iso);

function accepted(record: Record<string, unknown>, recordId: string, department: 'health' | 'civil-affairs'): AcceptedRecord {
  const pseudonymous = pseudonymize(record, key) as Record<string, unknown>;
  return {
    submissionId: recordId.split(':')[0]!,
    recordId,
    departmentRecordId: String(record.recordId),
    department,
    recordType: record.type as AcceptedRecord['recordType'],
    subjects: personRefsIn(pseudonymous),
    district: '430104',
    record: pseudonymous,
    acceptedAt: '2026-11-21T02:00:00.000Z',
  };
}

async function world() {
  const register = new MemoryRegister();
  const warnings = new MemoryWarnings(register);
  const events = new MemoryPublisher();
  const queues = new MemoryQueues();
  await putOnRoll([{ ...accepted(rollEntry(), 'SROLL:0', 'civil-affairs'), acceptedAt: '2026-01-05T00:00:00.000Z' }], register);
  const evaluation = {
    register,
    warnings,
    events,
    facts: new MemoryFacts(),
    policy: new PolicyBook(CITY_PARAMETERS),
    progress: new MemorySubmissionStore(),
    payments: new MemoryPaymentFiles(),
    now: at('2026-11-21T02:00:05.000Z'),
  };
  return { register, warnings, events, queues, evaluation };
}

/** A death warning routed to civil affairs, and how civil affairs answers it. */
async function answering() {
  const w = await world();
  await evaluateOne(accepted(deathRecord(), 'SDEATH:0', 'health'), w.evaluation);
  const raised: WarningRaisedV1 = w.events.raisedWarnings[0]!;
  await routeWarnings([raised], { warnings: w.warnings, queues: w.queues, now: at('2026-11-21T02:00:06.000Z') });
  const feedback = { warnings: w.warnings, register: w.register, events: w.events, disclosure: new MemoryDisclosure(), now: at('2026-11-22T09:00:00.000Z') };
  // The answer as the API's edge parses it from the JSON civil affairs sends.
  const input = (body: unknown) => ({ department: 'civil-affairs' as const, warningId: raised.warningId, outcome: bodyFor('answer-warning', body) });
  return { ...w, raised, feedback, input };
}

describe('the warning lifecycle: raised → pushed → resolved', () => {
  it('raises one warning with its deadline from the policy book, and a replay raises nothing', async () => {
    const { events, evaluation } = await world();
    const death = accepted(deathRecord(), 'SDEATH:0', 'health');
    const first = await evaluateOne(death, evaluation);
    expect(first.raised).toHaveLength(1);
    const again = await evaluateOne(death, evaluation);
    expect(again).toMatchObject({ raised: [], alreadyRaised: first.raised });
    expect(events.raisedWarnings).toHaveLength(1);
    expect(events.raisedWarnings[0]!).toMatchObject({ recipients: ['civil-affairs'], dueBy: '2026-12-01T02:00:05.000Z' });
  });

  it('raises and publishes one warning for two records of one group that fire it alike', async () => {
    const { events, evaluation } = await world();
    const { evaluateRecords } = await import('../../functions/warning-evaluation/use-case');
    const first = accepted(deathRecord(), 'SDEATH:0', 'health');
    const again = accepted(deathRecord(yueluHousehold.grandmother, 'WJ-SW-2026-104299'), 'SDEATH:1', 'health');
    const result = await evaluateRecords([first, again], 'SDEATH:death-record:0', evaluation);
    expect(result.raised).toHaveLength(1);
    expect(result.alreadyRaised).toEqual(result.raised);
    expect(events.raisedWarnings.map((w) => w.warningId)).toEqual(result.raised);
  });

  it('republishes a stored warning whose publication failed', async () => {
    const { events, evaluation } = await world();
    const death = accepted(deathRecord(), 'SDEATH:0', 'health');
    events.failNext = 1;
    await expect(evaluateOne(death, evaluation)).rejects.toThrow();
    await evaluateOne(death, evaluation);
    expect(events.raisedWarnings).toHaveLength(1);
  });

  it('raises nothing for a death outside the low-income database', async () => {
    const { events, evaluation } = await world();
    const stranger = { identityNumber: identityNumber('430181', '1990-05-05', 31), name: '王五' };
    const result = await evaluateOne(accepted(deathRecord(stranger), 'SDEATH:1', 'health'), evaluation);
    expect(result).toMatchObject({ matchedSubjects: 0, raised: [] });
    expect(events.published).toHaveLength(0);
  });

  it('pushes each recipient once, even when routing runs twice or the send failed before', async () => {
    const { events, queues, warnings, evaluation } = await world();
    await evaluateOne(accepted(deathRecord(), 'SDEATH:0', 'health'), evaluation);
    const raised: WarningRaisedV1 = events.raisedWarnings[0]!;
    const routing = { warnings, queues, now: at('2026-11-21T02:00:06.000Z') };
    queues.failNext = 1;
    await expect(routeWarnings([raised], routing)).rejects.toThrow();
    expect((await warnings.get(raised.warningId))!.pushedTo).toEqual([]);
    await routeWarnings([raised], routing);
    await routeWarnings([raised], routing);
    expect(queues.sent.map((m) => m.recipient)).toEqual(['civil-affairs']);
    expect(queues.sent[0]!.body).toMatchObject({
      messageType: 'WarningWorkItem.v1',
      answer: { path: `/departments/civil-affairs/warnings/${raised.warningId}/outcome` },
    });
  });

  it('validates the outcome against the household before writing it', async () => {
    const { events, register, feedback, input } = await answering();

    const wrongProgramme = await rejection(() =>
      answerWarning(input({ outcome: 'assistance-ended', programme: 'tekun-support', endedOn: '2026-11-30', reason: 'died', handledBy: 'YL-0413' }), feedback),
    );
    expect(wrongProgramme).toMatchObject({ statusCode: 422, problems: [{ field: 'programme' }] });
    const beforeStart = await rejection(() =>
      answerWarning(
        input({ outcome: 'assistance-ended', programme: 'dibao-allowance', endedOn: '2025-12-31', reason: 'died', handledBy: 'YL-0413' }),
        feedback,
      ),
    );
    expect(beforeStart).toMatchObject({ statusCode: 422, problems: [{ field: 'endedOn' }] });
    const missing = await rejection(() =>
      answerWarning(input({ outcome: 'assistance-ended', programme: 'dibao-allowance', reason: 'died', handledBy: 'YL-0413' }), feedback),
    );
    expect(missing).toMatchObject({ statusCode: 400, problems: [{ field: 'endedOn' }] });

    const ok = await answerWarning(
      input({ outcome: 'assistance-ended', programme: 'dibao-allowance', endedOn: '2026-11-30', reason: 'died', handledBy: 'YL-0413' }),
      feedback,
    );
    expect(ok).toMatchObject({ status: 'resolved', replayed: false });
    expect(events.published.map((e) => e.detailType)).toEqual(['WarningsRaised.v1', 'WarningResolved.v1', 'AssistanceEnded.v1']);
    expect(register.held.get(yueluHousehold.householdId)!.allowances[0]).toMatchObject({ status: 'ended', endedOn: '2026-11-30' });
  });

  it('finishes a referral retried after it failed half-way: county coordination joins the warning', async () => {
    const { events, warnings, raised, feedback, input: answer } = await answering();
    const input = answer({ outcome: 'referred-to-county-coordination', reason: 'needs housing and medical help at once', handledBy: 'YL-0413' });

    // The answer is recorded, then the step that adds county coordination fails (a crash, a throttle).
    const addRecipients = warnings.addRecipients.bind(warnings);
    warnings.addRecipients = () => Promise.reject(new Error('UpdateItem: ProvisionedThroughputExceededException'));
    await expect(answerWarning(input, feedback)).rejects.toThrow();
    warnings.addRecipients = addRecipients;

    expect(await answerWarning(input, feedback)).toMatchObject({ status: 'acknowledged', replayed: true });
    expect((await warnings.get(raised.warningId))!.recipients).toEqual(['civil-affairs', 'county-coordination']);
    expect(events.published.map((e) => e.detailType)).toEqual(['WarningsRaised.v1', 'WarningResolved.v1', 'WarningReferred.v1']);
  });
});
