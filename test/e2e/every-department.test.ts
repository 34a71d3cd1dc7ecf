import { cityDay } from '../../shared/domain/city-time';
import { beforeAll, describe, expect, it } from 'vitest';
import { onLocalPlatform } from './departments';
import type { Department, WarningRecipient } from '../../shared/domain/departments';
import type { DistrictCode } from '../../shared/domain/districts';
import { identityNumber, nameFor } from '../fixtures/people';

/**
 * Every department on the local platform: civil affairs puts nine households on the roll; each
 * department posts a realistic record about one of them; the right warnings reach the right
 * queues; each recipient answers; the chain and the statistics show it.
 */
const { platform, as } = onLocalPlatform();

interface Scenario {
  department: Department;
  district: DistrictCode;
  category: string;
  record: (p: { identityNumber: string; name: string }) => Record<string, unknown>;
  /** The indicator expected, and who receives it; none for records no indicator reads. */
  expect?: { indicator: string; recipients: WarningRecipient[]; lead?: boolean };
}

const SCENARIOS: Scenario[] = [
  {
    department: 'civil-affairs',
    district: '430102',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({
      type: 'visit-report',
      recordId: 'MZ-ZF-0001',
      householdId: 'HH-430102-0001',
      district: '430102',
      visitedOn: '2026-11-18',
      visitedBy: 'FR-SQ-0021',
      changes: [{ kind: 'illness', identityNumber: p.identityNumber, description: 'hospitalised with a stroke' }],
      needs: ['medical', 'care'],
    }),
    expect: { indicator: 'IND-13', recipients: ['civil-affairs'] },
  },
  {
    department: 'education',
    district: '430103',
    category: 'DIBAO_EDGE',
    record: (p) => ({
      type: 'student-enrolment',
      recordId: 'JY-XJ-0001',
      ...p,
      schoolYear: '2026-2027',
      schoolCode: '2143010302',
      stage: 'senior-secondary',
      district: '430103',
    }),
    expect: { indicator: 'IND-06', recipients: ['education'] },
  },
  {
    department: 'hr-social-security',
    district: '430104',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({ type: 'unemployment-registration', recordId: 'RS-SY-0001', ...p, registeredOn: '2026-11-02', district: '430104' }),
    expect: { indicator: 'IND-04', recipients: ['hr-social-security'] },
  },
  {
    department: 'housing',
    district: '430112',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({
      type: 'housing-condition',
      recordId: 'ZJ-WF-0001',
      ...p,
      area: 'rural',
      surveyedOn: '2026-10-20',
      dangerousHouseGrade: 'D',
      onlyHome: true,
      district: '430112',
    }),
    expect: { indicator: 'IND-11', recipients: ['housing'] },
  },
  {
    department: 'agriculture',
    district: '430121',
    category: 'NONE',
    record: (p) => ({
      type: 'relapse-monitoring-target',
      recordId: 'NY-FP-0001',
      ...p,
      risk: 'illness',
      identifiedOn: '2026-09-01',
      status: 'monitoring',
      district: '430121',
    }),
    expect: { indicator: 'IND-09', recipients: ['civil-affairs'], lead: true },
  },
  {
    department: 'health',
    district: '430105',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({
      type: 'medical-spending',
      recordId: 'WJ-FY-0001',
      ...p,
      periodStart: '2026-08-01',
      periodEnd: '2026-10-31',
      totalCostFen: 9_800_000,
      outOfPocketFen: 2_900_000,
      district: '430105',
    }),
    expect: { indicator: 'IND-02', recipients: ['civil-affairs', 'medical-insurance'] },
  },
  {
    department: 'emergency-management',
    district: '430181',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({
      type: 'disaster-relief',
      recordId: 'YJ-ZH-0001',
      ...p,
      disaster: 'flood',
      occurredOn: '2026-07-03',
      lossFen: 6_000_000,
      relief: 'emergency-living',
      reliefFen: 200_000,
      district: '430181',
    }),
    expect: { indicator: 'IND-08', recipients: ['emergency-management', 'civil-affairs'] },
  },
  {
    department: 'medical-insurance',
    district: '430111',
    category: 'DIBAO_EDGE',
    record: (p) => ({ type: 'premium-subsidy', recordId: 'YB-ZZ-0001', ...p, year: 2026, subsidyFen: 10_000, district: '430111' }),
    expect: { indicator: 'IND-10', recipients: ['medical-insurance'] },
  },
  {
    department: 'disabled-federation',
    district: '430182',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({
      type: 'disability-certificate',
      recordId: 'CL-CJ-0001',
      ...p,
      kind: 'physical',
      grade: 1,
      issuedOn: '2026-05-01',
      validUntil: '2031-04-30',
      district: '430182',
    }),
    expect: { indicator: 'IND-07', recipients: ['civil-affairs', 'disabled-federation'] },
  },
  {
    department: 'justice',
    district: '430104',
    category: 'RIGID_EXPENDITURE',
    record: (p) => ({
      type: 'legal-aid-case',
      recordId: 'SF-FY-0001',
      ...p,
      caseNumber: 'XFY-2026-0451',
      acceptedOn: '2026-11-05',
      matter: 'labour',
      district: '430104',
    }),
  },
];

