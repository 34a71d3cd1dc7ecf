import type { Context, EventBridgeEvent } from 'aws-lambda';
import middy, { type MiddlewareObj } from '@middy/core';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type * as z from 'zod';
import { logger, metrics } from './observability';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { idempotencyConfig } from './wiring/idempotency';
import type { FunctionId } from './platform/api';

/** An event whose detail does not keep its contract: it fails (and reaches the failure destination) naming the fields. */
export class EventContractError extends Error {
  override name = 'EventContractError';
}

/**
 * The parser step: unwraps `detail` and validates it against its contract in events/, as
 * Powertools' parser with its EventBridge envelope would. Written here because that envelope's
 * schemas import zod's whole namespace, which puts 350 KB of zod's locales into every bundle.
 */
function detailOf<S extends z.ZodType>(schema: S): MiddlewareObj<EventBridgeEvent<string, unknown>> {
  return {
    before: (request) => {
      const parsed = schema.safeParse(request.event?.detail);
      if (!parsed.success) {
        const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(detail)'}: ${i.message}`);
        throw new EventContractError(`${request.event?.['detail-type'] ?? 'event'} ${request.event?.id ?? ''} does not keep its contract: ${where.join('; ')}`);
      }
      (request as { event: unknown }).event = parsed.data;
    },
  };
}

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
  /** The producer's id in the detail (a JMESPath) and the idempotency table, or null. */
  idempotency: { key: string; store: () => BasePersistenceLayer } | null,
  handler: (detail: z.infer<S>, context: Context) => Promise<R>,
) {
  const wrapped = middy<EventBridgeEvent<string, unknown>, R>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics))
    .use(detailOf(schema));
  if (idempotency !== null) {
    wrapped.use(
      makeHandlerIdempotent({
        persistenceStore: idempotency.store(),
        config: idempotencyConfig(idempotency.key, '@'),
        // A stable prefix per function, not the deployed function name: records survive a rename.
        keyPrefix: functionId,
      }),
    );
  }
  return wrapped.handler(handler as never);
}
