import * as z from 'zod';
import { CORRECTION_CAUSES } from '../shared/domain/correction';
import { WARNING_RECIPIENTS } from '../shared/domain/departments';
import { DISTRICT_CODES } from '../shared/domain/districts';
import { isoDateTime } from './common';
import { EVENT_SOURCES } from './sources';

/**
 * 容错纠错 a correction recorded, of a department's answer to a warning or of a recognition
 * decision, once per correction. What was corrected, why (the plan's objective cause) and what
 * it changed, by kind; no identity number, no name, no free text.
 */
export const CORRECTION_RECORDED_V1 = { source: EVENT_SOURCES.feedback, detailType: 'CorrectionRecorded.v1' } as const;

/** What a correction changed in the household, for programs. */
export const CORRECTION_CHANGE_KINDS = [
  'enrolled',
  'allowance-ended',
  'gradual-exit',
  'gradual-exit-stopped',
  'recategorised',
  'assistance-restored',
  'assistance-adjusted',
] as const;

export const correctionRecordedV1 = z
  .object({
    correctionId: z.string(),
    householdId: z.string(),
    district: z.enum(DISTRICT_CODES),
    corrects: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('answer'), warningId: z.string(), entryId: z.string() }).strict(),
      z.object({ kind: z.literal('decision'), decisionId: z.string() }).strict(),
    ]),
    department: z.enum(WARNING_RECIPIENTS),
    sequence: z.number().int().positive(),
    cause: z.enum(CORRECTION_CAUSES),
    /** The corrected result: an answer's outcome kind, or a decision's category (`none`: refused). */
    corrected: z.string(),
    changes: z.array(z.object({ kind: z.enum(CORRECTION_CHANGE_KINDS), programme: z.string().optional() }).strict()),
    correctedBy: z.string(),
    correctedAt: isoDateTime,
  })
  .strict();
export type CorrectionRecordedV1 = z.infer<typeof correctionRecordedV1>;
