import * as z from 'zod';

/** A request may carry up to this many records; larger loads are split by the department. */
export const MAX_RECORDS_PER_BATCH = 500;

/**
 * A department's batch as it is posted: an id to resend it under and its records, each checked
 * afterwards against its record type's schema (shared/records/catalogue.ts) and its owner.
 */
export const submissionBatch = z
  .object({
    batchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/, 'must be 8-128 letters, digits, ".", "_", ":" or "-"'),
    records: z.array(z.unknown()).min(1, 'must hold at least one record').max(MAX_RECORDS_PER_BATCH, `must hold at most ${MAX_RECORDS_PER_BATCH} records`),
  })
  .strict();
export type SubmissionBatch = z.infer<typeof submissionBatch>;
