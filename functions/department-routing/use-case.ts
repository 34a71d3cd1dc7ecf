import { WORK_ITEM_V1, workItemV1, type WorkItemV1 } from '../../events/work-item.v1';
import type { WarningRaisedV1 } from '../../events/warning-raised.v1';
import type { ChainEntry } from '../../shared/domain/assistance-chain';
import { routeById } from '../../shared/platform/api';
import type { WarningPush } from '../../shared/domain/warning';
import type { WarningStore } from '../../shared/ports/warning-store';
import type { WorkItemMessage, WorkQueues } from '../../shared/ports/work-queues';

export interface RoutingPorts {
  warnings: WarningStore;
  queues: WorkQueues;
  now: () => Date;
}

const answerRoute = routeById('answer-warning');

/**
 * 转办推送: pushes a group of warnings to the work queue of each department concerned: one
 * batch read of which pushes were made already, the messages sent ten a call to each queue
 * across all the warnings, then one batch write of the pushes and their chain entries. The send
 * comes before the record of it, so a crash in between re-sends (consumers de-duplicate on the
 * message id) rather than losing the push.
 */
export async function routeWarnings(warnings: readonly WarningRaisedV1[], ports: RoutingPorts): Promise<{ pushed: number; already: number }> {
  const pairs = [...new Map(warnings.flatMap((w) => w.recipients.map((recipient) => [`${w.warningId}|${recipient}`, { w, recipient }] as const))).values()];
  const done = await ports.warnings.pushedAlready(pairs.map(({ w, recipient }) => ({ warningId: w.warningId, recipient })));
  const pending = pairs.filter(({ w, recipient }) => !done.has(`${w.warningId}|${recipient}`));
  if (!pending.length) return { pushed: 0, already: pairs.length };

  const pushedAt = ports.now().toISOString();
  const messages: WorkItemMessage[] = pending.map(({ w, recipient }) => {
    const { recipients: _all, ...warning } = w;
    return {
      recipient,
      messageId: `${w.warningId}:${recipient}`,
      body: workItemV1.parse({
        messageType: WORK_ITEM_V1,
        recipient,
        warning,
        answer: { method: 'POST', path: answerRoute.path.replace('{department}', recipient).replace('{warningId}', w.warningId) },
        pushedAt,
      } satisfies WorkItemV1),
    };
  });
  await ports.queues.send(messages);
  const pushes: WarningPush[] = pending.map(({ w, recipient }) => ({
    warningId: w.warningId,
    householdId: w.householdId,
    raisedAt: w.raisedAt,
    recipient,
    pushedAt,
  }));
  const entries: ChainEntry[] = pending.map(({ w, recipient }) => ({
    householdId: w.householdId,
    at: pushedAt,
    entryId: `${w.warningId}:pushed:${recipient}`,
    kind: 'warning-pushed',
    actor: 'department-routing',
    summary: `warning ${w.warningId} pushed to the ${recipient} work queue`,
    refs: { warningId: w.warningId, recipient },
  }));
  await ports.warnings.recordPushes(pushes, entries);
  return { pushed: pending.length, already: pairs.length - pending.length };
}
