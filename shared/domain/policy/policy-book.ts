import type { DistrictCode } from '../districts';

/**
 * Policy values (thresholds, deadlines, rates) are data with an effective date range and an
 * optional district, never literals in code. A value for a district wins over the city-wide one.
 */
export type PolicyValue = number | string | boolean;

export interface PolicyParameter {
  name: string;
  value: PolicyValue;
  /** '*' = the whole city. */
  district: DistrictCode | '*';
  effectiveFrom: string; // ISO date, inclusive
  effectiveTo: string; // ISO date, inclusive
  unit?: string;
  source: string; // the document that sets it
  /** The policy change (version) that wrote this row; absent for the rows shipped in city-parameters.ts (version 0). */
  changeVersion?: number;
}

export class PolicyBook {
  /**
   * @param version the policy version these rows are (0 = as shipped in city-parameters.ts; each
   * administrator change adds one). Decisions and warnings record it.
   */
  constructor(
    private readonly parameters: readonly PolicyParameter[],
    readonly version = 0,
  ) {}

  rows(): readonly PolicyParameter[] {
    return this.parameters;
  }

  /** Every parameter in force on `date` for `district` (a district's own row over the city's). */
  inForce(date: string, district?: DistrictCode): PolicyParameter[] {
    const names = [...new Set(this.parameters.map((p) => p.name))].sort();
    return names.map((n) => this.find(n, date, district)).filter((p): p is PolicyParameter => p !== undefined);
  }

  /** The parameter in force on `date` (yyyy-mm-dd) for `district`, or undefined. */
  find(name: string, date: string, district?: DistrictCode): PolicyParameter | undefined {
    const inForce = this.parameters.filter(
      (p) => p.name === name && p.effectiveFrom <= date && date <= p.effectiveTo && (p.district === '*' || p.district === district),
    );
    // Rows later in the book win over earlier ones covering the same day: administrators' rows
    // come after the shipped ones, so a row shipped later that overlaps one set over the API
    // does not silently take its place.
    return inForce.findLast((p) => p.district !== '*') ?? inForce.findLast((p) => p.district === '*');
  }

  valueOn(name: string, date: string, district?: DistrictCode): PolicyValue {
    return this.rowOn(name, date, district).value;
  }

  /** The row that supplies `name` on `date` for `district`: what a decision names as its threshold's source. */
  rowOn(name: string, date: string, district?: DistrictCode): PolicyParameter {
    const found = this.find(name, date, district);
    if (!found) throw new MissingPolicyParameterError(name, date, district);
    return found;
  }

  /** The values of `names` in force on `date` for `district`: what a rule reads and its warning records. */
  valuesOn(names: readonly string[], date: string, district?: DistrictCode): Record<string, PolicyValue> {
    return Object.fromEntries(names.map((name) => [name, this.valueOn(name, date, district)]));
  }

  numberOn(name: string, date: string, district?: DistrictCode): number {
    const value = this.valueOn(name, date, district);
    if (typeof value !== 'number') throw new Error(`policy parameter ${name} is not a number`);
    return value;
  }
}

export class MissingPolicyParameterError extends Error {
  constructor(name: string, date: string, district?: string) {
    super(`no policy parameter ${name} in force on ${date}${district ? ` for district ${district}` : ''}`);
    this.name = 'MissingPolicyParameterError';
  }
}
