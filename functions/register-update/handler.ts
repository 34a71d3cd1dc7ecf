import { recordAcceptedV1 } from '../../events/record-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { putOnRoll } from './use-case';

/** RecordAccepted.v1 of a roll entry → the household in the low-income database. */
export const handler = eventHandler('register-update', recordAcceptedV1, 'recordId', async (detail) => {
  const household = await putOnRoll(detail, wiring.register());
  logger.info('household on roll', { householdId: household.householdId, members: household.members.length });
  metrics.addMetric('HouseholdsPutOnRoll', MetricUnit.Count, 1);
  return { householdId: household.householdId };
});
