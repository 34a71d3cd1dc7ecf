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
  return { source: WHAT_IF_REQUESTED_V1.source, detailType: WHAT_IF_REQUESTED_V1.detailType, detail: whatIfRequestedV1.parse({ jobId, continuation, requestedAt: at.toISOString() }) };
}

/** A sample event as the bus delivers it (contract tests, local tooling). */
export const WHAT_IF_REQUESTED_V1_SAMPLE = {
  version: '0',
  id: '4b1f6f4e-0d53-4c8e-9a55-0f7f2b6c1a11',
  'detail-type': WHAT_IF_REQUESTED_V1.detailType,
  source: WHAT_IF_REQUESTED_V1.source,
  account: '123456789012',
  time: '2026-11-28T09:00:01Z',
  region: 'cn-north-1',
  resources: [],
  detail: { jobId: '9f2c4a7d-1e6b3c8a-0f5d2e9b-4a7c1d3e', continuation: 0, requestedAt: '2026-11-28T09:00:00.000Z' },
} as const;
