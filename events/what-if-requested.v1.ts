import * as z from 'zod';
import { isoDateTime } from './common';
import { WHAT_IF_JOB_ID } from '../shared/domain/policy/what-if-job';
import { EVENT_SOURCES } from './sources';

/**
 * A what-if job is to be run, or to be continued where its last checkpoint left it (测算任务).
 * policy-admin publishes it when a job is created (or found silent); the runner publishes it
 * again when its invocation runs out of time, so the next invocation is a fresh one. The event
 * carries only the job id: the proposal, the policy version and the checkpoint are in the job.
 */
export const WHAT_IF_REQUESTED_V1 = { source: EVENT_SOURCES.policy, detailType: 'WhatIfRequested.v1' } as const;

export const whatIfRequestedV1 = z
  .object({
    jobId: z.string().regex(WHAT_IF_JOB_ID),
    /** 0 when the job is started; n for the n-th hand-over to a fresh invocation. */
    continuation: z.number().int().min(0),
    requestedAt: isoDateTime,
  })
  .strict();
export type WhatIfRequestedV1 = z.infer<typeof whatIfRequestedV1>;

/** The event for the bus: run job `jobId` (continuation 0) or continue it (n). */
export function whatIfRequested(jobId: string, continuation: number, at: Date) {
  return {
    source: WHAT_IF_REQUESTED_V1.source,
    detailType: WHAT_IF_REQUESTED_V1.detailType,
    detail: whatIfRequestedV1.parse({ jobId, continuation, requestedAt: at.toISOString() }),
  };
}
