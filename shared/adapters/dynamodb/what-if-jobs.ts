import { isExpired, type WhatIfJob } from '../../domain/policy/what-if-job';
import type { WhatIfJobStore } from '../../ports/what-if-jobs';
import { whatIfJob } from '../../table/entities/what-if-job';
import { TABLE_KEYS } from '../../table/keys';
import type { Table } from './table';

/** What-if jobs (access patterns 29-30): one item each, replaced whole at every checkpoint. */
export class DynamoWhatIfJobs implements WhatIfJobStore {
  constructor(private readonly table: Table) {}

  private item(job: WhatIfJob) {
    return whatIfJob.toItem(job);
  }

  async create(job: WhatIfJob, now: Date) {
    const created = await this.table.writeOnce({
      Put: {
        Item: this.item(job),
        // TTL removes expired items within days, not at once: an expired job's id may be reused.
        ConditionExpression: 'attribute_not_exists(PK) OR #expires <= :now',
        ExpressionAttributeNames: { '#expires': TABLE_KEYS.ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
      },
    });
    if (created) return { created: true as const };
    const held = await this.get(job.jobId, now);
    if (!held) throw new Error(`what-if job ${job.jobId} is neither writable nor readable`);
    return { created: false as const, job: held };
  }

  async get(jobId: string, now: Date) {
    const item = await this.table.get(whatIfJob.key(jobId));
    if (!item) return undefined;
    const job = whatIfJob.fromItem(item);
    return isExpired(job, now) ? undefined : job;
  }

  async checkpoint(job: WhatIfJob, expectedStep: number) {
    return this.table.writeOnce({
      Put: {
        Item: this.item(job),
        // Only over the checkpoint it was computed from: a second runner of the job stops here.
        ConditionExpression: '#step = :expected',
        ExpressionAttributeNames: { '#step': 'step' },
        ExpressionAttributeValues: { ':expected': expectedStep },
      },
    });
  }
}
