import * as z from 'zod';
import { count, district, isoDate, isoDateTime, recipient, WHAT_IF_JOB_ID_PATTERN } from './fields';

const policyValue = z.union([z.number(), z.string(), z.boolean()]);
const policyRow = z.object({
  name: z.string(),
  value: policyValue,
  district: z.union([z.literal('*'), district]).meta({ description: '`*`: the whole city' }),
  effectiveFrom: isoDate,
  effectiveTo: isoDate,
  unit: z.string().optional(),
  source: z.string().meta({ description: 'the document that sets it' }),
});

/** 参数. */
export const policyParameters = z
  .object({
    version: count.meta({ description: 'the policy version (0: as shipped)' }),
    on: isoDate,
    district: z.union([z.literal('*'), district]),
    parameters: z.array(policyRow),
  })
  .meta({ title: '政策参数 Policy parameters in force' });

/** One change of the policy book, as its trail keeps it. */
export const policyChange = z
  .object({
    version: count,
    changedAt: isoDateTime,
    changedBy: z.string().meta({ description: 'the verified role session (经办人)' }),
    department: recipient,
    reason: z.string(),
    diffs: z.array(z.object({ name: z.string(), district: z.string(), effectiveFrom: isoDate, old: policyRow.nullable(), new: policyRow.nullable() })),
    requestHash: z.string().optional().meta({ description: 'SHA-256 of the request: the same request sent again is recognised' }),
  })
  .meta({ title: '参数调整 Policy change' });

export const policyChanges = z.object({ changes: z.array(policyChange) }).meta({ title: '参数调整记录 Policy changes' });

const tierCounts = z.record(z.string(), count).meta({ description: 'households by category (`none`: no category)' });
const jobHead = {
  jobId: z.string().regex(WHAT_IF_JOB_ID_PATTERN),
  progress: z.object({ households: count, shardsDone: count, shards: count }),
  location: z.string().meta({ description: 'GET it for the progress and the report' }),
  requestedAt: isoDateTime,
  basedOnVersion: count,
  on: isoDate,
};

/** 测算: a what-if job, running, done with its report, or failed. */
export const whatIfJob = z
  .union([
    z
      .strictObject({
        ...jobHead,
        status: z.literal('done'),
        households: count,
        categoryChanges: count,
        byDistrict: z.record(z.string(), z.object({ households: count, categoryChanges: count, transitions: z.record(z.string(), count) })),
        categoriesNow: tierCounts,
        categoriesProposed: tierCounts,
        warnings: z.object({ total: count, byIndicator: z.record(z.string(), count), byDistrict: z.record(z.string(), count) }),
        unclassified: count,
        notEstimated: z.array(z.string()).meta({ description: 'parameters only record-driven indicators read: not measured here' }),
      })
      .meta({ title: 'Done: the report' }),
    z.strictObject({ ...jobHead, status: z.literal('failed'), failure: z.object({ error: z.string(), message: z.string() }) }).meta({ title: 'Failed' }),
    z.strictObject({ ...jobHead, status: z.enum(['queued', 'running']), message: z.string() }).meta({ title: 'Still running' }),
  ])
  .meta({ title: '测算任务 What-if job' });
