import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { submissionReceipt, submissionStatus } from '../../shared/platform/answers';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';

/**
 * 报送状态 on the local platform: a department submits a batch that raises warnings, then reads
 * its submission back over the signed API (states, totals, the warnings with their recipients,
 * the same warnings that reach the queues); another department learns nothing of it.
 */
const { platform, as } = onLocalPlatform();
const stranger = { identityNumber: identityNumber('430105', '1951-07-30', 41), name: '周德胜' };

describe('reading a submission back (GET /departments/{department}/submissions/{submissionId})', () => {
  it('says which records were evaluated and which warnings each raised, for whom', async () => {
    const roll = submissionReceipt.parse((await as('civil-affairs').submit('civil-affairs-roll-2026-11-01', [rollEntry()])).body);
    await platform.idle();
    const rolled = await as('civil-affairs').call('GET', `/departments/civil-affairs/submissions/${roll.submissionId}`);
    expect(rolled.status).toBe(200);
    // A roll entry: register-update wrote it, then warning evaluation read it from HouseholdsRolled.v1.
    // (The members' premium subsidy is not on record yet: IND-10 goes to medical insurance.)
    const rollStatus = submissionStatus.parse(rolled.body);
    expect(rollStatus).toMatchObject({
      state: 'evaluated',
      totals: { records: 1, evaluated: 1, warningsRaised: 1 },
      records: [
        {
          recordId: 'MZ-2025-000317',
          recordType: 'low-income-roll-entry',
          state: 'evaluated',
          warnings: [{ indicatorId: 'IND-10', recipients: ['medical-insurance'] }],
        },
      ],
    });
    const premium = await as('medical-insurance').nextWorkItem((i) => i.warning.warningId === rollStatus.records[0]!.warnings[0]!.warningId, 20_000);
    expect(premium?.warning.indicator.id).toBe('IND-10');

    const sent = await as('health').submit('health-deaths-2026-11-21-001', [deathRecord(), deathRecord(stranger, 'WJ-SW-2026-104234')]);
    expect(sent.status).toBe(202);
    const receipt = submissionReceipt.parse(sent.body);
    const item = await as('civil-affairs').nextWorkItem((i) => i.warning.householdId === yueluHousehold.householdId, 20_000);
    expect(item).toBeDefined();
    await platform.idle();

    const read = await as('health').call('GET', `/departments/health/submissions/${receipt.submissionId}`);
    expect(read.status).toBe(200);
    const status = submissionStatus.parse(read.body);
    expect(status).toMatchObject({
      submissionId: receipt.submissionId,
      batchId: 'health-deaths-2026-11-21-001',
      department: 'health',
      acceptedAt: receipt.acceptedAt,
      state: 'evaluated',
      totals: { records: 2, evaluated: 2, warningsRaised: 1 },
    });
    expect(status.records).toEqual([
      {
        recordId: 'WJ-SW-2026-104233',
        index: 0,
        recordType: 'death-record',
        state: 'evaluated',
        warnings: [{ warningId: item!.warning.warningId, indicatorId: 'IND-01', recipients: ['civil-affairs'] }],
      },
      { recordId: 'WJ-SW-2026-104234', index: 1, recordType: 'death-record', state: 'evaluated', warnings: [] },
    ]);
    const text = JSON.stringify(read.body);
    for (const p of [yueluHousehold.grandmother, stranger]) {
      expect(text).not.toContain(p.identityNumber);
      expect(text).not.toContain(p.name);
    }

    // Another department: its own route answers 404 (as for an id that does not exist), the health route 403 (IAM).
    const elsewhere = await as('civil-affairs').call('GET', `/departments/civil-affairs/submissions/${receipt.submissionId}`);
    expect(elsewhere).toMatchObject({ status: 404, body: { error: 'SubmissionNotFound' } });
    expect((await as('health').call('GET', `/departments/health/submissions/S${'0'.repeat(26)}`)).status).toBe(404);
    expect((await as('civil-affairs').call('GET', `/departments/health/submissions/${receipt.submissionId}`)).status).toBe(403);
    expect(await as('health').call('GET', '/departments/health/submissions/not-a-submission-id')).toMatchObject({
      status: 400,
      body: { error: 'InvalidSubmissionId' },
    });
  });
});
