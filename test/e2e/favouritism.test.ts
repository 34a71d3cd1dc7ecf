import { describe, expect, it } from 'vitest';
import type { WorkItemV1 } from '../../events/work-item.v1';
import { onLocalPlatform } from './departments';
import { identityNumber, nameFor } from '../fixtures/people';

/**
 * 杜绝人情保关系保，严查优亲厚友 (plan 四.3) on the local platform: civil affairs registers its officer
 * W (the session name its keys sign with) with W's household member M; a roll entry for a household
 * containing M, sent by W, reaches supervision as IND-27 exactly once, with no identity number or
 * name in the message; an unrelated household raises nothing; W's own household's investigation
 * does too; re-registering W with a daughter finds the household W had already decided; W deciding
 * every approval of a district with four registered officers is IND-28 after a sweep, once.
 */
const { platform, as } = onLocalPlatform();

const YUELU = '430104';
const person = (birthDate: string, sequence: number, n: number) => ({ identityNumber: identityNumber(YUELU, birthDate, sequence), name: nameFor(n) });
const officerSelf = person('1979-05-20', 31, 1);
const spouse = person('1981-11-02', 42, 2);
const daughter = person('2008-03-15', 57, 3);
const IDENTITY_SHAPE = /\d{17}[\dX]/;
const NAMES = [officerSelf, spouse, daughter].map((p) => p.name);

const rollEntry = (householdId: string, recordId: string, members: { identityNumber: string; name: string }[]) => ({
  type: 'low-income-roll-entry',
  recordId,
  householdId,
  district: YUELU,
  category: 'DIBAO',
  recognisedOn: '2026-11-20',
  allowance: { programme: 'dibao-allowance', monthlyAmountFen: 90_000 * members.length, startDate: '2026-12-01' },
  members: members.map((m, i) => ({ ...m, relationship: i === 0 ? 'head' : 'other' })),
});

/** An investigation that qualifies its household as DIBAO: 60,000 fen a person a month, under the 2026 standard. */
const investigation = (
  householdId: string,
  recordId: string,
  head: { identityNumber: string; name: string },
  other: { identityNumber: string; name: string },
) => ({
  type: 'economic-investigation',
  recordId,
  householdId,
  district: YUELU,
  investigatedOn: '2026-11-15',
  period: { from: '2026-05-01', to: '2026-10-31' },
  members: [
    { ...head, relationship: 'head', capacityToWork: 'partial', incomes: [{ source: 'wage', monthlyFen: 120_000 }] },
    { ...other, relationship: 'child', capacityToWork: 'none', incomes: [] },
  ],
  assets: [{ kind: 'deposit', valueFen: 500_000 }],
  necessarySpending: [],
  legalSupporters: [{ ableToSupport: false }],
});

const registration = (officerId: string, self: { identityNumber: string }, members: { identityNumber: string }[]) => ({
  officerId,
  role: 'staff',
  district: YUELU,
  street: '望月湖街道',
  identityNumber: self.identityNumber,
  householdMembers: members.map((m) => ({ identityNumber: m.identityNumber })),
  activeFrom: '2026-01-01',
});

interface Registered {
  outcome: string;
  officer: { officerId: string; maskedIdentityNumber: string; householdMembers: { maskedIdentityNumber: string }[] };
  checkedAfterTheFact: { decisions: number; households: string[]; raised: string[] };
}
interface SweepRun {
  sweeps: {
    'officer-concentration'?: { flagged: number; raised: number; officers: { officerId: string; district: string; approvals: number; warningId: string }[] };
  };
}

const clean = (item: unknown) => {
  const text = JSON.stringify(item);
  expect(text).not.toMatch(IDENTITY_SHAPE);
  for (const name of NAMES) expect(text).not.toContain(name);
};