const person = (i: number, s: Scenario) => ({ identityNumber: identityNumber(s.district, `19${70 + i}-0${(i % 9) + 1}-1${i % 9}`, 100 + i), name: nameFor(i) });
const householdOf = (i: number, s: Scenario) => (s.record(person(i, s)).householdId as string | undefined) ?? `HH-${s.district}-${String(i).padStart(4, '0')}`;
const ANSWER: Record<WarningRecipient, Record<string, unknown>> = {
  'civil-affairs': {
    outcome: 'enrolled',
    programme: 'temporary-assistance',
    amountFen: 300_000,
    periodStart: '2026-12-01',
    periodEnd: '2026-12-31',
    reason: 'one-off temporary assistance',
    handledBy: 'MZ-0001',
  },
  education: {
    outcome: 'enrolled',
    programme: 'education-grant',
    amountFen: 200_000,
    periodStart: '2026-09-01',
    periodEnd: '2027-07-31',
    reason: 'national grant for the school year',
    handledBy: 'JY-0001',
  },
  'hr-social-security': {
    outcome: 'enrolled',
    programme: 'employment-311',
    amountFen: 0,
    periodStart: '2026-11-10',
    periodEnd: '2027-02-10',
    reason: 'three referrals, guidance and training',
    handledBy: 'RS-0001',
  },
  housing: {
    outcome: 'enrolled',
    programme: 'dangerous-house-renovation',
    amountFen: 3_500_000,
    periodStart: '2027-03-01',
    periodEnd: '2027-08-31',
    reason: 'renovation of a grade D house',
    handledBy: 'ZJ-0001',
  },
  'medical-insurance': {
    outcome: 'enrolled',
    programme: 'premium-subsidy',
    amountFen: 20_000,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    reason: '50 % premium subsidy',
    handledBy: 'YB-0001',
  },
  'emergency-management': {
    outcome: 'enrolled',
    programme: 'transitional-living-relief',
    amountFen: 450_000,
    periodStart: '2026-08-01',
    periodEnd: '2026-10-31',
    reason: 'three months of transitional relief',
    handledBy: 'YJ-0001',
  },
  'disabled-federation': {
    outcome: 'enrolled',
    programme: 'disability-rehabilitation',
    amountFen: 120_000,
    periodStart: '2026-12-01',
    periodEnd: '2027-05-31',
    reason: 'rehabilitation services',
    handledBy: 'CL-0001',
  },
  health: { outcome: 'not-eligible', reason: 'not ours', handledBy: 'WJ-0001' },
  agriculture: { outcome: 'not-eligible', reason: 'not ours', handledBy: 'NY-0001' },
  justice: { outcome: 'not-eligible', reason: 'not ours', handledBy: 'SF-0001' },
  'county-coordination': { outcome: 'not-eligible', reason: 'not ours', handledBy: 'XT-0001' },
  supervision: { outcome: 'no-action-needed', reason: 'handled', handledBy: 'JD-0001' },
};

beforeAll(async () => {
  const entries = SCENARIOS.map((s, i) => ({ s, i }))
    .filter(({ s }) => s.category !== 'NONE')
    .map(({ s, i }) => ({
      type: 'low-income-roll-entry',
      recordId: `MZ-ROLL-${i}`,
      householdId: householdOf(i, s),
      district: s.district,
      category: s.category,
      recognisedOn: '2026-03-01',
      area: 'rural',
      monthlyIncomeFen: 150_000,
      members: [{ ...person(i, s), relationship: 'head' }],
    }));
  const roll = await as('civil-affairs').submit('civil-affairs-roll-2026-11-every-department', entries);
  expect(roll.status).toBe(202);
  await platform.idle();
});

describe('every department posts, the right departments answer', () => {
  it.each(SCENARIOS.map((s, i) => [s.department, i] as const))('%s', async (department, i) => {
    const s = SCENARIOS[i]!;
    const p = person(i, s);
    const posted = await as(department).submit(`${department}-batch-2026-11-21-${i}`, [s.record(p)]);
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    await platform.idle();

    // A bad record of the same type: a clear 400 naming the record and the field.
    const bad = await as(department).submit(`${department}-batch-bad-${i}`, [{ ...s.record(p), recordId: '' }]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ problems: [expect.objectContaining({ record: 0, field: 'recordId' })] });

    if (!s.expect) {
      const chain = await as('civil-affairs').chain(householdOf(i, s));
      expect((chain.body as { chain: { refs: Record<string, string> }[] }).chain.some((e) => e.refs.recordType === s.record(p).type)).toBe(true);
      return;
    }
    const { indicator, recipients } = s.expect;
    let warningId = '';
    let householdId = '';
    for (const recipient of recipients) {
      const item = await as(recipient).nextWorkItem((w) => w.warning.indicator.id === indicator && w.warning.district === s.district, 20_000);
      expect(item, `${indicator} on the ${recipient} queue`).toBeDefined();
      warningId = item!.warning.warningId;
      householdId = item!.warning.householdId;
      const answer = await as(recipient).answer(warningId, ANSWER[recipient]);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    const chain = await as('civil-affairs').chain(householdId);
    const view = chain.body as { warnings: { warningId: string; status: string }[]; chain: { kind: string; refs: Record<string, string> }[] };
    expect(view.warnings.find((w) => w.warningId === warningId)?.status).toBe('resolved');
    expect(view.chain.filter((e) => e.kind === 'outcome' && e.refs.warningId === warningId)).toHaveLength(recipients.length);
  });

  it('counts every indicator raised and answered in the month’s statistics', async () => {
    await platform.idle();
    const stats = (await as('supervision').call('GET', `/statistics/${cityDay(new Date()).slice(0, 7)}`)).body as {
      byIndicator: Record<string, { raised: number; answered?: number }>;
    };
    for (const s of SCENARIOS) {
      if (!s.expect) continue;
      expect(stats.byIndicator[s.expect.indicator]?.raised, s.expect.indicator).toBeGreaterThanOrEqual(1);
      expect(stats.byIndicator[s.expect.indicator]?.answered, s.expect.indicator).toBeGreaterThanOrEqual(s.expect.recipients.length);
    }
  });
});
