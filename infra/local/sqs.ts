import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { chunk } from '../../shared/adapters/partial-retry';

export interface LocalQueue {
  name: string;
  attributes?: Record<string, string>;
  /** Name of the queue that receives this queue's messages after maxReceiveCount receives. */
  deadLetterQueue?: string;
  maxReceiveCount?: number;
}

interface SavedMessage {
  queue: string;
  body: string;
  attributes?: Record<string, { DataType: string; StringValue?: string }>;
}

/**
 * A local SQS: fauxqs serving the real SQS JSON protocol on 127.0.0.1. fauxqs keeps messages in
 * memory only, so on stop the messages still queued are written to a snapshot file and sent
 * again on the next start: a department's unread work survives a restart.
 */
export class LocalSqs {
  private app: ReturnType<typeof buildApp> | undefined;
  endpoint = '';
  port = 0;
  readonly queueUrls = new Map<string, string>();
  private client: SQSClient | undefined;

  constructor(
    private readonly region: string,
    private readonly snapshotFile?: string,
  ) {}

  async start(queues: readonly LocalQueue[], port = 0): Promise<void> {
    this.app = buildApp({ logger: false, defaultRegion: this.region });
    await this.app.listen({ port, host: '127.0.0.1' });
    this.port = (this.app.server.address() as AddressInfo).port;
    this.endpoint = `http://127.0.0.1:${this.port}`;
    this.client = new SQSClient({
      region: this.region,
      endpoint: this.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Dead-letter queues first: a redrive policy names its DLQ by ARN.
    const ordered = [...queues].sort((a, b) => Number(Boolean(a.deadLetterQueue)) - Number(Boolean(b.deadLetterQueue)));
    for (const q of ordered) {
      const attributes: Record<string, string> = { ...q.attributes };
      if (q.deadLetterQueue) {
        const dlqUrl = this.queueUrls.get(q.deadLetterQueue);
        if (!dlqUrl) throw new Error(`dead-letter queue ${q.deadLetterQueue} is not declared before ${q.name}`);
        const { Attributes } = await this.client.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
        attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: String(q.maxReceiveCount ?? 5) });
      }
      const { QueueUrl } = await this.client.send(new CreateQueueCommand({ QueueName: q.name, Attributes: attributes }));
      this.queueUrls.set(q.name, QueueUrl!);
    }
    await this.restore();
  }

  async stop(): Promise<void> {
    if (!this.app) return;
    await this.snapshot();
    await this.app.close();
    this.client?.destroy();
    this.app = undefined;
  }

  /** Messages currently in a queue (ready, delayed and in flight), without receiving them. */
  async peek(queue: string): Promise<{ Body: string; MessageAttributes?: SavedMessage['attributes'] }[]> {
    const res = await fetch(`${this.endpoint}/_fauxqs/queues/${encodeURIComponent(queue)}`);
    if (!res.ok) return [];
    const state = (await res.json()) as {
      messages: { ready: Msg[]; delayed: Msg[]; inflight: { message: Msg }[] };
    };
    return [...state.messages.ready, ...state.messages.delayed, ...state.messages.inflight.map((i) => i.message)].map((m) => ({
      Body: m.body,
      MessageAttributes: m.messageAttributes,
    }));
  }

  private async snapshot(): Promise<void> {
    if (!this.snapshotFile) return;
    const saved: SavedMessage[] = [];
    for (const queue of this.queueUrls.keys()) {
      for (const m of await this.peek(queue)) saved.push({ queue, body: m.Body, attributes: m.MessageAttributes });
    }
    // Written aside then renamed, so a crash mid-write never leaves half a snapshot.
    await writeFile(`${this.snapshotFile}.tmp`, JSON.stringify(saved), { mode: 0o600 });
    await rename(`${this.snapshotFile}.tmp`, this.snapshotFile);
  }

  private async restore(): Promise<void> {
    if (!this.snapshotFile || !existsSync(this.snapshotFile)) return;
    const saved = JSON.parse(await readFile(this.snapshotFile, 'utf8')) as SavedMessage[];
    const byQueue = new Map<string, SavedMessage[]>();
    for (const m of saved) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
    for (const [queue, messages] of byQueue) {
      const url = this.queueUrls.get(queue);
      if (!url) continue; // a queue no longer declared
      for (const batch of chunk(messages, 10)) {
        const out = await this.client!.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: batch.map((m, i) => ({
              Id: `r${i}`,
              MessageBody: m.body,
              ...(m.attributes && Object.keys(m.attributes).length ? { MessageAttributes: m.attributes } : {}),
            })),
          }),
        );
        if (out.Failed?.length) throw new Error(`could not restore ${out.Failed.length} message(s) to ${queue}`);
      }
    }
  }
}

interface Msg {
  body: string;
  messageAttributes?: SavedMessage['attributes'];
}
