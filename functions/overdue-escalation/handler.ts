import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../../shared/observability';
import { answer, apiHandler } from '../../shared/http/api-handler';
import { sweepRun, type SweepRun } from '../../shared/platform/answers/operations';
import * as bus from '../../shared/wiring/events';
import * as policy from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { runSweeps, type SweepOrder } from './use-case';
import { DynamoServiceAssistance } from '../../shared/adapters/dynamodb/service-assistance';

/**
 * The platform's deadlines: overdue warnings go to supervision, gradual exits whose grace period
 * is over end, and emergency cases whose documents are overdue are flagged. Run every hour
 * (events/rules.ts PLATFORM_SCHEDULES) and, by civil affairs, on demand (POST /operations/sweeps):
 * one use case, one report.
 */
async function sweep(order: SweepOrder): Promise<{ report: SweepRun; subjects: string[] }> {
  const ports = {
    register: table.register(),
    audit: table.audit(),
    cases: table.emergencyCases(),
    services: new DynamoServiceAssistance(table.table()),
    warnings: table.warnings(),
    officers: table.officers(),
    events: bus.events(),
    policy: await policy.policy(),
    now: runtime.now,
  };
  const run = await runSweeps(order, ports);
  const { sweeps } = run.report;
  logger.info('deadlines swept', {
    runId: run.report.runId,
    trigger: run.report.trigger,
    asOf: run.report.asOf,
    durationMs: run.report.durationMs,
    overdue: sweeps['overdue-warnings']?.overdue,
    escalated: sweeps['overdue-warnings']?.escalated,
    gradualExitsEnded: sweeps['gradual-exits']?.ended,
    emergencyCasesFlagged: sweeps['emergency-documents']?.flagged,
    officersConcentrated: sweeps['officer-concentration']?.flagged,
  });
  if (sweeps['overdue-warnings']) {
    metrics.addMetric('OverdueWarnings', MetricUnit.Count, sweeps['overdue-warnings'].overdue);
    metrics.addMetric('WarningsEscalated', MetricUnit.Count, sweeps['overdue-warnings'].escalated);
  }
  if (sweeps['gradual-exits']) metrics.addMetric('GradualExitsEnded', MetricUnit.Count, sweeps['gradual-exits'].ended);
  if (sweeps['emergency-documents']) metrics.addMetric('EmergencyCasesFlagged', MetricUnit.Count, sweeps['emergency-documents'].flagged);
  if (sweeps['service-deliveries']) {
    metrics.addMetric('ServiceHoursMissed', MetricUnit.Count, sweeps['service-deliveries'].missedHours.length);
    metrics.addMetric('ServiceReportsLate', MetricUnit.Count, sweeps['service-deliveries'].lateReports.length);
  }
  return run;
}

/** The hourly run: a retry of the same scheduled event publishes again what that run raised (see raiseWarnings). */
const scheduled = middy()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(
    async (event: unknown) =>
      (await sweep({ runId: `overdue-escalation:${(event as { id?: string } | undefined)?.id ?? 'manual'}`, trigger: 'schedule' })).report,
  );

/** Civil affairs runs the sweeps now: audited as a decision, with the warnings and households it concerned. */
const onDemand = apiHandler('overdue-escalation', async (call, event) => {
  const { report, subjects } = await sweep({
    runId: `overdue-escalation:on-demand:${event.requestContext?.requestId ?? runtime.now().getTime()}`,
    trigger: 'on-demand',
    ...call.body,
  });
  return answer(200, sweepRun, report, { audit: { subjects } });
});

const isApiEvent = (event: unknown): event is APIGatewayProxyEvent =>
  typeof event === 'object' && event !== null && 'httpMethod' in event && 'resource' in event;

/** One function, two triggers: the schedule's event, or an API Gateway request. */
export const handler = (event: unknown, context: Context) => (isApiEvent(event) ? onDemand(event, context) : scheduled(event, context));
