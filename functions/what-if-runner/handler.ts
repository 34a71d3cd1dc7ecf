import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { whatIfRequestedV1 } from '../../events/what-if-requested.v1';
import { config } from '../../shared/config';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { runWhatIfJob } from './use-case';

/** Left for the last step's checkpoint and the hand-over event before Lambda's timeout. */
const RESERVE_MS = 30_000;

/**
 * WhatIfRequested.v1 → runs the job from its checkpoint until done or until this invocation's
 * slice is used up, then hands over to a fresh invocation. No idempotency table: every
 * checkpoint is conditional on the one before, so a duplicate delivery stops at its first step.
 */
export const handler = eventHandler('what-if-runner', whatIfRequestedV1, null, async (detail, context) => {
  const { WHAT_IF_PAGE_SIZE: pageSize, WHAT_IF_SLICE_SECONDS: sliceSeconds } = config();
  const stopAt = Date.now() + Math.min(sliceSeconds * 1000, context.getRemainingTimeInMillis() - RESERVE_MS);
  const result = await runWhatIfJob(detail, {
    jobs: table.whatIfJobs(),
    assessments: table.assessments(),
    policy: table.policyStore(),
    shipped: CITY_PARAMETERS,
    events: bus.events(),
    now: runtime.now,
    pageSize,
    outOfTime: () => Date.now() >= stopAt,
  });
  logger.info('what-if job step', { jobId: result.jobId, outcome: result.outcome, continuation: detail.continuation, ...result.progress });
  if (result.outcome === 'done') metrics.addMetric('WhatIfJobsDone', MetricUnit.Count, 1);
  return result;
});
