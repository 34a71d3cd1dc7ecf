import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { config } from '../../shared/config';
import { apiHandler, auditNoteFor, callerOf, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import { policyChanged } from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { changeParameters, readChanges, readParameters, readWhatIf, requestWhatIf } from './use-case';

/** Policy parameters: read, change (audited), the trail of changes, and what-if jobs. */
export const handler = apiHandler(async (event) => {
  const caller = { department: callerOf(event, runtime.principalPrefix()), principal: event.requestContext?.identity?.userArn ?? 'unknown' };
  const ports = { store: table.policyStore(), shipped: CITY_PARAMETERS, now: runtime.now };
  switch (`${event.httpMethod} ${event.resource}`) {
    case 'GET /policy/parameters':
      return json(200, await readParameters(event.queryStringParameters, caller, ports));
    case 'POST /policy/changes': {
      const entry = await changeParameters(event.body, caller, ports);
      // Read again here at once, and by every local function at once (on AWS within POLICY_CACHE_SECONDS).
      policyChanged();
      logger.info('policy changed', { version: entry.version, department: entry.department, parameters: entry.diffs.map((d) => d.name) });
      metrics.addMetric('PolicyChanges', MetricUnit.Count, 1);
      return json(200, entry);
    }
    case 'GET /policy/changes':
      return json(200, await readChanges(caller, ports));
    case 'POST /policy/what-if': {
      const answer = await requestWhatIf(event.body, caller, {
        ...ports,
        jobs: table.whatIfJobs(),
        events: bus.events(),
        shards: table.assessments().shards,
        waitMs: config().WHAT_IF_WAIT_SECONDS * 1000,
        audit: auditNoteFor(event),
      });
      logger.info('what-if asked', { jobId: answer.body.jobId, status: answer.body.status, ...answer.body.progress });
      const response = json(answer.statusCode, answer.body);
      return answer.statusCode === 202 ? { ...response, headers: { ...response.headers, location: answer.location } } : response;
    }
    case 'GET /policy/what-if/{jobId}':
      return json(200, await readWhatIf(event.pathParameters?.jobId, caller, { jobs: table.whatIfJobs(), now: runtime.now }));
    default:
      throw new Error(`policy-admin has no route ${event.httpMethod} ${event.resource}`);
  }
});
