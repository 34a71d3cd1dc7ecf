import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { recordAcceptedV1 } from '../../events/record-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { putOnRollChecked } from './use-case';

/** RecordAccepted.v1 of a roll entry → the household in the low-income database (and IND-12 if a member is paid elsewhere). */
export const handler = eventHandler('register-update', recordAcceptedV1, 'recordId', async (detail) => {
  const { household, raised } = await putOnRollChecked(detail, {
    register: wiring.register(),
    warnings: wiring.warnings(),
    events: wiring.events(),
    policy: wiring.policy(),
    now: wiring.now,
  });
  logger.info('household on roll', { householdId: household.householdId, members: household.members.length, raised: raised.length });
  metrics.addMetric('HouseholdsPutOnRoll', MetricUnit.Count, 1);
  return { householdId: household.householdId, raised };
});
