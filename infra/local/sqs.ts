import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Journal } from './journal';
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

/** A line of the journal: a message sent, a message deleted, a queue purged. */
type JournalEntry =
  | { op: 'sent'; queue: string; id: string; body: string; attributes?: SavedMessage['attributes'] }
  | { op: 'deleted'; queue: string; id: string }
  | { op: 'purged'; queue: string };

/**
 * A local SQS: fauxqs serving the real SQS JSON protocol, behind a front on 127.0.0.1 that every
 * client talks to. fauxqs keeps messages in memory only, so the front writes each message sent
 * and each message deleted to a journal, flushed to disk before the sender hears "sent": after a
 * crash (kill -9) at any moment, the next start sends every message not yet deleted again, as SQS
 * would still hold it. fauxqs's own inspection routes are not served by the front.
 */
export class LocalSqs {
  private app: ReturnType<typeof buildApp> | undefined;
  private front: Server | undefined;
  private inner = { port: 0 };
  endpoint = '';
  port = 0;
  readonly queueUrls = new Map<string, string>();
  private client: SQSClient | undefined;
  private readonly journal: Journal<JournalEntry> | undefined;
  /** Receipt handles given out since start, to the message each stands for. */
  private readonly handles = new Map<string, { queue: string; id: string }>();

  constructor(
    private readonly region: string,
    journalFile?: string,
  ) {
    this.journal = journalFile ? new Journal<JournalEntry>(journalFile) : undefined;
  }