describe('checks against favouritism (IND-27 关系保, IND-28 优亲厚友)', () => {
  const W = () => platform.credentials['civil-affairs'].sourceIdentity;
  const received: WorkItemV1[] = [];
  const nextOf = async (indicator: string, householdId?: string, timeoutMs = 20_000) => {
    const item = await as('supervision').nextWorkItem(
      (i) => i.warning.indicator.id === indicator && (!householdId || i.warning.householdId === householdId),
      timeoutMs,
    );
    if (item) received.push(item);
    return item;
  };

  it('lets only civil affairs register officers, and civil affairs and supervision read the register', async () => {
    const post = await as('education').call('POST', '/officers', registration('edu.someone', officerSelf, []));
    expect(post.status).toBe(403);
    expect((await as('education').call('GET', '/officers?district=430104')).status).toBe(403);
    const bad = await as('civil-affairs').call('POST', '/officers', registration(W(), officerSelf, [spouse, spouse]));
    expect(bad).toMatchObject({ status: 400, body: { error: 'InvalidOfficer', problems: [{ field: 'householdMembers[1].identityNumber' }] } });
  });

  it('registers officer W with the spouse, masked in the answer; and three other officers of the district', async () => {
    const civil = as('civil-affairs');
    const r = await civil.call<Registered>('POST', '/officers', registration(W(), officerSelf, [spouse]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'registered', officer: { officerId: W() }, checkedAfterTheFact: { decisions: 0, raised: [] } });
    expect(r.body.officer.householdMembers).toHaveLength(1);
    clean(r.body);
    for (const [i, id] of ['yl.staff-02', 'yl.staff-03', 'yl.staff-04'].entries()) {
      const other = await civil.call('POST', '/officers', registration(id, person('1985-01-0' + (i + 1), 70 + i, 10 + i), []));
      expect(other.status).toBe(200);
    }
    const list = await as('supervision').call<{ items: { officerId: string }[]; count: number }>('GET', '/officers?district=430104');
    expect(list.body.items.map((o) => o.officerId).sort()).toEqual([W(), 'yl.staff-02', 'yl.staff-03', 'yl.staff-04'].sort());
    clean(list.body);
  });

  it('raises IND-27 once to supervision when W puts the spouse’s household on the roll; nothing for an unrelated one', async () => {
    const related = rollEntry('430104-2026-008801', 'MZ-YL-8801', [person('1950-07-07', 13, 4), spouse]);
    const unrelated = rollEntry('430104-2026-008802', 'MZ-YL-8802', [person('1960-02-02', 25, 5), person('1988-08-08', 36, 6)]);
    const posted = await as('civil-affairs').submit('favour-roll-1', [related, unrelated]);
    expect(posted.status).toBe(202);
    await platform.idle();
    const item = await nextOf('IND-27', '430104-2026-008801');
    expect(item?.warning).toMatchObject({
      householdId: '430104-2026-008801',
      district: YUELU,
      evidence: [
        {
          recordType: 'low-income-roll-entry',
          facts: { officerId: W(), householdId: '430104-2026-008801', relationship: 'household-member', act: 'roll-entry' },
        },
      ],
    });
    clean(item);
    // The same batch again raises nothing new; the unrelated household raised nothing at all.
    expect((await as('civil-affairs').submit('favour-roll-1', [related, unrelated])).status).toBe(200);
    await platform.idle();
    expect(await nextOf('IND-27', undefined, 3_000)).toBeUndefined();
    const listed = await as('supervision').call<{ items: { householdId: string; indicator: { id: string } }[] }>(
      'GET',
      '/departments/supervision/warnings?indicator=IND-27',
    );
    expect(listed.body.items.map((i) => i.householdId)).toEqual(['430104-2026-008801']);
  });

  it('raises IND-27 for W’s own household’s investigation, and after the fact for the daughter’s once she is registered', async () => {
    const civil = as('civil-affairs');
    const own = investigation('430104-2026-008803', 'MZ-YL-8803', officerSelf, person('2010-04-04', 48, 7));
    const daughters = investigation('430104-2026-008804', 'MZ-YL-8804', person('1955-05-05', 59, 8), daughter);
    const others = [5, 6, 7].map((n) =>
      investigation(`430104-2026-00880${n}`, `MZ-YL-880${n}`, person('1970-06-0' + n, 60 + n, 20 + n), person('2012-06-0' + n, 80 + n, 30 + n)),
    );
    expect((await civil.submit('favour-investigations-1', [own, daughters, ...others])).status).toBe(202);
    await platform.idle();
    const item = await nextOf('IND-27', '430104-2026-008803');
    expect(item?.warning.evidence[0]).toMatchObject({
      recordType: 'economic-investigation',
      facts: { relationship: 'officer-himself', act: 'recognition-decision' },
    });
    clean(item);
    // The daughter was not registered when W decided her household: nothing then.
    expect(await nextOf('IND-27', '430104-2026-008804', 2_000)).toBeUndefined();

    const again = await civil.call<Registered>('POST', '/officers', registration(W(), officerSelf, [spouse, daughter]));
    expect(again.body).toMatchObject({ outcome: 'replaced', checkedAfterTheFact: { decisions: 5 } });
    expect(again.body.checkedAfterTheFact.raised).toHaveLength(1);
    await platform.idle();
    const late = await nextOf('IND-27', '430104-2026-008804');
    expect(late?.warning.evidence[0]?.facts).toMatchObject({ officerId: W(), relationship: 'household-member' });
    clean(late);
    const same = await civil.call<Registered>('POST', '/officers', registration(W(), officerSelf, [spouse, daughter]));
    expect(same.body).toMatchObject({ outcome: 'unchanged', checkedAfterTheFact: { raised: [] } });
  });

  it('flags W to supervision (IND-28) for deciding every approval among four officers, once for the period', async () => {
    const civil = as('civil-affairs');
    const run = await civil.call<SweepRun>('POST', '/operations/sweeps', { sweeps: ['officer-concentration'] });
    expect(run.status).toBe(200);
    expect(run.body.sweeps['officer-concentration']).toMatchObject({ flagged: 1, raised: 1, officers: [{ officerId: W(), district: YUELU, approvals: 5 }] });
    const warningId = run.body.sweeps['officer-concentration']!.officers[0]!.warningId;
    await platform.idle();
    const item = await as('supervision').nextWorkItem((i) => i.warning.warningId === warningId, 20_000);
    expect(item?.warning).toMatchObject({ indicator: { id: 'IND-28' }, district: YUELU, householdId: expect.stringMatching(/^OFFICER-/) });
    expect(item?.warning.evidence.map((e) => e.facts.householdId).sort()).toEqual([3, 4, 5, 6, 7].map((n) => `430104-2026-00880${n}`));
    clean(item);
    const second = await civil.call<SweepRun>('POST', '/operations/sweeps', { sweeps: ['officer-concentration'] });
    expect(second.body.sweeps['officer-concentration']).toMatchObject({ flagged: 1, raised: 0 });
    await platform.idle();
    expect(await as('supervision').nextWorkItem((i) => i.warning.indicator.id === 'IND-28', 3_000)).toBeUndefined();
    for (const r of received) clean(r);
  });
});
