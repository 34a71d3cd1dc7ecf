import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Observability singletons, one per process. Service name and namespace come from the
 * environment (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE) set by the function construct.
 * Logs never carry identity numbers or names: only person references and record ids.
 */
export const logger = new Logger();
// Metrics' own warnings go through the structured logger (and its level), not the console.
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'LowIncomeMonitoring', logger });
export const tracer = new Tracer();