  async start(queues: readonly LocalQueue[], port = 0): Promise<void> {
    this.app = buildApp({ logger: false, defaultRegion: this.region });
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    this.inner.port = (this.app.server.address() as AddressInfo).port;
    this.front = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('local SQS front failed', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InternalError', message: 'internal error' }));
      });
    });
    await new Promise<void>((resolve) => this.front!.listen(port, '127.0.0.1', resolve));
    this.port = (this.front.address() as AddressInfo).port;
    this.endpoint = `http://127.0.0.1:${this.port}`;
    // Through the front, so queue URLs name the front's port (fauxqs finds a queue by its URL).
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
    // A clean stop knows exactly what is queued (messages fauxqs moved to a DLQ included).
    if (this.journal) await this.compact();
    this.journal?.close();
    await new Promise<void>((resolve) => (this.front ? this.front.close(() => resolve()) : resolve()));
    await this.app.close();
    this.client?.destroy();
    this.app = undefined;
  }

  /** Messages currently in a queue (ready, delayed and in flight), without receiving them. */
  async peek(queue: string): Promise<{ Body: string; MessageAttributes?: SavedMessage['attributes'] }[]> {
    const res = await fetch(`http://127.0.0.1:${this.inner.port}/_fauxqs/queues/${encodeURIComponent(queue)}`);
    if (!res.ok) return [];
    const state = (await res.json()) as {
      messages: { ready: Msg[]; delayed: Msg[]; inflight: { message: Msg }[] };
    };
    return [...state.messages.ready, ...state.messages.delayed, ...state.messages.inflight.map((i) => i.message)].map((m) => ({
      Body: m.body,
      MessageAttributes: m.messageAttributes,
    }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.url ?? '').startsWith('/_fauxqs')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ message: 'not found' }));
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const answer = await forward(this.inner.port, req, body);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (this.journal && target.startsWith('AmazonSQS.') && answer.status === 200) {
      // Written and flushed before the caller hears the answer.
      this.record(target.slice('AmazonSQS.'.length), JSON.parse(body.toString('utf8') || '{}'), JSON.parse(answer.body.toString('utf8') || '{}'));
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  private record(op: string, request: Record<string, any>, response: Record<string, any>): void {
    const queue = queueNameOf(String(request.QueueUrl ?? ''));
    const sent = (id: string, m: Record<string, any>): JournalEntry => ({ op: 'sent', queue, id, body: String(m.MessageBody), ...(m.MessageAttributes ? { attributes: m.MessageAttributes } : {}) });
    const entries: JournalEntry[] = [];
    if (op === 'SendMessage') entries.push(sent(String(response.MessageId), request));
    if (op === 'SendMessageBatch') {
      const byId = new Map<string, Record<string, any>>((request.Entries ?? []).map((e: Record<string, any>) => [String(e.Id), e]));
      for (const ok of response.Successful ?? []) entries.push(sent(String(ok.MessageId), byId.get(String(ok.Id)) ?? {}));
    }
    if (op === 'ReceiveMessage') for (const m of response.Messages ?? []) this.handles.set(String(m.ReceiptHandle), { queue, id: String(m.MessageId) });
    const deleted = (handle: unknown) => {
      const m = this.handles.get(String(handle));
      if (m) entries.push({ op: 'deleted', queue: m.queue, id: m.id });
      this.handles.delete(String(handle));
    };
    if (op === 'DeleteMessage') deleted(request.ReceiptHandle);
    if (op === 'DeleteMessageBatch') {
      const byId = new Map<string, unknown>((request.Entries ?? []).map((e: Record<string, any>) => [String(e.Id), e.ReceiptHandle]));
      for (const ok of response.Successful ?? []) deleted(byId.get(String(ok.Id)));
    }
    if (op === 'PurgeQueue') entries.push({ op: 'purged', queue });
    this.journal!.append(entries);
  }

  /** What the journal says is still queued, queue by queue, in the order it was sent. */
  private live(): SavedMessage[] {
    const messages = new Map<string, SavedMessage & { key: string }>();
    for (const e of this.journal!.read()) {
      if (e.op === 'sent') messages.set(`${e.queue}|${e.id}`, { key: `${e.queue}|${e.id}`, queue: e.queue, body: e.body, ...(e.attributes ? { attributes: e.attributes } : {}) });
      else if (e.op === 'deleted') messages.delete(`${e.queue}|${e.id}`);
      else for (const [k, m] of messages) if (m.queue === e.queue) messages.delete(k);
    }
    return [...messages.values()].map(({ key: _, ...m }) => m);
  }

  /** Sends again what was queued when the last run ended (cleanly or not), and starts a fresh journal of it. */
  private async restore(): Promise<void> {
    if (!this.journal) return;
    const saved = this.live();
    const byQueue = new Map<string, SavedMessage[]>();
    for (const m of saved) byQueue.set(m.queue, [...(byQueue.get(m.queue) ?? []), m]);
    const fresh: JournalEntry[] = [];
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
        for (const ok of out.Successful ?? []) {
          const m = batch[Number(ok.Id!.slice(1))]!;
          fresh.push({ op: 'sent', queue, id: ok.MessageId!, body: m.body, ...(m.attributes ? { attributes: m.attributes } : {}) });
        }
      }
    }
    // What restoring appended is replaced by the same messages under their new ids.
    this.journal.rewrite(fresh);
  }

  /** After a clean stop: the journal holds exactly what fauxqs holds. */
  private async compact(): Promise<void> {
    const now: JournalEntry[] = [];
    for (const queue of this.queueUrls.keys()) {
      (await this.peek(queue)).forEach((m, i) => now.push({ op: 'sent', queue, id: `stopped-${i}`, body: m.Body, ...(m.MessageAttributes && Object.keys(m.MessageAttributes).length ? { attributes: m.MessageAttributes } : {}) }));
    }
    this.journal!.rewrite(now);
  }
}

const queueNameOf = (url: string) => url.split('/').filter(Boolean).at(-1) ?? '';

function forward(port: number, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') headers[k] = v;
        resolve({ status: answer.statusCode ?? 500, headers, body: Buffer.concat(chunks) });
      });
      answer.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

interface Msg {
  body: string;
  messageAttributes?: SavedMessage['attributes'];
}
