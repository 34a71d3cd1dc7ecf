import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localArn } from './arn';
import { Journal } from './journal';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { chunk } from '../../shared/adapters/partial-retry';
import { verifySigV4, type LocalCredential } from './sigv4';

export interface LocalQueue {
  name: string;
  attributes?: Record<string, string>;
  /** Name of the queue that receives this queue's messages after maxReceiveCount receives. */
  deadLetterQueue?: string;
  maxReceiveCount?: number;
}

/**
 * A key the local SQS accepts: `principal` is the ARN an AccessDenied names, and `may` says
 * whether it may do an IAM action (`sqs:SendMessage`…) on the queue of that name ('*' when the
 * request names no queue, as ListQueues).
 */
export interface SqsCaller extends LocalCredential {
  may(action: string, queue: string): boolean;
}

export interface LocalSqsOptions {
  region: string;
  /** Sends and deletes are journaled here and restored on start; without it, memory only. */
  journalFile?: string;
  /** Every key that may call, by access key id; any other key is refused as SQS refuses it. */
  callers: ReadonlyMap<string, SqsCaller>;
}

interface SavedMessage {
  queue: string;
  body: string;
  attributes?: Record<string, { DataType: string; StringValue?: string }>;
}

/** A line of the journal: a message sent, a message deleted, a queue purged. */
/** The fields of an SQS JSON-protocol request or answer that the journal reads. */
interface SqsFields {
  Id?: string;
  MessageId?: string;
  MessageBody?: string;
  MessageAttributes?: SavedMessage['attributes'];
  ReceiptHandle?: string;
  QueueUrl?: string;
  Entries?: SqsFields[];
  Successful?: SqsFields[];
  Messages?: SqsFields[];
}

type JournalEntry =
  | { op: 'sent'; queue: string; id: string; body: string; attributes?: SavedMessage['attributes'] }
  | { op: 'deleted'; queue: string; id: string }
  | { op: 'purged'; queue: string };

/**
 * A local SQS: fauxqs serving the real SQS JSON protocol, behind a front on 127.0.0.1 that every
 * client talks to. The front verifies each request's SigV4 signature (service `sqs`) and allows
 * only what the caller's grants allow on the queue its QueueUrl names, as IAM would; fauxqs
 * itself listens on no port (the front hands it requests in process), so neither its SQS API
 * nor its inspection routes can be reached around the front.
 *
 * fauxqs keeps messages in memory only, so the front writes each message sent and each message
 * deleted to a journal, flushed to disk before the sender hears "sent": after a crash (kill -9)
 * at any moment, the next start sends every message not yet deleted again, as SQS would still
 * hold it.
 */
export class LocalSqs {
  private app: ReturnType<typeof buildApp> | undefined;
  private front: Server | undefined;
  endpoint = '';
  port = 0;
  readonly queueUrls = new Map<string, string>();
  private client: SQSClient | undefined;
  private readonly journal: Journal<JournalEntry> | undefined;
  /** Receipt handles given out since start, to the message each stands for. */
  private readonly handles = new Map<string, { queue: string; id: string }>();

  private readonly region: string;
  /** The platform's own key (queues, restores): made here, used here, never handed out. */
  private readonly admin: SqsCaller;
  private readonly callers: ReadonlyMap<string, SqsCaller>;

