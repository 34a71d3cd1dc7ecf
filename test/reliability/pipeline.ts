import { PLATFORM_RULES, type RuleTarget } from '../../events/rules';
import { recordsAcceptedV1, recordsOf } from '../../events/records-accepted.v1';
import { WARNINGS_RAISED_V1, warningsRaisedV1 } from '../../events/warning-raised.v1';
import { matchesEventPattern, type EventPattern } from '../../infra/local/event-pattern';
import { PUBLICATION_LEASE_SECONDS, submitRecords, type SubmissionReceipt } from '../../functions/submission-intake/use-case';
import { DomainError } from '../../shared/domain/errors';
import { bodyFor } from '../unit/through-edge';
import { evaluateRecords } from '../../functions/warning-evaluation/use-case';
import { putOnRollChecked } from '../../functions/register-update/use-case';
import { recordEmergencyAssistance } from '../../shared/application/emergency-assistance';
import { routeWarnings } from '../../functions/department-routing/use-case';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import type { Department } from '../../shared/domain/departments';
import type { PlatformEvent } from '../../shared/ports/event-publisher';
import {
  MemoryAuditTrail,
  MemoryDisclosure,
  MemoryEmergencyCases,
  MemoryFacts,
  MemoryPaymentFiles,
  MemoryPublisher,
  MemoryQueues,
  MemoryRegister,
  MemorySubmissionStore,
  MemoryWarnings,
  MemoryKnownPeople,
  fixedKey,
} from '../fakes';
import { seededRandom } from '../fixtures/random';

/**
 * The platform's asynchronous half in memory: the use cases of submission-intake,
 * register-update, warning-evaluation and department-routing on the in-memory ports, a bus that
 * dispatches by the deployed rules (events/rules.ts), EventBridge's redelivery (the handler is
 * called again with the same event) and the idempotency layer of shared/events-handler.ts (a
 * completed key is not run again; a failed one is). Every port can be wrapped with faults.
 */
export type FaultKind = 'throttle-before' | 'throttle-after' | 'partial';

export interface FaultPlan {
  /** Chance that a port call fails. */
  rate: number;
  seed: number;
  /** Ports (by name) that may fail; all when absent. */
  ports?: readonly string[];
}

export class ThrottlingException extends Error {
  override name = 'ThrottlingException';
}

/** Methods whose first argument is a batch that the real adapter writes in several calls. */
const BATCH_METHODS = new Set(['publish', 'send', 'appendToChains', 'record', 'recordPushes', 'put']);

export class FaultInjector {
  readonly injected = new Map<string, number>();
  private readonly random: () => number;
  constructor(private readonly plan: FaultPlan | undefined) {
    this.random = seededRandom(plan?.seed ?? 1);
  }

  wrap<T extends object>(name: string, port: T): T {
    const plan = this.plan;
    if (!plan || (plan.ports && !plan.ports.includes(name))) return port;
    return new Proxy(port, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        return async (...args: unknown[]) => {
          if (this.random() >= plan.rate) return (value as (...a: unknown[]) => unknown).apply(target, args);
          const roll = this.random();
          const batch = BATCH_METHODS.has(prop) && Array.isArray(args[0]) && args[0].length > 1;
          const kind: FaultKind = batch && roll < 0.35 ? 'partial' : roll < 0.7 ? 'throttle-before' : 'throttle-after';
          const key = `${name}.${prop} ${kind}`;
          this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
          if (kind === 'throttle-before') throw new ThrottlingException(`${name}.${prop}: Rate exceeded`);
          if (kind === 'partial') {
            // The adapter got some entries through before giving up on the rest.
            const items = args[0] as unknown[];
            const through = 1 + Math.floor(this.random() * (items.length - 1));
            await (value as (...a: unknown[]) => unknown).apply(target, [items.slice(0, through), ...args.slice(1)]);
            throw new ThrottlingException(`${name}.${prop}: ${items.length - through} of ${items.length} entries still failing after retries`);
          }
          // The write happened; the answer was lost.
          await (value as (...a: unknown[]) => unknown).apply(target, args);
          throw new ThrottlingException(`${name}.${prop}: connection reset after the write`);
        };
      },
    });
  }
}

interface BusEvent {
  source: string;
  'detail-type': string;
  detail: Record<string, unknown>;
}

export interface PipelineOptions {
  faults?: FaultPlan;
  /** Delivery attempts per event and target (EventBridge retries for 24 hours). */
  maxAttempts?: number;
  now?: string;
}

export class Pipeline {
  readonly submissions = new MemorySubmissionStore();
  readonly register = new MemoryRegister();
  readonly warnings = new MemoryWarnings(this.register);
  readonly facts = new MemoryFacts();
  readonly payments = new MemoryPaymentFiles();
  readonly cases = new MemoryEmergencyCases();
  readonly queues = new MemoryQueues();
  readonly disclosure = new MemoryDisclosure();
  readonly audit = new MemoryAuditTrail();
  readonly bus = new MemoryPublisher();
  readonly faults: FaultInjector;
  /** Every event put on the bus, in order (the archive). */
  readonly archive: BusEvent[] = [];
  /** Completed idempotency keys per function. */
  readonly completed = new Map<string, number>();
  /** Use-case runs that completed, per function and key (more than one would be a double effect). */
  readonly runs = new Map<string, number>();
  /** Completed runs per function and record, through the groups that carried it. */
  readonly recordRuns = new Map<string, number>();
  readonly stats = { deliveries: 0, failedAttempts: 0, skippedByIdempotency: 0, submitAttempts: 0, gaveUp: [] as string[] };
  private delivered = 0;
  private readonly ports;
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(options: PipelineOptions = {}) {
    this.faults = new FaultInjector(options.faults);
    this.maxAttempts = options.maxAttempts ?? 200;
    const at = new Date(options.now ?? '2026-11-21T02:00:00.000Z');
    this.now = () => at;
    const f = this.faults;
    this.ports = {
      submissions: f.wrap('submissions', this.submissions),
      progress: f.wrap('submissions', this.submissions),
      register: f.wrap('register', this.register),
      warnings: f.wrap('warnings', this.warnings),
      facts: f.wrap('facts', this.facts),
      payments: f.wrap('payments', this.payments),
      cases: f.wrap('cases', this.cases),
      disclosure: f.wrap('disclosure', this.disclosure),
      audit: f.wrap('audit', this.audit),
      queues: f.wrap('queues', this.queues),
      events: f.wrap('events', this.bus),
      policy: new PolicyBook(CITY_PARAMETERS),
      personKey: fixedKey,
      knownPeople: new MemoryKnownPeople(this.register, this.facts),
      now: this.now,
    };
  }

