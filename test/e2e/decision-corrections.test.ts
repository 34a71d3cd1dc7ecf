import { describe, expect, it } from 'vitest';
import { cityDay } from '../../shared/domain/city-time';
import { identityNumber } from '../fixtures/people';
import { onLocalPlatform } from './departments';

/**
 * 容错纠错 of a recognition decision, end to end over HTTP with SigV4: an employer misreported a
 * mother's wage, so the classified review refused the household; civil affairs corrects the
 * decision to DIBAO with the income as found. The household is enrolled (allowance from the
 * standard), posted on the month's disclosure list, counted as a grant and a correction by cause;
 * the decision stays as it was with the correction beside it; CorrectionRecorded.v1 goes out once.
 */
const { platform, as } = onLocalPlatform();

const HOUSEHOLD = '430111-2026-005183';
const mother = { identityNumber: identityNumber('430111', '1986-09-23', 42), name: '唐晓红' };
const daughter = { identityNumber: identityNumber('430111', '2015-04-11', 28), name: '唐雨欣' };
const investigatedOn = addDays(cityDay(new Date()), -10);
const investigation = {
  type: 'economic-investigation',
  recordId: 'MZ-YH-2026-5183',
  householdId: HOUSEHOLD,
  district: '430111',
  investigatedOn,
  period: { from: '2026-05-01', to: '2026-10-31' },
  members: [
    // As the employer reported it: 300,000 fen a month, 150,000 a person (above every threshold).
    { ...mother, relationship: 'head', capacityToWork: 'full', incomes: [{ source: 'wage', monthlyFen: 300_000 }] },
    { ...daughter, relationship: 'child', capacityToWork: 'none', incomes: [] },
  ],
  assets: [{ kind: 'deposit', valueFen: 400_000 }],
  necessarySpending: [{ kind: 'education', amountFen: 30_000, on: '2026-09-01' }],
  legalSupporters: [{ ableToSupport: false }],
};

