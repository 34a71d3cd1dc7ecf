import type { Context, EventBridgeEvent } from 'aws-lambda';
import middy from '@middy/core';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { EventBridgeEnvelope } from '@aws-lambda-powertools/parser/envelopes/eventbridge';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { z } from 'zod';
import { logger, metrics, tracer } from './observability';
import { idempotencyConfig, wiring } from './wiring';
import type { FunctionId } from './platform/api';

/**
 * A function triggered by an EventBridge rule: the parser unwraps and validates `detail`
 * against its contract in events/, and idempotency (last) keys on the producer's id inside it,
 * so a redelivered or replayed event does its work once. A handler idempotent by construction
 * (conditional checkpoints) passes `null` and needs no idempotency table. Errors propagate:
 * Lambda's async retries and the failure destination take over.
 */
export function eventHandler<S extends z.ZodType, R extends object>(
  functionId: FunctionId,
  schema: S,
  idempotencyKey: string | null,
  handler: (detail: z.infer<S>, context: Context) => Promise<R>,
) {
  const wrapped = middy<EventBridgeEvent<string, unknown>, R>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema, envelope: EventBridgeEnvelope }));
  if (idempotencyKey !== null) {
    wrapped.use(
      makeHandlerIdempotent({
        persistenceStore: wiring.idempotencyStore(),
        config: idempotencyConfig(idempotencyKey, '@'),
        // A stable prefix per function, not the deployed function name: records survive a rename.
        keyPrefix: functionId,
      }),
    );
  }
  return wrapped.handler(handler as never);
}
