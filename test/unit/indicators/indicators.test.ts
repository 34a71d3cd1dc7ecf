import { singleKeyRing } from '../../../shared/privacy/key-ring';
import { describe, expect, it } from 'vitest';
import { ALL_INDICATORS, RECORD_INDICATORS } from '../../../shared/domain/indicators';
import { isRecordIndicator } from '../../../shared/domain/indicators/indicator';
import type { Indicator } from '../../../shared/domain/indicators';
import type { Membership } from '../../../shared/domain/membership';
import { CITY_PARAMETERS } from '../../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../../shared/domain/policy/policy-book';
import type { PersonFact } from '../../../shared/domain/person-fact';
import { personRefOf, personRefsIn, pseudonymize } from '../../../shared/privacy/person-ref';
import { RECORD_TYPES, type RecordType } from '../../../shared/records/catalogue';
import { identityNumber } from '../../fixtures/people';

/**
 * Every record-driven indicator fires where domain.md says and stays silent where it must,
 * including threshold boundaries and effective dates. Records go through the same schema and
 * pseudonymization as at intake; parameters come from the city's policy book.
 */
const key = singleKeyRing(Buffer.alloc(32, 5));
const policy = new PolicyBook(CITY_PARAMETERS);
const ON = '2026-11-21';
const person = { identityNumber: identityNumber('430111', '1975-06-30', 41), name: '张建国' };
const ref = personRefOf(person.identityNumber, key);
const byId = (id: string) => RECORD_INDICATORS.find((i) => i.id === id)!;

function observe(type: RecordType, fields: Record<string, unknown>) {
  const raw = { type, recordId: `R-${type}`, ...(type === 'visit-report' || type === 'low-income-roll-entry' ? {} : person), ...fields };
  const parsed = RECORD_TYPES[type].schema.parse(raw) as Record<string, unknown>; // fixtures must be valid records
  const record = pseudonymize(parsed, key) as Record<string, unknown>;
  return {
    recordId: `S1:0`,
    department: RECORD_TYPES[type].department,
    recordType: type,
    subjects: personRefsIn(record),
    record,
    acceptedAt: `${ON}T02:00:00.000Z`,
  };
}

const member = (over: Partial<Membership> = {}): Membership => ({
  personRef: ref,
  householdId: '430111-2025-000042',
  district: '430111',
  category: 'DIBAO',
  activeProgrammes: ['dibao-allowance'],
  household: { memberCount: 3, area: 'rural', monthlyIncomeFen: 120_000 },
  ...over,
});

function fire(
  indicator: Indicator,
  observed: ReturnType<typeof observe>,
  opts: { member?: Membership | null; facts?: Partial<PersonFact>[]; on?: string } = {},
) {
  const on = opts.on ?? ON;
  const parameters = Object.fromEntries(indicator.parameters.map((n) => [n, policy.valueOn(n, on, '430111')]));
  const memberships = new Map(opts.member === null ? [] : [[ref, opts.member ?? member()]]);
  const facts = new Map([
    [ref, (opts.facts ?? []).map((f) => ({ personRef: ref, recordId: 'F', department: 'x', acceptedAt: ON, recordType: '', record: {}, ...f }) as PersonFact)],
  ]);
  return indicator.evaluate({ observed, memberships, parameters, facts, on });
}

const spending = (outOfPocketFen: number) =>
  observe('medical-spending', { periodStart: '2026-07-01', periodEnd: '2026-09-30', totalCostFen: 10_000_000, outOfPocketFen, district: '430111' });

describe('IND-02 medical spending beyond the household’s means', () => {
  // Income 120,000 fen a month × 3 months = 360,000; share 0.5 → limit 180,000 fen.
  it('fires above the share of income and not at it', () => {
    expect(fire(byId('IND-02'), spending(180_001))).toHaveLength(1);
    expect(fire(byId('IND-02'), spending(180_000))).toHaveLength(0);
  });
  it('raises a discovery lead for someone outside the database only from the lead threshold', () => {
    const [lead] = fire(byId('IND-02'), spending(3_000_000), { member: null });
    expect(lead).toMatchObject({ lead: true, subjects: [ref], district: '430111' });
    expect(fire(byId('IND-02'), spending(2_999_999), { member: null })).toHaveLength(0);
  });
});

describe('IND-03 serious illness or emergency-fund case', () => {
  const diagnosis = (icd10: string) =>
    observe('serious-illness-diagnosis', { diagnosedOn: '2026-11-02', icd10, hospitalCode: 'H43010400017', district: '430111' });
  it('fires for a listed diagnosis and for any emergency-fund case of a member', () => {
    expect(fire(byId('IND-03'), diagnosis('C34.9'))[0]?.evidence[0]?.facts).toMatchObject({ icd10: 'C34.9' });
    expect(
      fire(byId('IND-03'), observe('emergency-fund-case', { openedOn: '2026-11-01', hospitalCode: 'H43010400017', amountFen: 800_000, district: '430111' })),
    ).toHaveLength(1);
  });
  it('stays silent for an unlisted diagnosis or a non-member', () => {
    expect(fire(byId('IND-03'), diagnosis('J06.9'))).toHaveLength(0);
    expect(fire(byId('IND-03'), diagnosis('C34.9'), { member: null })).toHaveLength(0);
  });
});

