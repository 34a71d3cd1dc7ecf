import * as z from 'zod';

/**
 * What the platform answers, parsed so a department's program gets typed values (and a clear
 * error, not a silent undefined, if an answer ever breaks its contract). Objects are loose:
 * a field the platform adds later is kept, not refused.
 */

/** 202 (first time) or 200 (`replayed`: this batch id was accepted before) to POST /departments/{d}/submissions. */
export const submissionReceipt = z.looseObject({
  submissionId: z.string(),
  batchId: z.string(),
  department: z.string(),
  accepted: z.number().int(),
  acceptedAt: z.string(),
  replayed: z.boolean(),
});
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

/** GET /departments/{d}/submissions/{submissionId} (route `read-submission`): how far the platform is with a submission. */
export const submissionStatus = z.looseObject({
  submissionId: z.string(),
  batchId: z.string(),
  department: z.string(),
  acceptedAt: z.string(),
  state: z.enum(['accepted', 'evaluating', 'evaluated']),
  totals: z.looseObject({ records: z.number().int(), evaluated: z.number().int(), warningsRaised: z.number().int() }),
  records: z.array(
    z.looseObject({
      recordId: z.string(),
      index: z.number().int(),
      recordType: z.string(),
      state: z.enum(['accepted', 'evaluated']),
      warnings: z.array(z.looseObject({ warningId: z.string(), indicatorId: z.string(), recipients: z.array(z.string()) })),
    }),
  ),
});
export type SubmissionStatus = z.infer<typeof submissionStatus>;

/** 200 to POST …/warnings/{id}/acknowledgement (签收). */
export const acknowledgement = z.looseObject({
  warningId: z.string(),
  status: z.string(),
  acknowledgedBy: z.array(z.string()),
});
export type Acknowledgement = z.infer<typeof acknowledgement>;

/** 200 to POST …/warnings/{id}/outcome (反馈); `replayed` when the same answer was already taken. */
export const answerReceipt = z.looseObject({
  warningId: z.string(),
  status: z.string(),
  outcome: z.string(),
  resolvedAt: z.string(),
  replayed: z.boolean(),
});
export type AnswerReceipt = z.infer<typeof answerReceipt>;
