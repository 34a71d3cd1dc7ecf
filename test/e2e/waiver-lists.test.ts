import { describe, expect, it } from 'vitest';
import { identityNumber, rollEntry, type HouseholdFixture } from '../fixtures/people';
import { onLocalPlatform } from './departments';

/**
 * 其他救助帮扶 fee-waiver lists end to end, over HTTP with SigV4: civil affairs rolls a dibao and
 * an edge household in Wangcheng, reads the month's water list (masked numbers and codes, off
 * the roll index), a provider's line read back verifies and a tampered one does not; then a
 * policy change extends water to edge families from its effective month.
 */
const { as, platform } = onLocalPlatform();

const dibao: HouseholdFixture = {
  householdId: '430112-2025-000418',
  district: '430112',
  grandmother: { identityNumber: identityNumber('430112', '1951-07-04', 36), name: '周秀英' },
  grandson: { identityNumber: identityNumber('430112', '2014-02-19', 51), name: '周伟' },
  monthlyAllowanceFen: 2 * 75_000,
};
const edge: HouseholdFixture = {
  householdId: '430112-2026-000077',
  district: '430112',
  grandmother: { identityNumber: identityNumber('430112', '1958-10-30', 24), name: '陈桂兰' },
  grandson: { identityNumber: identityNumber('430112', '2016-05-08', 63), name: '陈明' },
  monthlyAllowanceFen: 0,
};
const masked = (n: string) => `${n.slice(0, 6)}***********${n.slice(17)}`;

type Line = { district: string; maskedIdentityNumber: string; category: string; waiver: string; month: string; code: string };
type List = { waiver: string; month: string; district: string; lines: Line[]; next?: string };

