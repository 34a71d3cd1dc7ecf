import { cityDay } from '../../shared/domain/city-time';
import { describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import { identityNumber, rollEntry } from '../fixtures/people';

/**
 * A warning for two departments (IND-03): health reports a serious illness; medical insurance
 * and civil affairs each receive it, acknowledge and answer for themselves; civil affairs refers
 * the case to county coordination, which answers too. Resolved only when all have answered.
 */
const { platform, as } = onLocalPlatform();

const household = {
  householdId: '430181-2025-001204',
  district: '430181' as const,
  grandmother: { identityNumber: identityNumber('430181', '1952-11-08', 64), name: '周秀兰' },
  grandson: { identityNumber: identityNumber('430181', '2010-04-17', 33), name: '周子豪' },
  monthlyAllowanceFen: 2 * 72_000,
};

describe('a serious illness: two departments, a referral, and the happiness list', () => {
  it('pushes the warning to medical insurance and civil affairs, who answer separately', async () => {
    expect((await as('civil-affairs').submit('civil-affairs-roll-liuyang-0001', [rollEntry(household, 'MZ-LY-2025-001204')])).status).toBe(202);
    await platform.idle();
    const diagnosis = {
      type: 'serious-illness-diagnosis',
      recordId: 'WJ-ZD-2026-55821',
      identityNumber: household.grandmother.identityNumber,
      name: household.grandmother.name,
      diagnosedOn: '2026-11-12',
      icd10: 'C34.9',
      hospitalCode: 'H43018100021',
      district: '430181',
    };
    expect((await as('health').submit('health-diagnoses-2026-11-12', [diagnosis])).status).toBe(202);

    const forIllness = (i: { warning: { indicator: { id: string } } }) => i.warning.indicator.id === 'IND-03';
    const mi = await as('medical-insurance').nextWorkItem(forIllness, 20_000);
    const ca = await as('civil-affairs').nextWorkItem(forIllness, 20_000);
    expect(mi?.warning.warningId).toBeDefined();
    expect(ca?.warning.warningId).toBe(mi!.warning.warningId);
    const warningId = mi!.warning.warningId;

    const ack = await as('medical-insurance').call('POST', `/departments/medical-insurance/warnings/${warningId}/acknowledgement`);
    expect(ack).toMatchObject({ status: 200, body: { status: 'acknowledged', acknowledgedBy: ['medical-insurance'] } });

    const enrolled = await as('medical-insurance').answer(warningId, {
      outcome: 'enrolled',
      programme: 'inpatient-medical-assistance',
      amountFen: 1_250_000,
      periodStart: '2026-11-12',
      periodEnd: '2027-11-11',
      reason: 'dibao member with lung cancer: inpatient assistance at 90 %',
      handledBy: 'LY-YB-0032',
    });
    expect(enrolled).toMatchObject({ status: 200, body: { status: 'acknowledged', outcome: 'enrolled' } });

    const referred = await as('civil-affairs').answer(warningId, {
      outcome: 'referred-to-county-coordination',
      reason: 'costs beyond medical assistance: needs a case-by-case decision',
      handledBy: 'LY-MZ-0107',
    });
    expect(referred).toMatchObject({ status: 200, body: { status: 'acknowledged' } });

    const county = await as('county-coordination').nextWorkItem((i) => i.warning.warningId === warningId, 20_000);
    expect(county?.warning.action).toContain('一事一议');
    const decided = await as('county-coordination').answer(warningId, {
      outcome: 'enrolled',
      programme: 'temporary-assistance',
      amountFen: 500_000,
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
      reason: 'county coordination meeting 2026-11-30: one-off temporary assistance',
      handledBy: 'LY-XT-0003',
    });
    expect(decided).toMatchObject({ status: 200, body: { status: 'resolved' } });

    const chain = await as('civil-affairs').chain(household.householdId);
    const view = chain.body as {
      chain: { kind: string; summary: string; refs: Record<string, string> }[];
      warnings: { warningId: string; status: string; outcomes: { department: string }[] }[];
    };
    const granted = view.chain.filter((e) => e.kind === 'assistance-granted' && e.refs.warningId === warningId).map((e) => e.summary);
    expect(granted).toEqual([
      expect.stringContaining('inpatient-medical-assistance: 1250000 fen'),
      expect.stringContaining('temporary-assistance: 500000 fen'),
    ]);
    const warning = view.warnings.find((w) => w.warningId === warningId)!;
    expect(warning.status).toBe('resolved');
    expect(warning.outcomes.map((o) => o.department).sort()).toEqual(['civil-affairs', 'county-coordination', 'medical-insurance']);
  });

  it('answers the lists, the person query by duty, the project list and the statistics', async () => {
    await platform.idle();
    const ca = as('civil-affairs');
    const happiness = await ca.call('GET', `/households/${household.householdId}/happiness`);
    expect((happiness.body as { delivered: unknown[] }).delivered).toHaveLength(2);
    const needs = await ca.call('GET', `/households/${household.householdId}/needs`);
    const open = (needs.body as { needs: { indicator: string }[] }).needs.map((n) => n.indicator);
    expect(open).not.toContain('IND-03');
    expect(open).toContain('IND-10'); // the premium subsidies are still missing

    const query = { identityNumber: household.grandmother.identityNumber, purpose: 'eligibility check for a case' };
    expect((await as('education').call('POST', '/persons/query', query)).body).toEqual({
      inDatabase: true,
      category: 'DIBAO',
      categoryName: '最低生活保障对象',
    });
    expect((await as('justice').call('POST', '/persons/query', query)).body).toMatchObject({ inDatabase: true, legalAidEligible: true });
    const full = (await ca.call('POST', '/persons/query', query)).body as { householdId: string; chain: { recordType: string; department: string }[] };
    expect(full).toMatchObject({ householdId: household.householdId, district: '430181' });
    expect(full.chain.map((e) => e.recordType)).toEqual(['low-income-roll-entry', 'serious-illness-diagnosis']);
    const stranger = { identityNumber: identityNumber('430102', '1990-01-01', 7), purpose: 'eligibility check for a case' };
    expect((await as('education').call('POST', '/persons/query', stranger)).body).toMatchObject({ inDatabase: false });
    expect((await as('education').call('POST', '/persons/query', { ...query, identityNumber: '430181195211080640' })).status).toBe(400);

    const projects = (await as('housing').call('GET', '/projects')).body as { projects: { code: string }[] };
    expect(projects.projects.map((p) => p.code)).toContain('dangerous-house-renovation');

    const month = cityDay(new Date()).slice(0, 7); // statistics count by the city's month
    const stats = (await as('supervision').call('GET', `/statistics/${month}`)).body as {
      totals: { raised: number; answered: number; assistanceGrantedFen: number };
      byIndicator: Record<string, { raised: number; answered?: number }>;
      happinessByProgrammeAndDistrict: Record<string, { granted: number; grantedFen: number }>;
    };
    expect(stats.byIndicator['IND-03']).toMatchObject({ raised: 1, answered: 3 });
    expect(stats.totals.assistanceGrantedFen).toBe(1_750_000);
    expect(stats.happinessByProgrammeAndDistrict['inpatient-medical-assistance#DIST#430181']).toEqual({ granted: 1, grantedFen: 1_250_000 });
    expect((await as('health').call('GET', `/statistics/${month}`)).status).toBe(403);
  });
});
