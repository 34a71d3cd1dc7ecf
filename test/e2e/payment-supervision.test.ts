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

/**
 * A whole month's file of Yuhua district, posted in two batches with the close in the second:
 * the checks that need the whole file run once it is complete, and only then.
 */
describe('a Yuhua November file checked whole once complete', () => {
  const district = '430111';
  const person = (birthDate: string, sequence: number, name: string) => ({ identityNumber: identityNumber(district, birthDate, sequence), name });
  const widower = person('1952-07-19', 31, '周德胜');
  const daughter = person('1986-02-03', 42, '周春梅');
  const alone = person('1949-10-01', 57, '孙淑珍');
  const twicePaid = person('1961-05-23', 18, '马国庆');
  const neighbour = person('1958-12-30', 26, '罗玉兰');
  const households = {
    short: '430111-2025-000101', // 2 people, 1,500 yuan a month, paid 1,000
    missing: '430111-2025-000102', // 1 person, 800 yuan a month, no line at all
    own: '430111-2025-000103', // the twice-paid payee's own household
    other: '430111-2025-000104', // a household whose line names that payee instead of its own member
  };
  const roll = (householdId: string, monthlyAmountFen: number, members: { identityNumber: string; name: string }[], n: number) => ({
    type: 'low-income-roll-entry',
    recordId: `MZ-YH-2025-${String(n).padStart(6, '0')}`,
    householdId,
    district,
    category: 'DIBAO',
    recognisedOn: '2025-12-15',
    allowance: { programme: 'dibao-allowance', monthlyAmountFen, startDate: '2026-01-01' },
    members: members.map((m, i) => ({ ...m, relationship: i === 0 ? 'head' : 'child' })),
  });
  const line = (payee: { identityNumber: string; name: string }, household: string, amountFen: number, n: number) => ({
    ...paymentLine(payee, n, household),
    recordId: `MZ-YH-FF-2026-11-${String(n).padStart(6, '0')}`,
    district,
    amountFen,
  });
  const firstBatch = [line(widower, households.short, 75_000, 1), line(twicePaid, households.own, 75_000, 2)];
  const secondBatch = [
    line(daughter, households.short, 25_000, 3),
    line(twicePaid, households.other, 75_000, 4),
    {
      type: 'allowance-payment-file',
      recordId: 'MZ-YH-FF-2026-11-430111-DB',
      programme: 'dibao-allowance',
      month: '2026-11',
      district,
      lineCount: 4,
      totalFen: 250_000,
      closedOn: '2026-11-12',
    },
  ];
  const fileCheck = (i: { warning: { indicator: { id: string }; district: string } }) =>
    ['IND-22', 'IND-23', 'IND-24'].includes(i.warning.indicator.id) && i.warning.district === district;
  const everyone = [widower, daughter, alone, twicePaid, neighbour];
  const clear = (item: unknown) => {
    const text = JSON.stringify(item);
    for (const p of everyone) {
      expect(text).not.toContain(p.identityNumber);
      expect(text).not.toContain(p.name);
    }
  };

  it('raises nothing of the whole file while its first batch alone is held', async () => {
    const rolls = [
      roll(households.short, 150_000, [widower, daughter], 101),
      roll(households.missing, 80_000, [alone], 102),
      roll(households.own, 75_000, [twicePaid], 103),
      roll(households.other, 75_000, [neighbour], 104),
    ];
    expect((await as('civil-affairs').submit('civil-affairs-roll-yuhua-2025-12-15', rolls)).status).toBe(202);
    await platform.idle();
    expect((await as('civil-affairs').submit('civil-affairs-payments-2026-11-430111-1', firstBatch)).status).toBe(202);
    await platform.idle();
    expect(await as('supervision').nextWorkItem(fileCheck, 2_000)).toBeUndefined();
  });

  it('on the close, pushes IND-22, IND-23 and IND-24 to supervision once each, with no identity number or name', async () => {
    expect((await as('civil-affairs').submit('civil-affairs-payments-2026-11-430111-2', secondBatch)).status).toBe(202);
    await platform.idle();
    const found = new Map<string, Awaited<ReturnType<ReturnType<typeof as>['nextWorkItem']>>>();
    for (let n = 0; n < 3; n++) {
      const item = await as('supervision').nextWorkItem(fileCheck, 30_000);
      expect(item).toBeDefined();
      expect(found.has(item!.warning.indicator.id)).toBe(false);
      found.set(item!.warning.indicator.id, item);
      clear(item);
    }
    expect(found.get('IND-22')!.warning).toMatchObject({
      householdId: households.short,
      action: 'pay the 50000 fen still owed',
      evidence: [
        { recordType: 'allowance-payment', facts: { amountFen: 75_000, owedFen: 150_000, paidInAllFen: 100_000, differenceFen: -50_000, direction: 'below' } },
        { recordType: 'allowance-payment', facts: { amountFen: 25_000, owedFen: 150_000, paidInAllFen: 100_000, differenceFen: -50_000, direction: 'below' } },
      ],
    });
    expect(found.get('IND-23')!.warning).toMatchObject({
      householdId: households.missing,
      evidence: [{ recordType: 'allowance-payment-file', facts: { programme: 'dibao-allowance', month: '2026-11', lineCount: 4, monthlyAmountFen: 80_000 } }],
    });
    expect(found.get('IND-24')!.warning).toMatchObject({ householdId: households.own });
    const paidUnder = found
      .get('IND-24')!
      .warning.evidence.map((e) => e.facts.householdId)
      .sort();
    expect(paidUnder).toEqual([households.own, households.other]);
    // Nothing about the households paid in full, and no second warning of any of the three.
    expect(await as('supervision').nextWorkItem(fileCheck, 2_000)).toBeUndefined();
  });

  it('raises nothing new when the second batch is posted again', async () => {
    expect((await as('civil-affairs').submit('civil-affairs-payments-2026-11-430111-2-again', secondBatch)).status).toBe(202);
    await platform.idle();
    expect(await as('supervision').nextWorkItem(fileCheck, 2_000)).toBeUndefined();
  });
});
