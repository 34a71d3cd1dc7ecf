import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { readAssistanceChain } from './use-case';

/** GET /households/{householdId}/chain — the household's assistance chain (一户一条救助链). */
export const handler = apiHandler(async (event) => {
  const view = await readAssistanceChain(event.pathParameters?.householdId ?? '', callerOf(event, wiring.principalPrefix()), {
    register: wiring.register(),
    warnings: wiring.warnings(),
  });
  metrics.addMetric('AssistanceChainsRead', MetricUnit.Count, 1);
  return json(200, view);
});
