import type { ChainEntry } from '../domain/assistance-chain';
import type { AllowanceRewrite, RecordedCorrection } from '../domain/correction';
import type { AnswerUndo } from '../domain/correction-undo';

/** 纠错 a correction of one recipient's answer, with the allowances it rewrites and its chain entries. */
export interface CorrectionWrite {
  correction: RecordedCorrection;
  householdId: string;
  /** The household's district: an allowance restored in its grace period rejoins the district's gradual-exit index. */
  district: string;
  allowances: readonly AllowanceRewrite[];
  entries: readonly ChainEntry[];
  /**
   * Undone in the same transaction: a transfer's category put back (on condition it is still the
   * transferred one), a referral withdrawn (on condition county coordination has not answered).
   * A grant's disclosure line and count are undone after, idempotently (DisclosureStore.withdraw).
   */
  undo?: AnswerUndo;
}

/** 容错纠错 the corrections of warnings' answers, kept beside the answers they correct. */
export interface CorrectionStore {
  /** The corrections of a warning's answers, by department and then in order. */
  corrections(warningId: string): Promise<RecordedCorrection[]>;
  /**
   * Records a correction in one transaction with the allowances it rewrites and its chain
   * entries. 'conflict' when a correction took its place meanwhile or an allowance changed.
   */
  correct(write: CorrectionWrite): Promise<'corrected' | 'conflict'>;
  /** CorrectionRecorded.v1 is on the bus (the outbox's mark). */
  markPublished(correction: RecordedCorrection, at: string): Promise<void>;
}
