import type { PolicyParameter } from './policy-book';

/**
 * The city's policy parameters as the implementation plan sets them (in force 2025-12-01 to
 * 2030-11-30). Values that change yearly get one row per year; an administrator adds rows,
 * the code reads whichever row is in force.
 */
const PLAN = '长沙市低收入人口动态监测和分层分类社会救助实施方案 (2025-12-01)';
const PLAN_PERIOD = { effectiveFrom: '2025-12-01', effectiveTo: '2030-11-30' } as const;

export const CITY_PARAMETERS: readonly PolicyParameter[] = [
  // Working days a recipient has to handle a warning before it counts as overdue (indicator 15).
  { name: 'warning.deadlineDays.IND-01', value: 10, district: '*', unit: 'days', source: PLAN, ...PLAN_PERIOD },
];
