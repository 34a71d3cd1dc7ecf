import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { assistanceEndedV1 } from '../../events/assistance-changed.v1';
import { recordAcceptedV1 } from '../../events/record-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { evaluateExit, evaluateRecord } from './use-case';

/**
 * RecordAccepted.v1 → warnings by indicator (rule records-to-warning-evaluation);
 * AssistanceEnded.v1 for better finances → indicator 16 (rule exits-to-warning-evaluation).
 * Idempotent on the record id, or on the warning and programme of the exit.
 */
export const handler = eventHandler('warning-evaluation', z.union([recordAcceptedV1, assistanceEndedV1]), '[recordId, warningId, programme]', async (detail) => {
  const ports = { register: wiring.register(), warnings: wiring.warnings(), facts: wiring.facts(), events: wiring.events(), policy: await wiring.policy(), now: wiring.now };
  const result = 'recordId' in detail ? await evaluateRecord(detail, ports) : await evaluateExit(detail, ports);
  logger.info('evaluated', { ...('recordId' in detail ? { recordId: detail.recordId, recordType: detail.recordType } : { exitOf: detail.householdId }), ...result });
  metrics.addMetric('RecordsEvaluated', MetricUnit.Count, 1);
  if (result.raised.length) metrics.addMetric('WarningsRaised', MetricUnit.Count, result.raised.length);
  return result;
});
