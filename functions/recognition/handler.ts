import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordsAcceptedV1, recordsOf } from '../../events/records-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as policy from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import { idempotencyStore } from '../../shared/wiring/idempotency';
import * as table from '../../shared/wiring/table';
import { platformDecision } from '../../shared/domain/supervision/audit';
import { reviewInvestigations } from './use-case';

/** RecordsAccepted.v1 of economic-status investigations → RecognitionDecided.v1 and chain entries, a group a call. */
export const handler = eventHandler('recognition', recordsAcceptedV1, { key: 'groupId', store: idempotencyStore }, async (detail) => {
  const decisions = await reviewInvestigations(recordsOf(detail), detail.groupId, {
    register: table.register(),
    events: bus.events(),
    assessments: table.assessments(),
    progress: table.submissions(),
    policy: await policy.policy(),
    now: runtime.now,
    officers: table.officers(),
    warnings: table.warnings(),
  });
  const at = runtime.now().toISOString();
  await table.audit().append(
    decisions.map((d) =>
      platformDecision({
        by: 'recognition',
        department: 'civil-affairs',
        at,
        action: 'recognition-decided',
        purpose: 'classified review of an economic-status investigation (分类审核认定)',
        subjects: [d.householdId],
        details: { category: d.category ?? 'none', policyVersion: String(d.policyVersion), recordId: d.recordId },
      }),
    ),
  );
  logger.info('households classified', { groupId: detail.groupId, households: decisions.length });
  metrics.addMetric('HouseholdsClassified', MetricUnit.Count, decisions.length);
  return { households: decisions.length };
});
