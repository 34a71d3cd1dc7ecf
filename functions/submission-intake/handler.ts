import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import { idempotencyConfig, wiring } from '../../shared/wiring';
import { submitRecords } from './use-case';

/** POST /departments/{department}/submissions — a department's batch of records. */
export const handler = apiHandler(
  async (event) => {
    const receipt = await submitRecords(
      {
        department: event.pathParameters?.department ?? '',
        caller: callerOf(event, wiring.principalPrefix()),
        body: event.body,
      },
      {
        submissions: wiring.submissions(),
        events: wiring.events(),
        personKey: wiring.personKey(),
        now: wiring.now,
      },
    );
    logger.info('submission accepted', { submissionId: receipt.submissionId, records: receipt.accepted, replayed: receipt.replayed });
    metrics.addMetric(receipt.replayed ? 'BatchesReplayed' : 'RecordsAccepted', MetricUnit.Count, receipt.replayed ? 1 : receipt.accepted);
    return json(receipt.replayed ? 200 : 202, receipt);
  },
  // One batch per department and batch id; the same id with other records is refused.
  makeHandlerIdempotent({
    persistenceStore: wiring.idempotencyStore(),
    keyPrefix: 'submission-intake',
    config: idempotencyConfig('[requestContext.identity.userArn, powertools_json(body).batchId]', 'powertools_json(body)'),
  }),
);
