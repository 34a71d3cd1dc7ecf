import { describe, expect, it } from 'vitest';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { assessmentParameters, decideCareNeed, hoursDueIn, lateReportsByMonth, missedMonths } from '../../shared/domain/service-assistance';

const book = new PolicyBook(CITY_PARAMETERS);
const params = (group: 'elderly' | 'minor', level: 'intact' | 'mild' | 'severe', on = '2026-11-03', b = book) =>
  b.valuesOn(assessmentParameters(group, level), on, '430104');

describe('the care-need rule (服务类社会救助)', () => {
  it('gives hours by level and kinds by group from the parameters; an intact ability raises no need', () => {
    expect(decideCareNeed({ group: 'elderly', selfCareLevel: 'severe' }, params('elderly', 'severe'))).toMatchObject({
      raisesNeed: true,
      hoursPerMonth: 30,
      kinds: ['daily-living-care', 'health-care'],
    });
    expect(decideCareNeed({ group: 'minor', selfCareLevel: 'mild' }, params('minor', 'mild'))).toMatchObject({
      hoursPerMonth: 8,
      kinds: ['family-support', 'capacity-building'],
    });
    expect(decideCareNeed({ group: 'elderly', selfCareLevel: 'intact' }, params('elderly', 'intact'))).toMatchObject({ raisesNeed: false, hoursPerMonth: 0 });
  });

  it('reads the row in force on the day of the assessment (a district’s change from 2027-01-01)', () => {
    const changed = new PolicyBook([
      ...CITY_PARAMETERS,
      {
        name: 'service.hoursPerMonth.severe',
        value: 40,
        district: '430104',
        effectiveFrom: '2027-01-01',
        effectiveTo: '2030-11-30',
        source: 'test',
        changeVersion: 1,
      },
    ]);
    expect(decideCareNeed({ group: 'elderly', selfCareLevel: 'severe' }, params('elderly', 'severe', '2026-12-31', changed)).hoursPerMonth).toBe(30);
    expect(decideCareNeed({ group: 'elderly', selfCareLevel: 'severe' }, params('elderly', 'severe', '2027-01-01', changed)).hoursPerMonth).toBe(40);
  });
});

describe('the delivery checks (IND-25, IND-26)', () => {
  const order = { hoursPerMonth: 30, from: '2026-11-01', to: '2027-04-30' };
  it('prorates a month the period starts in, down to the half hour', () => {
    expect(hoursDueIn(order, '2026-11')).toBe(30);
    expect(hoursDueIn({ ...order, from: '2026-11-16' }, '2026-11')).toBe(15);
    expect(hoursDueIn({ ...order, from: '2026-11-20' }, '2026-11')).toBe(11);
  });
  it('warns of a short month only after the report day of the next month (5th)', () => {
    const deliveries = [{ deliveredOn: '2026-11-10', hours: 20 }];
    expect(missedMonths(order, deliveries, '2026-12-05', 5)).toEqual([]);
    expect(missedMonths(order, deliveries, '2026-12-06', 5)).toEqual([{ month: '2026-11', dueHours: 30, deliveredHours: 20, reportDueOn: '2026-12-05' }]);
    expect(missedMonths(order, [{ deliveredOn: '2026-11-10', hours: 30 }], '2026-12-06', 5)).toEqual([]);
  });
  it('flags a report more than the parameter’s days after the service, not one on the limit', () => {
    const late = lateReportsByMonth(
      [
        { deliveredOn: '2026-11-10', reportedOn: '2026-11-17' },
        { deliveredOn: '2026-11-11', reportedOn: '2026-11-19' },
      ],
      7,
    );
    expect([...late.keys()]).toEqual(['2026-11']);
    expect(late.get('2026-11')!.map((d) => d.deliveredOn)).toEqual(['2026-11-11']);
  });
});
