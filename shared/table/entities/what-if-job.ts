import type { WhatIfJob } from '../../domain/policy/what-if-job';
import { WHAT_IF_JOB_KEY_PREFIX, type ItemKey } from '../keys';

// 测算任务 a what-if job: proposal, checkpoint (tally and position per shard), report; TTL.
const key = (jobId: string): ItemKey => ({ PK: `${WHAT_IF_JOB_KEY_PREFIX}${jobId}`, SK: 'JOB' });
export const whatIfJob = {
  key,
  toItem: (job: WhatIfJob) => ({ ...key(job.jobId), entity: 'WhatIfJob', ...job }),
  fromItem: ({ PK: _p, SK: _s, entity: _e, ...job }: Record<string, unknown>) => job as unknown as WhatIfJob,
};
