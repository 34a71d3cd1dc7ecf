import type { APIGatewayProxyEvent } from 'aws-lambda';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDecisionCorrectionStore } from '../../shared/adapters/dynamodb/decision-correction-store';
import type { DecisionCorrection } from '../../shared/domain/correction-decision';
import { answer, type ApiResult } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import { decisionCorrectionReceipt } from '../../shared/platform/answers/recognition';
import * as bus from '../../shared/wiring/events';
import * as policy from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import * as table from '../../shared/wiring/table';
import { correctDecision } from './decision-correction';

/** POST /households/{householdId}/decisions/{decisionId}/corrections, wired to its ports (kept apart from handler.ts). */
export async function correctDecisionCall(body: DecisionCorrection, event: APIGatewayProxyEvent): Promise<ApiResult> {
  const householdId = event.pathParameters?.householdId ?? '';
  const receipt = await correctDecision(
    { householdId, decisionId: event.pathParameters?.decisionId ?? '', correction: body },
    {
      recognition: table.assessments(),
      corrections: new DynamoDecisionCorrectionStore(table.table()),
      register: table.register(),
      disclosure: table.disclosure(),
      statistics: table.statistics(),
      events: bus.events(),
      policy: await policy.policy(),
      now: runtime.now,
    },
  );
  logger.info('decision corrected', { decisionId: receipt.decisionId, correctionId: receipt.correctionId, cause: receipt.cause, replayed: receipt.replayed });
  metrics.addMetric(receipt.replayed ? 'CorrectionsReplayed' : 'DecisionsCorrected', MetricUnit.Count, 1);
  return answer(200, decisionCorrectionReceipt, receipt, { audit: { subjects: [householdId] } });
}
