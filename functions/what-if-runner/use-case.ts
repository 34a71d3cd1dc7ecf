import { whatIfRequested, type WhatIfRequestedV1 } from '../../events/what-if-requested.v1';
import { loadPolicyBook } from '../../shared/application/policy-book';
import { PolicyBook, type PolicyParameter } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange } from '../../shared/domain/policy/policy-change';
import { whatIfMeasure } from '../../shared/domain/policy/what-if';
import { failJob, isFinished, nextShards, progressOf, stepJob, type WhatIfProgress } from '../../shared/domain/policy/what-if-job';
import type { AssessmentStore } from '../../shared/ports/assessment-store';
import type { EventPublisher } from '../../shared/ports/event-publisher';
import type { PolicyStore } from '../../shared/ports/policy-store';
import type { WhatIfJobStore } from '../../shared/ports/what-if-jobs';

/** Shards read at once in a step: memory is this many pages, whatever the number of households. */
export const WHAT_IF_LANES = 4;

export interface RunnerPorts {
  jobs: WhatIfJobStore;
  assessments: AssessmentStore;
  policy: PolicyStore;
  /** The rows shipped with the code (city-parameters.ts), under the administrators' rows. */
  shipped: readonly PolicyParameter[];
  events: EventPublisher;
  now: () => Date;
  /** Households per page of a shard. */
  pageSize: number;
  /** True once this invocation should hand the job over to a fresh one (checked after each step). */
  outOfTime: () => boolean;
}

export type RunOutcome = 'done' | 'failed' | 'handed-over' | 'superseded' | 'already-finished' | 'gone';

/**
 * Runs a what-if job from its last checkpoint: a step reads the next page of up to
 * WHAT_IF_LANES shards, counts it into the partial tally and writes that as the next
 * checkpoint, until every shard is read. Out of time, it asks for a fresh invocation and stops.
 * A checkpoint is written only over the one it was computed from: if another runner of the same
 * job (a redelivered event, a retry) wrote first, this one stops and nothing is counted twice.
 * An error (a throttled read, a timeout) propagates: the retry resumes at the last checkpoint.
 */
export async function runWhatIfJob(request: WhatIfRequestedV1, ports: RunnerPorts): Promise<{ jobId: string; outcome: RunOutcome; progress?: WhatIfProgress }> {
  const { jobId } = request;
  let job = await ports.jobs.get(jobId, ports.now());
  if (!job) return { jobId, outcome: 'gone' };
  if (isFinished(job)) return { jobId, outcome: 'already-finished', progress: progressOf(job) };

  const current = await loadPolicyBook(ports.policy, ports.shipped);
  if (current.version !== job.basedOnVersion) {
    // Both sides must be the book the proposal was asked against; a later one answers another question.
    const failed = failJob(
      job,
      'PolicyVersionMoved',
      `测算基于第 ${job.basedOnVersion} 版政策，运行期间政策已改为第 ${current.version} 版；请重新提交测算 / the what-if was asked against policy version ${job.basedOnVersion}, and the policy moved to version ${current.version} while it ran; send it again`,
      ports.now(),
    );
    const written = await ports.jobs.checkpoint(failed, job.step);
    return { jobId, outcome: written ? 'failed' : 'superseded', progress: progressOf(failed) };
  }
  const proposed = new PolicyBook(applyPolicyChange(current.rows(), job.parameters).next, current.version);
  const measure = whatIfMeasure(current, proposed, job.on);

  for (;;) {
    const pages = await Promise.all(
      nextShards(job, WHAT_IF_LANES).map(async ({ shard, after }) => ({ shard, ...(await ports.assessments.page(shard, after, ports.pageSize)) })),
    );
    const next = stepJob(job, pages, measure, ports.now());
    if (!(await ports.jobs.checkpoint(next, job.step))) return { jobId, outcome: 'superseded', progress: progressOf(job) };
    job = next;
    if (job.status === 'done') return { jobId, outcome: 'done', progress: progressOf(job) };
    if (ports.outOfTime()) {
      await ports.events.publish([whatIfRequested(jobId, request.continuation + 1, ports.now())]);
      return { jobId, outcome: 'handed-over', progress: progressOf(job) };
    }
  }
}