type Decisions = {
  decisions: {
    recordId: string;
    category: string | null;
    corrections: { correctionId: string; cause: string; correctedBy: string; from: string | null; category: string | null; changes: { kind: string }[] }[];
  }[];
};
type Stats = { totals: { assistanceGranted: number }; byDepartment: Record<string, Record<string, number>> };

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('a refusal on misreported income, corrected to DIBAO', () => {
  const civil = () => as('civil-affairs');
  let decisionId = '';
  let path = '';
  const month = cityDay(new Date()).slice(0, 7);
  const correction = {
    category: 'DIBAO',
    correctedInputs: { perCapitaMonthlyIncomeFen: 60_000 },
    cause: 'misreported-income',
    reason: '用人单位误报工资，经核实月收入为 120000 分 / the employer misreported the wage',
    correctedBy: 'MZ-YH-0208',
  };
  const published: string[] = [];

  it('refuses the household on the income as reported', async () => {
    expect((await civil().submit('civil-affairs-investigations-5183', [investigation])).status).toBe(202);
    await platform.idle();
    const read = await civil().call<Decisions>('GET', `/households/${HOUSEHOLD}/decisions`);
    expect(read.status).toBe(200);
    expect(read.body.decisions).toHaveLength(1);
    expect(read.body.decisions[0]).toMatchObject({ category: null, corrections: [] });
    decisionId = read.body.decisions[0]!.recordId;
    path = `/households/${HOUSEHOLD}/decisions/${encodeURIComponent(decisionId)}/corrections`;

    // Every event put on the bus from here on.
    const putEvents = platform.eventBridge.putEvents.bind(platform.eventBridge);
    platform.eventBridge.putEvents = (entries) => {
      for (const e of entries) published.push(JSON.stringify(e));
      return putEvents(entries);
    };
  });

  it('refuses education, and a correction without a cause or that changes nothing', async () => {
    expect((await as('education').call('POST', path, correction)).status).toBe(403);
    const { cause: _c, ...noCause } = correction;
    expect(await civil().call('POST', path, noCause)).toMatchObject({
      status: 400,
      body: { error: 'InvalidCorrection', problems: [expect.objectContaining({ field: 'cause' })] },
    });
    const same = await civil().call('POST', path, { ...correction, category: null }, { 'Idempotency-Key': 'yh-5183-same' });
    expect(same).toMatchObject({ status: 422, body: { error: 'NothingToCorrect' } });
  });

  it('enrols the household with the allowance from the standard, and keeps the decision as it was', async () => {
    const granted = ((await as('supervision').call('GET', `/statistics/${month}`)).body as Stats).totals.assistanceGranted;
    const first = await civil().call<{ changes: { kind: string }[]; allowances: unknown[]; replayed: boolean }>('POST', path, correction, {
      'Idempotency-Key': 'yh-5183-dibao',
    });
    expect(first.status).toBe(200);
    // (90,000 standard − 60,000 found) × 2 members.
    expect(first.body).toMatchObject({
      from: null,
      category: 'DIBAO',
      cause: 'misreported-income',
      sequence: 1,
      replayed: false,
      allowances: [{ programme: 'dibao-allowance', status: 'active', monthlyAmountFen: 60_000, startDate: cityDay(new Date()) }],
    });
    expect(first.body.changes).toEqual([{ kind: 'enrolled', programme: 'dibao-allowance', monthlyAmountFen: 60_000, startDate: cityDay(new Date()) }]);
    await platform.idle();

    const chain = await civil().call<{
      household: { category: string; allowances: { programme: string; status: string }[] };
      chain: { kind: string; summary: string }[];
    }>('GET', `/households/${HOUSEHOLD}/chain`);
    expect(chain.body.household).toMatchObject({ category: 'DIBAO', allowances: [{ programme: 'dibao-allowance', status: 'active' }] });
    expect(chain.body.chain.map((e) => e.kind)).toEqual(expect.arrayContaining(['recognition-decision', 'correction', 'roll-entry']));
    const text = JSON.stringify(chain.body);
    for (const p of [mother, daughter]) {
      expect(text).not.toContain(p.identityNumber);
      expect(text).not.toContain(p.name);
    }

    const disclosure = await civil().call<{ lines: { programme: string; amountFen: number; maskedHeadIdentityNumber: string; kind: string }[] }>(
      'GET',
      `/disclosure/${month}?district=430111`,
    );
    expect(disclosure.status).toBe(200);
    expect(disclosure.body.lines).toContainEqual(
      expect.objectContaining({
        kind: 'allowance',
        programme: 'dibao-allowance',
        amountFen: 60_000,
        maskedHeadIdentityNumber: expect.stringMatching(/^430111\*+/),
      }),
    );

    const stats = (await as('supervision').call('GET', `/statistics/${month}`)).body as Stats;
    expect(stats.totals.assistanceGranted).toBe(granted + 1);
    expect(stats.byDepartment['civil-affairs']).toMatchObject({ corrections: 1, 'corrections#misreported-income': 1 });

    const decisions = await as('supervision').call<Decisions>('GET', `/households/${HOUSEHOLD}/decisions`);
    expect(decisions.body.decisions[0]).toMatchObject({
      recordId: decisionId,
      category: null,
      corrections: [{ cause: 'misreported-income', correctedBy: 'MZ-YH-0208', from: null, category: 'DIBAO', changes: [{ kind: 'enrolled' }] }],
    });
    expect(published.filter((e) => e.includes('CorrectionRecorded.v1'))).toHaveLength(1);
    const event = JSON.parse(published.find((e) => e.includes('CorrectionRecorded.v1'))!) as { Detail: string };
    expect(JSON.parse(event.Detail)).toMatchObject({
      householdId: HOUSEHOLD,
      corrects: { kind: 'decision', decisionId },
      cause: 'misreported-income',
      corrected: 'DIBAO',
    });
    for (const p of [mother, daughter]) expect(event.Detail).not.toContain(p.identityNumber);
  });

  it('changes nothing when the same correction comes again, and refuses another body under the same key', async () => {
    const again = await civil().call('POST', path, correction, { 'Idempotency-Key': 'yh-5183-dibao' });
    expect(again).toMatchObject({ status: 200, body: { correctionId: `${decisionId}:correction:1`, sequence: 1 } });
    const reused = await civil().call('POST', path, { ...correction, category: 'TEKUN' }, { 'Idempotency-Key': 'yh-5183-dibao' });
    expect(reused).toMatchObject({ status: 409, body: { error: 'IdempotencyKeyReused' } });
    await platform.idle();
    const stats = (await as('supervision').call('GET', `/statistics/${month}`)).body as Stats;
    expect(stats.byDepartment['civil-affairs']).toMatchObject({ corrections: 1 });
    const decisions = await civil().call<Decisions>('GET', `/households/${HOUSEHOLD}/decisions`);
    expect(decisions.body.decisions[0]!.corrections).toHaveLength(1);
    expect(published.filter((e) => e.includes('CorrectionRecorded.v1'))).toHaveLength(1);
  });
});
