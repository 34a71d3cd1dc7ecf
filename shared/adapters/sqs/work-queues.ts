import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { WarningRecipient } from '../../domain/departments';
import type { WorkItemMessage, WorkQueues } from '../../ports/work-queues';
import { chunk, mapLimit, withPartialRetry } from '../partial-retry';

/** SendMessageBatch to each department's work queue, ten messages a call, failed entries retried. */
export class SqsWorkQueues implements WorkQueues {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrls: Readonly<Record<string, string>>,
  ) {}

  async send(messages: readonly WorkItemMessage[]): Promise<void> {
    const byRecipient = new Map<WarningRecipient, WorkItemMessage[]>();
    for (const m of messages) byRecipient.set(m.recipient, [...(byRecipient.get(m.recipient) ?? []), m]);
    const calls = [...byRecipient].flatMap(([recipient, list]) => {
      const queueUrl = this.queueUrls[recipient];
      if (!queueUrl) throw new Error(`no work queue configured for ${recipient}`);
      return chunk(list, 10).map((batch) => ({ queueUrl, batch }));
    });
    await mapLimit(calls, 4, ({ queueUrl, batch }) => {
      const entries: SendMessageBatchRequestEntry[] = batch.map((m, i) => ({
        Id: `m${i}`,
        MessageBody: JSON.stringify(m.body),
        MessageAttributes: { messageId: { DataType: 'String', StringValue: m.messageId } },
      }));
      return withPartialRetry('SendMessageBatch', entries, async (pending) => {
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [...pending] }));
        const failedIds = new Set((out.Failed ?? []).map((f) => f.Id));
        return {
          failed: pending.filter((e) => failedIds.has(e.Id)),
          reasons: (out.Failed ?? []).map((f) => `${f.Code}${f.SenderFault ? ' (sender fault)' : ''}`),
        };
      });
    });
  }
}
