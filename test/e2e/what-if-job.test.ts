import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { assessmentItem } from '../../shared/adapters/dynamodb/assessment-store';
import { Table } from '../../shared/adapters/dynamodb/table';
import { ENV } from '../../shared/config';
import { CITY_PARAMETERS } from '../../shared/domain/policy/city-parameters';
import { PolicyBook } from '../../shared/domain/policy/policy-book';
import { applyPolicyChange } from '../../shared/domain/policy/policy-change';
import { whatIf } from '../../shared/domain/policy/what-if';
import { WHAT_IF_JOB_ID } from '../../shared/domain/policy/what-if-job';
import { RECOGNITION_PARAMETERS } from '../../shared/domain/recognition/classify';
import { assessedHouseholds } from '../fixtures/assessments';
import { onLocalPlatform } from './departments';

/**
 * A what-if over some hundreds of assessed households, run as a job on the local platform:
 * POST answers 202 at once, the runner goes through the local bus a step per invocation (each
 * hands over to a fresh one), GET shows the progress and then the report.
 */
// Answer 202 at once, small pages, and one step per runner invocation: the long-run path, at a small scale.
Object.assign(process.env, { [ENV.whatIfWaitSeconds]: '0', [ENV.whatIfPageSize]: '16', [ENV.whatIfSliceSeconds]: '0' });
const { platform, as } = onLocalPlatform();

const HOUSEHOLDS = assessedHouseholds(320, 50_000);
const change = {
  name: 'dibao.standardMonthlyFen',
  value: 95_000,
  district: '*' as const,
  effectiveFrom: '2027-01-01',
  effectiveTo: '2027-12-31',
  source: '长沙市民政局 2027 年低保标准（征求意见稿）',
};
const UNKNOWN_JOB = '0a1b2c3d-0a1b2c3d-0a1b2c3d-0a1b2c3d';
const proposal = { on: '2027-03-01', parameters: [change] };

type Progress = { households: number; shardsDone: number; shards: number };
type JobAnswer = { jobId: string; status: string; progress: Progress; location: string; households?: number; error?: string; problems?: { field: string }[] };

function table() {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: platform.endpoints.dynamodb, region: platform.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const name = `${platform.prefix}-households`;
  const partitions = async () => {
    const seen = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: name, ProjectionExpression: 'PK', ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) seen.add(String(item.PK));
      start = page.LastEvaluatedKey;
    } while (start);
    return seen;
  };
  return { db, name, partitions };
}

describe('what-if as a job (测算任务)', () => {
  it('POST answers 202 with the job; GET shows the progress grow, then the report one pass gives; nothing else is written', async () => {
    const t = table();
    await new Table(t.db, t.name).batchWrite(HOUSEHOLDS.map(assessmentItem));
    const before = await t.partitions();

    const asked = await as('civil-affairs').call<JobAnswer>('POST', '/policy/what-if', proposal);
    expect(asked.status).toBe(202);
    const { jobId, location } = asked.body;
    expect(asked.body).toMatchObject({ jobId: expect.stringMatching(WHAT_IF_JOB_ID), progress: { shards: 16 }, location: `/policy/what-if/${jobId}` });
    expect(['queued', 'running']).toContain(asked.body.status);

    const seen: Progress[] = [];
    let done: (JobAnswer & Record<string, unknown>) | undefined;
    for (const until = Date.now() + 60_000; !done && Date.now() < until; ) {
      const read = await as('supervision').call<JobAnswer & Record<string, unknown>>('GET', location);
      expect(read.status).toBe(200);
      seen.push(read.body.progress);
      if (read.body.status === 'done') done = read.body;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(done?.status).toBe('done');
    // Progress only grows, and ends with every household and every shard.
    for (let i = 1; i < seen.length; i += 1) {
      expect(seen[i]!.households).toBeGreaterThanOrEqual(seen[i - 1]!.households);
      expect(seen[i]!.shardsDone).toBeGreaterThanOrEqual(seen[i - 1]!.shardsDone);
    }
    expect(done!.progress).toEqual({ households: HOUSEHOLDS.length, shardsDone: 16, shards: 16 });
    const current = new PolicyBook(CITY_PARAMETERS);
    const expected = whatIf(
      HOUSEHOLDS,
      current,
      new PolicyBook(applyPolicyChange(CITY_PARAMETERS, [change]).next),
      '2027-03-01',
      [change.name],
      RECOGNITION_PARAMETERS,
    );
    expect(expected.categoryChanges).toBeGreaterThan(0);
    expect(done).toMatchObject({ ...expected, basedOnVersion: 0, jobId });

    // The run took several invocations, each handing over to a fresh one through the bus.
    await platform.idle();
    const runs = platform.eventBridge.delivered.filter((d) => d.rule === 'what-if-requests-to-runner');
    expect(runs.length).toBeGreaterThan(3);
    expect(runs.every((r) => r.ok)).toBe(true);

    // The same POST again is the same job, now answered with its report at once.
    const again = await as('civil-affairs').call<JobAnswer>('POST', '/policy/what-if', proposal);
    expect([again.status, again.body.jobId, again.body.households]).toEqual([200, jobId, HOUSEHOLDS.length]);

    // What-if writes nothing but its job and the audit trail of the two calls.
    const added = [...(await t.partitions())].filter((pk) => !before.has(pk));
    expect(added.filter((pk) => !pk.startsWith('AUDIT#'))).toEqual([`WHATIF#${jobId}`]);
    const today = new Date().toISOString().slice(0, 10);
    const audit = await as('supervision').call<{ entries: { action: string; kind: string; subjects: string[] }[] }>('GET', `/audit/${today}`);
    expect(audit.body.entries.filter((e) => e.action === 'what-if' && e.subjects.includes(`what-if:${jobId}`)).map((e) => e.kind)).toEqual(['read', 'read']);
  });

  it('lets only civil affairs and supervision ask and read, names a bad job id, and knows no unknown job', async () => {
    expect((await as('health').call('POST', '/policy/what-if', proposal)).status).toBe(403);
    expect((await as('health').call('GET', `/policy/what-if/${UNKNOWN_JOB}`)).status).toBe(403);
    const bad = await as('supervision').call<JobAnswer>('POST', '/policy/what-if', { parameters: [{ ...change, effectiveTo: '2026-01-01' }] });
    expect([bad.status, bad.body.problems?.map((p) => p.field)]).toEqual([400, ['parameters[0].effectiveTo']]);
    const badId = await as('supervision').call<JobAnswer>('GET', '/policy/what-if/not-a-job');
    expect([badId.status, badId.body.problems?.map((p) => p.field)]).toEqual([400, ['jobId']]);
    const unknown = await as('civil-affairs').call<JobAnswer>('GET', `/policy/what-if/${UNKNOWN_JOB}`);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'WhatIfJobNotFound']);
  });
});
