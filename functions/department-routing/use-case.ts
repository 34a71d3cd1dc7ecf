import { WORK_ITEM_V1, workItemV1, type WorkItemV1 } from '../../events/work-item.v1';
import type { WarningRaisedV1 } from '../../events/warning-raised.v1';
import { routeById } from '../../shared/platform/api';
import type { WarningStore } from '../../shared/ports/warning-store';
import type { WorkItemMessage, WorkQueues } from '../../shared/ports/work-queues';

export interface RoutingPorts {
  warnings: WarningStore;
  queues: WorkQueues;
  now: () => Date;
}

const answerRoute = routeById('answer-warning');

/**
 * 转办推送: pushes a raised warning to the work queue of each department concerned. The send
 * comes before the record of it, so a crash in between re-sends (consumers de-duplicate on the
 * warning id) rather than losing the push.
 */
export async function routeWarning(event: WarningRaisedV1, ports: RoutingPorts): Promise<{ pushedTo: string[] }> {
  const stored = await ports.warnings.get(event.warningId);
  const already = new Set(stored?.pushedTo ?? []);
  const pending = event.recipients.filter((r) => !already.has(r));
  if (pending.length === 0) return { pushedTo: [] };

  const pushedAt = ports.now().toISOString();
  const { recipients: _all, ...warning } = event;
  const messages: WorkItemMessage[] = pending.map((recipient) => ({
    recipient,
    messageId: `${event.warningId}:${recipient}`,
    body: workItemV1.parse({
      messageType: WORK_ITEM_V1,
      recipient,
      warning,
      answer: {
        method: 'POST',
        path: answerRoute.path.replace('{department}', recipient).replace('{warningId}', event.warningId),
      },
      pushedAt,
    } satisfies WorkItemV1),
  }));
  await ports.queues.send(messages);
  await ports.warnings.markPushed(
    event.warningId,
    pending,
    pending.map((recipient) => ({
      householdId: event.householdId,
      at: pushedAt,
      entryId: `${event.warningId}:pushed:${recipient}`,
      kind: 'warning-pushed' as const,
      actor: 'department-routing',
      summary: `warning ${event.warningId} pushed to the ${recipient} work queue`,
      refs: { warningId: event.warningId, recipient },
    })),
  );
  return { pushedTo: pending };
}
