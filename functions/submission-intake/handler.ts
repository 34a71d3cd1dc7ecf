import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { answer, apiHandler } from '../../shared/http/api-handler';
import { officerOfCaller } from '../../shared/platform/principals';
import { submissionReceipt } from '../../shared/platform/answers/submissions';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as runtime from '../../shared/wiring/runtime';
import * as secrets from '../../shared/wiring/secrets';
import * as table from '../../shared/wiring/table';
import * as policy from '../../shared/wiring/policy';
import { submitRecords } from './use-case';

/**
 * POST /departments/{department}/submissions — a department's batch of records. Idempotent on
 * the batch id by the submission's own header (its keyed payload hash and publication lease),
 * not by a cached answer: a resend says `replayed: true`, another body under the id is 409.
 */
export const handler = apiHandler('submission-intake', async ({ caller, body }, event) => {
  const officer = officerOfCaller(event.requestContext?.identity?.userArn);
  const receipt = await submitRecords(
    { department: caller, batch: body, ...(officer ? { officer } : {}) },
    {
      submissions: table.submissions(),
      events: bus.events(),
      personKey: secrets.personKey(),
      knownPeople: table.knownPeople(),
      now: runtime.now,
      policy: await policy.policy(),
    },
  );
  logger.info('submission accepted', { submissionId: receipt.submissionId, records: receipt.accepted, replayed: receipt.replayed });
  metrics.addMetric(receipt.replayed ? 'BatchesReplayed' : 'RecordsAccepted', MetricUnit.Count, receipt.replayed ? 1 : receipt.accepted);
  return answer(receipt.replayed ? 200 : 202, submissionReceipt, receipt);
});
