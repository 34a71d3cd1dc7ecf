import type { DistrictCode } from '../domain/districts';

/** An emergency-assistance case (急难救助): the advance paid, the documents it waits for. */
export interface EmergencyCase {
  caseId: string;
  personRef: string;
  /** Where the emergency happened. */
  district: DistrictCode;
  /** The household in the low-income database, if the person is in it; empty if not. */
  householdId: string;
  amountFen: number;
  paidOn: string;
  documentsDueBy: string;
  status: 'awaiting-documents' | 'confirmed' | 'refused' | 'flagged';
  /** Why it was flagged: documents overdue, or an advance above the small-amount limit. */
  flags: string[];
  advanceRecordId: string;
  closedOn?: string;
}

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
