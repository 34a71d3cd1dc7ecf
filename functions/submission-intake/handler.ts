import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiHandler, callerOf, json } from '../../shared/http/api-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as runtime from '../../shared/wiring/runtime';
import * as secrets from '../../shared/wiring/person-key';
import * as table from '../../shared/wiring/table';
import * as policy from '../../shared/wiring/policy';
import { idempotencyConfig, idempotencyStore } from '../../shared/wiring/idempotency';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { MiddlewareObj } from '@middy/core';
import { checkSubmission, submitRecords, type CheckedSubmission, type SubmitRecordsInput } from './use-case';

const inputOf = (event: APIGatewayProxyEvent): SubmitRecordsInput => ({
  department: event.pathParameters?.department ?? '',
  caller: callerOf(event, runtime.principalPrefix()),
  body: event.body,
});

/** The checks that read nothing, before idempotency takes the batch id (see checkSubmission). */
const checked = new WeakMap<APIGatewayProxyEvent, CheckedSubmission>();
const checkFirst = (): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: async (request) => {
    checked.set(request.event, checkSubmission(inputOf(request.event), { policy: await policy.policy(), now: runtime.now }));
  },
});

/** POST /departments/{department}/submissions — a department's batch of records. */
export const handler = apiHandler(
  async (event) => {
    const input = inputOf(event);
    const receipt = await submitRecords(
      input,
      {
        submissions: table.submissions(),
        events: bus.events(),
        personKey: secrets.personKey(),
        now: runtime.now,
        policy: await policy.policy(),
      },
      checked.get(event),
    );
    logger.info('submission accepted', { submissionId: receipt.submissionId, records: receipt.accepted, replayed: receipt.replayed });
    metrics.addMetric(receipt.replayed ? 'BatchesReplayed' : 'RecordsAccepted', MetricUnit.Count, receipt.replayed ? 1 : receipt.accepted);
    return json(receipt.replayed ? 200 : 202, receipt);
  },
  checkFirst(),
  // One batch per department and batch id; the same id with other records is refused.
  makeHandlerIdempotent({
    persistenceStore: idempotencyStore(),
    keyPrefix: 'submission-intake',
    config: idempotencyConfig('[requestContext.identity.userArn, powertools_json(body).batchId]', 'powertools_json(body)'),
  }),
);
