import { localArn } from './arn';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionId } from '../../shared/platform/api';
import { FUNCTIONS, type FunctionDefinition } from '../../shared/platform/functions';

const WORKER = join(import.meta.dirname, 'lambda-worker.mjs');

/** An invocation that ran past its function's timeout: its environment was stopped, as Lambda stops it. */
export class InvocationTimeoutError extends Error {
  override name = 'Sandbox.Timedout';
}

export interface LocalLambdasOptions {
  region: string;
  /** Each function's bundle (infra/local/bundles.ts). */
  bundles: Record<FunctionId, string>;
  /** Each function's environment, read when an execution environment starts. */
  environment: (id: FunctionId) => Record<string, string>;
  /** Timeouts, memory and concurrency: those of shared/platform/functions.ts unless a test shortens them. */
  definitions?: Partial<Record<FunctionId, Pick<FunctionDefinition, 'timeoutSeconds' | 'memoryMb' | 'concurrency'>>>;
}

interface Environment {
  worker: Worker;
  ready: Promise<void>;
  /** The invocation it runs, if any. */
  running?: { id: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
}

/**
 * Runs the platform's functions the way Lambda does: each invocation in an execution
 * environment of its own function (a worker thread with the function's bundle and only its
 * declared environment), one invocation at a time per environment, at most `concurrency`
 * environments per function (shared/platform/functions.ts, the same number CDK reserves).
 * Invocations past the limit wait their turn, as throttled asynchronous invocations wait in
 * Lambda's queue. An invocation that overruns its timeout has its environment terminated, so it
 * stops where it is; the next invocation gets a fresh one.
 */
export class LocalLambdas {
  private readonly idle = new Map<FunctionId, Environment[]>();
  private readonly count = new Map<FunctionId, number>();
  private readonly waiting = new Map<FunctionId, (() => void)[]>();
  private readonly all = new Set<Environment>();
  private stopped = false;
  /** Cold starts per function and their init times, for the figures. */
  readonly coldStarts: { id: FunctionId; initMs: number }[] = [];
  /** Every invocation: how long it waited for an environment, and how long it ran. */
  readonly invocations: { id: FunctionId; waitedMs: number; ranMs: number; ok: boolean }[] = [];

  constructor(private readonly options: LocalLambdasOptions) {}

  private definition(id: FunctionId) {
    return this.options.definitions?.[id] ?? FUNCTIONS[id];
  }

  async invoke(id: FunctionId, event: unknown): Promise<unknown> {
    const definition = this.definition(id);
    const asked = performance.now();
    const env = await this.acquire(id);
    const started = performance.now();
    let ok = false;
    try {
      await env.ready;
      const result = await new Promise((resolve, reject) => {
        const requestId = randomUUID();
        const timer = setTimeout(() => {
          // Stopped where it is: nothing more of this invocation runs (its retry starts clean).
          this.discard(id, env);
          reject(new InvocationTimeoutError(`${id} timed out after ${definition.timeoutSeconds} s`));
        }, definition.timeoutSeconds * 1000);
        env.running = { id: requestId, resolve, reject, timer };
        env.worker.postMessage({ id: requestId, event, requestId, deadline: Date.now() + definition.timeoutSeconds * 1000 });
      });
      ok = true;
      return result;
    } finally {
      this.invocations.push({ id, waitedMs: started - asked, ranMs: performance.now() - started, ok });
      this.release(id, env);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.all].map((e) => e.worker.terminate()));
    this.all.clear();
    for (const list of this.waiting.values()) for (const wake of list.splice(0)) wake();
  }

  /** An idle environment of the function, a new one while under its limit, or the next one freed. */
  private async acquire(id: FunctionId): Promise<Environment> {
    for (;;) {
      if (this.stopped) throw new Error('the local platform is stopping');
      const free = this.idle.get(id)?.pop();
      if (free) return free;
      if ((this.count.get(id) ?? 0) < this.definition(id).concurrency) return this.start(id);
      await new Promise<void>((wake) => this.waiting.set(id, [...(this.waiting.get(id) ?? []), wake]));
    }
  }

  private release(id: FunctionId, env: Environment) {
    if (this.all.has(env)) this.idle.set(id, [...(this.idle.get(id) ?? []), env]);
    this.waiting.get(id)?.shift()?.();
  }

  private discard(id: FunctionId, env: Environment) {
    if (!this.all.delete(env)) return;
    this.count.set(id, (this.count.get(id) ?? 1) - 1);
    void env.worker.terminate();
    this.waiting.get(id)?.shift()?.(); // room for a fresh environment
  }

  private start(id: FunctionId): Environment {
    const definition = this.definition(id);
    this.count.set(id, (this.count.get(id) ?? 0) + 1);
    const worker = new Worker(WORKER, {
      env: this.options.environment(id),
      workerData: {
        bundle: this.options.bundles[id],
        functionName: `local-${id}`,
        memoryLimitInMB: String(definition.memoryMb),
        invokedFunctionArn: localArn(this.options.region, 'lambda', `function:local-${id}`),
      },
      // Lambda's memory setting, as the heap limit of the environment.
      resourceLimits: { maxOldGenerationSizeMb: definition.memoryMb },
    });
    let onReady: () => void = () => undefined;
    let onFail: (e: Error) => void = () => undefined;
    const env: Environment = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        onReady = resolve;
        onFail = reject;
      }),
    };
    env.ready.catch(() => undefined);
    this.all.add(env);
    worker.on(
      'message',
      (
        m:
          | { type: 'ready'; initMs: number }
          | { type: 'result'; id: string; ok: boolean; result?: unknown; error?: { name: string; message: string; stack?: string } },
      ) => {
        if (m.type === 'ready') {
          this.coldStarts.push({ id, initMs: m.initMs });
          onReady();
          return;
        }
        const running = env.running;
        if (!running || running.id !== m.id) return;
        clearTimeout(running.timer);
        env.running = undefined;
        if (m.ok) running.resolve(m.result);
        else running.reject(Object.assign(new Error(m.error!.message), { name: m.error!.name, stack: m.error!.stack }));
      },
    );
    const lost = (error: Error) => {
      onFail(error);
      if (env.running) {
        clearTimeout(env.running.timer);
        env.running.reject(error);
        env.running = undefined;
      }
      this.discard(id, env);
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => {
      if (this.all.has(env)) lost(new Error(`${id}'s execution environment exited (code ${code})`));
    });
    return env;
  }
}
