import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import type { LocalService } from './platform';

/**
 * A counting HTTP forwarder in front of the local AWS stand-ins (DynamoDB Local, the local SQS,
 * the local EventBridge), for `npm run bench`. Requests and answers pass through unchanged (body,
 * Host, signature and every other end-to-end header; only connection-level headers are the
 * proxy's own); on the way it counts calls per service and operation and the
 * work in each request (items written and read, messages sent, events put), and keeps a ledger
 * of the messages and events that went through with the time their answer came back.
 *
 * It runs in its own worker thread, so counting never competes with the functions for the event
 * loop they run on.
 */

export interface OperationCount {
  calls: number;
  /** Answers other than 2xx, and requests the upstream could not be reached for. */
  errors: number;
}

/** Calls to one service, in all and per operation. */
export interface ServiceCalls {
  calls: number;
  errors: number;
  operations: Record<string, OperationCount>;
}

export interface DynamoDbCounts extends ServiceCalls {
  /** Items put, updated or deleted (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems). */
  itemsWritten: number;
  /** Their sizes as sent (an update: its key and new values), in bytes. */
  bytesWritten: number;
  itemsWrittenByTable: Record<string, number>;
  /** Of itemsWritten, those written inside TransactWriteItems (billed double). */
  transactionalItemsWritten: number;
  /** ConditionCheck entries of TransactWriteItems (billed as transactional writes). */
  conditionChecks: number;
  /** Keys asked for by GetItem, BatchGetItem and TransactGetItems, plus one per Query or Scan. */
  keysRead: number;
  /** Items that came back from reads. */
  itemsReturned: number;
  /** BatchWriteItem/BatchGetItem entries handed back unprocessed (to be sent again). */
  unprocessed: number;
  /** On-demand write request units: 1 KB steps of each item as sent (an update counts its key and new values), ×2 in a transaction. */
  writeRequestUnits: number;
  /** On-demand read request units: 4 KB steps of what came back, ½ for eventually consistent reads, ×2 in a transaction. */
  readRequestUnits: number;
}

export interface SqsCounts extends ServiceCalls {
  /** Messages the queue accepted (SendMessage, and the successful entries of SendMessageBatch). */
  messagesSent: number;
  messagesByQueue: Record<string, number>;
  /** Batch entries the queue refused. */
  failedEntries: number;
  /** Requests as billed: each 64 KB chunk of a request's payload counts as one. */
  billedRequests: number;
}

export interface EventsCounts extends ServiceCalls {
  /** PutEvents entries the bus accepted. */
  entries: number;
  entriesByDetailType: Record<string, number>;
  failedEntries: number;
  /** Custom events as billed: each 64 KB chunk of an entry counts as one. */
  billedEvents: number;
}

export interface ProxyCounts {
  dynamodb: DynamoDbCounts;
  sqs: SqsCounts;
  events: EventsCounts;
}

/** A message a queue accepted, with the time its answer reached the proxy (epoch ms). */
export interface SentMessage {
  at: number;
  queueUrl: string;
  body: string;
  attributes: Record<string, string>;
}

/** An event the bus accepted. */
export interface PublishedEvent {
  at: number;
  source: string;
  detailType: string;
  detail: string;
}

/** One forwarded call, start and end in epoch ms. */
export interface CallRecord {
  service: LocalService;
  operation: string;
  start: number;
  end: number;
}

export interface ProxyLedger {
  sent: SentMessage[];
  published: PublishedEvent[];
  calls: CallRecord[];
}

/** Where each ledger stood: pass it back to `ledgerSince` for only what came after. */
export interface LedgerMark {
  sent: number;
  published: number;
  calls: number;
}

const nowMs = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// Counting (pure functions of the request and the answer)
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type AttributeValue = Record<string, unknown>;

const utf8 = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s) : 0);

