import { createHash } from 'node:crypto';
import { RECOGNITION_PARAMETERS } from '../recognition/classify';
import type { PolicyParameter } from './policy-book';
import {
  emptyTally,
  mergeTallies,
  notEstimated,
  reportOf,
  tallyOf,
  type AssessedHousehold,
  type WhatIfMeasure,
  type WhatIfReport,
  type WhatIfTally,
} from './what-if';

/**
 * A what-if run as a job (测算任务): the proposal, the policy version it is measured against,
 * and where the run stands — the partial tally and, per assessment shard, the last household
 * read. Each step reads a page from some shards, adds it to the tally and is written as the next
 * checkpoint, so a run that is retried, times out or runs out of time resumes at its last step,
 * and a second runner of the same job loses the race for the next step instead of counting twice.
 */
export const WHAT_IF_JOB_RULES = {
  /** A job (proposal, progress, report) is kept this long, then DynamoDB's TTL removes it. */
  keepHours: 72,
  /** Without a checkpoint for this long a job has lost its runner: asking again restarts it from its checkpoint. */
  staleAfterSeconds: 600,
} as const;

export type WhatIfJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ShardPosition {
  done: boolean;
  /** The last household read in this shard; the next page starts after it. */
  after?: string;
}

export interface WhatIfJob {
  jobId: string;
  /** Who asked: the verified principal (role ARN with the officer's session name) and its department. */
  requestedBy: string;
  department: string;
  requestedAt: string;
  updatedAt: string;
  /** The day both books are read on. */
  on: string;
  /** The proposal: rows put over the policy book of `basedOnVersion`. */
  parameters: PolicyParameter[];
  basedOnVersion: number;
  status: WhatIfJobStatus;
  /** Checkpoints written so far; each is written only over the one before it. */
  step: number;
  shards: ShardPosition[];
  tally: WhatIfTally;
  failure?: { error: string; message: string };
  /** Epoch seconds after which the job is gone (the table's TTL attribute). */
  expiresAt: number;
}

export interface WhatIfProgress {
  households: number;
  shardsDone: number;
  shards: number;
}

/**
 * Job ids are the first half of a SHA-256 in four groups of eight hex digits: no run of digits
 * long enough to look like an identity number, in a key, a URL or the audit trail.
 */
export const WHAT_IF_JOB_ID = /^[0-9a-f]{8}(?:-[0-9a-f]{8}){3}$/;

/**
 * The same caller sending the same proposal for the same day against the same policy version
 * gets the same job: a retried POST never starts a second run. A change of the policy between
 * the two (or a new day, when `on` was left out) is a new question, hence a new job.
 */
export function whatIfJobId(requestedBy: string, proposal: { parameters: readonly PolicyParameter[]; on: string }, basedOnVersion: number): string {
  const canonical = JSON.stringify({ requestedBy, parameters: proposal.parameters, on: proposal.on, basedOnVersion });
  return (createHash('sha256').update(canonical, 'utf8').digest('hex').match(/.{8}/g) ?? []).slice(0, 4).join('-');
}

export function newWhatIfJob(o: {
  jobId: string;
  requestedBy: string;
  department: string;
  at: Date;
  on: string;
  parameters: readonly PolicyParameter[];
  basedOnVersion: number;
  shards: number;
}): WhatIfJob {
  const requestedAt = o.at.toISOString();
  return {
    jobId: o.jobId,
    requestedBy: o.requestedBy,
    department: o.department,
    requestedAt,
    updatedAt: requestedAt,
    on: o.on,
    parameters: [...o.parameters],
    basedOnVersion: o.basedOnVersion,
    status: 'queued',
    step: 0,
    shards: Array.from({ length: o.shards }, () => ({ done: false })),
    tally: emptyTally(),
    expiresAt: Math.floor(o.at.getTime() / 1000) + WHAT_IF_JOB_RULES.keepHours * 3600,
  };
}

export const isFinished = (job: WhatIfJob) => job.status === 'done' || job.status === 'failed';
export const isExpired = (job: WhatIfJob, now: Date) => job.expiresAt <= Math.floor(now.getTime() / 1000);

/** Whether asking for the job should (re)start its runner: never started, or silent too long. */
export function needsRunner(job: WhatIfJob, now: Date): boolean {
  if (isFinished(job)) return false;
  return job.status === 'queued' || now.getTime() - Date.parse(job.updatedAt) > WHAT_IF_JOB_RULES.staleAfterSeconds * 1000;
}

export function progressOf(job: WhatIfJob): WhatIfProgress {
  return { households: job.tally.households, shardsDone: job.shards.filter((s) => s.done).length, shards: job.shards.length };
}

/** The shards the next step reads a page from: the first `lanes` not yet done. */
export function nextShards(job: WhatIfJob, lanes: number): { shard: number; after?: string }[] {
  return job.shards.flatMap((s, shard) => (s.done ? [] : [{ shard, ...(s.after ? { after: s.after } : {}) }])).slice(0, lanes);
}

/** One page read from a shard: its households, and where the shard continues (absent at its end). */
export interface ShardPage {
  shard: number;
  households: readonly AssessedHousehold[];
  after?: string;
}

/** The next checkpoint: the pages counted in, their shards moved on, done when every shard is. */
export function stepJob(job: WhatIfJob, pages: readonly ShardPage[], measure: WhatIfMeasure, now: Date): WhatIfJob {
  const shards = job.shards.map((s) => ({ ...s }));
  let tally = job.tally;
  for (const page of pages) {
    tally = mergeTallies(tally, tallyOf(page.households, measure));
    shards[page.shard] = page.after ? { done: false, after: page.after } : { done: true };
  }
  return { ...job, shards, tally, step: job.step + 1, status: shards.every((s) => s.done) ? 'done' : 'running', updatedAt: now.toISOString() };
}

export function failJob(job: WhatIfJob, error: string, message: string, now: Date): WhatIfJob {
  return { ...job, status: 'failed', failure: { error, message }, step: job.step + 1, updatedAt: now.toISOString() };
}

/** The report of a finished job. */
function reportOfJob(job: WhatIfJob): WhatIfReport {
  return reportOf(
    job.tally,
    job.on,
    notEstimated(
      job.parameters.map((p) => p.name),
      RECOGNITION_PARAMETERS,
    ),
  );
}

/**
 * What the API answers about a job: always its id, status and progress; the report's fields
 * once done (the same body a short run answers at once); the failure once failed.
 */
export function jobAnswer(job: WhatIfJob, location: string) {
  const head = { jobId: job.jobId, status: job.status, progress: progressOf(job), location, requestedAt: job.requestedAt, basedOnVersion: job.basedOnVersion };
  if (job.status === 'done') return { ...head, ...reportOfJob(job) };
  if (job.status === 'failed') return { ...head, on: job.on, failure: job.failure };
  const { households, shardsDone, shards } = progressOf(job);
  return {
    ...head,
    on: job.on,
    message: `测算进行中：已读 ${households} 户，分片 ${shardsDone}/${shards}；请 GET ${location} 查看进度与结果 / the what-if is running: ${households} households read, ${shardsDone} of ${shards} shards; GET ${location} for progress and the report`,
  };
}
