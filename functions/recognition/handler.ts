import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordAcceptedV1 } from '../../events/record-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { platformDecision } from '../../shared/domain/supervision/audit';
import { reviewInvestigation } from './use-case';

/** RecordAccepted.v1 of an economic-status investigation → RecognitionDecided.v1 and a chain entry. */
export const handler = eventHandler('recognition', recordAcceptedV1, 'recordId', async (detail) => {
  const decision = await reviewInvestigation(detail, { register: wiring.register(), events: wiring.events(), assessments: wiring.assessments(), policy: await wiring.policy(), now: wiring.now });
  await wiring.audit().append([
    platformDecision({
      by: 'recognition',
      department: 'civil-affairs',
      at: wiring.now().toISOString(),
      action: 'recognition-decided',
      purpose: 'classified review of an economic-status investigation (分类审核认定)',
      subjects: [decision.householdId],
      details: { category: decision.category ?? 'none', policyVersion: String(decision.policyVersion), recordId: detail.recordId },
    }),
  ]);
  logger.info('household classified', { householdId: decision.householdId, category: decision.category });
  metrics.addMetric('HouseholdsClassified', MetricUnit.Count, 1);
  return { householdId: decision.householdId, category: decision.category };
});
