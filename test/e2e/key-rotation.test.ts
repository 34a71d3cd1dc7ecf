import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { deathRecord, identityNumber, rollEntry, type HouseholdFixture } from '../fixtures/people';
import { parseKeyRing } from '../../shared/privacy/key-ring';
import { personRefOf } from '../../shared/privacy/person-ref';

/**
 * Rotating the person key on a running platform, as the README's procedure does it: the secret
 * (here its stand-in, the key file) becomes a ring holding the old key as version 1 and a new
 * current one. People already in the database keep matching; people who arrive afterwards are
 * known under the new version; a batch sent before the rotation is still the same batch.
 */
const { platform, as } = onLocalPlatform();

const furong: HouseholdFixture = {
  householdId: '430102-2025-000451',
  district: '430102',
  grandmother: { identityNumber: identityNumber('430102', '1950-06-03', 88), name: '周秀兰' },
  grandson: { identityNumber: identityNumber('430102', '2011-04-17', 27), name: '周浩' },
  monthlyAllowanceFen: 2 * 75_000,
};
const kaifu: HouseholdFixture = {
  householdId: '430105-2026-000123',
  district: '430105',
  grandmother: { identityNumber: identityNumber('430105', '1941-02-14', 57), name: '吴桂兰' },
  grandson: { identityNumber: identityNumber('430105', '2014-05-20', 63), name: '吴浩然' },
  monthlyAllowanceFen: 2 * 75_000,
};
const tianxin: HouseholdFixture = {
  householdId: '430103-2026-000077',
  district: '430103',
  grandmother: { identityNumber: identityNumber('430103', '1947-12-30', 14), name: '陈淑芬' },
  grandson: { identityNumber: identityNumber('430103', '2013-08-08', 39), name: '陈阳' },
  monthlyAllowanceFen: 2 * 75_000,
};

