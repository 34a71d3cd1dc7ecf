import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { deathRecord, rollEntry, withWrongCheckCharacter, yueluHousehold } from '../fixtures/people';

/**
 * The first slice end to end, over HTTP with SigV4 and the SQS API, on the embedded local
 * platform: roll entry → death record → warning on the civil-affairs queue → outcome → chain.
 */
const { platform, as } = onLocalPlatform();

describe('a dibao recipient dies: from the health record to the assistance chain', () => {
  let warningId = '';

  it('puts the household on the roll', async () => {
    const answer = await as('civil-affairs').submit('civil-affairs-roll-2026-11-01', [rollEntry()]);
    expect(answer.status).toBe(202);
    await platform.idle();
    const chain = await as('civil-affairs').chain(yueluHousehold.householdId);
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ household: { category: 'DIBAO', allowances: [{ programme: 'dibao-allowance', status: 'active' }] } });
  });

  it('refuses bad input with a 4xx naming the record and field, and publishes nothing', async () => {
    const delivered = platform.eventBridge.delivered.length;
    const health = as('health');
    const wrongCheck = { ...deathRecord(), identityNumber: withWrongCheckCharacter(yueluHousehold.grandmother.identityNumber) };
    const bad = await health.submit('health-deaths-2026-11-21-bad', [wrongCheck]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'InvalidRecords', problems: [{ record: 0, field: 'identityNumber' }] });

    const malformed = await health.call('POST', '/departments/health/submissions', '{"batchId":');
    expect(malformed).toMatchObject({ status: 400, body: { error: 'MalformedJson' } });

    const notItsType = await health.submit('health-deaths-2026-11-21-roll', [rollEntry()]);
    expect(notItsType).toMatchObject({ status: 403, body: { error: 'RecordTypeNotAllowed' } });

    // Health's role may not invoke civil affairs' route at all (IAM, before any handler runs).
    const otherRoute = await health.call('POST', '/departments/civil-affairs/submissions', { batchId: 'x-00000000', records: [] });
    expect(otherRoute.status).toBe(403);
    expect(String((otherRoute.body as { message: string }).message)).toContain('not authorized to perform: execute-api:Invoke');

    const unsigned = await fetch(`${platform.url}/departments/health/submissions`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);

    // The API's description is public, like a published interface document.
    const openapi = (await (await fetch(`${platform.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/departments/{department}/submissions');

    await platform.idle();
    expect(platform.eventBridge.delivered.length).toBe(delivered);
  });

  it('raises the warning and pushes it to the civil-affairs queue, with no identity number in it', async () => {
    const answer = await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()]);
    expect(answer.status).toBe(202);
    const item = await as('civil-affairs').nextWorkItem((i) => i.warning.householdId === yueluHousehold.householdId, 20_000);
    expect(item).toBeDefined();
    expect(item!.warning).toMatchObject({
      indicator: { id: 'IND-01', version: 1, parameters: { 'warning.deadlineDays.IND-01': 10 } },
      district: '430104',
      evidence: [{ recordType: 'death-record', department: 'health', facts: { dateOfDeath: '2026-11-20' } }],
    });
    expect(item!.answer.path).toBe(`/departments/civil-affairs/warnings/${item!.warning.warningId}/outcome`);
    const text = JSON.stringify(item);
    expect(text).not.toContain(yueluHousehold.grandmother.identityNumber);
    expect(text).not.toContain(yueluHousehold.grandmother.name);
    warningId = item!.warning.warningId;
  });

  it('changes nothing when health sends the same batch again', async () => {
    const again = await as('health').submit('health-deaths-2026-11-21-001', [deathRecord()]);
    expect(again.status).toBeLessThan(300);
    await platform.idle();
    const messages = await platform.sqs.peek(`${platform.prefix}-civil-affairs-work`);
    expect(messages).toHaveLength(0);
  });

  it('lets only a department the warning was routed to answer it', async () => {
    const outcome = { outcome: 'no-action-needed', reason: 'not ours', handledBy: 'JY-0001' };
    const education = await as('education').answer(warningId, outcome);
    expect(education).toMatchObject({ status: 403, body: { error: 'WarningNotRoutedToYou' } });
  });

  it('takes the outcome and shows the death, the warning, the outcome and the ended allowance in order', async () => {
    const outcome = {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      reason: 'household head died on 2026-11-20',
      handledBy: 'YL-MZ-0413',
    };
    const civilAffairs = as('civil-affairs');
    const answer = await civilAffairs.answer(warningId, outcome);
    expect(answer).toMatchObject({ status: 200, body: { status: 'resolved', outcome: 'assistance-ended' } });

    const twice = await civilAffairs.answer(warningId, outcome);
    expect(twice.status).toBe(200);
    // Another body for the remembered request, even one the outcome's schema refuses, is a conflict, not a 400.
    const invalid = await civilAffairs.answer(warningId, { ...outcome, endedOn: 'soon' });
    expect(invalid).toMatchObject({ status: 409, body: { error: 'IdempotencyKeyReused' } });
    const different = await civilAffairs.answer(warningId, { ...outcome, endedOn: '2026-12-31' });
    expect(different.status).toBe(409);

    const chain = await civilAffairs.chain(yueluHousehold.householdId);
    const view = chain.body as {
      chain: { kind: string; actor: string; refs: Record<string, string> }[];
      household: { allowances: { status: string; endedOn?: string }[] };
      warnings: { warningId: string; indicator: string; status: string; recipients: string[] }[];
    };
    const deathStory = view.chain.filter((e) => e.kind === 'roll-entry' || e.refs.recordType === 'death-record' || e.refs.warningId === warningId);
    expect(deathStory.map((e) => e.kind)).toEqual(['roll-entry', 'department-record', 'warning-raised', 'warning-pushed', 'outcome', 'assistance-ended']);
    expect(view.chain.find((e) => e.kind === 'outcome')!.actor).toBe('civil-affairs/YL-MZ-0413');
    expect(view.household.allowances).toEqual([expect.objectContaining({ status: 'ended', endedOn: '2026-11-30' })]);
    expect(view.warnings.find((w) => w.warningId === warningId)).toMatchObject({ indicator: 'IND-01', status: 'resolved' });
    // Putting the household on the roll also found both members without a premium subsidy (IND-10):
    // one open warning for the household, the second member's evidence absorbed into it.
    expect(view.warnings.filter((w) => w.indicator === 'IND-10')).toEqual([expect.objectContaining({ recipients: ['medical-insurance'], status: 'pushed' })]);
    expect(view.chain.filter((e) => e.kind === 'warning-evidence')).toHaveLength(1);
  });
});
