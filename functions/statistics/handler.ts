import type { EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { assistanceGrantedV1 } from '../../events/assistance-changed.v1';
import { warningsRaisedV1 } from '../../events/warning-raised.v1';
import { warningResolvedV1 } from '../../events/warning-resolved.v1';
import { logger, metrics } from '../../shared/observability';
import * as table from '../../shared/wiring/table';
import { countEvent, type StatisticsEvent } from './use-case';

const SCHEMAS = { 'WarningsRaised.v1': warningsRaisedV1, 'WarningResolved.v1': warningResolvedV1, 'AssistanceGranted.v1': assistanceGrantedV1 } as const;

/**
 * Rule warning-events-to-statistics → the month's counters. Exactly-once comes from a marker
 * item written in the same transaction as the counters, so it holds for replays of the archive
 * too, which an idempotency record with an expiry would not.
 */
export const handler = middy<EventBridgeEvent<string, unknown>, { counted: number; alreadyCounted: number }>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const schema = SCHEMAS[event['detail-type'] as keyof typeof SCHEMAS];
    if (!schema) throw new Error(`statistics does not count ${event['detail-type']}`);
    const result = await countEvent({ detailType: event['detail-type'], detail: schema.parse(event.detail) } as StatisticsEvent, table.statistics());
    metrics.addMetric('EventsCounted', MetricUnit.Count, result.counted);
    if (result.alreadyCounted) metrics.addMetric('EventsAlreadyCounted', MetricUnit.Count, result.alreadyCounted);
    return result;
  });
