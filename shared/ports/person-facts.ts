/**
 * What departments reported about a person, kept for people in the low-income database (and for
 * leads an indicator raised), so that indicators can see context: "enrolled this school year,
 * but no education assistance", "severe disability certificate, but no care subsidy".
 */
export interface PersonFact {
  personRef: string;
  recordType: string;
  recordId: string;
  department: string;
  acceptedAt: string;
  /** The pseudonymized record. */
  record: Record<string, unknown>;
}

export interface PersonFacts {
  factsOf(personRefs: readonly string[]): Promise<Map<string, PersonFact[]>>;
  record(facts: readonly PersonFact[]): Promise<void>;
}
