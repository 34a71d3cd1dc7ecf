import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { wiring } from '../../shared/wiring';
import { readAssistanceChain } from './use-case';

/** GET /households/{householdId}/chain — the household's assistance chain (一户一条救助链). */
export const handler = apiHandler(async (event) => {
  const view = await readAssistanceChain(event.pathParameters?.householdId ?? '', callerOf(event, wiring.principalPrefix()), {
    register: wiring.register(),
    warnings: wiring.warnings(),
  });
  return json(200, view);
});
