import type { DistrictCode } from './districts';

export type EmergencyCaseStatus = 'awaiting-documents' | 'confirmed' | 'refused' | 'flagged';

/**
 * The statuses each step may start from. The documents' verdict closes a case that waits for
 * them or was flagged meanwhile (late documents still count); only a case still waiting is
 * flagged, so a closed case stays closed and a flagged one is flagged once.
 */
export const CASE_STEPS_FROM = {
  close: ['awaiting-documents', 'flagged'],
  flag: ['awaiting-documents'],
} as const satisfies Record<string, readonly EmergencyCaseStatus[]>;

/** Whether a case in `status` may take the step. */
export function mayTake(step: keyof typeof CASE_STEPS_FROM, status: EmergencyCaseStatus): boolean {
  return (CASE_STEPS_FROM[step] as readonly EmergencyCaseStatus[]).includes(status);
}

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
  status: EmergencyCaseStatus;
  /** Why it was flagged: documents overdue, or an advance above the small-amount limit. */
  flags: string[];
  advanceRecordId: string;
  closedOn?: string;
}
