import { ALL_INDICATORS } from '../indicators';
import { WAIVER_CODES, waiverParameter } from '../waivers';
import { PLAN, PLAN_PERIOD } from './plan';
import type { PolicyParameter } from './policy-book';

const SERVICE_SOURCE = `${PLAN} 三.4, starting values set by the bureau`;

/**
 * The city's policy parameters as the implementation plan sets them (in force 2025-12-01 to
 * 2030-11-30). Values that change yearly get one row per year; an administrator adds rows,
 * the code reads whichever row is in force on the day of evaluation.
 */
const city = (name: string, value: number | string, unit: string, source = PLAN): PolicyParameter => ({
  name,
  value,
  unit,
  district: '*',
  source,
  ...PLAN_PERIOD,
});
const year = (name: string, y: number, value: number, unit: string, source: string): PolicyParameter => ({
  name,
  value,
  unit,
  district: '*',
  source,
  effectiveFrom: `${y}-01-01`,
  effectiveTo: `${y}-12-31`,
});

export const CITY_PARAMETERS: readonly PolicyParameter[] = [
  // Days a recipient has to handle a warning before it is overdue (indicator 15): each
  // indicator's file states the plan's deadline for it.
  ...ALL_INDICATORS.map((i) => city(i.deadlineParameter, i.deadlineDays, 'days')),

  // Indicator 2: out-of-pocket medical spending against household income over the same period.
  city('IND-02.shareOfIncome', 0.5, 'ratio'),
  // ...and, for someone not yet monitored, the spending that makes a discovery lead.
  city('IND-02.leadOutOfPocketFen', 3_000_000, 'fen'),
  // Indicator 3: ICD-10 prefixes counted as serious illness (cancers, severe heart, stroke, kidney failure, …).
  city('IND-03.seriousIllnessIcd10Prefixes', 'C,D45,I21,I60,I61,I63,N18.5,Q20,Q21,F20', 'ICD-10 prefixes'),
  // Indicator 5: a new job paying at least this much a month triggers an income re-check.
  city('IND-05.wageReviewThresholdFen', 100_000, 'fen per month'),
  // Indicator 6: categories whose pupils should receive education assistance.
  city('IND-06.categories', 'TEKUN,DIBAO,DIBAO_EDGE,RELAPSE_MONITORING', 'categories'),
  // Indicator 7: disability grades counted as severe (1 = most severe).
  city('IND-07.severeGradeMax', 2, 'grade'),
  // Indicator 14: open warnings, across how many departments, that make a complex case.
  city('IND-14.minOpenWarnings', 3, 'warnings'),
  city('IND-14.minDepartments', 2, 'departments'),
  // Indicator 11: rural dangerous-house grades that need renovation.
  city('IND-11.dangerousGrades', 'C,D', 'grades'),
  // Payment supervision (四.3 确保按时足额发放), IND-20 to IND-24.
  // IND-20: the allowance stops the month after a death (次月停发); days before the month a death may still miss a file prepared ahead.
  city('IND-20.graceDays', 0, 'days'),
  // IND-22: what a household's month may differ from its allowance (rounding of per-person amounts).
  city('IND-22.toleranceFen', 100, 'fen'),
  // IND-23: an allowance started fewer days than this before the month's end is paid with the next file (补发).
  city('IND-23.startGraceDays', 15, 'days'),
  // IND-24: allowances one person is never paid under two households in the same month.
  city('IND-24.programmes', 'dibao-allowance,tekun-support', 'programmes'),

  // Recognition (认定). The dibao standard and last year's disposable income change every year;
  // the values here are the city's published figures as entered by the administrator.
  year('dibao.standardMonthlyFen', 2025, 85_000, 'fen per person per month', '长沙市城乡低保标准 2025'),
  year('dibao.standardMonthlyFen', 2026, 90_000, 'fen per person per month', '长沙市城乡低保标准 2026'),
  year('dibao.standardMonthlyFen', 2027, 90_000, 'fen per person per month', 'to be confirmed by the 2027 notice'),
  year('rigid.lastYearDisposableIncomeMonthlyFen', 2025, 520_000, 'fen per person per month', '长沙市统计公报 2024 (人均可支配收入 / 12)'),
  year('rigid.lastYearDisposableIncomeMonthlyFen', 2026, 540_000, 'fen per person per month', '长沙市统计公报 2025 (人均可支配收入 / 12)'),
  year('rigid.lastYearDisposableIncomeMonthlyFen', 2027, 540_000, 'fen per person per month', 'to be confirmed by the 2026 bulletin'),
  city('edge.incomeMultiple', 1.5, 'ratio'),
  // Gradual exit: months the allowance continues after income rises above the standard.
  city('dibao.gradualExitMonths', 6, 'months'),
  city('rigid.spendingShareOfIncome', 0.5, 'ratio'),
  city('assets.limitPerCapitaFen', 3_000_000, 'fen per person'),
  city('tekun.elderlyAge', 60, 'years'),
  city('tekun.minorAge', 16, 'years'),
  city('tekun.severeDisabilityGradeMax', 2, 'grade'),

  // Plausibility of what departments send (shared/records/plausibility.ts): the largest single
  // amount (¥100 million), the earliest year, how far ahead an event may be dated (a day, for
  // clocks and the city's time zone) and how far ahead a scheduled date (an end, a start) may be.
  // How long a record about someone not in the database is kept (a death, which a roll entry
  // sent at the same moment must still find): past the bus's 24-hour retries and the resends a
  // department makes within a submission's 35 days.
  city('retention.unmatchedFactDays', 35, 'days'),
  city('input.maxAmountFen', 10_000_000_000, 'fen per amount'),
  city('input.earliestYear', 1900, 'year'),
  city('input.eventDateToleranceDays', 1, 'days'),
  city('input.scheduledDateHorizonDays', 3660, 'days'),

  // Emergency assistance (急难救助): the most paid first without documents, and the days to supply them.
  city('emergency.advanceLimitFen', 100_000, 'fen per case'),
  city('emergency.documentsDueDays', 15, 'days'),

  // Premium subsidy (indicator 10): the individual premium of residents' basic medical insurance and
  // the share paid by assistance per category (100 % TEKUN and DIBAO, 50 % edge and relapse).
  year('premium.individualAnnualFen', 2025, 40_000, 'fen per year', '湖南省城乡居民医保个人缴费标准 2025'),
  year('premium.individualAnnualFen', 2026, 40_000, 'fen per year', '湖南省城乡居民医保个人缴费标准 2026'),
  year('premium.individualAnnualFen', 2027, 40_000, 'fen per year', 'to be confirmed by the 2027 notice'),
  city('premium.subsidyRate.TEKUN', 1, 'ratio'),
  city('premium.subsidyRate.DIBAO', 1, 'ratio'),
  city('premium.subsidyRate.DIBAO_EDGE', 0.5, 'ratio'),
  city('premium.subsidyRate.RELAPSE_MONITORING', 0.5, 'ratio'),

  // 其他救助帮扶 (plan 三.5): fee waivers for DIBAO and TEKUN. The plan extends related waivers to
  // edge and rigid-expenditure families "逐步" (gradually) without a date: the city does it by a
  // policy change with its own effective date, not here.
  ...WAIVER_CODES.map((w) => city(waiverParameter.categories(w), 'TEKUN,DIBAO', 'categories')),
  // 托育: children under three (0–3 岁托育服务).
  city(waiverParameter.childcareMaxAgeMonths, 36, 'months', '国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见'),
  // 关系保, 优亲厚友 (plan 四.3): the officers' acts checked against their own households (IND-27);
  // an officer's share of a district's approvals over the period, against 1 / officers deciding (IND-28).
  city('IND-27.actsChecked', 'recognition-decision,roll-entry,answer', 'acts'),
  city('IND-28.periodDays', 90, 'days'),
  city('IND-28.ratio', 3, 'times the expected share'),
  city('IND-28.minApprovals', 5, 'approvals'),
  // 服务类社会救助 (plan 三.4): hours a month of bought care by self-care level (GB/T 42195 levels),
  // the kinds of service each group gets, the day of the next month a month's deliveries must be
  // reported by (IND-25), and the days after a delivery its report may come (IND-26). The plan
  // gives no figures: these are the bureau's starting values, changed over POST /policy/changes.
  city('service.hoursPerMonth.intact', 0, 'hours per month', SERVICE_SOURCE),
  city('service.hoursPerMonth.mild', 8, 'hours per month', SERVICE_SOURCE),
  city('service.hoursPerMonth.moderate', 16, 'hours per month', SERVICE_SOURCE),
  city('service.hoursPerMonth.severe', 30, 'hours per month', SERVICE_SOURCE),
  city('service.hoursPerMonth.total', 45, 'hours per month', SERVICE_SOURCE),
  city('service.kinds.elderly', 'daily-living-care,health-care', 'service kinds', SERVICE_SOURCE),
  city('service.kinds.minor', 'family-support,capacity-building', 'service kinds', SERVICE_SOURCE),
  city('service.kinds.disabled', 'daily-living-care,capacity-building', 'service kinds', SERVICE_SOURCE),
  city('service.kinds.seriously-ill', 'health-care,daily-living-care', 'service kinds', SERVICE_SOURCE),
  city('service.reportDueDay', 5, 'day of the next month', SERVICE_SOURCE),
  city('service.lateReportDays', 7, 'days', SERVICE_SOURCE),
];
