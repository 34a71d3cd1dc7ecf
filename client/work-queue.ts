import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { workItemV1, type WorkItemV1 } from '../events/work-item.v1';
import { CredentialsError, PlatformError, PlatformUnreachableError } from './errors';

/**
 * A department's own work queue (转办推送), read as SQS wants it read: long polling (20 s, ten
 * messages a call), each message deleted only once it has been handled, and every other message
 * left alone until its visibility timeout brings it back, to be handled then. A message is never
 * made visible again at once (ChangeMessageVisibility 0): each receive counts, and a message
 * released and received again and again reaches the queue's maxReceiveCount and is moved to the
 * dead-letter queue though nobody failed to handle it.
 */
export const LONG_POLL_SECONDS = 20;
export const MESSAGES_PER_RECEIVE = 10;

export interface WorkMessage {
  item: WorkItemV1;
  messageId: string;
  receiptHandle: string;
  /** How many times SQS has handed this message out, this time included. */
  receiveCount: number;
}

/** A message that is not a work item this client can read: left on the queue, where after its receives it reaches the DLQ and its alarm. */
export interface UnreadableMessage {
  messageId: string;
  receiveCount: number;
  problem: string;
}

export interface ReceiveOptions {
  waitTimeSeconds?: number;
  maxMessages?: number;
  signal?: AbortSignal;
}

export interface DeleteResult {
  deleted: string[];
  failed: { messageId: string; code: string; message: string }[];
}

/**
 * What a handler says of a work item: resolve to have it deleted, return 'leave' to leave it on
 * the queue (it comes back after its visibility timeout), or throw (left too, and reported).
 */
export type WorkHandler = (item: WorkItemV1, message: WorkMessage) => unknown;

export interface FollowOptions extends ReceiveOptions {
  /** Stop at the first receive that finds the queue empty (drain what is there, for scripts and tests). */
  once?: boolean;
  onUnreadable?: (message: UnreadableMessage) => void;
  onError?: (error: unknown, message: WorkMessage) => void;
  onDeleteFailed?: (failed: DeleteResult['failed']) => void;
}

export interface FollowSummary {
  handled: number;
  /** Copies of a warning already handled in this run (work items say: de-duplicate on warningId); deleted, not handled again. */
  duplicates: number;
  left: number;
  failed: number;
  unreadable: number;
}

export class WorkQueue {
  constructor(
    private readonly sqs: SQSClient,
    readonly queueUrl: string,
  ) {}

  async receive(options: ReceiveOptions = {}): Promise<{ items: WorkMessage[]; unreadable: UnreadableMessage[] }> {
    const { Messages = [] } = await this.call(() =>
      this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          WaitTimeSeconds: options.waitTimeSeconds ?? LONG_POLL_SECONDS,
          MaxNumberOfMessages: options.maxMessages ?? MESSAGES_PER_RECEIVE,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        options.signal ? { abortSignal: options.signal } : {},
      ),
    );
    const items: WorkMessage[] = [];
    const unreadable: UnreadableMessage[] = [];
    for (const m of Messages) {
      const messageId = m.MessageId ?? '';
      const receiveCount = Number(m.Attributes?.ApproximateReceiveCount ?? 1);
      const item = readWorkItem(m.Body);
      if (item.ok && m.ReceiptHandle) items.push({ item: item.value, messageId, receiptHandle: m.ReceiptHandle, receiveCount });
      else unreadable.push({ messageId, receiveCount, problem: item.ok ? 'no receipt handle' : item.problem });
    }
    return { items, unreadable };
  }

  /** Deletes handled messages, ten a call; entries SQS did not delete are returned, not thrown. */
  async delete(messages: readonly Pick<WorkMessage, 'messageId' | 'receiptHandle'>[]): Promise<DeleteResult> {
    const result: DeleteResult = { deleted: [], failed: [] };
    for (let first = 0; first < messages.length; first += MESSAGES_PER_RECEIVE) {
      const chunk = messages.slice(first, first + MESSAGES_PER_RECEIVE);
      const { Successful = [], Failed = [] } = await this.call(() =>
        this.sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: chunk.map((m, i) => ({ Id: String(i), ReceiptHandle: m.receiptHandle })) }),
        ),
      );
      for (const s of Successful) result.deleted.push(chunk[Number(s.Id)]!.messageId);
      for (const f of Failed) result.failed.push({ messageId: chunk[Number(f.Id)]?.messageId ?? '', code: f.Code ?? 'Unknown', message: f.Message ?? '' });
    }
    return result;
  }

  /** An SQS call whose failure comes out as the client's own errors (the SDK has already retried what it retries). */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const e = error as Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; Code?: string; code?: string };
      if (e.name === 'AbortError') throw error;
      if (e.name === 'CredentialsProviderError')
        throw new CredentialsError(`没有可用的凭证，无法读取工作队列 / no credentials to read the work queue with: ${e.message}`, { cause: error });
      const status = e.$metadata?.httpStatusCode;
      if (status) {
        const code = e.Code ?? e.name;
        throw new PlatformError(
          status,
          code,
          `工作队列 ${this.queueUrl} 拒绝了请求（${code}）/ the work queue ${this.queueUrl} refused the request (${code}): ${e.message}`,
          [],
          e.$metadata?.requestId,
        );
      }
      throw new PlatformUnreachableError(
        `无法连接工作队列 ${this.queueUrl}（${e.code ?? e.name}）/ cannot reach the work queue ${this.queueUrl} (${e.code ?? e.name})`,
        this.queueUrl,
        { cause: error },
      );
    }
  }

  /**
   * Receives and hands each work item to `handle`, deleting (in one DeleteMessageBatch per
   * receive) those it handled; runs until `signal` aborts or, with `once`, until the queue is
   * found empty.
   */
  async follow(handle: WorkHandler, options: FollowOptions = {}): Promise<FollowSummary> {
    const summary: FollowSummary = { handled: 0, duplicates: 0, left: 0, failed: 0, unreadable: 0 };
    const seen = new Set<string>();
    while (!options.signal?.aborted) {
      let received: Awaited<ReturnType<WorkQueue['receive']>>;
      try {
        received = await this.receive(options);
      } catch (error) {
        if (options.signal?.aborted) break;
        throw error;
      }
      for (const u of received.unreadable) {
        summary.unreadable += 1;
        options.onUnreadable?.(u);
      }
      const done: WorkMessage[] = [];
      for (const message of received.items) {
        if (seen.has(message.item.warning.warningId)) {
          summary.duplicates += 1;
          done.push(message);
          continue;
        }
        try {
          if ((await handle(message.item, message)) === 'leave') summary.left += 1;
          else {
            summary.handled += 1;
            seen.add(message.item.warning.warningId);
            done.push(message);
          }
        } catch (error) {
          summary.failed += 1;
          options.onError?.(error, message);
        }
      }
      if (done.length) {
        const { failed } = await this.delete(done);
        if (failed.length) options.onDeleteFailed?.(failed);
      }
      if (options.once && received.items.length + received.unreadable.length === 0) break;
    }
    return summary;
  }
}

function readWorkItem(body: string | undefined): { ok: true; value: WorkItemV1 } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
  const parsed = workItemV1.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ') };
}
