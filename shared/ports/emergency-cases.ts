import type { DistrictCode } from '../domain/districts';
import type { EmergencyCase } from '../domain/emergency-case';

/** Each method takes a group of cases, written with as few calls as the limits allow. */
export interface EmergencyCases {
  /** Opens each case once; 'exists' where the case number is already open (a replay, or a reused number). */
  open(cases: readonly EmergencyCase[]): Promise<('opened' | 'exists')[]>;
  /** The cases that exist among `caseIds`. */
  getMany(caseIds: readonly string[]): Promise<Map<string, EmergencyCase>>;
  /** Closes open or flagged cases with the documents' verdict; false where already closed. */
  close(closes: readonly { caseId: string; status: 'confirmed' | 'refused'; on: string }[]): Promise<boolean[]>;
  /** Cases of a district still waiting for documents after `before`. */
  overdue(district: DistrictCode, before: string): Promise<EmergencyCase[]>;
  /** Marks waiting cases flagged (they leave the waiting list); false where no longer waiting. */
  flag(flags: readonly { caseId: string; reason: string }[]): Promise<boolean[]>;
}
