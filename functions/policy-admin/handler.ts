import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { config } from '../../shared/config';
import { apiHandler, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import { policyChanged } from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { changeParameters, readChanges, readParameters, readWhatIf, requestWhatIf } from './use-case';

/** Policy parameters: read, change (audited), the trail of changes, and what-if jobs. */
export const handler = apiHandler('policy-admin', async (call, event) => {
  const caller = { department: call.caller, principal: event.requestContext?.identity?.userArn ?? 'unknown' };
  const ports = { store: table.policyStore(), shipped: CITY_PARAMETERS, now: runtime.now };
  switch (call.routeId) {
    case 'read-policy':
      return json(200, await readParameters(event.queryStringParameters, ports));
    case 'change-policy': {
      const entry = await changeParameters(call.body, caller, ports);
      // Read again here at once, and by every local function at once (on AWS within POLICY_CACHE_SECONDS).
      policyChanged();
      logger.info('policy changed', { version: entry.version, department: entry.department, parameters: entry.diffs.map((d) => d.name) });
      metrics.addMetric('PolicyChanges', MetricUnit.Count, 1);
      return json(200, entry);
    }
    case 'read-policy-changes':
      return json(200, await readChanges(ports));
    case 'what-if': {
      const asked = await requestWhatIf(call.body, caller, {
        ...ports,
        jobs: table.whatIfJobs(),
        events: bus.events(),
        shards: table.assessments().shards,
        waitMs: config().WHAT_IF_WAIT_SECONDS * 1000,
      });
      logger.info('what-if asked', { jobId: asked.answer.jobId, status: asked.answer.status, ...asked.answer.progress });
      // Finished within the wait: the report; still running: 202 and where to read it.
      return asked.finished
        ? json(200, asked.answer, { audit: asked.audit })
        : json(202, asked.answer, { headers: { location: asked.location }, audit: asked.audit });
    }
    case 'read-what-if':
      return json(200, await readWhatIf(event.pathParameters?.jobId, { jobs: table.whatIfJobs(), now: runtime.now }));
  }
});
