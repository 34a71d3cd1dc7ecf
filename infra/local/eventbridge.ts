import { LOCAL_ACCOUNT, localArn } from './arn';
import { randomUUID } from 'node:crypto';
import { Journal } from './journal';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformRule, RuleTarget } from '../../events/rules';
import { matchesEventPattern, validateEventPattern } from './event-pattern';

export interface BusEvent {
  /** Set on events delivered again by a replay, as EventBridge does. */
  'replay-name'?: string;
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export interface LocalEventBridgeOptions {
  busName: string;
  region: string;
  rules: readonly PlatformRule[];
  /** Calls the target function the way an asynchronous Lambda invocation would. */
  invoke: (target: RuleTarget, event: BusEvent) => Promise<unknown>;
  /** Where an event goes after the target failed every attempt (the failure destination). */
  onFailure: (target: RuleTarget, event: BusEvent, error: Error) => Promise<void>;
  /**
   * Append-only archive of every accepted event (JSON lines), flushed to disk before PutEvents
   * answers: for replay, and so that a crash loses no accepted event.
   */
  archiveFile?: string;
  /** Which (event, rule) deliveries are finished; with the archive, what to resume after a crash. */
  deliveriesFile?: string;
  /** Delays between attempts; Lambda retries an async invocation twice. */
  retryDelaysMs?: readonly number[];
}

const MAX_ENTRIES = 10;

/**
 * An entry's size as EventBridge counts it against the 256 KB of a PutEvents call: the UTF-8
 * bytes of Source, DetailType, Detail and each Resource, and 14 for a Time (not the bytes of the
 * escaped request body).
 */
export function entrySize(entry: Record<string, unknown>): number {
  const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources.reduce((n: number, r: unknown) => n + bytes(r), 0) : 0;
  return bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + resources + (entry.Time ? 14 : 0);
}
const MAX_REQUEST_BYTES = 256 * 1024;

/**
 * A local stand-in for an EventBridge custom bus: it speaks PutEvents (AWS JSON 1.1) so the
 * SDK in the handlers talks to it unchanged, and dispatches each event to the targets of the
 * rules in events/rules.ts — the same patterns CDK deploys.
 */
export class LocalEventBridge {
  private server: Server | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  readonly delivered: { rule: string; eventId: string; ok: boolean }[] = [];
  private readonly replays = new Map<
    string,
    { state: 'RUNNING' | 'COMPLETED' | 'FAILED'; replayed: number; reason?: string; startedAt: Date; endedAt?: Date }
  >();

  private readonly archive: Journal<BusEvent> | undefined;
  private readonly deliveries: Journal<{ rule: string; eventId: string }> | undefined;

  constructor(private readonly options: LocalEventBridgeOptions) {
    for (const rule of options.rules) validateEventPattern(rule.eventPattern);
    this.archive = options.archiveFile ? new Journal<BusEvent>(options.archiveFile) : undefined;
    this.deliveries = options.deliveriesFile ? new Journal(options.deliveriesFile) : undefined;
  }

