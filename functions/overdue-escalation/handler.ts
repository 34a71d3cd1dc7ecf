import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { logger, metrics, tracer } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { escalateOverdue } from './use-case';
import { endGradualExits, flagOverdueEmergencyCases } from './deadlines';

/**
 * Scheduled (events/rules.ts PLATFORM_SCHEDULES): the platform's deadlines. Overdue warnings go to
 * supervision, gradual exits whose grace period is over end, and emergency cases whose documents
 * are overdue are flagged.
 */
export const handler = middy()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async (event: unknown) => {
    // A retry of the same scheduled run publishes again what that run raised (see raiseWarnings).
    const runId = `overdue-escalation:${(event as { id?: string } | undefined)?.id ?? 'manual'}`;
    const ports = { register: wiring.register(), audit: wiring.audit(), cases: wiring.emergencyCases(), warnings: wiring.warnings(), events: wiring.events(), policy: await wiring.policy(), now: wiring.now };
    const result = await escalateOverdue(ports, `${runId}:overdue`);
    const exits = await endGradualExits(ports);
    const emergency = await flagOverdueEmergencyCases(ports, `${runId}:documents`);
    logger.info('deadlines swept', { overdue: result.overdue, escalated: result.escalated.length, gradualExitsEnded: exits.ended.length, emergencyCasesFlagged: emergency.flagged.length });
    metrics.addMetric('OverdueWarnings', MetricUnit.Count, result.overdue);
    metrics.addMetric('WarningsEscalated', MetricUnit.Count, result.escalated.length);
    metrics.addMetric('GradualExitsEnded', MetricUnit.Count, exits.ended.length);
    metrics.addMetric('EmergencyCasesFlagged', MetricUnit.Count, emergency.flagged.length);
    return { ...result, gradualExitsEnded: exits.ended, emergencyCasesFlagged: emergency.flagged };
  });
