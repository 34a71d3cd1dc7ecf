import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { deathRecord, identityNumber, rollEntry, yueluHousehold } from '../fixtures/people';

/**
 * Payment supervision (四.3 确保按时足额发放) end to end, over HTTP with SigV4 and the SQS API,
 * on the local platform: a dibao household on the roll, the grandmother's death in October,
 * then civil affairs' November payment file with a line to her → IND-20 on supervision's queue.
 */
const { platform, as } = onLocalPlatform();
const { householdId, grandmother, grandson } = yueluHousehold;

/** A payee of a household number the roll does not hold. */
const stranger = { identityNumber: identityNumber('430104', '1971-05-03', 64), name: '郭海燕' };
const unknownHousehold = '430104-2025-000999';

const paymentLine = (payee: { identityNumber: string; name: string }, n: number, household = householdId) => ({
  type: 'allowance-payment',
  recordId: `MZ-FF-2026-11-${String(n).padStart(6, '0')}`,
  ...payee,
  programme: 'dibao-allowance',
  month: '2026-11',
  householdId: household,
  district: '430104',
  amountFen: 75_000,
  paidOn: '2026-11-10',
  bankReference: 'CCB****3321',
});

describe('a November allowance paid to a payee who died in October', () => {
  it('takes the roll, the death and the month’s file with its close', async () => {
    expect((await as('civil-affairs').submit('civil-affairs-roll-2025-12-15', [rollEntry()])).status).toBe(202);
    await platform.idle();
    expect((await as('health').submit('health-deaths-2026-10-09', [{ ...deathRecord(), dateOfDeath: '2026-10-08' }])).status).toBe(202);
    await platform.idle();
    const file = [
      paymentLine(grandmother, 1),
      paymentLine(grandson, 2),
      paymentLine(stranger, 3, unknownHousehold),
      {
        type: 'allowance-payment-file',
        recordId: 'MZ-FF-2026-11-430104-DB',
        programme: 'dibao-allowance',
        month: '2026-11',
        district: '430104',
        lineCount: 3,
        totalFen: 225_000,
        closedOn: '2026-11-12',
      },
    ];
    const answer = await as('civil-affairs').submit('civil-affairs-payments-2026-11-430104', file);
    expect(answer.status).toBe(202);
  });

  it('refuses a line with an unmasked bank account, naming the field', async () => {
    const bad = await as('civil-affairs').submit('civil-affairs-payments-2026-11-bad', [{ ...paymentLine(grandson, 3), bankReference: '6217002920101234567' }]);
    expect(bad).toMatchObject({ status: 400, body: { error: 'InvalidRecords', problems: [{ record: 0, field: 'bankReference' }] } });
  });

  // Taken from supervision's own queue: it was routed there.
  it('pushes IND-20 to supervision for the dead payee only, with no identity number or name in it', async () => {
    const item = await as('supervision').nextWorkItem((i) => i.warning.indicator.id === 'IND-20', 30_000);
    expect(item).toBeDefined();
    expect(item!.warning).toMatchObject({
      indicator: { id: 'IND-20', parameters: { 'IND-20.graceDays': 0, 'warning.deadlineDays.IND-20': 10 } },
      householdId,
      district: '430104',
      evidence: [{ recordType: 'allowance-payment', department: 'civil-affairs', facts: { month: '2026-11', amountFen: 75_000, dateOfDeath: '2026-10-08' } }],
    });
    const text = JSON.stringify(item);
    for (const p of [grandmother, grandson, stranger]) {
      expect(text).not.toContain(p.identityNumber);
      expect(text).not.toContain(p.name);
    }
    await platform.idle();
    // The grandson's line raised nothing: one IND-20 warning in all.
    const more = await as('supervision').nextWorkItem((i) => i.warning.indicator.id === 'IND-20', 2_000);
    expect(more).toBeUndefined();
  });
});

describe('a November allowance paid to a household the roll does not hold', () => {
  it('pushes IND-21 to supervision, with the reason and no identity number or name', async () => {
    const item = await as('supervision').nextWorkItem((i) => i.warning.indicator.id === 'IND-21', 30_000);
    expect(item).toBeDefined();
    expect(item!.warning).toMatchObject({
      householdId: unknownHousehold,
      district: '430104',
      action: 'stop the payment: the household is not on the roll',
      evidence: [{ recordType: 'allowance-payment', facts: { reason: 'not-on-roll', month: '2026-11', amountFen: 75_000 } }],
    });
    expect(JSON.stringify(item)).not.toContain(stranger.identityNumber);
    expect(JSON.stringify(item)).not.toContain(stranger.name);
    // The lines of the Yuelu household are owed: no IND-21 for them.
    await platform.idle();
    expect(await as('supervision').nextWorkItem((i) => i.warning.indicator.id === 'IND-21', 2_000)).toBeUndefined();
  });
});
