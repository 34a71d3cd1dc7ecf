import { describe, expect, it } from 'vitest';
import { gradualExitEnd, premiumSubsidyFen } from '../../shared/domain/recognition/entitlements';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';

const policy = new PolicyBook(CITY_PARAMETERS);

describe('premium subsidy per member per year', () => {
  it.each([
    ['TEKUN', 40_000, 1],
    ['DIBAO', 40_000, 1],
    ['DIBAO_EDGE', 20_000, 0.5],
    ['RELAPSE_MONITORING', 20_000, 0.5],
    ['RIGID_EXPENDITURE', 0, 0],
    ['OTHER_HARDSHIP', 0, 0],
  ] as const)('%s: %i fen (rate %s)', (category, dueFen, rate) => {
    expect(premiumSubsidyFen(category, 2026, policy)).toEqual({ dueFen, rate, premiumFen: 40_000 });
  });
  it('has no answer for a year without a premium: never a guess', () => {
    expect(() => premiumSubsidyFen('DIBAO', 2029, policy)).toThrow(/premium.individualAnnualFen/);
  });
});

describe('gradual exit (渐退)', () => {
  it.each([
    ['2026-01-15', '2026-07-31'],
    ['2026-06-30', '2026-12-31'],
    ['2026-08-01', '2027-02-28'], // the last month of the grace period is a short one
    ['2026-12-31', '2027-06-30'],
  ])('income above the standard from %s: paid through %s', (rose, last) => {
    expect(gradualExitEnd(rose, policy)).toEqual({ lastPaidDay: last, graceMonths: 6 });
  });
});
