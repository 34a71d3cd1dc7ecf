import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Observability singletons, one per process. Service name and namespace come from the
 * environment (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE) set by the function
 * construct. Logs never carry identity numbers or names: only person references and record ids.
 *
 * Traces are Lambda's own (active tracing: each invocation's segment after API Gateway's or
 * EventBridge's). The X-Ray SDK inside Powertools' tracer would add a subsegment per AWS call,
 * at 110 KB of CommonJS in every bundle and ~15 ms of every cold start, where a group of records
 * now makes a handful of calls; logs name the group and the counts instead.
 */
export const logger = new Logger();
// Metrics' own warnings go through the structured logger (and its level), not the console.
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'LowIncomeMonitoring', logger });