/** DynamoDB's item size rules, approximately: names plus values (numbers ~1 byte per 2 digits). */
function attributeValueSize(v: AttributeValue): number {
  if ('S' in v) return utf8(v.S);
  if ('N' in v) return Math.ceil(String(v.N).replace(/^-/, '').length / 2) + 1;
  if ('B' in v) return Math.floor((String(v.B).length * 3) / 4);
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('SS' in v) return (v.SS as string[]).reduce((n, s) => n + utf8(s), 0);
  if ('NS' in v) return (v.NS as string[]).reduce((n, s) => n + Math.ceil(s.length / 2) + 1, 0);
  if ('BS' in v) return (v.BS as string[]).reduce((n, s) => n + Math.floor((s.length * 3) / 4), 0);
  if ('L' in v) return 3 + (v.L as AttributeValue[]).reduce((n, e) => n + 1 + attributeValueSize(e), 0);
  if ('M' in v) return 3 + itemSize(v.M as Record<string, AttributeValue>) + Object.keys(v.M as object).length;
  return 0;
}

export function itemSize(item: Record<string, AttributeValue> | undefined): number {
  if (!item) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + attributeValueSize(value);
  return size;
}

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const readUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 4096));

/** What an update writes, as far as the request shows: the key and the new values. */
function updateSize(u: Json): number {
  const values = (u.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  const legacy = (u.AttributeUpdates ?? {}) as Record<string, { Value?: AttributeValue }>;
  let size = itemSize(u.Key as Record<string, AttributeValue>);
  for (const v of Object.values(values)) size += attributeValueSize(v);
  for (const [name, a] of Object.entries(legacy)) size += utf8(name) + (a.Value ? attributeValueSize(a.Value) : 0);
  return size;
}

function emptyDynamoDb(): DynamoDbCounts {
  return {
    calls: 0,
    errors: 0,
    operations: {},
    itemsWritten: 0,
    bytesWritten: 0,
    itemsWrittenByTable: {},
    transactionalItemsWritten: 0,
    conditionChecks: 0,
    keysRead: 0,
    itemsReturned: 0,
    unprocessed: 0,
    writeRequestUnits: 0,
    readRequestUnits: 0,
  };
}

export function emptyCounts(): ProxyCounts {
  return {
    dynamodb: emptyDynamoDb(),
    sqs: { calls: 0, errors: 0, operations: {}, messagesSent: 0, messagesByQueue: {}, failedEntries: 0, billedRequests: 0 },
    events: { calls: 0, errors: 0, operations: {}, entries: 0, entriesByDetailType: {}, failedEntries: 0, billedEvents: 0 },
  };
}

const add = (map: Record<string, number>, key: string, n: number) => {
  map[key] = (map[key] ?? 0) + n;
};

function countDynamoDb(c: DynamoDbCounts, op: string, req: Json, res: Json | undefined, ok: boolean) {
  if (!ok) return; // a refused request wrote and read nothing
  const wrote = (table: string, bytes: number, transactional = false) => {
    c.itemsWritten += 1;
    c.bytesWritten += bytes;
    add(c.itemsWrittenByTable, table, 1);
    if (transactional) c.transactionalItemsWritten += 1;
    c.writeRequestUnits += writeUnits(bytes) * (transactional ? 2 : 1);
  };
  const consistent = (r: Json) => (r.ConsistentRead === true ? 1 : 0.5);
  const table = String(req.TableName ?? '');
  switch (op) {
    case 'PutItem':
      return wrote(table, itemSize(req.Item as Record<string, AttributeValue>));
    case 'UpdateItem':
      return wrote(table, updateSize(req));
    case 'DeleteItem':
      return wrote(table, itemSize(req.Key as Record<string, AttributeValue>));
    case 'BatchWriteItem': {
      const unprocessed = (res?.UnprocessedItems ?? {}) as Record<string, unknown[]>;
      for (const [t, requests] of Object.entries((req.RequestItems ?? {}) as Record<string, Json[]>)) {
        const left = unprocessed[t]?.length ?? 0;
        c.unprocessed += left;
        // Which entries were left is not told apart here: the first ones count as written.
        for (const r of requests.slice(0, requests.length - left)) {
          const put = r.PutRequest as { Item?: Record<string, AttributeValue> } | undefined;
          const del = r.DeleteRequest as { Key?: Record<string, AttributeValue> } | undefined;
          wrote(t, put ? itemSize(put.Item) : itemSize(del?.Key));
        }
      }
      return;
    }
    case 'TransactWriteItems':
      for (const entry of (req.TransactItems ?? []) as Json[]) {
        if (entry.Put) wrote(String((entry.Put as Json).TableName), itemSize((entry.Put as Json).Item as Record<string, AttributeValue>), true);
        else if (entry.Update) wrote(String((entry.Update as Json).TableName), updateSize(entry.Update as Json), true);
        else if (entry.Delete) wrote(String((entry.Delete as Json).TableName), itemSize((entry.Delete as Json).Key as Record<string, AttributeValue>), true);
        else if (entry.ConditionCheck) {
          c.conditionChecks += 1;
          c.writeRequestUnits += 2 * writeUnits(itemSize((entry.ConditionCheck as Json).Key as Record<string, AttributeValue>));
        }
      }
      return;
    case 'GetItem': {
      c.keysRead += 1;
      const item = res?.Item as Record<string, AttributeValue> | undefined;
      if (item) c.itemsReturned += 1;
      c.readRequestUnits += readUnits(itemSize(item)) * consistent(req);
      return;
    }
    case 'BatchGetItem': {
      const responses = (res?.Responses ?? {}) as Record<string, Record<string, AttributeValue>[]>;
      const unprocessed = (res?.UnprocessedKeys ?? {}) as Record<string, { Keys?: unknown[] }>;
      for (const [t, spec] of Object.entries((req.RequestItems ?? {}) as Record<string, Json>)) {
        const keys = ((spec.Keys ?? []) as unknown[]).length;
        const left = unprocessed[t]?.Keys?.length ?? 0;
        const found = responses[t] ?? [];
        c.keysRead += keys - left;
        c.unprocessed += left;
        c.itemsReturned += found.length;
        const units = found.reduce((n, item) => n + readUnits(itemSize(item)), 0) + Math.max(0, keys - left - found.length);
        c.readRequestUnits += units * consistent(spec);
      }
      return;
    }
    case 'TransactGetItems': {
      const found = ((res?.Responses ?? []) as { Item?: Record<string, AttributeValue> }[]).map((r) => r.Item);
      c.keysRead += ((req.TransactItems ?? []) as unknown[]).length;
      c.itemsReturned += found.filter(Boolean).length;
      c.readRequestUnits += 2 * found.reduce((n, item) => n + readUnits(itemSize(item)), 0);
      return;
    }
    case 'Query':
    case 'Scan': {
      const items = (res?.Items ?? []) as Record<string, AttributeValue>[];
      c.keysRead += 1;
      c.itemsReturned += items.length;
      c.readRequestUnits += readUnits(items.reduce((n, item) => n + itemSize(item), 0)) * consistent(req);
      return;
    }
    default:
      return; // table management and the like: counted as calls only
  }
}

/** The query protocol's numbered members, e.g. SendMessageBatchRequestEntry.3.MessageBody. */
function formEntries(form: URLSearchParams, prefix: string): Map<string, Record<string, string>> {
  const entries = new Map<string, Record<string, string>>();
  for (const [k, v] of form) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.(.+)$`).exec(k);
    if (!m) continue;
    const e = entries.get(m[1]!) ?? {};
    e[m[2]!] = v;
    entries.set(m[1]!, e);
  }
  return entries;
}

function stringAttributes(attributes: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, a] of Object.entries((attributes ?? {}) as Record<string, { StringValue?: string }>)) {
    if (typeof a?.StringValue === 'string') out[name] = a.StringValue;
  }
  return out;
}

const attributesBytes = (attributes: unknown) =>
  Object.entries((attributes ?? {}) as Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string }>).reduce(
    (n, [name, a]) => n + utf8(name) + utf8(a?.DataType) + utf8(a?.StringValue) + utf8(a?.BinaryValue),
    0,
  );

function countSqs(c: SqsCounts, op: string, req: Json, res: Json | undefined, ok: boolean, at: number, sent: SentMessage[]) {
  if (!ok) return;
  const queueUrl = String(req.QueueUrl ?? '');
  const accept = (entries: { body: string; attributes: unknown }[]) => {
    for (const e of entries) {
      c.messagesSent += 1;
      add(c.messagesByQueue, queueUrl, 1);
      sent.push({ at, queueUrl, body: e.body, attributes: stringAttributes(e.attributes) });
    }
  };
  if (op === 'SendMessage') {
    c.billedRequests += Math.max(1, Math.ceil((utf8(req.MessageBody) + attributesBytes(req.MessageAttributes)) / 65_536));
    accept([{ body: String(req.MessageBody ?? ''), attributes: req.MessageAttributes }]);
    return;
  }
  if (op === 'SendMessageBatch') {
    const entries = (req.Entries ?? []) as Json[];
    const failed = new Set(((res?.Failed ?? []) as { Id?: string }[]).map((f) => f.Id));
    c.failedEntries += failed.size;
    const bytes = entries.reduce((n, e) => n + utf8(e.MessageBody) + attributesBytes(e.MessageAttributes), 0);
    c.billedRequests += Math.max(1, Math.ceil(bytes / 65_536));
    accept(entries.filter((e) => !failed.has(e.Id as string)).map((e) => ({ body: String(e.MessageBody ?? ''), attributes: e.MessageAttributes })));
    return;
  }
  c.billedRequests += 1;
}

function countEvents(c: EventsCounts, op: string, req: Json, res: Json | undefined, ok: boolean, at: number, published: PublishedEvent[]) {
  if (!ok || op !== 'PutEvents') return;
  const results = (res?.Entries ?? []) as { ErrorCode?: string }[];
  ((req.Entries ?? []) as Json[]).forEach((e, i) => {
    if (results[i]?.ErrorCode) {
      c.failedEntries += 1;
      return;
    }
    const detailType = String(e.DetailType ?? '');
    c.entries += 1;
    add(c.entriesByDetailType, detailType, 1);
    const bytes = utf8(e.Source) + utf8(e.DetailType) + utf8(e.Detail) + ((e.Resources ?? []) as string[]).reduce((n, r) => n + utf8(r), 0) + (e.Time ? 14 : 0);
    c.billedEvents += Math.max(1, Math.ceil(bytes / 65_536));
    published.push({ at, source: String(e.Source ?? ''), detailType, detail: String(e.Detail ?? '') });
  });
}

// ---------------------------------------------------------------------------------------------
// Forwarding (runs in the worker)
// ---------------------------------------------------------------------------------------------

/** Connection-level headers: never forwarded (RFC 9110 §7.6.1), and never part of a SigV4 signature. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

function parseJson(raw: Buffer, encoding: string | undefined): Json | undefined {
  try {
    const text = (encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    return text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** The operation of an AWS JSON request (X-Amz-Target) or a query-protocol one (Action). */
function operationOf(headers: IncomingMessage['headers'], body: Buffer): { operation: string; request: Json } {
  const target = headers['x-amz-target'];
  if (typeof target === 'string')
    return { operation: target.slice(target.lastIndexOf('.') + 1), request: parseJson(body, headers['content-encoding'] as string | undefined) ?? {} };
  const contentType = String(headers['content-type'] ?? '');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body.toString('utf8'));
    const operation = form.get('Action') ?? 'unknown';
    const entries = formEntries(form, 'SendMessageBatchRequestEntry');
    const request: Json = {
      QueueUrl: form.get('QueueUrl') ?? '',
      MessageBody: form.get('MessageBody') ?? undefined,
      Entries: [...entries.values()].map((e) => ({ Id: e.Id, MessageBody: e.MessageBody })),
    };
    return { operation, request };
  }
  return { operation: 'unknown', request: {} };
}

export class CountingProxyServer {
  private readonly servers = new Map<string, Server>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 30_000 });
  private counts = emptyCounts();
  private ledger: ProxyLedger = { sent: [], published: [], calls: [] };

  /** Starts a forwarder for `service` in front of `upstream`; resolves with its endpoint. */
  async route(service: LocalService, upstream: string): Promise<string> {
    const target = new URL(upstream);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`the counting proxy forwards to this machine only, not ${upstream}`);
    const server = createServer((req, res) => this.forward(service, target, req, res));
    // Longer than the SDK keeps an idle socket, so the proxy never closes one under a request.
    server.keepAliveTimeout = 70_000;
    server.headersTimeout = 75_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.servers.set(`${service} ${upstream}`, server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  snapshot(): ProxyCounts {
    return structuredClone(this.counts);
  }

  mark(): LedgerMark {
    return { sent: this.ledger.sent.length, published: this.ledger.published.length, calls: this.ledger.calls.length };
  }

  ledgerSince(mark: LedgerMark): ProxyLedger {
    return { sent: this.ledger.sent.slice(mark.sent), published: this.ledger.published.slice(mark.published), calls: this.ledger.calls.slice(mark.calls) };
  }

  reset(): void {
    this.counts = emptyCounts();
    this.ledger = { sent: [], published: [], calls: [] };
  }

  async stop(): Promise<void> {
    for (const server of this.servers.values()) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    this.servers.clear();
    this.agent.destroy();
  }

  private forward(service: LocalService, target: URL, req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const start = nowMs();
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: this.agent }, (answer) => {
        const raw: string[] = [];
        for (let i = 0; i < answer.rawHeaders.length; i += 2) {
          if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) raw.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
        }
        res.writeHead(answer.statusCode ?? 502, raw);
        const out: Buffer[] = [];
        answer.on('data', (c: Buffer) => {
          out.push(c);
          res.write(c);
        });
        answer.on('end', () => {
          res.end();
          const status = answer.statusCode ?? 502;
          this.account(service, req.headers, body, Buffer.concat(out), answer.headers['content-encoding'], status >= 200 && status < 300, start);
        });
        answer.on('error', () => res.destroy());
      });
      upstream.on('error', (error) => {
        this.account(service, req.headers, body, Buffer.alloc(0), undefined, false, start);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'CountingProxyUpstreamError', message: error.message }));
      });
      upstream.end(body);
    });
  }

  private account(
    service: LocalService,
    headers: IncomingMessage['headers'],
    body: Buffer,
    answer: Buffer,
    encoding: string | string[] | undefined,
    ok: boolean,
    start: number,
  ) {
    const end = nowMs();
    const { operation, request: req } = operationOf(headers, body);
    const res = ok ? parseJson(answer, typeof encoding === 'string' ? encoding : undefined) : undefined;
    const counts = this.counts[service];
    counts.operations[operation] ??= { calls: 0, errors: 0 };
    const op = counts.operations[operation];
    counts.calls += 1;
    op.calls += 1;
    if (!ok) {
      counts.errors += 1;
      op.errors += 1;
    }
    this.ledger.calls.push({ service, operation, start, end });
    if (service === 'dynamodb') countDynamoDb(this.counts.dynamodb, operation, req, res, ok);
    else if (service === 'sqs') countSqs(this.counts.sqs, operation, req, res, ok, end, this.ledger.sent);
    else countEvents(this.counts.events, operation, req, res, ok, end, this.ledger.published);
  }
}

// ---------------------------------------------------------------------------------------------
// The handle the bench holds (main thread)
// ---------------------------------------------------------------------------------------------

export type ProxyRequest =
  | { id: number; kind: 'route'; service: LocalService; upstream: string }
  | { id: number; kind: 'snapshot' }
  | { id: number; kind: 'mark' }
  | { id: number; kind: 'ledgerSince'; mark: LedgerMark }
  | { id: number; kind: 'reset' }
  | { id: number; kind: 'stop' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export type ProxyReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The proxy in its worker thread, driven by messages. */
export class CountingProxy {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ProxyReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if (reply.ok) w.resolve(reply.value);
      else w.reject(new Error(reply.error));
    });
    worker.on('error', (error) => {
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    });
  }

  static async start(): Promise<CountingProxy> {
    // A worker does not inherit the TypeScript loader of `node --import tsx`: it registers it first.
    const entry = new URL('./counting-proxy-worker.ts', import.meta.url).href;
    const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(new Error(`the counting proxy did not start: ${error.message}`));
      worker.once('message', () => {
        worker.off('error', failed);
        resolve();
      });
      worker.once('error', failed);
      worker.once('exit', (code) => failed(new Error(`its worker exited with code ${code}`)));
    });
    worker.removeAllListeners('exit');
    return new CountingProxy(worker);
  }

  private ask<T>(message: WithoutId<ProxyRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** For LocalPlatformOptions.functionEndpoint: a forwarder in front of `upstream`. */
  route = (service: LocalService, upstream: string): Promise<string> => this.ask({ kind: 'route', service, upstream });
  counts = (): Promise<ProxyCounts> => this.ask({ kind: 'snapshot' });
  mark = (): Promise<LedgerMark> => this.ask({ kind: 'mark' });
  ledgerSince = (mark: LedgerMark): Promise<ProxyLedger> => this.ask({ kind: 'ledgerSince', mark });
  /** Zeroes the counters and empties the ledger (between the bench's cases). */
  reset = (): Promise<void> => this.ask({ kind: 'reset' });

  async stop(): Promise<void> {
    await this.ask({ kind: 'stop' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
