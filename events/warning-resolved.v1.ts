import * as z from 'zod';
import { WARNING_RECIPIENTS } from '../shared/domain/departments';
import { isoDateTime } from './common';
import { EVENT_SOURCES } from './sources';

/** A department answered a warning (反馈). Statistics and the happiness list read it. */
export const WARNING_RESOLVED_V1 = {
  source: EVENT_SOURCES.feedback,
  detailType: 'WarningResolved.v1',
} as const;

export const warningResolvedV1 = z
  .object({
    warningId: z.string(),
    indicatorId: z.string(),
    householdId: z.string(),
    department: z.enum(WARNING_RECIPIENTS),
    outcome: z.string(),
    handledBy: z.string(),
    raisedAt: isoDateTime,
    resolvedAt: isoDateTime,
  })
  .strict();
export type WarningResolvedV1 = z.infer<typeof warningResolvedV1>;
