import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { assistanceEndedV1 } from '../../events/assistance-changed.v1';
import { recordsAcceptedV1, recordsOf } from '../../events/records-accepted.v1';
import { eventHandler } from '../../shared/events-handler';
import { logger, metrics } from '../../shared/observability';
import * as bus from '../../shared/wiring/events';
import * as policy from '../../shared/wiring/policy';
import * as runtime from '../../shared/wiring/runtime';
import { idempotencyStore } from '../../shared/wiring/idempotency';
import * as table from '../../shared/wiring/table';
import { DynamoPaymentFiles } from '../../shared/adapters/dynamodb/payment-files';
import { evaluateExit, evaluateRecords } from './use-case';

/**
 * RecordsAccepted.v1 (rule records-to-warning-evaluation) and HouseholdsRolled.v1 (rolled-households-
 * to-warning-evaluation): a group of records → warnings by indicator. AssistanceEnded.v1 for better
 * finances → indicator 16 (rule exits-to-warning-evaluation). Idempotent on the group id, or on
 * the warning and programme of the exit.
 */
export const handler = eventHandler(
  'warning-evaluation',
  z.union([recordsAcceptedV1, assistanceEndedV1]),
  { key: '[groupId, warningId, programme]', store: idempotencyStore },
  async (detail) => {
    const ports = {
      register: table.register(),
      warnings: table.warnings(),
      facts: table.facts(),
      progress: table.submissions(),
      payments: new DynamoPaymentFiles(table.table()),
      events: bus.events(),
      policy: await policy.policy(),
      now: runtime.now,
    };
    const result = 'groupId' in detail ? await evaluateRecords(recordsOf(detail), detail.groupId, ports) : await evaluateExit(detail, ports);
    const about = 'groupId' in detail ? { groupId: detail.groupId, recordType: detail.recordType } : { exitOf: detail.householdId };
    logger.info('evaluated', {
      ...about,
      records: result.records,
      matchedSubjects: result.matchedSubjects,
      raised: result.raised.length,
      alreadyRaised: result.alreadyRaised.length,
      absorbed: result.absorbed,
    });
    metrics.addMetric('RecordsEvaluated', MetricUnit.Count, result.records);
    if (result.raised.length) metrics.addMetric('WarningsRaised', MetricUnit.Count, result.raised.length);
    // Kept as the idempotency record's answer: counts, not lists, whatever the size of the group.
    return {
      records: result.records,
      matchedSubjects: result.matchedSubjects,
      raised: result.raised.length,
      alreadyRaised: result.alreadyRaised.length,
      absorbed: result.absorbed,
    };
  },
);
