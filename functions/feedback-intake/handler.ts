import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import { idempotencyConfig, wiring } from '../../shared/wiring';
import { answerWarning } from './use-case';

/** POST /departments/{department}/warnings/{warningId}/outcome — a department's answer. */
export const handler = apiHandler(
  async (event) => {
    const receipt = await answerWarning(
      {
        department: event.pathParameters?.department ?? '',
        caller: callerOf(event, wiring.principalPrefix()),
        warningId: event.pathParameters?.warningId ?? '',
        body: event.body,
      },
      { warnings: wiring.warnings(), register: wiring.register(), events: wiring.events(), now: wiring.now },
    );
    logger.info('warning answered', { warningId: receipt.warningId, outcome: receipt.outcome, replayed: receipt.replayed });
    metrics.addMetric(receipt.replayed ? 'AnswersReplayed' : 'WarningsResolved', MetricUnit.Count, 1);
    return json(200, receipt);
  },
  makeHandlerIdempotent({
    persistenceStore: wiring.idempotencyStore(),
    keyPrefix: 'feedback-intake',
    config: idempotencyConfig('[requestContext.identity.userArn, pathParameters.warningId]', 'body'),
  }),
);
