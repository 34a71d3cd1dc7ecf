import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { raiseDeathWarningDueAtOnce } from './drills';
import { yueluHousehold } from '../fixtures/people';

/**
 * The console's reads end to end, signed, on the local platform: a death raises IND-01; it is in
 * civil affairs' open list and readable there, invisible to education; supervision sees it late,
 * by district; answered, it leaves the open list for the answered one. The platform's clock is the
 * machine's, so the warning is made late by policy: civil affairs sets IND-01's deadline to 0 days
 * in Yuelu district first (a policy change like any other, with its audit entry).
 */
const onPlatform = onLocalPlatform();
const { platform, as } = onPlatform;

interface ListItem {
  warningId: string;
  householdId: string;
  district: string;
  indicator: { id: string };
  overdue: boolean;
  answeredAt?: string;
}
const IDENTITY_SHAPE = /\d{17}[\dX]/;

describe('the console’s warning lists and a warning’s page, over the API', () => {
  let warningId = '';
  const started = new Date();

  it('civil affairs gives IND-01 no grace days in Yuelu, then a recipient on the roll dies', async () => {
    await raiseDeathWarningDueAtOnce(onPlatform);
  });

  it('lists the death warning in civil affairs’ open list, overdue, and shows its page without an identity number', async () => {
    const civil = as('civil-affairs');
    const open = await civil.call<{ status: string; items: ListItem[] }>('GET', '/departments/civil-affairs/warnings');
    expect(open.status).toBe(200);
    const mine = open.body.items.filter((i) => i.householdId === yueluHousehold.householdId && i.indicator.id === 'IND-01');
    expect(mine).toEqual([expect.objectContaining({ district: '430104', overdue: true })]);
    warningId = mine[0]!.warningId;
    expect(
      (await civil.call<{ items: ListItem[] }>('GET', '/departments/civil-affairs/warnings?status=overdue&district=430104')).body.items.map((i) => i.warningId),
    ).toContain(warningId);
    expect((await civil.call<{ items: ListItem[] }>('GET', '/departments/civil-affairs/warnings?district=430105')).body.items).toEqual([]);

    const page = await civil.call<Record<string, unknown>>('GET', `/departments/civil-affairs/warnings/${warningId}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      warningId,
      householdId: yueluHousehold.householdId,
      indicator: { id: 'IND-01', version: 1, parameters: { 'warning.deadlineDays.IND-01': 0 } },
      overdue: true,
      evidence: [{ recordType: 'death-record', department: 'health', facts: { dateOfDeath: '2026-11-20', certificateNumber: 'H430104260088' } }],
      recipients: [{ department: 'civil-affairs', pushed: true, acknowledged: false }],
    });
    const text = JSON.stringify(page.body);
    expect(text).not.toMatch(IDENTITY_SHAPE);
    expect(text).not.toContain(yueluHousehold.grandmother.name);
  });

  it('keeps it from education: not in its list, 404 on its own path, and its role may not read civil affairs’ list', async () => {
    const education = as('education');
    const list = await education.call<{ items: ListItem[] }>('GET', '/departments/education/warnings');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.warningId)).not.toContain(warningId);
    expect(await education.call('GET', `/departments/education/warnings/${warningId}`)).toMatchObject({ status: 404, body: { error: 'WarningNotFound' } });
    expect((await education.call('GET', '/departments/civil-affairs/warnings')).status).toBe(403);
    expect((await education.call('GET', `/departments/civil-affairs/warnings/${warningId}`)).status).toBe(403);
  });

  it('shows supervision the warning late in Yuelu, not in Kaifu, and lets it read the warning', async () => {
    const supervision = as('supervision');
    const yuelu = await supervision.call<{ items: (ListItem & { hoursOverdue: number; answeredBy: string[] })[] }>(
      'GET',
      '/supervision/warnings/overdue?district=430104',
    );
    expect(yuelu.status).toBe(200);
    expect(yuelu.body.items.find((i) => i.warningId === warningId)).toMatchObject({ district: '430104', answeredBy: [], hoursOverdue: 0 });
    const kaifu = await supervision.call<{ items: ListItem[] }>('GET', '/supervision/warnings/overdue?district=430105');
    expect(kaifu.body.items.map((i) => i.warningId)).not.toContain(warningId);
    const byCivil = await supervision.call<{ items: ListItem[] }>('GET', '/supervision/warnings/overdue?department=civil-affairs');
    expect(byCivil.body.items.map((i) => i.warningId)).toContain(warningId);
    expect(await supervision.call('GET', `/departments/supervision/warnings/${warningId}`)).toMatchObject({ status: 200, body: { warningId, overdue: true } });
    expect((await as('civil-affairs').call('GET', '/supervision/warnings/overdue')).status).toBe(403);
  });

  it('moves the answered warning from the open list to the answered list, and off the overdue list', async () => {
    const civil = as('civil-affairs');
    const answered = await civil.answer(warningId, {
      outcome: 'assistance-ended',
      programme: 'dibao-allowance',
      endedOn: '2026-11-30',
      exitReason: 'died',
      reason: '户主于 2026-11-20 死亡，终止低保 / head of household died',
      handledBy: 'YL-MZ-0413',
    });
    expect(answered).toMatchObject({ status: 200, body: { status: 'resolved' } });
    await platform.idle();
    const open = await civil.call<{ items: ListItem[] }>('GET', '/departments/civil-affairs/warnings');
    expect(open.body.items.map((i) => i.warningId)).not.toContain(warningId);
    const done = await civil.call<{ status: string; items: ListItem[] }>('GET', '/departments/civil-affairs/warnings?status=answered');
    expect(done.body.status).toBe('answered');
    expect(done.body.items.find((i) => i.warningId === warningId)).toMatchObject({ overdue: false, answeredAt: expect.any(String) });
    const page = await civil.call('GET', `/departments/civil-affairs/warnings/${warningId}`);
    expect(page.body).toMatchObject({
      status: 'resolved',
      overdue: false,
      recipients: [{ department: 'civil-affairs', outcome: { outcome: 'assistance-ended', handledBy: 'YL-MZ-0413' } }],
    });
    const late = await as('supervision').call<{ items: ListItem[] }>('GET', '/supervision/warnings/overdue?district=430104');
    expect(late.body.items.map((i) => i.warningId)).not.toContain(warningId);
  });

  it('wrote every read of the warning to the audit trail, with its purpose (education’s 404 reads nothing and is not a read)', async () => {
    const days = [...new Set([started.toISOString().slice(0, 10), new Date().toISOString().slice(0, 10)])];
    const entries = [];
    for (const day of days) {
      const trail = await as('supervision').call<{ entries: { action: string; kind: string; department: string; purpose: string; subjects: string[] }[] }>(
        'GET',
        `/audit/${day}`,
      );
      expect(trail.status).toBe(200);
      entries.push(...trail.body.entries);
    }
    const reads = entries.filter((e) => e.action === 'read-warning' && e.subjects.includes(warningId));
    expect(reads.map((e) => [e.department, e.kind]).sort()).toEqual([
      ['civil-affairs', 'read'],
      ['civil-affairs', 'read'],
      ['supervision', 'read'],
    ]);
    expect(reads.find((e) => e.kind === 'read')!.purpose).toBe('case handling: a warning (预警详情)');
    expect(entries.some((e) => e.action === 'list-department-warnings' && e.department === 'education')).toBe(true);
  });
});
