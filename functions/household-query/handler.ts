import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, auditNoteFor, callerOf, json } from '../../shared/http/api-handler';
import { metrics } from '../../shared/observability';
import * as runtime from '../../shared/wiring/runtime';
import * as secrets from '../../shared/wiring/secrets';
import * as signing from '../../shared/wiring/audit-signer';
import * as table from '../../shared/wiring/table';
import { config } from '../../shared/config';
import { queryPerson, readAssistanceChain, readAuditTrail, readDisclosure, readHappinessList, readNeedsList, readProjectList, readStatistics } from './use-case';

/**
 * The read side: a household's chain, needs and happiness lists (civil affairs, coordination,
 * supervision), the person query (every department, shaped by its duties), the project list and
 * the monthly statistics.
 */
export const handler = apiHandler(async (event) => {
  const caller = callerOf(event, runtime.principalPrefix());
  const ports = { register: table.register(), warnings: table.warnings() };
  const householdId = event.pathParameters?.householdId ?? '';
  const answer = await (async () => {
    switch (event.resource) {
      case '/households/{householdId}/chain':
        return readAssistanceChain(householdId, caller, ports);
      case '/households/{householdId}/needs':
        return readNeedsList(householdId, caller, ports);
      case '/households/{householdId}/happiness':
        return readHappinessList(householdId, caller, ports);
      case '/persons/query':
        return queryPerson(event.body, caller, { ...ports, personKey: secrets.personKey(), knownPeople: table.knownPeople(), facts: table.facts(), audit: auditNoteFor(event) });
      case '/projects':
        return readProjectList(caller);
      case '/disclosure/{month}':
        return readDisclosure(event.pathParameters?.month ?? '', event.queryStringParameters?.district, caller, table.disclosure());
      case '/audit/{day}':
        return readAuditTrail(event.pathParameters?.day ?? '', caller, { trail: table.audit(), heads: table.auditHeads(), signer: signing.auditSigner(), now: runtime.now, retentionDays: config().AUDIT_RETENTION_DAYS });
      case '/statistics/{month}':
        return readStatistics(event.pathParameters?.month ?? '', caller, table.statistics());
      default:
        throw new Error(`household-query has no route ${event.resource}`);
    }
  })();
  metrics.addMetric('Queries', MetricUnit.Count, 1);
  return json(200, answer);
});
