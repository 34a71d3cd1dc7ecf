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

export interface EmergencyCases {
  /** Opens the case once; 'exists' for a replay of the same advance. */
  open(c: EmergencyCase): Promise<'opened' | 'exists'>;
  get(caseId: string): Promise<EmergencyCase | undefined>;
  /** Closes an open or flagged case with the documents' verdict; false if already closed. */
  close(caseId: string, status: 'confirmed' | 'refused', on: string): Promise<boolean>;
  /** Cases of a district still waiting for documents after `before`. */
  overdue(district: DistrictCode, before: string): Promise<EmergencyCase[]>;
  /** Marks a waiting case flagged (it leaves the waiting list); false if no longer waiting. */
  flag(caseId: string, reason: string): Promise<boolean>;
}