  constructor(options: LocalSqsOptions) {
    this.region = options.region;
    this.journal = options.journalFile ? new Journal<JournalEntry>(options.journalFile) : undefined;
    this.admin = {
      accessKeyId: `LOCALSQS${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64url'),
      principal: 'platform',
      may: () => true,
    };
    this.callers = new Map([...options.callers, [this.admin.accessKeyId, this.admin]]);
  }

  async start(queues: readonly LocalQueue[], port = 0): Promise<void> {
    this.app = buildApp({ logger: false, defaultRegion: this.region });
    await this.app.ready();
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
      credentials: { accessKeyId: this.admin.accessKeyId, secretAccessKey: this.admin.secretAccessKey },
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
    const res = await this.app!.inject({ method: 'GET', url: `/_fauxqs/queues/${encodeURIComponent(queue)}` });
    if (res.statusCode !== 200) return [];
    const state = res.json() as {
      messages: { ready: Msg[]; delayed: Msg[]; inflight: { message: Msg }[] };
    };
    return [...state.messages.ready, ...state.messages.delayed, ...state.messages.inflight.map((i) => i.message)].map((m) => ({
      Body: m.body,
      MessageAttributes: m.messageAttributes,
    }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://local');
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) query[k] = [...(query[k] ?? []), v];

    // Who is asking, before anything else: an unsigned request learns nothing, not even the routes.
    const verdict = await verifySigV4(
      { method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body: body.toString('utf8') },
      (accessKeyId) => this.callers.get(accessKeyId),
      { region: this.region, service: 'sqs' },
    );
    if (!verdict.ok) {
      const refusal = SIGNATURE_REFUSALS[verdict.code] ?? { status: 403, code: 'SignatureDoesNotMatch' };
      return refuse(res, refusal.status, refusal.code, verdict.message);
    }
    const caller = this.callers.get(verdict.credential.accessKeyId)!;

    const target = String(req.headers['x-amz-target'] ?? '');
    const json = String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.0');
    if (req.method !== 'POST' || url.pathname !== '/' || !json || !target.startsWith('AmazonSQS.')) {
      return refuse(res, 400, 'InvalidAction', 'The local SQS serves the SQS JSON protocol only: POST / with X-Amz-Target: AmazonSQS.<action>.');
    }
    const op = target.slice('AmazonSQS.'.length);
    const request = parseObject(body.toString('utf8') || '{}');
    if (!request) return refuse(res, 400, 'InvalidParameterValue', 'The request body is not a JSON object.');
    const action = `sqs:${SINGLE_ACTION_OF[op] ?? op}`;
    const queue = typeof request.QueueUrl === 'string' ? queueNameOf(request.QueueUrl) : typeof request.QueueName === 'string' ? request.QueueName : '*';
    if (!caller.may(action, queue)) {
      // IAM's wording; the action in lower case, as SQS reports it.
      const resource = queue === '*' ? '*' : localArn(this.region, 'sqs', queue);
      return refuse(
        res,
        403,
        'AccessDenied',
        `User: ${caller.principal} is not authorized to perform: ${action.toLowerCase()} on resource: ${resource} because no identity-based policy allows the ${action.toLowerCase()} action`,
      );
    }

    const answer = await this.app!.inject({ method: 'POST', url: '/', headers: endToEnd(req.headers), payload: body });
    if (this.journal && answer.statusCode === 200) {
      // Written and flushed before the caller hears the answer.
      this.record(op, request, JSON.parse(answer.body || '{}'));
    }
    res.writeHead(answer.statusCode, endToEnd(answer.headers));
    res.end(answer.rawPayload);
  }

  private record(op: string, request: SqsFields, response: SqsFields): void {
    const queue = queueNameOf(String(request.QueueUrl ?? ''));
    const sent = (id: string, m: SqsFields): JournalEntry => ({
      op: 'sent',
      queue,
      id,
      body: String(m.MessageBody),
      ...(m.MessageAttributes ? { attributes: m.MessageAttributes } : {}),
    });
    const entries: JournalEntry[] = [];
    if (op === 'SendMessage') entries.push(sent(String(response.MessageId), request));
    if (op === 'SendMessageBatch') {
      const byId = new Map((request.Entries ?? []).map((e) => [String(e.Id), e]));
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
      const byId = new Map((request.Entries ?? []).map((e) => [String(e.Id), e.ReceiptHandle]));
      for (const ok of response.Successful ?? []) deleted(byId.get(String(ok.Id)));
    }
    if (op === 'PurgeQueue') entries.push({ op: 'purged', queue });
    this.journal!.append(entries);
  }

  /** What the journal says is still queued, queue by queue, in the order it was sent. */
  private live(): SavedMessage[] {
    const messages = new Map<string, SavedMessage & { key: string }>();
    for (const e of this.journal!.read()) {
      if (e.op === 'sent')
        messages.set(`${e.queue}|${e.id}`, { key: `${e.queue}|${e.id}`, queue: e.queue, body: e.body, ...(e.attributes ? { attributes: e.attributes } : {}) });
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
      for (const [i, m] of (await this.peek(queue)).entries()) {
        now.push({
          op: 'sent',
          queue,
          id: `stopped-${i}`,
          body: m.Body,
          ...(m.MessageAttributes && Object.keys(m.MessageAttributes).length ? { attributes: m.MessageAttributes } : {}),
        });
      }
    }
    this.journal!.rewrite(now);
  }
}

const queueNameOf = (url: string) => url.split('/').filter(Boolean).at(-1) ?? '';

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** API Gateway's verdict codes (infra/local/sigv4.ts) as SQS names them. */
const SIGNATURE_REFUSALS: Record<string, { status: number; code: string }> = {
  MissingAuthenticationTokenException: { status: 403, code: 'MissingAuthenticationToken' },
  IncompleteSignatureException: { status: 400, code: 'IncompleteSignature' },
  UnrecognizedClientException: { status: 403, code: 'InvalidClientTokenId' },
  InvalidSignatureException: { status: 403, code: 'SignatureDoesNotMatch' },
};

/** IAM authorizes a batch action by its single one. */
const SINGLE_ACTION_OF: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/** An error as SQS's JSON protocol sends it; the SDK reads the code from x-amzn-query-error. */
function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${code};Sender`, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }));
}

/** Headers without the connection-level ones, which belong to each hop. */
function endToEnd(headers: Record<string, string | string[] | number | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP.has(k)) out[k] = typeof v === 'number' ? String(v) : v;
  return out;
}
const HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

interface Msg {
  body: string;
  messageAttributes?: SavedMessage['attributes'];
}
