import { z } from 'zod';

const isoDate = z.iso.date({ error: 'must be a date in the form yyyy-mm-dd' });
const programme = z.enum(['dibao-allowance', 'tekun-support']);
/** The case worker who handled it (工号), so every decision is traceable to a person. */
const handledBy = z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be the handling officer’s staff number');
const reason = z.string().trim().min(2).max(500);

/** A department's answer to a warning (反馈处置结果). */
export const warningOutcome = z.discriminatedUnion(
  'outcome',
  [
    z.object({ outcome: z.literal('assistance-ended'), programme, endedOn: isoDate, reason, handledBy }).strict(),
    z
      .object({
        outcome: z.literal('assistance-adjusted'),
        programme,
        monthlyAmountFen: z.number().int().nonnegative(),
        effectiveFrom: isoDate,
        reason,
        handledBy,
      })
      .strict(),
    z.object({ outcome: z.literal('no-action-needed'), reason, handledBy }).strict(),
  ],
  { error: 'outcome must be one of assistance-ended, assistance-adjusted, no-action-needed' },
);
export type WarningOutcome = z.infer<typeof warningOutcome>;