describe('IND-04 registered unemployed', () => {
  const reg = observe('unemployment-registration', { registeredOn: '2026-10-08', district: '430111' });
  it('sends members to HR for the 311 service, and ignores others', () => {
    expect(fire(byId('IND-04'), reg)[0]).toMatchObject({ householdId: '430111-2025-000042' });
    expect(fire(byId('IND-04'), reg, { member: null })).toHaveLength(0);
  });
});

describe('IND-05 employment or pension in an assisted household', () => {
  const job = (monthlyWageFen: number) =>
    observe('employment-registration', { employedOn: '2026-09-01', employerCode: '91430100MA4L16QX3B', monthlyWageFen, district: '430111' });
  it('fires from the wage threshold up, only for assisted households', () => {
    expect(fire(byId('IND-05'), job(100_000))).toHaveLength(1);
    expect(fire(byId('IND-05'), job(99_999))).toHaveLength(0);
    expect(fire(byId('IND-05'), job(300_000), { member: member({ category: 'DIBAO_EDGE', activeProgrammes: [] }) })).toHaveLength(0);
  });
  it('fires for a pension benefit, not a contribution', () => {
    const pension = (kind: string) =>
      observe('pension-record', { scheme: 'enterprise-employee', kind, month: '2026-10', amountFen: 210_000, district: '430111' });
    expect(fire(byId('IND-05'), pension('benefit'))).toHaveLength(1);
    expect(fire(byId('IND-05'), pension('contribution'))).toHaveLength(0);
  });
});

describe('IND-06 pupil enrolled without education assistance', () => {
  const enrolment = observe('student-enrolment', { schoolYear: '2026-2027', schoolCode: '2143010001', stage: 'junior-secondary', district: '430111' });
  it('fires without assistance that school year, not with it, not for categories outside the list', () => {
    expect(fire(byId('IND-06'), enrolment)).toHaveLength(1);
    expect(fire(byId('IND-06'), enrolment, { facts: [{ recordType: 'education-assistance-grant', record: { schoolYear: '2026-2027' } }] })).toHaveLength(0);
    expect(fire(byId('IND-06'), enrolment, { facts: [{ recordType: 'education-assistance-grant', record: { schoolYear: '2025-2026' } }] })).toHaveLength(1);
    expect(fire(byId('IND-06'), enrolment, { member: member({ category: 'RIGID_EXPENDITURE' }) })).toHaveLength(0);
  });
});

describe('IND-07 severe disability without the care subsidy', () => {
  const cert = (grade: number) =>
    observe('disability-certificate', { kind: 'physical', grade, issuedOn: '2026-03-01', validUntil: '2031-03-01', district: '430111' });
  it('fires at the severe-grade boundary, not above it, not with a current care subsidy', () => {
    expect(fire(byId('IND-07'), cert(2))).toHaveLength(1);
    expect(fire(byId('IND-07'), cert(3))).toHaveLength(0);
    expect(fire(byId('IND-07'), cert(1), { facts: [{ recordType: 'disability-subsidy-grant', record: { subsidy: 'care-subsidy' } }] })).toHaveLength(0);
    expect(
      fire(byId('IND-07'), cert(1), { facts: [{ recordType: 'disability-subsidy-grant', record: { subsidy: 'care-subsidy', endDate: '2026-06-30' } }] }),
    ).toHaveLength(1);
  });
});

describe('IND-08 disaster in a monitored household', () => {
  it('fires for members only', () => {
    const d = observe('disaster-relief', { disaster: 'flood', occurredOn: '2026-06-20', lossFen: 4_500_000, relief: 'none-yet', district: '430111' });
    expect(fire(byId('IND-08'), d)).toHaveLength(1);
    expect(fire(byId('IND-08'), d, { member: null })).toHaveLength(0);
  });
});

describe('IND-09 relapse-monitoring target outside civil-affairs categories', () => {
  const target = (status: string) => observe('relapse-monitoring-target', { risk: 'illness', identifiedOn: '2026-05-10', status, district: '430111' });
  it('raises a lead for a person not in the database, and nothing once risk is eliminated or civil affairs recognised them', () => {
    expect(fire(byId('IND-09'), target('monitoring'), { member: null })[0]).toMatchObject({ lead: true });
    expect(fire(byId('IND-09'), target('monitoring'), { member: member({ category: 'RELAPSE_MONITORING', activeProgrammes: [] }) })).toHaveLength(1);
    expect(fire(byId('IND-09'), target('risk-eliminated'), { member: null })).toHaveLength(0);
    expect(fire(byId('IND-09'), target('monitoring'))).toHaveLength(0);
  });
});

