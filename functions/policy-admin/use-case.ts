import { cityDay } from '../../shared/domain/city-time';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { whatIfRequested } from '../../events/what-if-requested.v1';
import { DISTRICT_CODES, type DistrictCode } from '../../shared/domain/districts';
import type { WarningRecipient } from '../../shared/domain/departments';
import type { PolicyBook, PolicyParameter } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange, type PolicyChangeEntry, type PolicyChangeRequest, type WhatIfRequest } from '../../shared/domain/policy/policy-change';
import {
  isFinished,
  jobAnswer,
  needsRunner,
  newWhatIfJob,
  WHAT_IF_JOB_ID,
  WHAT_IF_JOB_RULES,
  whatIfJobId,
  type WhatIfJob,
} from '../../shared/domain/policy/what-if-job';
import { conflict, fieldProblems, invalidInput, notFound } from '../../shared/domain/errors';
import type { AuditNote } from '../../shared/domain/supervision/audit';
import { routeById } from '../../shared/platform/api';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { PolicyStore } from '../../shared/ports/policy-store';
import type { WhatIfJobStore } from '../../shared/ports/what-if-jobs';
import { loadPolicyBook } from '../../shared/application/policy-book';

/**
 * Policy administration (参数管理): read the parameters in force, change them without a redeploy
 * (every change audited: who, when, why, old and new values), read the trail, and measure a
 * proposal on the current database before making it (what-if).
 */
export interface PolicyPorts {
  store: PolicyStore;
  /** The rows shipped with the code (city-parameters.ts), under the administrators' rows. */
  shipped: readonly PolicyParameter[];
  now: () => Date;
}

export interface Caller {
  /** The department, which the API has checked may call the route. */
  department: WarningRecipient;
  /** The verified principal (role ARN with session name), as the audit trail names it. */
  principal: string;
}

const currentBook = (ports: PolicyPorts): Promise<PolicyBook> => loadPolicyBook(ports.store, ports.shipped);

const query = z.strictObject({ on: z.iso.date().optional(), district: z.enum(DISTRICT_CODES).optional() });

