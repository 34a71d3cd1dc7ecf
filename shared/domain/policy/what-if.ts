import { CATEGORY_CODES, isAllowanceCategory, type Category } from '../categories';
import type { DistrictCode } from '../districts';
import { classify, type Investigation } from '../recognition/classify';
import { PolicyBook, type PolicyParameter } from './policy-book';

/**
 * What-if (测算): a proposed policy book against the current one, over every household's latest
 * assessment, on one day, writing nothing. Both sides are classified on the same day, so every
 * difference is the proposal's. It counts the households whose category would change, per
 * district and per transition, and the warnings the platform would raise because of it:
 * - IND-16 for a household that would leave DIBAO or TEKUN (offer of a transfer, 渐退);
 * - IND-10 for each member whose premium-subsidy rate would change (medical insurance must adjust).
 * Parameters only record-driven indicators read (e.g. IND-02's share) cannot be measured on
 * assessments; they are listed under `notEstimated`.
 *
 * The counting is a tally that holds only counters (bounded by districts × transitions, never by
 * households): a page of households is tallied on its own and merged into the partial tally, so
 * a run over a province keeps one page in memory and can stop and resume anywhere.
 */
export interface AssessedHousehold {
  householdId: string;
  district: DistrictCode;
  investigation: Investigation;
}

export type Tier = Category | 'none';

export interface DistrictTally {
  households: number;
  categoryChanges: number;
  transitions: Record<string, number>;
}

/** A partial report: the counts over some of the households. Tallies of disjoint sets merge. */
export interface WhatIfTally {
  households: number;
  categoryChanges: number;
  byDistrict: Record<string, DistrictTally>;
  categoriesNow: Record<Tier, number>;
  categoriesProposed: Record<Tier, number>;
  warnings: { total: number; byIndicator: Record<string, number>; byDistrict: Record<string, number> };
  /** Households that could not be classified (a parameter missing on that day for their district). */
  unclassified: number;
}

export interface WhatIfReport extends WhatIfTally {
  on: string;
  notEstimated: string[];
}

/** The two books and the day every household is measured on. */
export interface WhatIfMeasure {
  current: PolicyBook;
  proposed: PolicyBook;
  on: string;
}

const TIERS: readonly Tier[] = [...CATEGORY_CODES, 'none'];

/**
 * A book read on one day only: every household asks for the same few parameters for its
 * district, so each answer is looked up once (bounded by parameters × districts).
 */
class OneDayBook extends PolicyBook {
  private readonly found = new Map<string, PolicyParameter | undefined>();
  constructor(book: PolicyBook) {
    super(book.rows(), book.version);
  }
  override find(name: string, date: string, district?: DistrictCode): PolicyParameter | undefined {
    const key = `${name}|${date}|${district ?? ''}`;
    if (!this.found.has(key)) this.found.set(key, super.find(name, date, district));
    return this.found.get(key);
  }
}

export function whatIfMeasure(current: PolicyBook, proposed: PolicyBook, on: string): WhatIfMeasure {
  return { current: new OneDayBook(current), proposed: new OneDayBook(proposed), on };
}

/** The changed parameters no assessment can measure (only record-driven indicators read them). */
export function notEstimated(changedParameters: readonly string[], recognitionParameters: readonly string[]): string[] {
  return [...new Set(changedParameters)].filter((n) => !recognitionParameters.includes(n) && !n.startsWith('premium.'));
}

export function emptyTally(): WhatIfTally {
  const zero = () => Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  return {
    households: 0,
    categoryChanges: 0,
    byDistrict: {},
    categoriesNow: zero(),
    categoriesProposed: zero(),
    warnings: { total: 0, byIndicator: {}, byDistrict: {} },
    unclassified: 0,
  };
}

const addCounts = (into: Record<string, number>, from: Readonly<Record<string, number>>) => {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
};

/** Counts one household into a tally the caller owns (only `tallyOf` does). */
function count(t: WhatIfTally, h: AssessedHousehold, { current, proposed, on }: WhatIfMeasure): void {
  t.households += 1;
  const district = t.byDistrict[h.district] ?? { households: 0, categoryChanges: 0, transitions: {} };
  t.byDistrict[h.district] = district;
  district.households += 1;
  const investigation = { ...h.investigation, investigatedOn: on };
  let now: Tier;
  let next: Tier;
  try {
    now = classify(investigation, current).category ?? 'none';
    next = classify(investigation, proposed).category ?? 'none';
  } catch {
    t.unclassified += 1;
    return;
  }
  const warn = (indicator: string, n: number) => {
    t.warnings.total += n;
    addCounts(t.warnings.byIndicator, { [indicator]: n });
    addCounts(t.warnings.byDistrict, { [h.district]: n });
  };
  const rate = (book: PolicyBook, tier: Tier) => (tier === 'none' ? 0 : Number(book.find(`premium.subsidyRate.${tier}`, on, h.district)?.value ?? 0));
  t.categoriesNow[now] += 1;
  t.categoriesProposed[next] += 1;
  if (now !== next) {
    t.categoryChanges += 1;
    district.categoryChanges += 1;
    addCounts(district.transitions, { [`${now}→${next}`]: 1 });
    if (isAllowanceCategory(now) && !isAllowanceCategory(next)) warn('IND-16', 1);
  }
  if (rate(current, now) !== rate(proposed, next) && h.investigation.members.length) warn('IND-10', h.investigation.members.length);
}

/** The tally of some households (a page), as a new value. */
export function tallyOf(households: Iterable<AssessedHousehold>, measure: WhatIfMeasure): WhatIfTally {
  const t = emptyTally();
  for (const h of households) count(t, h, measure);
  return t;
}

/** The tally of two disjoint sets of households, as a new value: merging in any order or grouping gives the same counts. */
export function mergeTallies(a: WhatIfTally, b: WhatIfTally): WhatIfTally {
  const t = emptyTally();
  for (const x of [a, b]) {
    t.households += x.households;
    t.categoryChanges += x.categoryChanges;
    t.unclassified += x.unclassified;
    addCounts(t.categoriesNow, x.categoriesNow);
    addCounts(t.categoriesProposed, x.categoriesProposed);
    t.warnings.total += x.warnings.total;
    addCounts(t.warnings.byIndicator, x.warnings.byIndicator);
    addCounts(t.warnings.byDistrict, x.warnings.byDistrict);
    for (const [code, d] of Object.entries(x.byDistrict)) {
      t.byDistrict[code] ??= { households: 0, categoryChanges: 0, transitions: {} };
      const into = t.byDistrict[code];
      into.households += d.households;
      into.categoryChanges += d.categoryChanges;
      addCounts(into.transitions, d.transitions);
    }
  }
  return t;
}

export function reportOf(t: WhatIfTally, on: string, notEstimatedParameters: readonly string[]): WhatIfReport {
  return { on, ...t, notEstimated: [...notEstimatedParameters] };
}

/** The whole report in one pass (small databases, tests): the same as tallying pages and merging them. */
export function whatIf(
  households: Iterable<AssessedHousehold>,
  current: PolicyBook,
  proposed: PolicyBook,
  on: string,
  changedParameters: readonly string[],
  recognitionParameters: readonly string[],
): WhatIfReport {
  return reportOf(tallyOf(households, whatIfMeasure(current, proposed, on)), on, notEstimated(changedParameters, recognitionParameters));
}
