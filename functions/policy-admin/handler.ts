import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { config } from '../../shared/config';
import { answer, apiHandler } from '../../shared/http/api-handler';
import { policyChange, policyChanges, policyParameters, whatIfJob } from '../../shared/platform/answers/policy';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import { policy, policyChanged } from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { changeParameters, readChanges, readParameters, readWhatIf, requestWhatIf } from './use-case';
import { listOfficers, officerViewOf, registerOfficer } from './officers';
import { officerList, officerRegistered } from '../../shared/platform/answers/officers';
import { officerOfCaller } from '../../shared/platform/principals';
import * as secrets from '../../shared/wiring/secrets';

/** Policy parameters: read, change (audited), the trail of changes, and what-if jobs. */
export const handler = apiHandler('policy-admin', async (call, event) => {
  const caller = { department: call.caller, principal: event.requestContext?.identity?.userArn ?? 'unknown' };
  const ports = { store: table.policyStore(), shipped: CITY_PARAMETERS, now: runtime.now };
  switch (call.routeId) {
    case 'read-policy':
      return answer(200, policyParameters, await readParameters(event.queryStringParameters, ports));
    case 'change-policy': {
      const entry = await changeParameters(call.body, caller, ports);
      // Read again here at once, and by every local function at once (on AWS within POLICY_CACHE_SECONDS).
      policyChanged();
      logger.info('policy changed', { version: entry.version, department: entry.department, parameters: entry.diffs.map((d) => d.name) });
      metrics.addMetric('PolicyChanges', MetricUnit.Count, 1);
      return answer(200, policyChange, entry);
    }
    case 'read-policy-changes':
      return answer(200, policyChanges, await readChanges(ports));
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
        ? answer(200, whatIfJob, asked.answer, { audit: asked.audit })
        : answer(202, whatIfJob, asked.answer, { headers: { location: asked.location }, audit: asked.audit });
    }
    case 'read-what-if':
      return answer(200, whatIfJob, await readWhatIf(event.pathParameters?.jobId, { jobs: table.whatIfJobs(), now: runtime.now }));
    case 'register-officer': {
      const done = await registerOfficer(call.body, `${call.caller}/${officerOfCaller(caller.principal) ?? caller.principal}`, {
        officers: table.officers(),
        register: table.register(),
        warnings: table.warnings(),
        events: bus.events(),
        personKey: secrets.personKey(),
        knownPeople: table.knownPeople(),
        policy: await policy(),
        now: runtime.now,
      });
      logger.info('officer registered', { officerId: done.officer.officerId, outcome: done.outcome, raised: done.checkedAfterTheFact.raised.length });
      const body = { ...done, officer: officerViewOf(done.officer) };
      // The audit entry names the officer and the households found (no person reference of the family).
      return answer(200, officerRegistered, body, {
        audit: { subjects: [done.officer.officerId, ...done.checkedAfterTheFact.households] },
      });
    }
    case 'list-officers':
      return answer(200, officerList, await listOfficers(event.queryStringParameters, { officers: table.officers() }));
  }
});