  /**
   * After a crash: delivers again every archived event of the last 24 hours (EventBridge's retry
   * window) to each matching rule whose delivery never finished. Returns how many it resumed.
   */
  resume(now = new Date()): number {
    if (!this.archive || !this.deliveries) return 0;
    const done = new Set(this.deliveries.read().map((d) => `${d.rule}|${d.eventId}`));
    const since = now.getTime() - 24 * 3600 * 1000;
    let resumed = 0;
    for (const event of this.archive.read()) {
      if (event['replay-name'] || Date.parse(event.time) < since) continue;
      for (const rule of this.matching(event)) {
        if (done.has(`${rule.name}|${event.id}`)) continue;
        resumed += 1;
        this.track(this.deliver(rule, event));
      }
    }
    return resumed;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await this.idle();
    this.archive?.close();
    this.deliveries?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Resolves when every dispatched event has reached its targets (or its failure destination). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Puts events as PutEvents would, returning per-entry results. Also used to replay an archive. */
  putEvents(entries: readonly Record<string, unknown>[]): { FailedEntryCount: number; Entries: Record<string, string>[] } {
    const accepted: BusEvent[] = [];
    const results = entries.map((entry): Record<string, string> => {
      const problem = this.entryProblem(entry);
      if (problem) return { ErrorCode: 'InvalidArgument', ErrorMessage: problem };
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': String(entry.DetailType),
        source: String(entry.Source),
        account: LOCAL_ACCOUNT,
        time: typeof entry.Time === 'string' ? entry.Time : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.options.region,
        resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
        detail: JSON.parse(String(entry.Detail)) as Record<string, unknown>,
      };
      accepted.push(event);
      return { EventId: event.id };
    });
    // On disk before the caller hears "accepted" (one flush for the whole call).
    this.archive?.append(accepted);
    for (const event of accepted) this.track(this.dispatch(event));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  private entryProblem(entry: Record<string, unknown>): string | undefined {
    const bus = typeof entry.EventBusName === 'string' ? entry.EventBusName : 'default';
    if (bus !== this.options.busName && !bus.endsWith(`:event-bus/${this.options.busName}`)) return `event bus ${bus} does not exist`;
    if (typeof entry.Source !== 'string' || !entry.Source) return 'Source is required';
    if (typeof entry.DetailType !== 'string' || !entry.DetailType) return 'DetailType is required';
    if (typeof entry.Detail !== 'string') return 'Detail is required';
    try {
      const detail: unknown = JSON.parse(entry.Detail);
      if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return 'Detail must be a JSON object';
    } catch {
      return 'Detail is not valid JSON';
    }
    return undefined;
  }

  /**
   * Replays the archived events whose time is in [from, to) to the rules, as StartReplay does:
   * each keeps its id and gains `replay-name`, and replayed events are not archived again.
   */
  async replay(name: string, from: Date, to: Date): Promise<{ replayed: number }> {
    if (!this.options.archiveFile) throw new Error('this bus has no archive (start the platform with a data folder)');
    if (this.replays.get(name)?.state === 'RUNNING') throw new Error(`replay ${name} is already running`);
    const state = { state: 'RUNNING' as const, replayed: 0, startedAt: new Date() };
    this.replays.set(name, state);
    try {
      const events = this.archive!.read().filter((e) => Date.parse(e.time) >= from.getTime() && Date.parse(e.time) < to.getTime());
      const dispatched = events.map((event) => this.dispatch({ ...event, 'replay-name': name }));
      for (const d of dispatched) this.track(d);
      await Promise.allSettled(dispatched);
      this.replays.set(name, { ...state, state: 'COMPLETED', replayed: events.length, endedAt: new Date() });
      return { replayed: events.length };
    } catch (error) {
      this.replays.set(name, { ...state, state: 'FAILED', reason: (error as Error).message, endedAt: new Date() });
      throw error;
    }
  }

  private matching(event: BusEvent): PlatformRule[] {
    return this.options.rules.filter((rule) => matchesEventPattern(rule.eventPattern, event as unknown as Record<string, unknown>));
  }

  private async dispatch(event: BusEvent): Promise<void> {
    await Promise.all(this.matching(event).map((rule) => this.deliver(rule, event)));
  }

  private async deliver(rule: PlatformRule, event: BusEvent): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [1000, 2000];
    let lastError: Error | undefined;
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0) await sleep(delays[attempt - 1]);
      try {
        await this.options.invoke(rule.target, event);
        this.delivered.push({ rule: rule.name, eventId: event.id, ok: true });
        this.deliveries?.append([{ rule: rule.name, eventId: event.id }], false);
        return;
      } catch (error) {
        lastError = error as Error;
      }
    }
    this.delivered.push({ rule: rule.name, eventId: event.id, ok: false });
    await this.options.onFailure(rule.target, event, lastError!);
    this.deliveries?.append([{ rule: rule.name, eventId: event.id }], false);
  }

  private track(p: Promise<void>) {
    const tracked = p.catch((error: unknown) => console.error('local EventBridge dispatch failed', error)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_REQUEST_BYTES * 4) return reply(413, { __type: 'ValidationException', message: 'request too large' });
      chunks.push(chunk as Buffer);
    }
    const target = req.headers['x-amz-target'];
    let body: { Entries?: Record<string, unknown>[]; ReplayName?: string; EventStartTime?: number; EventEndTime?: number };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return reply(400, { __type: 'SerializationException', message: 'body is not JSON' });
    }
    if (target === 'AWSEvents.StartReplay' || target === 'AWSEvents.DescribeReplay') return this.handleReplay(String(target), body, reply);
    if (target !== 'AWSEvents.PutEvents') {
      return reply(400, {
        __type: 'UnknownOperationException',
        message: `the local bus supports PutEvents, StartReplay and DescribeReplay, not ${String(target)}`,
      });
    }
    const entries = body.Entries ?? [];
    if (entries.length < 1 || entries.length > MAX_ENTRIES) {
      return reply(400, { __type: 'ValidationException', message: `Entries must hold 1 to ${MAX_ENTRIES} entries` });
    }
    const entriesSize = entries.reduce((n, e) => n + entrySize(e), 0);
    if (entriesSize > MAX_REQUEST_BYTES) return reply(400, { __type: 'ValidationException', message: `total entry size ${entriesSize} exceeds 256 KB` });
    reply(200, this.putEvents(entries));
  }

  /** StartReplay and DescribeReplay of the EventBridge API, over the local archive. */
  private handleReplay(
    target: string,
    body: { ReplayName?: string; EventStartTime?: number; EventEndTime?: number },
    reply: (status: number, body: unknown) => void,
  ) {
    const name = body.ReplayName ?? '';
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) return reply(400, { __type: 'ValidationException', message: 'ReplayName is required' });
    const arn = localArn(this.options.region, 'events', `replay/${name}`);
    if (target === 'AWSEvents.DescribeReplay') {
      const r = this.replays.get(name);
      if (!r) return reply(400, { __type: 'ResourceNotFoundException', message: `no replay ${name}` });
      return reply(200, {
        ReplayName: name,
        ReplayArn: arn,
        State: r.state,
        ...(r.reason ? { StateReason: r.reason } : {}),
        ReplayStartTime: r.startedAt.getTime() / 1000,
        ...(r.endedAt ? { ReplayEndTime: r.endedAt.getTime() / 1000 } : {}),
      });
    }
    if (typeof body.EventStartTime !== 'number' || typeof body.EventEndTime !== 'number' || body.EventEndTime <= body.EventStartTime) {
      return reply(400, { __type: 'ValidationException', message: 'EventStartTime and EventEndTime (epoch seconds, start before end) are required' });
    }
    if (this.replays.get(name)) return reply(400, { __type: 'ResourceAlreadyExistsException', message: `replay ${name} already exists` });
    this.track(this.replay(name, new Date(body.EventStartTime * 1000), new Date(body.EventEndTime * 1000)).then(() => undefined));
    return reply(200, { ReplayArn: arn, State: 'STARTING', ReplayStartTime: Date.now() / 1000 });
  }
}
