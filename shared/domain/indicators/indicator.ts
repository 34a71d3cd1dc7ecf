import type { WarningRecipient } from '../departments';
import type { Membership } from '../membership';
import type { FactKey, PersonFact } from '../../ports/person-facts';
import type { PolicyValue } from '../policy/policy-book';
import type { WarningDraft } from '../warning';

/** The pseudonymized record an indicator looks at (the detail of a RecordAccepted event). */
export interface ObservedRecord {
  recordId: string;
  department: string;
  recordType: string;
  subjects: string[];
  record: Record<string, unknown>;
  acceptedAt: string;
}

export interface IndicatorInput {
  observed: ObservedRecord;
  /** Memberships of the record's subjects that are in the low-income database. */
  memberships: ReadonlyMap<string, Membership>;
  parameters: Readonly<Record<string, PolicyValue>>;
  /** What departments reported earlier about the subjects: the facts the indicator's `factsRead` names. */
  facts: ReadonlyMap<string, readonly PersonFact[]>;
  /** The evaluation date, yyyy-mm-dd. */
  on: string;
}

/**
 * A warning indicator (预警指标) is data plus one small predicate. Its thresholds are named
 * parameters read from the policy book on the day of evaluation, and recorded in the warning.
 */
export interface Indicator {
  id: string;
  version: number;
  title: string;
  effectiveFrom: string;
  effectiveTo: string;
  /** The record types that can fire it. */
  reads: readonly string[];
  recipients: readonly WarningRecipient[];
  /** Policy parameter names the predicate reads (deadline included). */
  parameters: readonly string[];
  deadlineParameter: string;
  /**
   * The earlier facts about its subjects the predicate reads, each by person, record type and
   * slot (shared/records/fact-slots.ts), so a whole group of records reads them in one batch.
   */
  factsRead?(input: { observed: ObservedRecord; memberships: ReadonlyMap<string, Membership>; on: string }): FactKey[];
  /**
   * Record types kept as facts even about people not (yet) in the database, because this
   * indicator needs them when the person is put on the roll later (a death before the roll entry).
   */
  retainsFor?: readonly string[];
  evaluate(input: IndicatorInput): WarningDraft[];
}
