import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logger, metrics, tracer } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { escalateOverdue } from './use-case';

/** Scheduled (events/rules.ts PLATFORM_SCHEDULES): overdue warnings to supervision. */
export const handler = middy()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async () => {
    const result = await escalateOverdue({ warnings: wiring.warnings(), events: wiring.events(), policy: wiring.policy(), now: wiring.now });
    logger.info('overdue warnings escalated', { overdue: result.overdue, escalated: result.escalated.length });
    metrics.addMetric('OverdueWarnings', MetricUnit.Count, result.overdue);
    metrics.addMetric('WarningsEscalated', MetricUnit.Count, result.escalated.length);
    return result;
  });
