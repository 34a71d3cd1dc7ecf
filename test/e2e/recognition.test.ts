import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { identityNumber } from '../fixtures/people';

/** Civil affairs posts an economic-status investigation and gets a classified, explained decision. */
const { platform, as } = onLocalPlatform();

const mother = { identityNumber: identityNumber('430111', '1986-04-09', 62), name: '刘芳' };
const daughter = { identityNumber: identityNumber('430111', '2015-10-30', 48), name: '刘欣怡' };
const investigation = (over: Record<string, unknown> = {}) => ({
  type: 'economic-investigation',
  recordId: 'MZ-DC-2026-3391',
  householdId: '430111-2026-003391',
  district: '430111',
  investigatedOn: '2026-11-15',
  period: { from: '2026-05-01', to: '2026-10-31' },
  members: [
    { ...mother, relationship: 'head', capacityToWork: 'partial', incomes: [{ source: 'wage', monthlyFen: 120_000 }] },
    { ...daughter, relationship: 'child', capacityToWork: 'none', incomes: [] },
  ],
  assets: [{ kind: 'deposit', valueFen: 1_200_000 }],
  necessarySpending: [{ kind: 'education', amountFen: 80_000, on: '2026-09-01' }],
  legalSupporters: [{ ableToSupport: false }],
  ...over,
});

describe('one application, classified review', () => {
  it('classifies the household and writes the decision with its reasons into the chain', async () => {
    const posted = await as('civil-affairs').submit('civil-affairs-investigations-2026-11-15', [investigation()]);
    expect(posted.status).toBe(202);
    await platform.idle();
    const chain = (await as('civil-affairs').chain('430111-2026-003391')).body as { chain: { kind: string; summary: string }[] };
    const decision = chain.chain.find((e) => e.kind === 'recognition-decision');
    // 120,000 fen for two people = 60,000 a person, below the 2026 standard of 90,000.
    expect(decision?.summary).toContain('qualifies as DIBAO (per-capita income 60000 fen a month, policy version 0)');
  });

  it('rejects an investigation that contradicts itself, naming the field, and decides nothing', async () => {
    const twice = investigation({ recordId: 'MZ-DC-2026-3392', members: [investigation().members[0], investigation().members[0]] });
    const r1 = await as('civil-affairs').submit('civil-affairs-investigations-bad-1', [twice]);
    expect(r1).toMatchObject({
      status: 400,
      body: { problems: [expect.objectContaining({ field: 'members[1].identityNumber', message: '该成员重复列出 / member listed twice' })] },
    });
    const outside = investigation({ recordId: 'MZ-DC-2026-3393', necessarySpending: [{ kind: 'medical', amountFen: 50_000, on: '2026-11-02' }] });
    const r2 = await as('civil-affairs').submit('civil-affairs-investigations-bad-2', [outside]);
    expect(r2).toMatchObject({ status: 400, body: { problems: [expect.objectContaining({ field: 'necessarySpending[0].on' })] } });
    const negative = investigation({ recordId: 'MZ-DC-2026-3394', assets: [{ kind: 'deposit', valueFen: -1 }] });
    const r3 = await as('civil-affairs').submit('civil-affairs-investigations-bad-3', [negative]);
    expect(r3).toMatchObject({ status: 400, body: { problems: [expect.objectContaining({ field: 'assets[0].valueFen' })] } });
  });
});
