import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordsAcceptedV1, recordsOf } from '../../events/records-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as policy from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import { idempotencyStore } from '../../shared/wiring/idempotency';
import * as table from '../../shared/wiring/table';
import { putOnRollChecked } from './use-case';
import { recordEmergencyAssistance } from '../../shared/application/emergency-assistance';

/**
 * RecordsAccepted.v1 of roll entries → the households in the low-income database (IND-19 if a
 * member is paid elsewhere, the old roll handed over on relocation); of emergency assistance →
 * their cases. One group a call, idempotent on the group id.
 */
export const handler = eventHandler('register-update', recordsAcceptedV1, { key: 'groupId', store: idempotencyStore }, async (detail) => {
  const ports = {
    register: table.register(),
    audit: table.audit(),
    disclosure: table.disclosure(),
    warnings: table.warnings(),
    officers: table.officers(),
    progress: table.submissions(),
    events: bus.events(),
    policy: await policy.policy(),
    now: runtime.now,
  };
  const records = recordsOf(detail);
  if (detail.recordType === 'emergency-assistance') {
    const result = await recordEmergencyAssistance(records, detail.groupId, { ...ports, cases: table.emergencyCases() });
    logger.info('emergency assistance recorded', { groupId: detail.groupId, cases: result.cases, flagged: result.flagged.length });
    metrics.addMetric('EmergencyAssistanceRecords', MetricUnit.Count, result.cases);
    return { cases: result.cases, flagged: result.flagged.length };
  }
  const { households, raised } = await putOnRollChecked(detail, records, ports);
  logger.info('households on roll', { groupId: detail.groupId, households: households.length, raised: raised.length });
  metrics.addMetric('HouseholdsPutOnRoll', MetricUnit.Count, households.length);
  return { households: households.length, raised: raised.length };
});
