import type { DistrictCode } from '../domain/districts';
import type { DecisionByOfficer, Officer } from '../domain/favouritism';

/** 经办人员登记 and what the officers decided: each method takes a group, in as few calls as the limits allow. */
export interface OfficerRegister {
  /** Registers an officer, or replaces the registration (household members too); returns the one replaced. */
  register(officer: Officer): Promise<Officer | undefined>;
  /** The registered officers among `officerIds` (one BatchGetItem for a group). */
  officers(officerIds: readonly string[]): Promise<Map<string, Officer>>;
  /** The officers registered in a district, by id. */
  ofDistrict(district: DistrictCode): Promise<Officer[]>;
  /** Records who decided each recognition (a retried group writes the same items). */
  recordDecisions(decisions: readonly DecisionByOfficer[]): Promise<void>;
  /** A district's decisions decided from `from` to `to` (yyyy-mm-dd), month by month. */
  decisionsIn(district: DistrictCode, from: string, to: string): Promise<DecisionByOfficer[]>;
  /** Every decision an officer is recorded as having made. */
  decisionsBy(officerId: string): Promise<DecisionByOfficer[]>;
}
