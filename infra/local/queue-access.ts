import { PLATFORM_RULES, PLATFORM_SCHEDULES } from '../../events/rules';
import type { WarningRecipient } from '../../shared/domain/departments';
import type { FunctionId } from '../../shared/platform/api';
import { FUNCTIONS } from '../../shared/platform/functions';
import { departmentRoleName } from '../../shared/platform/principals';
import { asyncFailureQueueName, deadLetterQueueName, QUEUE_ACTIONS, WORK_QUEUE_RECIPIENTS, workQueueName } from '../../shared/platform/queues';
import { departmentSessionArn, localArn } from './arn';
import type { LocalCredential } from './sigv4';
import type { SqsCaller } from './sqs';

type KeyPair = Omit<LocalCredential, 'principal'>;

export interface QueueCallerKeys {
  region: string;
  prefix: string;
  departments: Record<WarningRecipient, KeyPair>;
  functions: Record<FunctionId, KeyPair>;
  /** The local operator's, for the failure queue and the DLQs. */
  operator: KeyPair;
}

/**
 * Who may do what on the local queues: the grants the CDK stacks make, on the same queues, with
 * the actions of QUEUE_ACTIONS. A department reads its own work queue; a function sends to the
 * work queues if its needs say so, and to the failure queue if it is invoked asynchronously
 * (Lambda's on-failure destination sends with the function's role). The operator, who on AWS is
 * the account's administrator and has no role in these stacks, reads the failure queue and the
 * DLQs, as the alarms on them ask someone to.
 */
export function queueCallers(keys: QueueCallerKeys): Map<string, SqsCaller> {
  const { region, prefix } = keys;
  const workQueues = WORK_QUEUE_RECIPIENTS.map((r) => workQueueName(prefix, r));
  const failureQueue = asyncFailureQueueName(prefix);
  const asyncTargets = new Set<FunctionId>([...PLATFORM_RULES.map((r) => r.target), ...PLATFORM_SCHEDULES.map((s) => s.target)]);
  type Grant = { actions: readonly string[]; queues: readonly string[] };
  const callers = new Map<string, SqsCaller>();
  const add = (key: KeyPair, principal: string, grants: Grant[]) =>
    callers.set(key.accessKeyId, { ...key, principal, may: (action, queue) => grants.some((g) => g.actions.includes(action) && g.queues.includes(queue)) });

  for (const r of WORK_QUEUE_RECIPIENTS) {
    add(keys.departments[r], departmentSessionArn(region, departmentRoleName(prefix, r), keys.departments[r].sourceIdentity), [
      { actions: QUEUE_ACTIONS.read, queues: [workQueueName(prefix, r)] },
    ]);
  }
  for (const { id, needs } of Object.values(FUNCTIONS)) {
    add(keys.functions[id], localArn(region, 'sts', `assumed-role/${prefix}-${id}/local-${id}`), [
      ...(needs.sendToWorkQueues ? [{ actions: QUEUE_ACTIONS.sendToWorkQueues, queues: workQueues }] : []),
      ...(asyncTargets.has(id) ? [{ actions: QUEUE_ACTIONS.onFailureDestination, queues: [failureQueue] }] : []),
    ]);
  }
  add(keys.operator, localArn(region, 'iam', 'user/local-operator'), [
    { actions: QUEUE_ACTIONS.read, queues: [failureQueue, ...WORK_QUEUE_RECIPIENTS.map((r) => deadLetterQueueName(prefix, r))] },
  ]);
  return callers;
}
