import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordAcceptedV1 } from '../../events/record-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { putOnRollChecked } from './use-case';
import { recordEmergencyAssistance } from './emergency';

/**
 * RecordAccepted.v1 of a roll entry → the household in the low-income database (IND-12 if a member
 * is paid elsewhere, the old roll handed over on relocation); of emergency assistance → its case.
 */
export const handler = eventHandler('register-update', recordAcceptedV1, 'recordId', async (detail) => {
  const ports = { register: wiring.register(), audit: wiring.audit(), disclosure: wiring.disclosure(), warnings: wiring.warnings(), events: wiring.events(), policy: await wiring.policy(), now: wiring.now };
  if (detail.recordType === 'emergency-assistance') {
    const result = await recordEmergencyAssistance(detail, { ...ports, cases: wiring.emergencyCases() });
    logger.info('emergency assistance recorded', { caseId: result.caseId, status: result.status, flagged: result.flagged.length });
    metrics.addMetric('EmergencyAssistanceRecords', MetricUnit.Count, 1);
    return result;
  }
  const { household, raised } = await putOnRollChecked(detail, ports);
  logger.info('household on roll', { householdId: household.householdId, members: household.members.length, raised: raised.length });
  metrics.addMetric('HouseholdsPutOnRoll', MetricUnit.Count, 1);
  return { householdId: household.householdId, raised };
});
