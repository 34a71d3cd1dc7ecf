import type { WarningRecipient } from '../departments';
import type { Membership } from '../membership';
import type { FactKey, PersonFact } from '../person-fact';
import { PLAN_PERIOD } from '../policy/plan';
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
 * A warning indicator (预警指标) as every reader of the registry sees it: alarms, department
 * guides, statistics, the policy book's deadline rows. Its thresholds are named parameters read
 * from the policy book on the day of evaluation, and recorded in the warning.
 */
export interface IndicatorDefinition {
  id: `IND-${string}`;
  version: number;
  /** English title: stored in warnings and events as raised, so it stays as written. */
  title: string;
  /** 中文名称: what the console, the API answers and the department pages show Chinese readers. */
  titleZh: string;
  effectiveFrom: string;
  effectiveTo: string;
  recipients: readonly WarningRecipient[];
  /** Policy parameter names the rule reads, its deadline last. */
  parameters: readonly string[];
  /** `warning.deadlineDays.<id>`: days a recipient has before the warning is overdue (IND-15). */
  deadlineParameter: string;
  /** The deadline the plan sets: the shipped policy book's row for `deadlineParameter`. */
  deadlineDays: number;
}

/** An indicator read from department records: data plus one small predicate. */
export interface Indicator extends IndicatorDefinition {
  /** The record types that can fire it. */
  reads: readonly string[];
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

/** What an indicator's file states; `defineIndicator` fills in the rest. */
type Spec<T extends IndicatorDefinition> = Omit<T, 'effectiveFrom' | 'effectiveTo' | 'deadlineParameter' | 'parameters'> & {
  /** In force for the plan's period unless given. */
  effectiveFrom?: string;
  effectiveTo?: string;
  /** The thresholds the rule reads; the deadline parameter is added. */
  parameters?: readonly string[];
};
type Defined<S> = Omit<S, 'parameters'> & Pick<IndicatorDefinition, 'effectiveFrom' | 'effectiveTo' | 'deadlineParameter' | 'parameters'>;

/** A rule driven by warnings, outcomes or the roll (14, 15, 16, 18, 19): its `evaluate` takes what its function has. */
type DrivenSpec = Spec<IndicatorDefinition> & { evaluate(...args: never[]): unknown };

/**
 * An indicator in force for the plan's period, reading `warning.deadlineDays.<id>` for its
 * deadline. Each file under shared/domain/indicators defines one; `npm run docs` lists them in
 * the registry (registry.ts), so adding one touches its file and its test only.
 */
export function defineIndicator(spec: Spec<Indicator>): Indicator;
export function defineIndicator<const S extends DrivenSpec>(spec: S): Defined<S>;
export function defineIndicator(spec: Spec<IndicatorDefinition>): IndicatorDefinition {
  const deadlineParameter = `warning.deadlineDays.${spec.id}`;
  return { ...PLAN_PERIOD, ...spec, parameters: [...(spec.parameters ?? []), deadlineParameter], deadlineParameter };
}

/** Whether a registered indicator is read from department records (the others are driven by their functions). */
export function isRecordIndicator(i: IndicatorDefinition): i is Indicator {
  return 'reads' in i;
}
