/**
 * What departments reported about a person, kept for people in the low-income database (and for
 * leads an indicator raised), so that indicators can see context: "enrolled this school year,
 * but no education assistance", "severe disability certificate, but no care subsidy".
 */
export interface PersonFact {
  personRef: string;
  recordType: string;
  /**
   * Where the fact is kept among the person's facts: for the record types indicators look up
   * (shared/records/fact-slots.ts) a slot a later record of the same kind restates, e.g. the
   * premium subsidy of a year; otherwise the record's own id.
   */
  slot: string;
  recordId: string;
  department: string;
  acceptedAt: string;
  /** The pseudonymized record. */
  record: Record<string, unknown>;
  /**
   * Kept only until then (ISO time): a fact about someone not in the database, written only so
   * that a roll entry racing it still finds it (`retention.unmatchedFactDays`). Absent: kept.
   */
  keepUntil?: string;
}

/** A fact an indicator looks up: the person, the record type and its slot. */
export interface FactKey {
  personRef: string;
  recordType: string;
  slot: string;
}
