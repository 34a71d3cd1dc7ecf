import * as z from 'zod';
import { unlessMissing } from './validation-messages';
import { freeText } from '../privacy/free-text';
import { bilingual, label } from './bilingual';
import { ALLOWANCE_PROGRAMMES } from './programmes';
import type { Category } from './categories';

const isoDate = z.iso.date({ error: unlessMissing(bilingual('须为 yyyy-mm-dd 格式的日期', 'must be a date in the form yyyy-mm-dd')) });
const PROGRAMME = label('救助项目', 'Programme');
/** An outcome that ends or adjusts an allowance names one of the roll's allowances. */
const programme = z.enum(ALLOWANCE_PROGRAMMES).meta(PROGRAMME);
/** The case worker who handled it (工号), so every decision is traceable to a person. */
const handledBy = z
  .string()
  .regex(/^[A-Za-z0-9._-]{2,40}$/, bilingual('须为经办人工号', 'must be the handling officer’s staff number'))
  .meta(label('经办人工号', 'Handling officer’s staff number'));
const reason = freeText({ min: 2, max: 500 }).meta(label('处置说明', 'Reason'));
const outcomeOf = <T extends string>(kind: T) => z.literal(kind).meta(label('处置结果', 'Outcome'));
const effectiveFrom = isoDate.meta(label('生效日期', 'Effective from'));
const amountFen = (zh: string, en: string) => z.number().int().nonnegative().meta(label(zh, en));

/** A department's answer to a warning (反馈处置结果). */
export const warningOutcome = z.discriminatedUnion(
  'outcome',
  [
    z
      .object({
        outcome: outcomeOf('assistance-ended'),
        programme,
        endedOn: isoDate.meta(label('终止日期', 'Date ended')),
        /** Why it ended: a household leaving for better finances is offered a transfer (indicator 16). */
        exitReason: z.enum(['finances-improved', 'died', 'moved-away', 'not-eligible', 'other']).meta(label('退出原因', 'Reason for exit')).default('other'),
        reason,
        handledBy,
      })
      .strict(),
    z
      .object({
        outcome: outcomeOf('assistance-adjusted'),
        programme,
        monthlyAmountFen: amountFen('调整后月救助金额（分）', 'New monthly amount (fen)'),
        effectiveFrom,
        reason,
        handledBy,
      })
      .strict(),
    z.object({ outcome: outcomeOf('no-action-needed'), reason, handledBy }).strict(),
    // Brought into a programme (纳入救助): what, how much, for which period. Goes to the happiness list.
    z
      .object({
        outcome: outcomeOf('enrolled'),
        programme: z
          .string()
          .regex(
            /^[a-z][a-z0-9-]{2,60}$/,
            bilingual('须为项目清单中的项目代码，例如 medical-assistance', 'must be a programme code from the project list, e.g. medical-assistance'),
          )
          .meta(PROGRAMME),
        amountFen: amountFen('救助金额（分）', 'Amount (fen)'),
        periodStart: isoDate.meta(label('救助期间起始日', 'Period start')),
        periodEnd: isoDate.meta(label('救助期间截止日', 'Period end')),
        reason,
        handledBy,
      })
      .strict()
      .refine((o) => o.periodEnd >= o.periodStart, {
        path: ['periodEnd'],
        message: bilingual('不得早于救助期间起始日 periodStart', 'must not be before periodStart'),
      }),
    z.object({ outcome: outcomeOf('not-eligible'), reason, handledBy }).strict(),
    // Exit with transfer (退出转认定, indicator 16): only with the household's recorded consent.
    z
      .object({
        outcome: outcomeOf('transferred'),
        category: z.enum(['DIBAO_EDGE', 'RIGID_EXPENDITURE', 'OTHER_HARDSHIP']).meta(label('转入类别', 'Category transferred to')),
        effectiveFrom,
        consent: z
          .object({
            givenOn: isoDate.meta(label('同意日期', 'Date consent given')),
            /** The number of the signed consent form (同意书) kept in the case file. */
            documentRef: z
              .string()
              .regex(/^[A-Za-z0-9-]{4,40}$/, bilingual('须为签字同意书的编号', 'must be the number of the signed consent form'))
              .meta(label('同意书编号', 'Consent form number')),
          })
          .strict()
          .meta(label('本人同意', 'Consent')),
        reason,
        handledBy,
      })
      .strict()
      .refine((o) => o.consent.givenOn <= o.effectiveFrom, {
        path: ['consent', 'givenOn'],
        message: bilingual('同意日期不得晚于生效日期 effectiveFrom', 'consent must be given on or before effectiveFrom'),
      }),
    // Complex hardship: the county coordination mechanism decides case by case (一事一议).
    z.object({ outcome: outcomeOf('referred-to-county-coordination'), reason, handledBy }).strict(),
  ],
  {
    error: bilingual(
      '处置结果 outcome 须为以下之一：assistance-ended、assistance-adjusted、enrolled、not-eligible、transferred、referred-to-county-coordination、no-action-needed',
      'outcome must be one of assistance-ended, assistance-adjusted, enrolled, not-eligible, transferred, referred-to-county-coordination, no-action-needed',
    ),
  },
);
export type WarningOutcome = z.infer<typeof warningOutcome>;

/** An outcome as the warning keeps it: who answered, when, and the hash that recognises a resend. */
export type RecordedOutcome = WarningOutcome & {
  department: string;
  resolvedAt: string;
  outcomeHash: string;
  /** An adjustment keeps the amount it replaced, so a correction can put it back. */
  priorMonthlyAmountFen?: number;
  /** A transfer keeps the recognition it replaced (category, since when), so a correction can put it back. */
  priorCategory?: Category;
  priorRecognisedOn?: string;
};
