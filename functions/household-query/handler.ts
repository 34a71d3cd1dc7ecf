import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, json, type ApiResult } from '../../shared/http/api-handler';
import { metrics } from '../../shared/observability';
import * as runtime from '../../shared/wiring/runtime';
import * as secrets from '../../shared/wiring/secrets';
import * as signing from '../../shared/wiring/audit-signer';
import * as table from '../../shared/wiring/table';
import { config } from '../../shared/config';
import {
  queryPerson,
  readAssistanceChain,
  readAuditTrail,
  readDisclosure,
  readHappinessList,
  readNeedsList,
  readProjectList,
  readStatistics,
} from './use-case';

/**
 * The read side: a household's chain, needs and happiness lists (civil affairs, coordination,
 * supervision), the person query (every department, shaped by its duties), the project list and
 * the monthly statistics.
 */
export const handler = apiHandler('household-query', async (call, event) => {
  const ports = { register: table.register(), warnings: table.warnings() };
  const householdId = event.pathParameters?.householdId ?? '';
  const respond = async (): Promise<ApiResult> => {
    switch (call.routeId) {
      case 'read-assistance-chain':
        return json(200, await readAssistanceChain(householdId, ports));
      case 'read-needs-list':
        return json(200, await readNeedsList(householdId, ports));
      case 'read-happiness-list':
        return json(200, await readHappinessList(householdId, ports));
      case 'query-person': {
        const { answer, audit } = await queryPerson(call.body, call.caller, {
          ...ports,
          personKey: secrets.personKey(),
          knownPeople: table.knownPeople(),
          facts: table.facts(),
        });
        return json(200, answer, { audit });
      }
      case 'read-project-list':
        return json(200, readProjectList());
      case 'read-disclosure':
        return json(200, await readDisclosure(event.pathParameters?.month ?? '', event.queryStringParameters?.district, table.disclosure()));
      case 'read-audit-trail':
        return json(
          200,
          await readAuditTrail(event.pathParameters?.day ?? '', {
            trail: table.audit(),
            heads: table.auditHeads(),
            signer: signing.auditSigner(),
            now: runtime.now,
            retentionDays: config().AUDIT_RETENTION_DAYS,
          }),
        );
      case 'read-statistics':
        return json(200, await readStatistics(event.pathParameters?.month ?? '', table.statistics()));
    }
  };
  const result = await respond();
  metrics.addMetric('Queries', MetricUnit.Count, 1);
  return result;
});
