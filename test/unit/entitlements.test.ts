import { describe, expect, it } from 'vitest';
import { gradualExitEnd } from '../../shared/domain/recognition/entitlements';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';

const policy = new PolicyBook(CITY_PARAMETERS);

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
