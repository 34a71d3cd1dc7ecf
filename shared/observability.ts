import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricsOptions } from '@aws-lambda-powertools/metrics/types';

/**
 * Observability singletons, one per execution environment: a Lambda process, or a worker thread
 * of the local platform (each runs one function's bundle with that function's environment).
 * Service name and namespace come from the environment (POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_METRICS_NAMESPACE) set by the function construct and the local platform. Logs never
 * carry identity numbers or names: only person references and record ids.
 *
 * Traces are Lambda's own (active tracing: each invocation's segment after API Gateway's or
 * EventBridge's). The X-Ray SDK inside Powertools' tracer would add a subsegment per AWS call,
 * at 110 KB of CommonJS in every bundle and ~15 ms of every cold start, where a group of records
 * now makes a handful of calls; logs name the group and the counts instead.
 */
export const logger = new Logger();

/** Powertools' warning after a flush with nothing recorded. */
const EMPTY_FLUSH = 'No application metrics to publish';

/**
 * Metrics' own warnings go through the structured logger (and its level), not the console, except
 * the one after an invocation that counted nothing: a refused request or a replay counts nothing
 * by design. (Powertools' `logger` option is for this; `throwOnEmptyMetrics` would fail the call.)
 */
const metricsLogger: NonNullable<MetricsOptions['logger']> = {
  debug: logger.debug.bind(logger),
  info: logger.info.bind(logger),
  error: logger.error.bind(logger),
  warn: (message, ...rest) => {
    if (typeof message === 'string' && message.startsWith(EMPTY_FLUSH)) return;
    logger.warn(message, ...rest);
  },
};

export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'LowIncomeMonitoring', logger: metricsLogger });
