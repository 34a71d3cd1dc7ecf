import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { warningRaisedV1 } from '../../events/warning-raised.v1';
import { warningReferredV1 } from '../../events/warning-referred.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { routeWarning } from './use-case';

/** WarningRaised.v1 → one message on each concerned department's work queue. */
// A referral is pushed like a raised warning, to its new recipients; it is a separate piece of
// work for idempotency (same warning id, a referral time).
export const handler = eventHandler('department-routing', z.union([warningReferredV1, warningRaisedV1]), '[warningId, referredAt]', async (detail) => {
  const { referredBy: _by, referralReason: _why, referredAt: _at, ...warning } = detail as z.infer<typeof warningReferredV1>;
  const result = await routeWarning(warning, { warnings: wiring.warnings(), queues: wiring.workQueues(), now: wiring.now });
  logger.info('warning routed', { warningId: detail.warningId, ...result });
  metrics.addMetric('WarningsPushed', MetricUnit.Count, result.pushedTo.length);
  return result;
});
