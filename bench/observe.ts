import { setTimeout as sleep } from 'node:timers/promises';
import { workItemV1 } from '../events/work-item.v1';
import type { LocalPlatform } from '../infra/local/platform';
import type { SentMessage } from '../infra/local/counting-proxy';
import type { WarningRecipient } from '../shared/domain/departments';
import type { ExpectedWarning } from './workload';

/**
 * What the bench reads of the platform from outside: the messages on the recipients' queues (as
 * a department would find them, read without receiving them), the failure queue and the DLQs,
 * and the local bus's failed deliveries.
 */

/** A work item on a recipient's queue, as the department reads it. */
export interface QueuedWarning {
  recipient: WarningRecipient;
  /** The messageId attribute, or `<warningId>:<recipient>` from the body. */
  messageKey: string;
  warningId: string;
  indicator: string;
  householdId: string;
}

const queueName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

export function parseWorkItem(recipient: WarningRecipient, body: string, attributes: Record<string, string | undefined>): QueuedWarning | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const item = workItemV1.safeParse(json);
  if (!item.success) return undefined;
  const { warning } = item.data;
  return {
    recipient,
    messageKey: attributes.messageId ?? `${warning.warningId}:${recipient}`,
    warningId: warning.warningId,
    indicator: warning.indicator.id,
    householdId: warning.householdId,
  };
}

export const expectedKey = (w: Pick<ExpectedWarning, 'recipient' | 'indicator' | 'householdId'>) => `${w.recipient}|${w.indicator}|${w.householdId}`;

/** Every message now on each recipient's work queue, and how many sit in the failure queue and DLQs. */
export interface QueueSnapshot {
  byRecipient: Map<WarningRecipient, QueuedWarning[]>;
  /** Messages that are not work items this bench can read. */
  unreadable: number;
  failureQueue: number;
  deadLetters: number;
  failedBusDeliveries: number;
}

export async function snapshotQueues(platform: LocalPlatform): Promise<QueueSnapshot> {
  const byRecipient = new Map<WarningRecipient, QueuedWarning[]>();
  let unreadable = 0;
  for (const [recipient, url] of Object.entries(platform.queueUrls) as [WarningRecipient, string][]) {
    const items: QueuedWarning[] = [];
    for (const m of await platform.sqs.peek(queueName(url))) {
      const attributes = Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
      const parsed = parseWorkItem(recipient, m.Body, attributes);
      if (parsed) items.push(parsed);
      else unreadable += 1;
    }
    byRecipient.set(recipient, items);
  }
  let deadLetters = 0;
  for (const url of Object.values(platform.deadLetterQueueUrls)) deadLetters += (await platform.sqs.peek(queueName(url))).length;
  const failureQueue = (await platform.sqs.peek(queueName(platform.failureQueueUrl))).length;
  const failedBusDeliveries = platform.eventBridge.delivered.filter((d) => !d.ok).length;
  return { byRecipient, unreadable, failureQueue, deadLetters, failedBusDeliveries };
}

/** Waits until the bus has delivered everything and the queues stop changing. */
export async function settle(platform: LocalPlatform): Promise<QueueSnapshot> {
  let last = '';
  for (;;) {
    await platform.idle();
    const snapshot = await snapshotQueues(platform);
    const shape = JSON.stringify([
      [...snapshot.byRecipient].map(([r, items]) => [r, items.length]),
      snapshot.failureQueue,
      snapshot.deadLetters,
      snapshot.unreadable,
    ]);
    if (shape === last) return snapshot;
    last = shape;
    await sleep(300);
  }
}

export interface CaseOutcome {
  expected: number;
  /** Expected warnings missing from their recipient's queue. */
  lost: ExpectedWarning[];
  /** Extra copies of a message (same messageKey) that arrived during the case. */
  duplicated: number;
  /** New warnings nobody expected (the expectation is stale, or the platform raised more). */
  unexpected: QueuedWarning[];
  /** Deliveries that failed during the case: into the failure queue (or failed on the bus) and into the DLQs. */
  failedDeliveries: number;
  failures: { failureQueue: number; deadLetters: number; failedBusDeliveries: number };
  newMessages: number;
  unreadable: number;
  /** The messages that arrived during the case. */
  fresh: QueuedWarning[];
}

/** Compares the queues after a case with before it and with what the case had to raise. */
export function compare(before: QueueSnapshot, after: QueueSnapshot, expected: readonly ExpectedWarning[]): CaseOutcome {
  const counts = (s: QueueSnapshot) => {
    const m = new Map<string, number>();
    for (const items of s.byRecipient.values())
      for (const w of items) m.set(`${w.recipient}|${w.messageKey}`, (m.get(`${w.recipient}|${w.messageKey}`) ?? 0) + 1);
    return m;
  };
  const was = counts(before);
  const now = counts(after);
  let duplicated = 0;
  for (const [key, n] of now) duplicated += Math.max(0, n - 1) - Math.max(0, (was.get(key) ?? 0) - 1);
  const fresh = [...after.byRecipient.values()].flat().filter((w) => !was.has(`${w.recipient}|${w.messageKey}`));
  const freshKeys = new Set(fresh.map(expectedKey));
  const expectedKeys = new Set(expected.map(expectedKey));
  const unexpected = [...new Map(fresh.filter((w) => !expectedKeys.has(expectedKey(w))).map((w) => [w.messageKey, w])).values()];
  return {
    expected: expected.length,
    lost: expected.filter((e) => !freshKeys.has(expectedKey(e))),
    duplicated,
    unexpected,
    // A bus delivery that failed every attempt also leaves its event in the failure queue: counted once.
    failedDeliveries:
      Math.max(after.failureQueue - before.failureQueue, after.failedBusDeliveries - before.failedBusDeliveries) + (after.deadLetters - before.deadLetters),
    failures: {
      failureQueue: after.failureQueue - before.failureQueue,
      deadLetters: after.deadLetters - before.deadLetters,
      failedBusDeliveries: after.failedBusDeliveries - before.failedBusDeliveries,
    },
    newMessages: [...now.values()].reduce((a, b) => a + b, 0) - [...was.values()].reduce((a, b) => a + b, 0),
    unreadable: after.unreadable - before.unreadable,
    fresh,
  };
}

/** The recipient of each work queue URL, for reading the proxy's ledger of sent messages. */
export function recipientByQueueUrl(platform: LocalPlatform): Map<string, WarningRecipient> {
  return new Map((Object.entries(platform.queueUrls) as [WarningRecipient, string][]).map(([r, url]) => [url, r]));
}

/**
 * When each expected warning first reached its queue, from the proxy's ledger (the time the
 * queue's answer to the send came back). Keys are expectedKey().
 */
export function arrivals(sent: readonly SentMessage[], recipients: Map<string, WarningRecipient>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of sent) {
    const recipient = recipients.get(m.queueUrl);
    if (!recipient) continue;
    const w = parseWorkItem(recipient, m.body, m.attributes);
    if (!w) continue;
    const key = expectedKey(w);
    if (!out.has(key) || out.get(key)! > m.at) out.set(key, m.at);
  }
  return out;
}