describe('IND-10 premium subsidy missing or short', () => {
  const subsidy = (subsidyFen: number) => observe('premium-subsidy', { year: 2026, subsidyFen, district: '430111' });
  it('fires when the subsidy is below the rate for the category, at the 100 % and 50 % boundaries', () => {
    expect(fire(byId('IND-10'), subsidy(39_999))).toHaveLength(1); // DIBAO: 100 % of 40,000
    expect(fire(byId('IND-10'), subsidy(40_000))).toHaveLength(0);
    expect(fire(byId('IND-10'), subsidy(20_000), { member: member({ category: 'DIBAO_EDGE' }) })).toHaveLength(0); // 50 %
    expect(fire(byId('IND-10'), subsidy(19_999), { member: member({ category: 'DIBAO_EDGE' }) })).toHaveLength(1);
  });
  it('checks every member of a household put on the roll for this year’s subsidy', () => {
    const roll = observe('low-income-roll-entry', {
      householdId: '430111-2025-000042',
      district: '430111',
      category: 'TEKUN',
      recognisedOn: '2026-10-01',
      allowance: { programme: 'tekun-support', monthlyAmountFen: 98_000, startDate: '2026-11-01' },
      members: [{ ...person, relationship: 'head' }],
    });
    expect(fire(byId('IND-10'), roll, { member: null })).toHaveLength(1);
    expect(fire(byId('IND-10'), roll, { member: null, facts: [{ recordType: 'premium-subsidy', record: { year: 2026, subsidyFen: 40_000 } }] })).toHaveLength(
      0,
    );
  });
  it('uses the premium in force on the day: no parameter for a year means no silent guess', () => {
    expect(() => fire(byId('IND-10'), subsidy(0), { on: '2028-03-01' })).toThrow(/no policy parameter premium.individualAnnualFen/);
  });
});

describe('IND-11 housing', () => {
  const survey = (fields: Record<string, unknown>) => observe('housing-condition', { surveyedOn: '2026-08-15', district: '430111', ...fields });
  it('fires for a rural only home graded C or D, or urban hardship', () => {
    expect(fire(byId('IND-11'), survey({ area: 'rural', dangerousHouseGrade: 'C', onlyHome: true }))).toHaveLength(1);
    expect(fire(byId('IND-11'), survey({ area: 'rural', dangerousHouseGrade: 'B', onlyHome: true }))).toHaveLength(0);
    expect(fire(byId('IND-11'), survey({ area: 'rural', dangerousHouseGrade: 'D', onlyHome: false }))).toHaveLength(0);
    expect(fire(byId('IND-11'), survey({ area: 'urban', onlyHome: true, urbanHousingHardship: true }))).toHaveLength(1);
  });
});

describe('IND-12 relocation of a paid member', () => {
  it('fires when a paid member moves to another district, not within the same one', () => {
    expect(fire(byId('IND-12'), observe('relocation', { relocatedOn: '2026-10-01', fromDistrict: '430111', district: '430181' }))).toHaveLength(1);
    expect(fire(byId('IND-12'), observe('relocation', { relocatedOn: '2026-10-01', fromDistrict: '430181', district: '430111' }))).toHaveLength(0);
    expect(fire(byId('IND-12'), observe('population-register-change', { change: 'move-in', on: '2026-10-03', district: '430104' }))).toHaveLength(1);
    expect(fire(byId('IND-12'), observe('population-register-change', { change: 'birth', on: '2026-10-03', district: '430104' }))).toHaveLength(0);
  });
});

describe('IND-13 change found on a grassroots visit', () => {
  it('asks civil affairs to re-assess the household visited', () => {
    const visit = observe('visit-report', {
      householdId: '430111-2025-000042',
      district: '430111',
      visitedOn: '2026-11-18',
      visitedBy: 'YH-SQ-0107',
      changes: [{ kind: 'illness', identityNumber: person.identityNumber, description: 'head of household hospitalised since October' }],
      needs: ['medical'],
    });
    const [draft] = fire(byId('IND-13'), visit, { member: null });
    expect(draft).toMatchObject({ householdId: '430111-2025-000042', subjects: [ref] });
    expect(JSON.stringify(draft)).not.toContain(person.identityNumber);
  });
});

describe('IND-17 public employee in an assisted household', () => {
  const pension = (scheme: string) => observe('pension-record', { scheme, kind: 'contribution', month: '2026-10', amountFen: 150_000, district: '430111' });
  it('fires for public-institution contributions only, and only in assisted households', () => {
    expect(fire(byId('IND-17'), pension('public-institution'))).toHaveLength(1);
    expect(fire(byId('IND-17'), pension('enterprise-employee'))).toHaveLength(0);
    expect(fire(byId('IND-17'), pension('public-institution'), { member: member({ activeProgrammes: [] }) })).toHaveLength(0);
  });
});

describe('every indicator', () => {
  it.each(ALL_INDICATORS.map((i) => [i.id, i] as const))(
    '%s has its parameters in force for the whole plan period and reads known record types',
    (_, indicator) => {
      for (const date of ['2025-12-01', '2026-11-21', '2027-12-31']) {
        for (const name of indicator.parameters) expect(() => policy.valueOn(name, date, '430111'), `${name} on ${date}`).not.toThrow();
      }
      if (isRecordIndicator(indicator)) for (const type of indicator.reads) expect(Object.keys(RECORD_TYPES)).toContain(type);
    },
  );
});
