import type { RecordEvaluator } from '../records/evaluators';

export type { RecordEvaluator };

export interface SubmissionHeader {
  submissionId: string;
  department: string;
  batchId: string;
  payloadHash: string;
  recordCount: number;
  acceptedAt: string;
  publishedAt?: string;
  /** Until when the request that holds the batch is publishing it; others wait, or take over after. */
  leaseUntil?: string;
  /**
   * Each record's type and the department's own record id, by index: what the status of the
   * submission lists before its records are evaluated (absent on headers older than the status).
   */
  records?: readonly SubmittedRecord[];
}

export interface SubmittedRecord {
  recordType: string;
  departmentRecordId: string;
}

/** A record of the batch as it travels on the bus (it is not kept in the table: the bus archive keeps it). */
export interface StoredRecord {
  index: number;
  departmentRecordId: string;
  recordType: string;
  subjects: string[];
  district?: string;
  /** Pseudonymized: no names, person references instead of identity numbers. */
  record: Record<string, unknown>;
}

/**
 * Submissions: the header of each accepted batch (who, which batch id, the hash of what was
 * sent, when, whether it was published). The records themselves are not kept here: a batch is
 * answered 202 only once published, the bus archive keeps every accepted record for replay, and
 * a department that resends a batch whose publication failed resends its records too.
 */
export interface SubmissionStore {
  get(submissionId: string): Promise<SubmissionHeader | undefined>;
  /** Keeps the header once (with the saver's lease); 'exists' when another request committed this batch first. */
  save(header: SubmissionHeader): Promise<'saved' | 'exists'>;
  /** Takes the publication of an unpublished batch whose lease ran out (its publisher failed); false if published or held. */
  takeLease(submissionId: string, now: string, until: string): Promise<boolean>;
  /** Gives up the lease after a failed publication, so a resend need not wait for it to run out. */
  releaseLease(submissionId: string): Promise<void>;
  markPublished(submissionId: string, at: string): Promise<void>;
}

/** A warning a group's records raised or joined, with the records (by index) named in its evidence. */
export interface EvaluatedWarning {
  warningId: string;
  indicatorId: string;
  recipients: string[];
  /** Indexes in the submission of the group's records its evidence names. */
  indexes: number[];
}

/** One function's evaluation of one group of a submission's records. */
export interface GroupEvaluation {
  submissionId: string;
  groupId: string;
  evaluator: RecordEvaluator;
  recordType: string;
  /** When the submission was accepted: the evaluation expires with its header. */
  acceptedAt: string;
  /** Indexes in the submission of the group's records. */
  indexes: number[];
  warnings: EvaluatedWarning[];
}

/**
 * How far a submission's records got: each function that evaluates a group records it once,
 * and the department reads its submission back (one Query of the submission's partition).
 */
export interface SubmissionProgress {
  /** Records a group's evaluation once; a group evaluated again (a redelivery) writes nothing new. */
  recordEvaluated(evaluation: GroupEvaluation): Promise<'recorded' | 'recorded-before'>;
  /** The submission's header and every evaluation recorded so far (no header: no such submission). */
  progressOf(submissionId: string): Promise<{ header?: SubmissionHeader; evaluations: GroupEvaluation[] }>;
}