  /** A department posts a batch, resending it after any failure, as the API tells it to. */
  async submit(department: Department, batchId: string, records: unknown[]): Promise<SubmissionReceipt> {
    // The batch as the API's edge parses it.
    const batch = bodyFor('submit-records', { batchId, records });
    // A 409 RequestInProgress says another request holds the batch: the department waits the
    // lease out (this attempt's clock moves on; what it writes is the header's time).
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      this.stats.submitAttempts += 1;
      try {
        const at = this.now().getTime() + waitedMs;
        return await submitRecords({ department, batch }, { ...this.ports, now: () => new Date(at) });
      } catch (error) {
        const inProgress = error instanceof DomainError && error.code === 'RequestInProgress';
        if (inProgress) waitedMs += (PUBLICATION_LEASE_SECONDS + 1) * 1000;
        if (!(error instanceof ThrottlingException || inProgress) || attempt >= this.maxAttempts) throw error;
      }
    }
  }

  /** Delivers every event on the bus (and those they cause) until none is left. */
  async drain(): Promise<void> {
    while (this.delivered < this.bus.published.length) {
      const e = this.bus.published[this.delivered++]!;
      const event: BusEvent = { source: e.source, 'detail-type': e.detailType, detail: e.detail as Record<string, unknown> };
      this.archive.push(event);
      await this.dispatch(event);
    }
  }

  /** Puts archived events on the bus again (an EventBridge archive replay) and delivers them. */
  async replay(events: readonly BusEvent[]): Promise<void> {
    for (const e of events) this.bus.published.push({ source: e.source, detailType: e['detail-type'], detail: e.detail });
    await this.drain();
  }

  private async dispatch(event: BusEvent) {
    const targets = PLATFORM_RULES.filter((r) => matchesEventPattern(r.eventPattern as EventPattern, event as unknown as Record<string, unknown>)).map(
      (r) => r.target,
    );
    for (const target of targets) {
      const run = this.runnerFor(target, event);
      if (!run) continue;
      this.stats.deliveries += 1;
      const key = `${target}#${run.key}`;
      for (let attempt = 1; ; attempt += 1) {
        if (this.completed.has(key)) {
          this.stats.skippedByIdempotency += 1;
          break;
        }
        try {
          await run.go();
          this.completed.set(key, attempt);
          this.runs.set(key, (this.runs.get(key) ?? 0) + 1);
          for (const id of run.records ?? []) this.recordRuns.set(`${target}#${id}`, (this.recordRuns.get(`${target}#${id}`) ?? 0) + 1);
          break;
        } catch (error) {
          this.stats.failedAttempts += 1;
          if (!(error instanceof ThrottlingException)) throw error;
          if (attempt >= this.maxAttempts) {
            this.stats.gaveUp.push(key);
            break;
          }
        }
      }
    }
  }

  /** The handler of a target, keyed as shared/events-handler.ts keys its idempotency. */
  private runnerFor(target: RuleTarget, event: BusEvent): { key: string; records?: string[]; go: () => Promise<unknown> } | undefined {
    const p = this.ports;
    if (target === 'warning-evaluation' || target === 'register-update') {
      // RecordsAccepted.v1 (and any event carrying the same detail, e.g. a group of rolls written first).
      const parsed = recordsAcceptedV1.safeParse(event.detail);
      if (!parsed.success) return this.unhandled(target, event);
      const detail = parsed.data;
      const records = recordsOf(detail);
      const ids = records.map((r) => r.recordId);
      if (target === 'warning-evaluation') return { key: detail.groupId, records: ids, go: () => evaluateRecords(records, detail.groupId, p) };
      return {
        key: detail.groupId,
        records: ids,
        go: () => (detail.recordType === 'emergency-assistance' ? recordEmergencyAssistance(records, detail.groupId, p) : putOnRollChecked(detail, records, p)),
      };
    }
    if (target === 'department-routing' && event.source === WARNINGS_RAISED_V1.source && event['detail-type'] === WARNINGS_RAISED_V1.detailType) {
      const detail = warningsRaisedV1.parse(event.detail);
      return { key: detail.groupId, go: () => routeWarnings(detail.warnings, p) };
    }
    return this.unhandled(target, event); // recognition and statistics are not part of this pipeline
  }

  /** Targets this pipeline does not run, counted so the figures show them. */
  readonly unhandledDeliveries = new Map<string, number>();
  private unhandled(target: RuleTarget, event: BusEvent) {
    const key = `${target} ← ${event['detail-type']}`;
    this.unhandledDeliveries.set(key, (this.unhandledDeliveries.get(key) ?? 0) + 1);
    return undefined;
  }
}

export type { BusEvent, PlatformEvent };
