import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import { wiring } from '../../shared/wiring';
import { changeParameters, readChanges, readParameters, runWhatIf } from './use-case';

/** Policy parameters: read, change (audited), the trail of changes, and what-if. */
export const handler = apiHandler(async (event) => {
  const caller = { department: callerOf(event, wiring.principalPrefix()), principal: event.requestContext?.identity?.userArn ?? 'unknown' };
  const ports = { store: wiring.policyStore(), shipped: CITY_PARAMETERS, now: wiring.now };
  switch (`${event.httpMethod} ${event.resource}`) {
    case 'GET /policy/parameters':
      return json(200, await readParameters(event.queryStringParameters, caller, ports));
    case 'POST /policy/changes': {
      const entry = await changeParameters(event.body, caller, ports);
      logger.info('policy changed', { version: entry.version, department: entry.department, parameters: entry.diffs.map((d) => d.name) });
      metrics.addMetric('PolicyChanges', MetricUnit.Count, 1);
      return json(200, entry);
    }
    case 'GET /policy/changes':
      return json(200, await readChanges(caller, ports));
    case 'POST /policy/what-if': {
      const report = await runWhatIf(event.body, caller, { ...ports, assessments: wiring.assessments() });
      logger.info('what-if run', { households: report.households, categoryChanges: report.categoryChanges, warnings: report.warnings.total });
      return json(200, report);
    }
    default:
      throw new Error(`policy-admin has no route ${event.httpMethod} ${event.resource}`);
  }
});
