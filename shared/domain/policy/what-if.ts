import type { Category } from '../categories';
import type { DistrictCode } from '../districts';
import { classify, type Investigation } from '../recognition/classify';
import type { PolicyBook } from './policy-book';

/**
 * What-if (测算): a proposed policy book against the current one, over every household's latest
 * assessment, on one day, writing nothing. Both sides are classified on the same day, so every
 * difference is the proposal's. It counts the households whose category would change, per
 * district and per transition, and the warnings the platform would raise because of it:
 * - IND-16 for a household that would leave DIBAO or TEKUN (offer of a transfer, 渐退);
 * - IND-10 for each member whose premium-subsidy rate would change (medical insurance must adjust).
 * Parameters only record-driven indicators read (e.g. IND-02's share) cannot be measured on
 * assessments; they are listed under `notEstimated`.
 */
export interface AssessedHousehold {
  householdId: string;
  district: DistrictCode;
  investigation: Investigation;
}

type Tier = Category | 'none';

export interface WhatIfReport {
  on: string;
  households: number;
  categoryChanges: number;
  byDistrict: Record<string, { households: number; categoryChanges: number; transitions: Record<string, number> }>;
  categoriesNow: Record<Tier, number>;
  categoriesProposed: Record<Tier, number>;
  warnings: { total: number; byIndicator: Record<string, number>; byDistrict: Record<string, number> };
  /** Households that could not be classified (a parameter missing on that day for their district). */
  unclassified: number;
  notEstimated: string[];
}

const ASSISTED_EXIT_FROM: readonly Tier[] = ['TEKUN', 'DIBAO'];

export function whatIf(households: Iterable<AssessedHousehold>, current: PolicyBook, proposed: PolicyBook, on: string, changedParameters: readonly string[], recognitionParameters: readonly string[]): WhatIfReport {
  const zero = (): Record<Tier, number> => ({ TEKUN: 0, DIBAO: 0, DIBAO_EDGE: 0, RIGID_EXPENDITURE: 0, RELAPSE_MONITORING: 0, OTHER_HARDSHIP: 0, none: 0 });
  const report: WhatIfReport = {
    on,
    households: 0,
    categoryChanges: 0,
    byDistrict: {},
    categoriesNow: zero(),
    categoriesProposed: zero(),
    warnings: { total: 0, byIndicator: {}, byDistrict: {} },
    unclassified: 0,
    notEstimated: changedParameters.filter((n) => !recognitionParameters.includes(n) && !n.startsWith('premium.')),
  };
  const warn = (indicator: string, district: string, count: number) => {
    if (!count) return;
    report.warnings.total += count;
    report.warnings.byIndicator[indicator] = (report.warnings.byIndicator[indicator] ?? 0) + count;
    report.warnings.byDistrict[district] = (report.warnings.byDistrict[district] ?? 0) + count;
  };
  const rate = (book: PolicyBook, tier: Tier, district: DistrictCode) => (tier === 'none' ? 0 : Number(book.find(`premium.subsidyRate.${tier}`, on, district)?.value ?? 0));

  for (const h of households) {
    report.households += 1;
    const district = (report.byDistrict[h.district] ??= { households: 0, categoryChanges: 0, transitions: {} });
    district.households += 1;
    const investigation = { ...h.investigation, investigatedOn: on };
    let now: Tier;
    let next: Tier;
    try {
      now = classify(investigation, current).category ?? 'none';
      next = classify(investigation, proposed).category ?? 'none';
    } catch {
      report.unclassified += 1;
      continue;
    }
    report.categoriesNow[now] += 1;
    report.categoriesProposed[next] += 1;
    if (now !== next) {
      report.categoryChanges += 1;
      district.categoryChanges += 1;
      const transition = `${now}→${next}`;
      district.transitions[transition] = (district.transitions[transition] ?? 0) + 1;
      if (ASSISTED_EXIT_FROM.includes(now) && !ASSISTED_EXIT_FROM.includes(next)) warn('IND-16', h.district, 1);
    }
    if (rate(current, now, h.district) !== rate(proposed, next, h.district)) warn('IND-10', h.district, h.investigation.members.length);
  }
  return report;
}
