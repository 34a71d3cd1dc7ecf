import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { warningsRaisedV1 } from '../../events/warning-raised.v1';
import { warningReferredV1 } from '../../events/warning-referred.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import * as queues from '../../shared/wiring/work-queues';
import * as runtime from '../../shared/wiring/runtime';
import { idempotencyStore } from '../../shared/wiring/idempotency';
import * as table from '../../shared/wiring/table';
import { routeWarnings } from './use-case';

/**
 * WarningsRaised.v1 → one message on each concerned department's work queue for every warning
 * of the group. A referral is pushed like a raised warning, to its new recipients; it is a
 * separate piece of work for idempotency (same warning id, a referral time).
 */
export const handler = eventHandler(
  'department-routing',
  z.union([warningsRaisedV1, warningReferredV1]),
  { key: '[groupId, warningId, referredAt]', store: idempotencyStore },
  async (detail) => {
    const warnings = 'groupId' in detail ? detail.warnings : [(({ referredBy: _by, referralReason: _why, referredAt: _at, ...warning }) => warning)(detail)];
    const result = await routeWarnings(warnings, { warnings: table.warnings(), queues: queues.workQueues(), now: runtime.now });
    logger.info('warnings routed', {
      ...('groupId' in detail ? { groupId: detail.groupId } : { warningId: detail.warningId }),
      warnings: warnings.length,
      ...result,
    });
    metrics.addMetric('WarningsPushed', MetricUnit.Count, result.pushed);
    return result;
  },
);