describe('a month’s water waiver list and its codes', () => {
  const civil = () => as('civil-affairs');
  let lines: Line[] = [];

  it('lists the dibao household’s members only, masked, with a code each', async () => {
    const { allowance: _none, ...edgeEntry } = rollEntry(edge, 'MZ-2026-000077');
    const entries = [rollEntry(dibao, 'MZ-2025-000418'), { ...edgeEntry, category: 'DIBAO_EDGE' }];
    expect((await civil().submit('civil-affairs-roll-wangcheng-2026-12', entries)).status).toBe(202);
    await platform.idle();

    const list = await civil().call<List>('GET', '/waivers/water/2026-12?district=430112');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ waiver: 'water', month: '2026-12', district: '430112' });
    expect(list.body.lines.map((l) => l.maskedIdentityNumber).sort()).toEqual(
      [masked(dibao.grandmother.identityNumber), masked(dibao.grandson.identityNumber)].sort(),
    );
    expect(list.body.lines.every((l) => l.category === 'DIBAO' && /^[0-9A-HJKMNP-TV-Z]{10}$/.test(l.code))).toBe(true);
    const text = JSON.stringify(list.body);
    for (const p of [dibao.grandmother, dibao.grandson, edge.grandmother, edge.grandson]) {
      expect(text).not.toContain(p.identityNumber);
      expect(text).not.toContain(p.name);
    }
    lines = list.body.lines;

    // Another district's list does not hold them; a page token of another list is refused.
    const yuhua = await civil().call<List>('GET', '/waivers/water/2026-12?district=430111');
    expect(yuhua.body.lines.filter((l) => l.maskedIdentityNumber.startsWith('430112'))).toEqual([]);
    const paged = await civil().call<List>('GET', '/waivers/water/2026-12?district=430112&limit=1');
    expect(paged.body.next).toBeDefined();
    const foreign = await civil().call('GET', `/waivers/water/2026-12?district=430111&next=${encodeURIComponent(paged.body.next!)}`);
    expect(foreign).toMatchObject({ status: 400, body: { error: 'InvalidPageToken' } });
  });

  it('verifies a line read back, and not a tampered code nor another month’s', async () => {
    const line = lines[0]!;
    const readBack = { maskedIdentityNumber: line.maskedIdentityNumber, code: `${line.code.slice(0, 5).toLowerCase()}-${line.code.slice(5)}` };
    expect(await civil().call('POST', '/waivers/water/2026-12/verify', readBack)).toMatchObject({
      status: 200,
      body: { waiver: 'water', month: '2026-12', entitled: true },
    });
    const last = line.code.at(-1) === 'Z' ? 'Y' : 'Z';
    const tampered = { ...readBack, code: `${line.code.slice(0, 9)}${last}` };
    expect(await as('county-coordination').call('POST', '/waivers/water/2026-12/verify', tampered)).toMatchObject({ status: 200, body: { entitled: false } });
    expect(await civil().call('POST', '/waivers/water/2027-01/verify', readBack)).toMatchObject({ status: 200, body: { entitled: false } });
    expect(await civil().call('POST', '/waivers/gas/2026-12/verify', readBack)).toMatchObject({ status: 200, body: { entitled: false } });
  });

  it('refuses departments that are not callers, unknown waivers and a missing district', async () => {
    expect((await as('education').call('GET', '/waivers/water/2026-12?district=430112')).status).toBe(403);
    expect((await as('supervision').call('GET', '/waivers/water/2026-12?district=430112')).status).toBe(200);
    expect(await civil().call('GET', '/waivers/sewage/2026-12?district=430112')).toMatchObject({ status: 400, body: { error: 'UnknownWaiver' } });
    expect(await civil().call('GET', '/waivers/water/2026-12')).toMatchObject({ status: 400, body: { error: 'InvalidDistrict' } });
  });

  it('lists for childcare the roll’s children under the age the policy sets, from the month of birth the roll keeps', async () => {
    // A young dibao family in Furong: a toddler under three, an elder sister over three, the parents.
    const mother = { identityNumber: identityNumber('430102', '1996-08-21', 42), name: '刘娟' };
    const toddler = { identityNumber: identityNumber('430102', '2025-03-11', 17), name: '刘子涵' };
    const sister = { identityNumber: identityNumber('430102', '2023-11-02', 28), name: '刘子萱' };
    const entry = {
      ...rollEntry({ ...dibao, householdId: '430102-2026-000233', district: '430102', grandmother: mother, grandson: toddler }, 'MZ-2026-000233'),
      members: [
        { identityNumber: mother.identityNumber, name: mother.name, relationship: 'head' },
        { identityNumber: toddler.identityNumber, name: toddler.name, relationship: 'child' },
        { identityNumber: sister.identityNumber, name: sister.name, relationship: 'child' },
      ],
    };
    expect((await civil().submit('civil-affairs-roll-furong-2026-12', [entry])).status).toBe(202);
    await platform.idle();

    // 2026-12: the toddler is 21 months old, the sister 37 (the city's limit is 36 months).
    const list = await civil().call<List>('GET', '/waivers/childcare/2026-12?district=430102');
    expect(list.status).toBe(200);
    expect(list.body.lines.map((l) => l.maskedIdentityNumber)).toEqual([masked(toddler.identityNumber)]);
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('2025-03');
    expect(text).not.toContain(toddler.identityNumber);
    // Before the plan's waivers were in force there is no list: a 400 naming the month, not a failure.
    const before = await civil().call('GET', '/waivers/childcare/2025-02?district=430102');
    expect(before).toMatchObject({ status: 400, body: { error: 'InvalidMonth', problems: [{ field: 'month' }] } });
  });

  it('lists the edge household from the month a policy change extends water to edge families', async () => {
    const current = await civil().call<{ version: number }>('GET', '/policy/parameters');
    const change = await civil().call('POST', '/policy/changes', {
      expectedVersion: current.body.version,
      reason: '用水费用减免逐步延伸至低保边缘家庭 / water waivers extended to edge families',
      parameters: [
        {
          name: 'waiver.water.categories',
          value: 'TEKUN,DIBAO,DIBAO_EDGE',
          district: '*',
          unit: 'categories',
          effectiveFrom: '2027-01-01',
          effectiveTo: '2030-11-30',
          source: '市民政局关于费用减免延伸至低保边缘家庭的通知',
        },
      ],
    });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    const december = await civil().call<List>('GET', '/waivers/water/2026-12?district=430112');
    expect(december.body.lines.map((l) => l.category)).toEqual(['DIBAO', 'DIBAO']);
    const january = await civil().call<List>('GET', '/waivers/water/2027-01?district=430112');
    const edgeLines = january.body.lines.filter((l) => l.category === 'DIBAO_EDGE').map((l) => l.maskedIdentityNumber);
    expect(edgeLines.sort()).toEqual([masked(edge.grandmother.identityNumber), masked(edge.grandson.identityNumber)].sort());
    expect(january.body.lines).toHaveLength(4);
    // Gas is not extended: still the dibao household alone.
    const gas = await civil().call<List>('GET', '/waivers/gas/2027-01?district=430112');
    expect(gas.body.lines.every((l) => l.category === 'DIBAO')).toBe(true);
  });
});