/** The parameters in force on a day (default today) for a district (default city-wide), and the version. */
export async function readParameters(params: Record<string, string | undefined> | null, ports: PolicyPorts) {
  const parsed = query.safeParse(Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, '(query)');
    throw invalidInput('InvalidQuery', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
  const on = parsed.data.on ?? cityDay(ports.now());
  const book = await currentBook(ports);
  return { version: book.version, on, district: parsed.data.district ?? '*', parameters: book.inForce(on, parsed.data.district as DistrictCode | undefined) };
}

/** Applies a change against the version the administrator saw, with its audit entry, at once. */
export async function changeParameters(request: PolicyChangeRequest, caller: Caller, ports: PolicyPorts): Promise<PolicyChangeEntry> {
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const book = await currentBook(ports);
  if (request.expectedVersion === book.version - 1) {
    // The same administrator's same request sent again (its answer was lost): the change it made.
    const made = (await ports.store.changes()).find((c) => c.version === book.version);
    if (made && made.requestHash === requestHash && made.changedBy === caller.principal) return made;
  }
  if (request.expectedVersion !== book.version) {
    throw conflict('PolicyVersionMoved', `the policy is at version ${book.version}, not ${request.expectedVersion}; read it again and re-apply your change`);
  }
  const { diffs } = applyPolicyChange(book.rows(), request.parameters);
  const entry: PolicyChangeEntry = {
    version: book.version + 1,
    changedAt: ports.now().toISOString(),
    changedBy: caller.principal,
    department: caller.department,
    reason: request.reason,
    diffs,
    requestHash,
  };
  if (!(await ports.store.commit(request.expectedVersion, entry))) {
    throw conflict('PolicyVersionMoved', 'another change was made at the same moment; read the policy again and re-apply your change');
  }
  return entry;
}

/** The trail of policy changes, oldest first. */
export async function readChanges(ports: PolicyPorts) {
  return { changes: await ports.store.changes() };
}

export interface WhatIfPorts extends PolicyPorts {
  jobs: WhatIfJobStore;
  events: EventPublisher;
  /** How many assessment shards a job reads (the assessment store's). */
  shards: number;
  /** How long POST waits for the job to finish before answering 202 with its id. */
  waitMs: number;
  pollMs?: number;
}

const whatIfLocation = (jobId: string) => routeById('read-what-if').path.replace('{jobId}', jobId);

/** Reads the job until it is finished or `waitMs` has passed (real time, not the domain clock). */
async function settle(jobId: string, ports: WhatIfPorts): Promise<WhatIfJob> {
  const until = Date.now() + ports.waitMs;
  for (;;) {
    const job = await ports.jobs.get(jobId, ports.now());
    if (!job) throw new Error(`what-if job ${jobId} vanished while it was awaited`);
    const left = until - Date.now();
    if (isFinished(job) || left <= 0) return job;
    await sleep(Math.min(ports.pollMs ?? 200, left));
  }
}

/**
 * 测算: measures a proposal over every assessed household as a job, writing nothing but the
 * job. The proposal is checked against the book first (naming the field); the same caller sending
 * the same proposal again gets the same job (idempotent), restarted only if it was never started
 * or its runner fell silent. A run that finishes within `waitMs` is answered at once (`finished`,
 * the report); a longer one with the job's id, progress and location for GET. The audit note
 * names the job.
 */
export async function requestWhatIf(
  request: WhatIfRequest,
  caller: Caller,
  ports: WhatIfPorts,
): Promise<{ finished: boolean; location: string; answer: ReturnType<typeof jobAnswer>; audit: AuditNote }> {
  const current = await currentBook(ports);
  applyPolicyChange(current.rows(), request.parameters);
  const on = request.on ?? cityDay(ports.now());
  const jobId = whatIfJobId(caller.principal, { parameters: request.parameters, on }, current.version);
  const now = ports.now();
  const fresh = newWhatIfJob({
    jobId,
    requestedBy: caller.principal,
    department: caller.department,
    at: now,
    on,
    parameters: request.parameters,
    basedOnVersion: current.version,
    shards: ports.shards,
  });
  const held = await ports.jobs.create(fresh, now);
  const job = held.created ? fresh : held.job;
  if (needsRunner(job, now)) await ports.events.publish([whatIfRequested(jobId, 0, now)]);
  const settled = await settle(jobId, ports);
  if (settled.status === 'failed') throw conflict(settled.failure?.error ?? 'WhatIfFailed', settled.failure?.message ?? '测算失败 / the what-if failed');
  const location = whatIfLocation(jobId);
  return { finished: settled.status === 'done', location, answer: jobAnswer(settled, location), audit: { subjects: [`what-if:${jobId}`] } };
}

/** A what-if job: its progress while it runs, the report once done, or why it failed. */
export async function readWhatIf(jobId: string | undefined, ports: Pick<WhatIfPorts, 'jobs' | 'now'>) {
  if (!jobId || !WHAT_IF_JOB_ID.test(jobId)) {
    const message = '不是测算任务编号（四组各 8 位十六进制数字，以 - 相连） / not a what-if job id (four groups of 8 hex digits joined by -)';
    throw invalidInput('InvalidJobId', `jobId: ${message}`, [{ field: 'jobId', message }]);
  }
  const job = await ports.jobs.get(jobId, ports.now());
  if (!job) {
    throw notFound(
      'WhatIfJobNotFound',
      `没有测算任务 ${jobId}，或它已过期（任务保留 ${WHAT_IF_JOB_RULES.keepHours} 小时） / no what-if job ${jobId}, or it expired (jobs are kept ${WHAT_IF_JOB_RULES.keepHours} hours)`,
    );
  }
  return jobAnswer(job, whatIfLocation(jobId));
}
