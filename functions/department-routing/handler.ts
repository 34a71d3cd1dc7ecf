import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { warningRaisedV1 } from '../../events/warning-raised.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { routeWarning } from './use-case';

/** WarningRaised.v1 → one message on each concerned department's work queue. */
export const handler = eventHandler('department-routing', warningRaisedV1, 'warningId', async (detail) => {
  const result = await routeWarning(detail, { warnings: wiring.warnings(), queues: wiring.workQueues(), now: wiring.now });
  logger.info('warning routed', { warningId: detail.warningId, ...result });
  metrics.addMetric('WarningsPushed', MetricUnit.Count, result.pushedTo.length);
  return result;
});
