import type { ChainEntry } from '../domain/assistance-chain';
import type { RecordedDecisionCorrection } from '../domain/correction-decision';
import type { Allowance, Household } from '../domain/household';

/** 纠错 a decision's correction, with the household as it is to be held and its chain entries: one transaction. */
export interface DecisionCorrectionWrite {
  correction: RecordedDecisionCorrection;
  /** The household as it is to be (absent: the correction changes nothing in the register). */
  household?: Household;
  /** Whether the register held the household (else it is put there, with its members' memberships). */
  held: boolean;
  /** The register's `updatedAt` of the household read (a roll entry meanwhile makes it a conflict). */
  heldUpdatedAt?: string;
  /** The allowances written, each on condition it is still as `from` (absent: not there or ended). */
  allowances: readonly { from?: Allowance; to: Allowance }[];
  entries: readonly ChainEntry[];
}

/** 容错纠错 the corrections of households' recognition decisions, kept beside the decisions. */
export interface DecisionCorrectionStore {
  /** The corrections of one decision, in order. */
  corrections(householdId: string, decisionId: string): Promise<RecordedDecisionCorrection[]>;
  /** The corrections of all of a household's decisions. */
  ofHousehold(householdId: string): Promise<RecordedDecisionCorrection[]>;
  /** 'conflict' when another correction took its place or the household changed meanwhile. */
  correct(write: DecisionCorrectionWrite): Promise<'corrected' | 'conflict'>;
  /** CorrectionRecorded.v1 is on the bus (the outbox's mark). */
  markPublished(correction: RecordedDecisionCorrection, at: string): Promise<void>;
}
