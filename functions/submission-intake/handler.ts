import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as runtime from '../../shared/wiring/runtime';
import * as secrets from '../../shared/wiring/person-key';
import * as table from '../../shared/wiring/table';
import { idempotencyConfig, idempotencyStore } from '../../shared/wiring/idempotency';
import { submitRecords } from './use-case';

/** POST /departments/{department}/submissions — a department's batch of records. */
export const handler = apiHandler(
  async (event) => {
    const receipt = await submitRecords(
      {
        department: event.pathParameters?.department ?? '',
        caller: callerOf(event, runtime.principalPrefix()),
        body: event.body,
      },
      {
        submissions: table.submissions(),
        events: bus.events(),
        personKey: secrets.personKey(),
        now: runtime.now,
      },
    );
    logger.info('submission accepted', { submissionId: receipt.submissionId, records: receipt.accepted, replayed: receipt.replayed });
    metrics.addMetric(receipt.replayed ? 'BatchesReplayed' : 'RecordsAccepted', MetricUnit.Count, receipt.replayed ? 1 : receipt.accepted);
    return json(receipt.replayed ? 200 : 202, receipt);
  },
  // One batch per department and batch id; the same id with other records is refused.
  makeHandlerIdempotent({
    persistenceStore: idempotencyStore(),
    keyPrefix: 'submission-intake',
    config: idempotencyConfig('[requestContext.identity.userArn, powertools_json(body).batchId]', 'powertools_json(body)'),
  }),
);
