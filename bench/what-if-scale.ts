import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WhatIfRequestedV1 } from '../events/what-if-requested.v1';
import { readWhatIf, requestWhatIf } from '../functions/policy-admin/use-case';
import type { WhatIfRequest } from '../shared/domain/policy/policy-change';
import { runWhatIfJob } from '../functions/what-if-runner/use-case';
import { createTables, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { householdsTableDefinition } from '../infra/local/tables';
import { assessmentItem } from '../shared/adapters/dynamodb/assessment-store';
import { Table } from '../shared/adapters/dynamodb/table';
import { mapLimit } from '../shared/adapters/partial-retry';
import { config, ENV } from '../shared/config';
import { CITY_PARAMETERS } from '../shared/domain/policy/city-parameters';
import { FUNCTIONS } from '../shared/platform/functions';
import type { PlatformEvent } from '../shared/ports/event-publisher';
import * as table from '../shared/wiring/table';
import { now } from '../shared/wiring/runtime';
import { assessedHouseholds } from '../test/fixtures/assessments';

/**
 * What-if at a province's scale: for each number of assessed households, the seconds a what-if
 * job takes from POST to report and the peak RSS of the process that runs it.
 *
 *   node --import tsx bench/what-if-scale.ts 50000 200000
 *
 * Starts DynamoDB Local (in memory), creates the table, loads generated assessments (the city's
 * districts, valid identity numbers kept only as person references, money in fen) with
 * BatchWriteItem, several calls in flight, and for each size runs the job in a fresh Node
 * process: the POST use case, then the runner invocation after invocation (each with Lambda's
 * time budget of the runner) until the report is there. Sizes are loaded in increasing order,
 * each on top of the last. Not part of `npm test`.
 */
const TABLE = 'bench-households';
const REGION = 'cn-north-1';
const PROPOSAL: WhatIfRequest = {
  on: '2027-03-01',
  parameters: [
    {
      name: 'dibao.standardMonthlyFen',
      value: 95_000,
      district: '*',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2027-12-31',
      source: 'bench: 2027 standard raised',
    },
  ],
};
const LOAD_CHUNK = 2_000;
/** The child resolves tsx from here, wherever the caller runs. */
const REPO_ROOT = resolve(import.meta.dirname, '..');

const log = (message: string) => process.stderr.write(`[what-if-scale] ${message}\n`);

export async function measureWhatIf(households: readonly number[]): Promise<{ households: number[]; seconds: number[]; peakRssMb: number[] }> {
  if (!households.length || households.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('give one or more numbers of households (positive integers)');
  const ascending = [...new Set(households)].sort((a, b) => a - b);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamodb = await startDynamoDbLocal({ jvm: 'throughput' });
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: REGION, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const measured = new Map<number, { seconds: number; peakRssMb: number }>();
  try {
    await createTables(dynamodb.endpoint, [householdsTableDefinition(TABLE)]);
    let loaded = 0;
    for (const size of ascending) {
      const t0 = performance.now();
      const chunks = Array.from({ length: Math.ceil((size - loaded) / LOAD_CHUNK) }, (_, i) => loaded + i * LOAD_CHUNK);
      // Two chunks at once, each four BatchWriteItem calls in flight: eight calls of 25 items.
      await mapLimit(chunks, 2, (first) => new Table(db, TABLE).batchWrite(assessedHouseholds(Math.min(LOAD_CHUNK, size - first), first).map(assessmentItem)));
      log(`loaded ${size - loaded} assessments in ${((performance.now() - t0) / 1000).toFixed(1)} s (${size} in all)`);
      loaded = size;
      const run = await runInChild(dynamodb.endpoint, size);
      log(`${size} households: ${run.seconds.toFixed(2)} s, peak RSS ${run.peakRssMb.toFixed(1)} MB, ${run.invocations} runner invocation(s)`);
      measured.set(size, run);
    }
  } finally {
    db.destroy();
    await dynamodb.stop();
  }
  return {
    households: [...households],
    seconds: households.map((n) => measured.get(n)!.seconds),
    peakRssMb: households.map((n) => measured.get(n)!.peakRssMb),
  };
}

/** One what-if job to completion in a fresh Node process; its own figures, printed as JSON. */
function runInChild(endpoint: string, size: number): Promise<{ seconds: number; peakRssMb: number; invocations: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', String(size)], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
        POWERTOOLS_METRICS_DISABLED: 'true',
        [ENV.tableName]: TABLE,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the what-if child for ${size} households exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; peakRssMb: number; invocations: number });
    });
  });
}

/** In the child: POST, then runner invocations (a Lambda's time budget each) until done, then GET. */
async function child(size: number): Promise<void> {
  const caller = { department: 'civil-affairs' as const, principal: `arn:aws-cn:sts::123456789012:assumed-role/lim-bench-civil-affairs/bench-${size}` };
  const pending: WhatIfRequestedV1[] = [];
  const events = { publish: async (published: readonly PlatformEvent[]) => void pending.push(...published.map((e) => e.detail as WhatIfRequestedV1)) };
  const { WHAT_IF_PAGE_SIZE: pageSize } = config();
  const budgetMs = FUNCTIONS['what-if-runner'].timeoutSeconds * 1000 - 30_000;
  const t0 = performance.now();
  const asked = await requestWhatIf(PROPOSAL, caller, {
    store: table.policyStore(),
    shipped: CITY_PARAMETERS,
    now: now,
    jobs: table.whatIfJobs(),
    events,
    shards: table.assessments().shards,
    waitMs: 0,
  });
  let invocations = 0;
  for (let next = pending.shift(); next; next = pending.shift()) {
    const stopAt = Date.now() + budgetMs;
    invocations += 1;
    await runWhatIfJob(next, {
      jobs: table.whatIfJobs(),
      assessments: table.assessments(),
      policy: table.policyStore(),
      shipped: CITY_PARAMETERS,
      events,
      now: now,
      pageSize,
      outOfTime: () => Date.now() >= stopAt,
    });
  }
  const report = await readWhatIf(asked.answer.jobId, { jobs: table.whatIfJobs(), now: now });
  const seconds = (performance.now() - t0) / 1000;
  if (report.status !== 'done' || report.progress.households !== size)
    throw new Error(`the job ended ${report.status} with ${report.progress.households} of ${size} households`);
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, invocations })}\n`);
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]));
  // The SDK's keep-alive sockets would hold the process open.
  process.exit(0);
} else if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const sizes = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(await measureWhatIf(sizes.length ? sizes : [50_000, 200_000])));
}
