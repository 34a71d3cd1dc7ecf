/**
 * The city's implementation plan (实施方案): where the shipped indicators and parameters come
 * from, and the period they are in force unless a row says otherwise.
 */
export const PLAN = '长沙市低收入人口动态监测和分层分类社会救助实施方案 (2025-12-01)';
export const PLAN_PERIOD = { effectiveFrom: '2025-12-01', effectiveTo: '2030-11-30' } as const;
