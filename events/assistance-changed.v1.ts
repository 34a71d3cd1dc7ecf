import * as z from 'zod';
import { isoDateTime } from './common';
import { EVENT_SOURCES } from './sources';

const isoDate = z.iso.date();

/** A household's assistance was ended or adjusted by a department's decision. */
export const ASSISTANCE_ENDED_V1 = { source: EVENT_SOURCES.feedback, detailType: 'AssistanceEnded.v1' } as const;
export const ASSISTANCE_ADJUSTED_V1 = { source: EVENT_SOURCES.feedback, detailType: 'AssistanceAdjusted.v1' } as const;
/** Assistance delivered (幸福清单): a department enrolled the household in a programme. */
export const ASSISTANCE_GRANTED_V1 = { source: EVENT_SOURCES.feedback, detailType: 'AssistanceGranted.v1' } as const;

const decision = {
  householdId: z.string(),
  programme: z.string(),
  department: z.string(),
  decidedBy: z.string(),
  warningId: z.string(),
  reason: z.string(),
  decidedAt: isoDateTime,
};

export const assistanceEndedV1 = z
  .object({ ...decision, endedOn: isoDate, exitReason: z.enum(['finances-improved', 'died', 'moved-away', 'not-eligible', 'other']) })
  .strict();
export const assistanceAdjustedV1 = z.object({ ...decision, monthlyAmountFen: z.number().int().nonnegative(), effectiveFrom: isoDate }).strict();
export type AssistanceEndedV1 = z.infer<typeof assistanceEndedV1>;
export type AssistanceAdjustedV1 = z.infer<typeof assistanceAdjustedV1>;
export const assistanceGrantedV1 = z
  .object({ ...decision, district: z.string(), amountFen: z.number().int().nonnegative(), periodStart: isoDate, periodEnd: isoDate })
  .strict();
export type AssistanceGrantedV1 = z.infer<typeof assistanceGrantedV1>;
