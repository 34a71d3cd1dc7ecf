import type { WhatIfJob } from '../domain/policy/what-if-job';

/** What-if jobs (测算任务): their proposal, progress, checkpoint and report, until they expire. */
export interface WhatIfJobStore {
  /** Writes the job unless one with its id is kept and not expired; that one is returned instead. */
  create(job: WhatIfJob, now: Date): Promise<{ created: true } | { created: false; job: WhatIfJob }>;
  /** The job as last written (a strongly consistent read), or undefined if unknown or expired. */
  get(jobId: string, now: Date): Promise<WhatIfJob | undefined>;
  /** Writes the job's next checkpoint if it is still at `expectedStep`; false if another run moved it on. */
  checkpoint(job: WhatIfJob, expectedStep: number): Promise<boolean>;
}
