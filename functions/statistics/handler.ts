import type { EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { assistanceGrantedV1 } from '../../events/assistance-changed.v1';
import { warningRaisedV1 } from '../../events/warning-raised.v1';
import { warningResolvedV1 } from '../../events/warning-resolved.v1';
import { logger, metrics, tracer } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { countEvent, type CountedEvent } from './use-case';

const SCHEMAS = { 'WarningRaised.v1': warningRaisedV1, 'WarningResolved.v1': warningResolvedV1, 'AssistanceGranted.v1': assistanceGrantedV1 } as const;

/**
 * Rule warning-events-to-statistics → the month's counters. Exactly-once comes from a marker
 * item written in the same transaction as the counters, so it holds for replays of the archive
 * too, which an idempotency record with an expiry would not.
 */
export const handler = middy<EventBridgeEvent<string, unknown>, { counted: boolean }>()
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics))
  .handler(async (event) => {
    const schema = SCHEMAS[event['detail-type'] as keyof typeof SCHEMAS];
    if (!schema) throw new Error(`statistics does not count ${event['detail-type']}`);
    const counted = await countEvent({ detailType: event['detail-type'], detail: schema.parse(event.detail) } as CountedEvent, wiring.statistics());
    metrics.addMetric(counted ? 'EventsCounted' : 'EventsAlreadyCounted', MetricUnit.Count, 1);
    return { counted };
  });
