import * as z from 'zod';
import { freeText } from '../privacy/free-text';
import { ALLOWANCE_PROGRAMMES } from './programmes';

const isoDate = z.iso.date({ error: 'must be a date in the form yyyy-mm-dd' });
/** An outcome that ends or adjusts an allowance names one of the roll's allowances. */
const programme = z.enum(ALLOWANCE_PROGRAMMES);
/** The case worker who handled it (工号), so every decision is traceable to a person. */
const handledBy = z.string().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be the handling officer’s staff number');
const reason = freeText({ min: 2, max: 500 });

/** A department's answer to a warning (反馈处置结果). */
export const warningOutcome = z.discriminatedUnion(
  'outcome',
  [
    z
      .object({
        outcome: z.literal('assistance-ended'),
        programme,
        endedOn: isoDate,
        /** Why it ended: a household leaving for better finances is offered a transfer (indicator 16). */
        exitReason: z.enum(['finances-improved', 'died', 'moved-away', 'not-eligible', 'other']).default('other'),
        reason,
        handledBy,
      })
      .strict(),
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
    // Brought into a programme (纳入救助): what, how much, for which period. Goes to the happiness list.
    z
      .object({
        outcome: z.literal('enrolled'),
        programme: z.string().regex(/^[a-z][a-z0-9-]{2,60}$/, 'must be a programme code from the project list, e.g. medical-assistance'),
        amountFen: z.number().int().nonnegative(),
        periodStart: isoDate,
        periodEnd: isoDate,
        reason,
        handledBy,
      })
      .strict()
      .refine((o) => o.periodEnd >= o.periodStart, { path: ['periodEnd'], message: 'must not be before periodStart' }),
    z.object({ outcome: z.literal('not-eligible'), reason, handledBy }).strict(),
    // Exit with transfer (退出转认定, indicator 16): only with the household's recorded consent.
    z
      .object({
        outcome: z.literal('transferred'),
        category: z.enum(['DIBAO_EDGE', 'RIGID_EXPENDITURE', 'OTHER_HARDSHIP']),
        effectiveFrom: isoDate,
        consent: z
          .object({
            givenOn: isoDate,
            /** The number of the signed consent form (同意书) kept in the case file. */
            documentRef: z.string().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be the number of the signed consent form'),
          })
          .strict(),
        reason,
        handledBy,
      })
      .strict()
      .refine((o) => o.consent.givenOn <= o.effectiveFrom, { path: ['consent', 'givenOn'], message: 'consent must be given on or before effectiveFrom' }),
    // Complex hardship: the county coordination mechanism decides case by case (一事一议).
    z.object({ outcome: z.literal('referred-to-county-coordination'), reason, handledBy }).strict(),
  ],
  {
    error:
      'outcome must be one of assistance-ended, assistance-adjusted, enrolled, not-eligible, transferred, referred-to-county-coordination, no-action-needed',
  },
);
export type WarningOutcome = z.infer<typeof warningOutcome>;

/** An outcome as the warning keeps it: who answered, when, and the hash that recognises a resend. */
export type RecordedOutcome = WarningOutcome & { department: string; resolvedAt: string; outcomeHash: string };