async function personQuery(identityNumberOf: string) {
  const answer = await as('civil-affairs').call<{ inDatabase: boolean; personRef: string; householdId: string | null }>('POST', '/persons/query', {
    identityNumber: identityNumberOf,
    purpose: '核对密钥轮换后的人员匹配',
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('rotating the person key while records keep matching the people already in the database', () => {
  it('matches a death reported after the rotation to a household rolled before it, and knows newcomers under the new version', async () => {
    const before = await as('civil-affairs').submit('civil-affairs-roll-2026-11-02-rot', [rollEntry(furong, 'MZ-2025-000451')]);
    expect(before.status).toBe(202);
    await platform.idle();
    const known = await personQuery(furong.grandmother.identityNumber);
    expect(known).toMatchObject({ inDatabase: true, householdId: furong.householdId });
    expect(known.personRef.startsWith('p1_')).toBe(true);

    // Someone not yet on the roll dies before the rotation: the death is kept (35 days) under version 1.
    expect((await as('health').submit('health-deaths-2026-11-20-rot', [deathRecord(kaifu.grandmother, 'WJ-SW-2026-105001')])).status).toBe(202);
    await platform.idle();

    // Every event put on the bus from here on, to look for references made under version 1.
    const put: string[] = [];
    const putEvents = platform.eventBridge.putEvents.bind(platform.eventBridge);
    platform.eventBridge.putEvents = (entries) => {
      put.push(JSON.stringify(entries));
      return putEvents(entries);
    };

    // The rotation, in two steps (README): the new key is held first, then made current.
    const oldKey = readFileSync(platform.keyFiles.person, 'utf8').trim();
    const newKey = randomBytes(32).toString('hex');
    writeFileSync(platform.keyFiles.person, JSON.stringify({ current: 1, keys: { 1: oldKey, 2: newKey } }), { mode: 0o600 });
    expect((await personQuery(furong.grandmother.identityNumber)).personRef).toBe(known.personRef);
    writeFileSync(platform.keyFiles.person, JSON.stringify({ current: 2, keys: { 1: oldKey, 2: newKey } }), { mode: 0o600 });
    const ring = parseKeyRing(readFileSync(platform.keyFiles.person, 'utf8'), 'person key');

    // The person query finds the person under the reference the database holds.
    expect(await personQuery(furong.grandmother.identityNumber)).toMatchObject({
      inDatabase: true,
      householdId: furong.householdId,
      personRef: known.personRef,
    });

    // A death reported under the new key is matched to the household, and the warning names it.
    const death = await as('health').submit('health-deaths-2026-11-21-rot', [deathRecord(furong.grandmother, 'WJ-SW-2026-451001')]);
    expect(death.status).toBe(202);
    const item = await as('civil-affairs').nextWorkItem((i) => i.warning.householdId === furong.householdId, 20_000);
    expect(item?.warning).toMatchObject({ indicator: { id: 'IND-01' }, householdId: furong.householdId, district: '430102' });
    expect(JSON.stringify(item)).not.toContain(personRefOf(furong.grandmother.identityNumber, ring)); // the new-version reference never reached the queue

    // A household rolled after the rotation is known under version 2, and is matched too.
    expect((await as('civil-affairs').submit('civil-affairs-roll-2026-11-22-rot', [rollEntry(tianxin, 'MZ-2026-000077')])).status).toBe(202);
    await platform.idle();
    const newcomer = await personQuery(tianxin.grandmother.identityNumber);
    expect(newcomer).toMatchObject({ inDatabase: true, householdId: tianxin.householdId, personRef: personRefOf(tianxin.grandmother.identityNumber, ring) });
    expect(newcomer.personRef.startsWith('p2_')).toBe(true);
    expect((await as('health').submit('health-deaths-2026-11-22-rot', [deathRecord(tianxin.grandmother, 'WJ-SW-2026-077001')])).status).toBe(202);
    const second = await as('civil-affairs').nextWorkItem((i) => i.warning.householdId === tianxin.householdId, 20_000);
    expect(second?.warning).toMatchObject({ indicator: { id: 'IND-01' }, householdId: tianxin.householdId });

    // The household of the person whose death came before the rotation is rolled after it: the
    // roll entry still meets the death (IND-01), and the member is kept under version 1.
    expect((await as('civil-affairs').submit('civil-affairs-roll-2026-11-23-rot', [rollEntry(kaifu, 'MZ-2026-000123')])).status).toBe(202);
    const late = await as('civil-affairs').nextWorkItem((i) => i.warning.householdId === kaifu.householdId && i.warning.indicator.id === 'IND-01', 20_000);
    expect(late?.warning).toMatchObject({ indicator: { id: 'IND-01' }, householdId: kaifu.householdId });
    expect((await personQuery(kaifu.grandmother.identityNumber)).personRef).toBe(personRefOf(kaifu.grandmother.identityNumber, ring, 1));
    // Nothing made under version 1 for a newcomer travelled anywhere.
    expect(put.join('\n')).toContain(personRefOf(tianxin.grandmother.identityNumber, ring));
    expect(put.join('\n')).not.toContain(personRefOf(tianxin.grandmother.identityNumber, ring, 1));

    // The batch sent before the rotation, sent again, is the same batch: replayed, not a 409.
    const resend = await as('civil-affairs').submit('civil-affairs-roll-2026-11-02-rot', [rollEntry(furong, 'MZ-2025-000451')]);
    expect(resend.status).toBe(200);
    expect(resend.body).toMatchObject({ replayed: true });
    await platform.idle();

    // Each household's chain: one death, one warning; nothing doubled by the rotation.
    const chain = await as('civil-affairs').chain(furong.householdId);
    const entries = (chain.body as { chain: { kind: string; refs: Record<string, string> }[] }).chain;
    const raised = entries
      .filter((e) => e.kind === 'warning-raised')
      .map((e) => e.refs.indicatorId)
      .sort();
    // IND-10 from the roll entry (no premium subsidy yet), IND-01 from the death: each once.
    expect(raised).toEqual(['IND-01', 'IND-10']);
  });
});
