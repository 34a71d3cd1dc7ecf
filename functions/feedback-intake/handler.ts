import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { answer, apiHandler } from '../../shared/http/api-handler';
import { DynamoCorrectionStore } from '../../shared/adapters/dynamodb/correction-store';
import { acknowledgementReceipt, answerReceipt, correctionReceipt } from '../../shared/platform/answers/warnings';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { idempotencyConfig, idempotencyStore } from '../../shared/wiring/idempotency';
import { correctAnswer } from './correction';
import { correctDecisionCall } from './decision-correction-call';
import { acknowledgeWarning, answerWarning } from './use-case';
import { checkAnswerOfficers } from './related-party';
import { officerOfCaller } from '../../shared/platform/principals';
import * as policy from '../../shared/wiring/policy';
import { DynamoServiceAssistance } from '../../shared/adapters/dynamodb/service-assistance';
import { careAssessmentReceipt, deliveryReceipt, serviceOrderReceipt } from '../../shared/platform/answers/service-assistance';
import { placeServiceOrder, recordCareAssessment, reportServiceDelivery } from './service-assistance';

const services = () => new DynamoServiceAssistance(table.table());

/**
 * POST /departments/{department}/warnings/{warningId}/outcome — a department's answer;
 * POST /departments/{department}/warnings/{warningId}/acknowledgement — taken in hand;
 * POST /departments/{department}/warnings/{warningId}/corrections — 容错纠错, an answer corrected;
 * POST /households/{householdId}/decisions/{decisionId}/corrections — 容错纠错, a recognition decision corrected.
 * POST /households/{householdId}/care-assessments, /service-orders, /provider/orders/{orderId}/deliveries — 服务类社会救助.
 */
export const handler = apiHandler(
  'feedback-intake',
  async (call, event) => {
    const warningId = event.pathParameters?.warningId ?? '';
    switch (call.routeId) {
      case 'acknowledge-warning': {
        const receipt = await acknowledgeWarning({ department: call.caller, warningId }, { warnings: table.warnings(), now: runtime.now });
        metrics.addMetric('WarningsAcknowledged', MetricUnit.Count, 1);
        return answer(200, acknowledgementReceipt, receipt);
      }
      case 'answer-warning': {
        const receipt = await answerWarning(
          { department: call.caller, warningId, outcome: call.body },
          { warnings: table.warnings(), register: table.register(), disclosure: table.disclosure(), events: bus.events(), now: runtime.now },
        );
        // 关系保 (IND-27): the session's officer and the handling officer named, against the household.
        const session = officerOfCaller(event.requestContext?.identity?.userArn);
        const related = await checkAnswerOfficers(
          { warningId: receipt.warningId, department: call.caller, officers: [...(session ? [session] : []), call.body.handledBy] },
          {
            officers: table.officers(),
            register: table.register(),
            warnings: table.warnings(),
            events: bus.events(),
            policy: await policy.policy(),
            now: runtime.now,
          },
        );
        if (related.length) logger.info('answer by a related officer', { warningId: receipt.warningId, raised: related });
        logger.info('warning answered', { warningId: receipt.warningId, outcome: receipt.outcome, status: receipt.status, replayed: receipt.replayed });
        metrics.addMetric(receipt.replayed ? 'AnswersReplayed' : 'WarningsAnswered', MetricUnit.Count, 1);
        return answer(200, answerReceipt, receipt);
      }
      case 'correct-answer': {
        const receipt = await correctAnswer(
          { department: call.caller, warningId, correction: call.body },
          {
            warnings: table.warnings(),
            corrections: new DynamoCorrectionStore(table.table()),
            register: table.register(),
            statistics: table.statistics(),
            disclosure: table.disclosure(),
            events: bus.events(),
            now: runtime.now,
          },
        );
        logger.info('answer corrected', { warningId: receipt.warningId, correctionId: receipt.correctionId, cause: receipt.cause, replayed: receipt.replayed });
        metrics.addMetric(receipt.replayed ? 'CorrectionsReplayed' : 'AnswersCorrected', MetricUnit.Count, 1);
        return answer(200, correctionReceipt, receipt);
      }
      case 'correct-decision':
        return correctDecisionCall(call.body, event);
      case 'record-care-assessment': {
        const receipt = await recordCareAssessment(
          { householdId: event.pathParameters?.householdId ?? '', assessment: call.body, by: call.caller },
          { register: table.register(), services: services(), policy: await policy.policy(), now: runtime.now },
        );
        metrics.addMetric(receipt.replayed ? 'CareAssessmentsReplayed' : 'CareAssessmentsRecorded', MetricUnit.Count, 1);
        return answer(200, careAssessmentReceipt, receipt, { audit: { subjects: [receipt.householdId, receipt.personRef] } });
      }
      case 'place-service-order': {
        const receipt = await placeServiceOrder(
          { order: call.body, by: call.caller },
          {
            register: table.register(),
            services: services(),
            partners: table.partners(),
            now: runtime.now,
          },
        );
        logger.info('service ordered', { orderId: receipt.orderId, provider: receipt.provider, replayed: receipt.replayed });
        metrics.addMetric(receipt.replayed ? 'ServiceOrdersReplayed' : 'ServiceOrdersPlaced', MetricUnit.Count, 1);
        return answer(200, serviceOrderReceipt, receipt, { audit: { subjects: [receipt.householdId, receipt.orderId] } });
      }
      case 'report-service-delivery': {
        const receipt = await reportServiceDelivery(
          { orderId: event.pathParameters?.orderId ?? '', provider: call.partner!.organisationCode, report: call.body },
          { services: services(), statistics: table.statistics(), now: runtime.now },
        );
        logger.info('service delivered', { orderId: receipt.orderId, deliveredOn: receipt.deliveredOn, replayed: receipt.replayed });
        metrics.addMetric(receipt.replayed ? 'DeliveriesReplayed' : 'DeliveriesReported', MetricUnit.Count, 1);
        return answer(200, deliveryReceipt, receipt, { audit: { subjects: [receipt.orderId] } });
      }
    }
  },
  makeHandlerIdempotent({
    persistenceStore: idempotencyStore(),
    keyPrefix: 'feedback-intake',
    // A further correction of the same warning is told apart by its Idempotency-Key header.
    config: idempotencyConfig(
      // Named by its Idempotency-Key header, else by its warning; routes without either (care assessments,
      // orders, deliveries, decision corrections) by their body. A different body under the same key is 409.
      '[requestContext.identity.userArn, resource, pathParameters, headers."Idempotency-Key" || headers."idempotency-key" || pathParameters.warningId || body]',
      'body',
    ),
  }),
);
