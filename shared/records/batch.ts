import * as z from 'zod';
import '../domain/validation-messages';
import { bilingual, label } from '../domain/bilingual';

/** A request may carry up to this many records; larger loads are split by the department. */
export const MAX_RECORDS_PER_BATCH = 500;

/**
 * A department's batch as it is posted: an id to resend it under and its records, each checked
 * afterwards against its record type's schema (shared/records/catalogue.ts) and its owner.
 */
export const submissionBatch = z
  .object({
    batchId: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/,
        bilingual('须为 8–128 个字母、数字或 . _ : -，以字母或数字开头', 'must be 8-128 letters, digits, ".", "_", ":" or "-"'),
      )
      .meta(label('批次编号', 'Batch ID')),
    records: z
      .array(z.unknown())
      .min(1, bilingual('至少须有 1 条记录', 'must hold at least one record'))
      .max(MAX_RECORDS_PER_BATCH, bilingual(`最多 ${MAX_RECORDS_PER_BATCH} 条记录`, `must hold at most ${MAX_RECORDS_PER_BATCH} records`))
      .meta(label('记录', 'Records')),
  })
  .strict();
export type SubmissionBatch = z.infer<typeof submissionBatch>;
