import { describe, expect, it } from 'vitest';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { plausibilityProblems } from '../../shared/records/plausibility';
import { identityNumber } from '../fixtures/people';

const policy = new PolicyBook(CITY_PARAMETERS);
const today = '2026-12-02';
const born1950 = identityNumber('430104', '1950-06-03', 88);
const fieldsOf = (record: Record<string, unknown>) => plausibilityProblems(record, policy, today).map((p) => p.field);

describe('plausibility of months, years and school years (合理性校验)', () => {
  const pension = (month: string) => ({
    type: 'pension-record',
    recordId: 'RS-YL-2026-000001',
    identityNumber: born1950,
    scheme: 'urban-rural-resident',
    kind: 'benefit',
    month,
    amountFen: 18_000,
    district: '430104',
  });
  const premium = (year: number) => ({
    type: 'premium-subsidy',
    recordId: 'YB-ZB-2026-000001',
    identityNumber: born1950,
    year,
    subsidyFen: 38_000,
    district: '430104',
  });
  const enrolment = (schoolYear: string) => ({
    type: 'student-enrolment',
    recordId: 'JY-XJ-2026-000001',
    identityNumber: identityNumber('430104', '2012-09-01', 15),
    schoolYear,
    district: '430104',
  });

  it('refuses a month in the future, before the earliest year, or before the birth month', () => {
    for (const month of ['2099-12', '2027-01', '0000-01', '1899-12', '1930-01', '1950-05']) expect(fieldsOf(pension(month)), month).toEqual(['month']);
    for (const month of ['2026-12', '2026-11', '1950-06', '1990-01']) expect(fieldsOf(pension(month)), month).toEqual([]);
  });

  it('refuses a year beyond the scheduled horizon or before the earliest year, and accepts next year', () => {
    for (const year of [2099, 2037, 1899, 1000]) expect(fieldsOf(premium(year)), String(year)).toEqual(['year']);
    for (const year of [2026, 2027, 2036]) expect(fieldsOf(premium(year)), String(year)).toEqual([]);
  });

  it('refuses a school year too far ahead, before the earliest year, or before the child was born', () => {
    for (const schoolYear of ['2099-2100', '0000-0001', '2010-2011']) expect(fieldsOf(enrolment(schoolYear)), schoolYear).toEqual(['schoolYear']);
    for (const schoolYear of ['2026-2027', '2027-2028', '2012-2013']) expect(fieldsOf(enrolment(schoolYear)), schoolYear).toEqual([]);
  });
});
