import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as policy from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { escalateOverdue } from './use-case';
import { endGradualExits, flagOverdueEmergencyCases } from './deadlines';

/**
 * Scheduled (events/rules.ts PLATFORM_SCHEDULES): the platform's deadlines. Overdue warnings go to
 * supervision, gradual exits whose grace period is over end, and emergency cases whose documents
 * are overdue are flagged.
 */
export const handler = middy()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async (event: unknown) => {
    // A retry of the same scheduled run publishes again what that run raised (see raiseWarnings).
    const runId = `overdue-escalation:${(event as { id?: string } | undefined)?.id ?? 'manual'}`;
    const ports = {
      register: table.register(),
      audit: table.audit(),
      cases: table.emergencyCases(),
      warnings: table.warnings(),
      events: bus.events(),
      policy: await policy.policy(),
      now: runtime.now,
    };
    const result = await escalateOverdue(ports, `${runId}:overdue`);
    const exits = await endGradualExits(ports);
    const emergency = await flagOverdueEmergencyCases(ports, `${runId}:documents`);
    logger.info('deadlines swept', {
      overdue: result.overdue,
      escalated: result.escalated.length,
      gradualExitsEnded: exits.ended.length,
      emergencyCasesFlagged: emergency.flagged.length,
    });
    metrics.addMetric('OverdueWarnings', MetricUnit.Count, result.overdue);
    metrics.addMetric('WarningsEscalated', MetricUnit.Count, result.escalated.length);
    metrics.addMetric('GradualExitsEnded', MetricUnit.Count, exits.ended.length);
    metrics.addMetric('EmergencyCasesFlagged', MetricUnit.Count, emergency.flagged.length);
    return { ...result, gradualExitsEnded: exits.ended, emergencyCasesFlagged: emergency.flagged };
  });
