import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordAcceptedV1 } from '../../events/record-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { evaluateRecord } from './use-case';

/** RecordAccepted.v1 → warnings by indicator (rule records-to-warning-evaluation). */
export const handler = eventHandler('warning-evaluation', recordAcceptedV1, 'recordId', async (detail) => {
  const result = await evaluateRecord(detail, {
    register: wiring.register(),
    warnings: wiring.warnings(),
    facts: wiring.facts(),
    events: wiring.events(),
    policy: wiring.policy(),
    now: wiring.now,
  });
  logger.info('record evaluated', { recordId: detail.recordId, recordType: detail.recordType, ...result });
  metrics.addMetric('RecordsEvaluated', MetricUnit.Count, 1);
  if (result.raised.length) metrics.addMetric('WarningsRaised', MetricUnit.Count, result.raised.length);
  return result;
});
