import { DynamoCorrectionStore } from '../../shared/adapters/dynamodb/correction-store';
import { DynamoDecisionCorrectionStore } from '../../shared/adapters/dynamodb/decision-correction-store';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { answer, apiHandler, type ApiResult } from '../../shared/http/api-handler';
import {
  assistanceChain,
  disclosureList,
  happinessList,
  monthlyStatistics,
  needsList,
  personQueryAnswer,
  projectList,
} from '../../shared/platform/answers/households';
import { householdAssessment, recognitionDecisions } from '../../shared/platform/answers/recognition';
import { submissionStatus } from '../../shared/platform/answers/submissions';
import { waiverListAnswer, waiverVerificationAnswer } from '../../shared/platform/answers/waivers';
import { policy } from '../../shared/wiring/policy';
import { departmentWarningList, overdueWarningList, warningDetail } from '../../shared/platform/answers/warnings';
import { auditDayAnswer } from '../../shared/domain/supervision/verify-day';
import { metrics } from '../../shared/observability';
import { DynamoServiceAssistance } from '../../shared/adapters/dynamodb/service-assistance';
import { providerOrderList, serviceOrderList } from '../../shared/platform/answers/service-assistance';
import { listProviderOrders, listServiceOrders, serviceOrdersQueryOf } from './service-assistance';
import * as runtime from '../../shared/wiring/runtime';
import * as secrets from '../../shared/wiring/secrets';
import * as signing from '../../shared/wiring/audit-signer';
import * as table from '../../shared/wiring/table';
import { config } from '../../shared/config';
import {
  listDepartmentWarnings,
  listRecognitionDecisions,
  readAssessment,
  listOverdueWarnings,
  queryPerson,
  readAssistanceChain,
  readAuditTrail,
  readDisclosure,
  readHappinessList,
  readNeedsList,
  readProjectList,
  readStatistics,
  readWarning,
  readSubmissionStatus,
} from './use-case';
import { readWaiverList, verifyWaiverCode, type WaiverPorts } from './waivers';

/**
 * The read side: a household's chain, needs and happiness lists (civil affairs, coordination,
 * supervision), the person query (every department, shaped by its duties), the project list, the
 * monthly statistics, each department's own submissions (报送状态), and a household's latest
 * assessment and recognition decisions with their reasons (分类审核认定).
 */
const waiverPorts = (): WaiverPorts => ({ roll: table.waiverRoll(), policy, purposeKey: secrets.purposeKey() });

export const handler = apiHandler('household-query', async (call, event) => {
  const ports = { register: table.register(), warnings: table.warnings() };
  const householdId = event.pathParameters?.householdId ?? '';
  const respond = async (): Promise<ApiResult> => {
    switch (call.routeId) {
      case 'read-assistance-chain':
        return answer(200, assistanceChain, await readAssistanceChain(householdId, ports));
      case 'read-needs-list':
        return answer(200, needsList, await readNeedsList(householdId, { ...ports, services: new DynamoServiceAssistance(table.table()) }));
      case 'read-happiness-list':
        return answer(200, happinessList, await readHappinessList(householdId, ports));
      case 'query-person': {
        const { answer: found, audit } = await queryPerson(call.body, call.caller, {
          ...ports,
          personKey: secrets.personKey(),
          knownPeople: table.knownPeople(),
          facts: table.facts(),
        });
        return answer(200, personQueryAnswer, found, { audit });
      }
      case 'read-project-list':
        return answer(200, projectList, readProjectList());
      case 'read-disclosure':
        return answer(200, disclosureList, await readDisclosure(event.pathParameters?.month ?? '', event.queryStringParameters?.district, table.disclosure()));
      case 'read-audit-trail':
        return answer(
          200,
          auditDayAnswer,
          await readAuditTrail(event.pathParameters?.day ?? '', {
            trail: table.audit(),
            heads: table.auditHeads(),
            signer: signing.auditSigner(),
            now: runtime.now,
            retentionDays: config().AUDIT_RETENTION_DAYS,
          }),
        );
      case 'read-submission':
        return answer(200, submissionStatus, await readSubmissionStatus(call.caller, event.pathParameters?.submissionId ?? '', table.submissions()));
      case 'list-department-warnings':
        return answer(
          200,
          departmentWarningList,
          await listDepartmentWarnings(call.caller, event.queryStringParameters, { lists: table.warningLists(), now: runtime.now }),
        );
      case 'read-warning': {
        const { detail, audit } = await readWarning(call.caller, event.pathParameters?.warningId ?? '', {
          warnings: table.warnings(),
          now: runtime.now,
          corrections: new DynamoCorrectionStore(table.table()),
        });
        return answer(200, warningDetail, detail, { audit });
      }
      case 'list-overdue-warnings':
        return answer(200, overdueWarningList, await listOverdueWarnings(event.queryStringParameters, { lists: table.warningLists(), now: runtime.now }));
      case 'read-statistics':
        return answer(200, monthlyStatistics, await readStatistics(event.pathParameters?.month ?? '', table.statistics()));
      case 'read-assessment':
        return answer(200, householdAssessment, await readAssessment(householdId, { recognition: table.assessments() }));
      case 'read-recognition-decisions':
        return answer(
          200,
          recognitionDecisions,
          await listRecognitionDecisions(householdId, event.queryStringParameters, {
            recognition: table.assessments(),
            corrections: new DynamoDecisionCorrectionStore(table.table()),
          }),
        );
      case 'read-waiver-list':
        return answer(
          200,
          waiverListAnswer,
          await readWaiverList(event.pathParameters?.waiver ?? '', event.pathParameters?.month ?? '', event.queryStringParameters, waiverPorts()),
        );
      case 'verify-waiver-code':
        return answer(
          200,
          waiverVerificationAnswer,
          await verifyWaiverCode(event.pathParameters?.waiver ?? '', event.pathParameters?.month ?? '', call.body, waiverPorts()),
        );
      case 'list-service-orders':
        return answer(
          200,
          serviceOrderList,
          await listServiceOrders(serviceOrdersQueryOf(event.queryStringParameters), new DynamoServiceAssistance(table.table())),
        );
      case 'list-provider-orders': {
        const provider = call.partner!.organisationCode;
        const list = await listProviderOrders(provider, new DynamoServiceAssistance(table.table()));
        return answer(200, providerOrderList, list, { audit: { subjects: list.orders.map((o) => o.orderId) } });
      }
    }
  };
  const result = await respond();
  metrics.addMetric('Queries', MetricUnit.Count, 1);
  return result;
});
