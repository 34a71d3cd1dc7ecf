import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PLATFORM_RULES } from '../events/rules';
import { CountingProxy, type ProxyCounts, type ProxyLedger } from '../infra/local/counting-proxy';
import { matchesEventPattern } from '../infra/local/event-pattern';
import { startLocalPlatform, type LocalPlatform } from '../infra/local/platform';
import type { Department } from '../shared/domain/departments';
import type { FunctionId } from '../shared/platform/api';
import { departmentsOf } from '../test/e2e/departments';
import { latency } from '../test/reliability/figures';
import { measureBundles, runningProbes, type BundleFigure } from './bundles';
import { CHINA_PRICES, CNY_PER_USD, estimateCost, PRICES_READ_ON, STANDARD_PRICES, type CostEstimate, type Usage } from './cost';
import { identityNumbersIn, lowerBound, type LowerBound } from './lower-bound';
import { arrivals, compare, expectedKey, recipientByQueueUrl, settle, type CaseOutcome } from './observe';
import { rawBatchWritePerSecond } from './raw-write';
import { cpuSecondsOf } from './process-cpu';
import { printCase, printRows, printTargets, type Target } from './report';
import { Households, MAX_RECORDS_PER_BATCH, memberBatch, outsiderBatch, Outsiders, rollBatches, type Batch } from './workload';

/**
 * `npm run bench`: the local platform measured from outside (the HTTP API as departments call
 * it, the queues, the failure queues, and a counting proxy in front of DynamoDB Local, SQS and the
 * bus). Prints a table per case and, as its last line, one JSON object with the figures. Targets
 * missed are reported, not failed; the exit code is non-zero only when the bench could not run.
 */

const DEPARTMENTS: readonly Department[] = [
  'civil-affairs',
  'education',
  'hr-social-security',
  'housing',
  'agriculture',
  'health',
  'emergency-management',
  'medical-insurance',
  'disabled-federation',
  'justice',
];
const BATCH = MAX_RECORDS_PER_BATCH; // the documented maximum
const CONCURRENT_FIRING = 110; // per department with a firing record kind: about 20 % of 5,000
const LATENCY_SAMPLES = 30;
const WHAT_IF_HOUSEHOLDS = [50_000, 200_000] as const;

// The handlers' per-invocation INFO logs would bury the tables (and cost the functions' CPU).
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const nowMs = () => performance.timeOrigin + performance.now();
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------------------------------------
// Everything started is stopped, also on failure and Ctrl-C
// ---------------------------------------------------------------------------------------------

let proxy: CountingProxy | undefined;
let platform: LocalPlatform | undefined;
let departments: ReturnType<typeof departmentsOf> | undefined;
let stopping: Promise<void> | undefined;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    departments?.closeAll();
    for (const pid of runningProbes) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await platform?.stop(); // DynamoDB Local's JVM is stopped by its pid
    await proxy?.stop();
    platform = undefined;
    proxy = undefined;
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping what the bench started...`);
    // The platform finishes the deliveries under way before it stops; an interrupted bench waits
    // a few seconds for that, then exits, and DynamoDB Local's exit hook kills the JVM by its pid.
    void Promise.race([stopAll(), sleep(5_000)]).finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// A case: batches in, platform idle, counters and queues read
// ---------------------------------------------------------------------------------------------

interface CaseResult {
  title: string;
  batches: Batch[];
  counts: ProxyCounts;
  ledger: ProxyLedger;
  outcome: CaseOutcome;
  bound: LowerBound;
  calls: number;
  ratio: number;
  startedAt: number;
  /** Round trip of each submission (request sent → 202), ms. */
  submitMs: number[];
  /** When each expected warning first reached its queue (proxy ledger). */
  arrivedAt: Map<string, number>;
  /** Batches sent again after a 5xx. */
  resubmitted: number;
  /** DynamoDB Local's CPU seconds and the wall seconds from the first submission until all settled. */
  dynamodbCpuSeconds: number;
  wallSeconds: number;
}

/** Submissions sent again after a 5xx answer or a broken connection, as a department's system would. */
let resubmissions = 0;
const MAX_ATTEMPTS = 5;

/**
 * Posts a batch as a department does: a 5xx or a broken connection is retried with the same
 * batch id (the API is idempotent on it), anything else but 202 stops the bench. Returns the
 * round trip of the attempt that was accepted, ms.
 */
async function submit(batch: Batch): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const t0 = performance.now();
    const answer = await departments!
      .as(batch.department)
      .submit(batch.batchId, batch.records)
      .catch((error: unknown) => ({ status: 0, body: { message: (error as Error).message } }));
    if ((answer.status === 0 || answer.status >= 500) && attempt < MAX_ATTEMPTS) {
      resubmissions += 1;
      log(`${batch.batchId}: answered ${answer.status || 'nothing'} (${JSON.stringify(answer.body).slice(0, 120)}); sending it again`);
      await sleep(2000 * attempt);
      continue;
    }
    if (answer.status !== 202)
      throw new Error(`${batch.department} batch ${batch.batchId} was answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`);
    const accepted = (answer.body as { accepted?: number }).accepted;
    if (accepted !== batch.records.length) throw new Error(`${batch.batchId}: ${accepted} of ${batch.records.length} records accepted`);
    return performance.now() - t0;
  }
}

async function runCase(title: string, batches: Batch[], { concurrent }: { concurrent: boolean }): Promise<CaseResult> {
  const p = platform!;
  log(`${title}: ${batches.length} batch(es), ${batches.reduce((a, b) => a + b.records.length, 0)} records`);
  const before = await settle(p);
  await proxy!.reset();
  const mark = await proxy!.mark();
  const resubmittedBefore = resubmissions;
  const cpuBefore = cpuSecondsOf(p.pids.dynamodb) ?? Number.NaN;
  const startedAt = nowMs();
  const submitMs = concurrent ? await Promise.all(batches.map(submit)) : [];
  if (!concurrent) for (const b of batches) submitMs.push(await submit(b));
  const after = await settle(p);
  const dynamodbCpuSeconds = (cpuSecondsOf(p.pids.dynamodb) ?? Number.NaN) - cpuBefore;
  const wallSeconds = (nowMs() - startedAt) / 1000;
  const counts = await proxy!.counts();
  const ledger = await proxy!.ledgerSince(mark);
  const expected = batches.flatMap((b) => b.expected);
  const outcome = compare(before, after, expected);

  // The work the case had to do, from the workload and the queues.
  // Each message once: a duplicate is work the platform should not have done.
  const fresh = [...new Map(outcome.fresh.map((w) => [`${w.recipient}|${w.messageKey}`, w])).values()];
  const messagesPerQueue = new Map<string, number>();
  for (const w of fresh) messagesPerQueue.set(w.recipient, (messagesPerQueue.get(w.recipient) ?? 0) + 1);
  const subjects = new Set<string>();
  for (const b of batches) for (const r of b.records) identityNumbersIn(r, subjects);
  const bound = lowerBound({
    batchSizes: batches.map((b) => b.records.length),
    distinctSubjects: subjects.size,
    itemsWritten: counts.dynamodb.itemsWritten,
    warnings: new Set(fresh.map((w) => w.warningId)).size,
    messagesPerQueue,
  });
  const calls = counts.dynamodb.calls + counts.sqs.calls + counts.events.calls;
  const arrivedAt = arrivals(ledger.sent, recipientByQueueUrl(p));
  return {
    title,
    batches,
    counts,
    ledger,
    outcome,
    bound,
    calls,
    ratio: calls / bound.total,
    startedAt,
    submitMs,
    arrivedAt,
    resubmitted: resubmissions - resubmittedBefore,
    dynamodbCpuSeconds,
    wallSeconds,
  };
}

/** Lambda invocations the bus made for the events put in a case: one per matching rule target. */
function busInvocations(ledger: ProxyLedger): Partial<Record<FunctionId, number>> {
  const out: Partial<Record<FunctionId, number>> = {};
  for (const e of ledger.published) {
    let detail: unknown;
    try {
      detail = JSON.parse(e.detail);
    } catch {
      continue;
    }
    const event = {
      version: '0',
      id: 'bench',
      'detail-type': e.detailType,
      source: e.source,
      account: '000000000000',
      time: new Date(e.at).toISOString(),
      region: 'cn-north-1',
      resources: [],
      detail,
    };
    for (const rule of PLATFORM_RULES) if (matchesEventPattern(rule.eventPattern, event)) out[rule.target] = (out[rule.target] ?? 0) + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

interface LatencyResult {
  fromAcceptedMs: number[];
  fromRequestMs: number[];
  /** Per sample: record event → warning event, and warning event → the sample's last call. */
  evaluationMs: number[];
  afterWarningMs: number[];
  missing: number;
}

async function measureLatency(samples: Batch[]): Promise<LatencyResult> {
  const p = platform!;
  const recipients = recipientByQueueUrl(p);
  const result: LatencyResult = { fromAcceptedMs: [], fromRequestMs: [], evaluationMs: [], afterWarningMs: [], missing: 0 };
  await settle(p);
  for (const batch of samples) {
    const mark = await proxy!.mark();
    const sentAt = nowMs();
    await submit(batch);
    const acceptedAt = nowMs();
    await p.idle();
    const ledger = await proxy!.ledgerSince(mark);
    const arrived = arrivals(ledger.sent, recipients).get(expectedKey(batch.expected[0]!));
    if (arrived === undefined) {
      result.missing += 1;
      continue;
    }
    result.fromAcceptedMs.push(Math.max(0, arrived - acceptedAt));
    result.fromRequestMs.push(arrived - sentAt);
    const [recordEvent, warningEvent] = ledger.published;
    const lastCall = Math.max(...ledger.calls.map((c) => c.end));
    if (recordEvent && warningEvent) {
      result.evaluationMs.push(warningEvent.at - recordEvent.at);
      result.afterWarningMs.push(lastCall - warningEvent.at);
    }
  }
  return result;
}

const median = (xs: readonly number[]) => latency(xs).p50;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function loadWhatIf(): Promise<{ households: number[]; seconds: number[]; peakRssMb: number[] } | undefined> {
  const url = new URL('./what-if-scale.ts', import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  const module = (await import(url.href)) as {
    measureWhatIf?: (households: readonly number[]) => Promise<{ households: number[]; seconds: number[]; peakRssMb: number[] }>;
  };
  if (typeof module.measureWhatIf !== 'function') throw new Error('bench/what-if-scale.ts does not export measureWhatIf');
  return module.measureWhatIf(WHAT_IF_HOUSEHOLDS);
}

async function main() {
  const benchStarted = performance.now();
  proxy = await CountingProxy.start();
  platform = await startLocalPlatform({ functionEndpoint: proxy.route, jvm: 'throughput' });
  const p = platform;
  departments = departmentsOf(() => p);
  log(`local platform up (API ${p.url}); functions reach DynamoDB, SQS and the bus through the counting proxy`);

  // The workloads, known in full before anything is sent.
  const outsiders = new Outsiders(20_000);
  const noWarning = [
    outsiderBatch('health', 'bench-outsiders-health-1', BATCH, outsiders),
    outsiderBatch('hr-social-security', 'bench-outsiders-hr-1', BATCH, outsiders),
  ];
  const householdsB = new Households(0, 2_000);
  const quietB = Array.from({ length: 100 }, () => householdsB.take());
  const withWarnings = [
    memberBatch('health', 'bench-members-health-1', BATCH, BATCH / 5, householdsB, quietB, outsiders),
    memberBatch('hr-social-security', 'bench-members-hr-1', BATCH, BATCH / 5, householdsB, quietB, outsiders),
  ];
  const householdsC = new Households(2_000, 6_000);
  const quietC = Array.from({ length: 200 }, () => householdsC.take());
  const concurrent = DEPARTMENTS.map((d) =>
    memberBatch(d, `bench-concurrent-${d}-1`, BATCH, d === 'justice' ? 0 : CONCURRENT_FIRING, householdsC, quietC, outsiders),
  );
  const householdsL = new Households(6_000, 6_500);
  const latencySamples = Array.from({ length: LATENCY_SAMPLES }, (_, i) =>
    memberBatch('hr-social-security', `bench-latency-${String(i + 1).padStart(3, '0')}`, 1, 1, householdsL, [], outsiders),
  );

  // The roll first (not counted).
  const roll = rollBatches([...householdsB.handedOut, ...householdsC.handedOut, ...householdsL.handedOut], 'bench');
  log(`seeding the roll: ${roll.reduce((a, b) => a + b.records.length, 0)} households in ${roll.length} batches (not counted)`);
  const seedStarted = performance.now();
  for (const b of roll) {
    await submit(b);
    await settle(p);
  }
  log(`roll seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const a = await runCase('records that raise nothing', noWarning, { concurrent: false });
  const b = await runCase('people in the database, ~20 % raising a warning', withWarnings, { concurrent: false });
  const c = await runCase('ten departments at the same moment', concurrent, { concurrent: true });

  const expectedC = c.batches.flatMap((x) => x.expected);
  const lastArrival = Math.max(...expectedC.map((e) => c.arrivedAt.get(expectedKey(e)) ?? Number.NEGATIVE_INFINITY));
  const recordsC = c.batches.reduce((acc, x) => acc + x.records.length, 0);
  const recordsPerSecond = Number.isFinite(lastArrival) ? recordsC / ((lastArrival - c.startedAt) / 1000) : 0;
  // Items the size of a stored record: the record as sent, plus keys and bookkeeping attributes.
  const meanItemBytes = c.batches.flatMap((x) => x.records).reduce((acc, r) => acc + Buffer.byteLength(JSON.stringify(r)), 0) / recordsC + 200;
  log('raw BatchWriteItem on the same DynamoDB Local');
  const rawCpuBefore = cpuSecondsOf(p.pids.dynamodb) ?? Number.NaN;
  const rawPerSecond = await rawBatchWritePerSecond(p.endpoints.dynamodb, p.region, {
    items: recordsC,
    itemBytes: meanItemBytes,
    inFlight: 4,
    table: `${p.prefix}-bench-scratch`,
  });
  const rawCpuPerItemMs = (((cpuSecondsOf(p.pids.dynamodb) ?? Number.NaN) - rawCpuBefore) * 1000) / recordsC;
  // One stream, for comparison: what a single writer gets.
  const rawOneStream = await rawBatchWritePerSecond(p.endpoints.dynamodb, p.region, {
    items: recordsC,
    itemBytes: meanItemBytes,
    inFlight: 1,
    table: `${p.prefix}-bench-scratch-1`,
  });

  log(`latency: ${LATENCY_SAMPLES} single records on the idle platform`);
  const lat = await measureLatency(latencySamples);

  await stopAll();
  log('platform stopped; bundling the functions');
  let bundles: BundleFigure[] = [];
  let bundleError: string | undefined;
  try {
    bundles = await measureBundles(5);
  } catch (error) {
    bundleError = (error as Error).message;
  }

  log('what-if at scale');
  let whatIf: Awaited<ReturnType<typeof loadWhatIf>>;
  let whatIfError: string | undefined;
  try {
    whatIf = await loadWhatIf();
  } catch (error) {
    whatIfError = (error as Error).message;
  }

  // Cost of the concurrent case, per million records.
  const durationMs: Partial<Record<FunctionId, number>> = {
    // A 500-record batch on a platform with nothing else to do: the first batch of each sequential case.
    'submission-intake': median([a.submitMs[0]!, b.submitMs[0]!]),
    'warning-evaluation': median(lat.evaluationMs),
    'register-update': median(lat.evaluationMs),
    recognition: median(lat.evaluationMs),
    'department-routing': median(lat.afterWarningMs),
    statistics: median(lat.afterWarningMs),
  };
  const usage: Usage = { records: recordsC, invocations: { 'submission-intake': c.batches.length, ...busInvocations(c.ledger) }, durationMs, counts: c.counts };
  const standard = estimateCost(usage, STANDARD_PRICES);
  const china = estimateCost(usage, CHINA_PRICES);

  // ------------------------------------------------------------------------------------------
  // The tables
  // ------------------------------------------------------------------------------------------
  for (const r of [a, b, c]) printCase(r);
  const l = latency(lat.fromAcceptedMs);
  const lr = latency(lat.fromRequestMs);
  printRows('throughput and latency', [
    ['records, concurrent case', recordsC],
    [
      'first submission → last expected warning on its queue',
      Number.isFinite(lastArrival) ? `${((lastArrival - c.startedAt) / 1000).toFixed(2)} s` : 'not reached',
    ],
    ['platform throughput', `${recordsPerSecond.toFixed(1)} records/s`],
    ['raw BatchWriteItem, same DynamoDB Local', `${rawPerSecond.toFixed(1)} items/s (25 a call, 4 in flight, ${Math.round(meanItemBytes)}-byte items)`],
    ['raw BatchWriteItem, one call at a time', `${rawOneStream.toFixed(1)} items/s`],
    ['ratio platform ÷ raw', round(recordsPerSecond / rawPerSecond, 3)],
    // DynamoDB Local runs one request at a time: its CPU, not the pipeline's waiting, sets the pace.
    [
      'DynamoDB Local CPU, concurrent case',
      `${c.dynamodbCpuSeconds.toFixed(2)} s in ${c.wallSeconds.toFixed(2)} s (${Math.round((100 * c.dynamodbCpuSeconds) / c.wallSeconds)} % of one core)`,
    ],
    [
      'DynamoDB Local CPU per record vs per raw item',
      `${round((c.dynamodbCpuSeconds * 1000) / recordsC, 3)} ms vs ${round(rawCpuPerItemMs, 3)} ms (${round((c.dynamodbCpuSeconds * 1000) / recordsC / rawCpuPerItemMs, 1)}×)`,
    ],
    ['latency 202 → warning on queue', `p50 ${l.p50} ms  p95 ${l.p95} ms  max ${l.max} ms  (n=${l.n}${lat.missing ? `, ${lat.missing} never arrived` : ''})`],
    ['latency request sent → warning on queue', `p50 ${lr.p50} ms  p95 ${lr.p95} ms`],
  ]);
  printRows(
    'bundles (esbuild as the CDK construct bundles them)',
    bundleError
      ? [['not measured', bundleError]]
      : bundles.map((x) => [
          x.id,
          `${x.kb.toFixed(0)} KB, init ${x.initMs.toFixed(0)} ms (median of 5)${x.networkAtImport ? `, ${x.networkAtImport} network attempt(s) at import` : ''}`,
        ]),
  );
  printRows(
    'what-if at scale (bench/what-if-scale.ts)',
    whatIf
      ? whatIf.households.map((h, i) => [`${h.toLocaleString('en')} households`, `${whatIf!.seconds[i]} s, peak RSS ${whatIf!.peakRssMb[i]} MB`])
      : [['not measured', whatIfError ?? 'bench/what-if-scale.ts is not there yet']],
  );
  const costRows = (e: CostEstimate): [string, string | number][] => [
    ...e.lines.map((x): [string, string] => [
      x.item,
      `${round(x.quantity, 2)} × ${x.unitPrice === null ? 'price unknown' : `${x.unitPrice} ${e.currency}`} = ${x.cost === null ? '?' : `${round(x.cost, 6)} ${e.currency}`}`,
    ]),
    ['per million records', e.perMillionRecordsUsd === null ? `not computed: no price for ${e.missing.join(', ')}` : `${round(e.perMillionRecordsUsd, 2)} USD`],
  ];
  printRows(`cost of the concurrent case, ${STANDARD_PRICES.region} (prices read ${PRICES_READ_ON}, bench/cost.ts)`, [
    [
      'Lambda durations used (ms)',
      Object.entries(durationMs)
        .map(([k, v]) => `${k} ${round(v!, 1)}`)
        .join(', '),
    ],
    [
      'Lambda invocations',
      Object.entries(usage.invocations)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ...costRows(standard),
  ]);
  printRows(`cost, ${CHINA_PRICES.region} (CNY at ${CNY_PER_USD} per USD)`, costRows(china));

  const ratioTarget = (x: number) => x <= 1.5;
  const targets: Target[] = [
    { name: 'calls ÷ lower bound, records that raise nothing', value: round(a.ratio), target: '≤ 1.5', met: ratioTarget(a.ratio) },
    { name: 'calls ÷ lower bound, ~20 % warnings', value: round(b.ratio), target: '≤ 1.5', met: ratioTarget(b.ratio) },
    { name: 'failed deliveries (concurrent)', value: c.outcome.failedDeliveries, target: '0', met: c.outcome.failedDeliveries === 0 },
    { name: 'lost warnings (concurrent)', value: c.outcome.lost.length, target: '0', met: c.outcome.lost.length === 0 },
    { name: 'duplicated warnings (concurrent)', value: c.outcome.duplicated, target: '0', met: c.outcome.duplicated === 0 },
    { name: 'throughput ÷ raw BatchWriteItem', value: round(recordsPerSecond / rawPerSecond, 3), target: '≥ 0.5', met: recordsPerSecond / rawPerSecond >= 0.5 },
    { name: 'latency p95', value: `${l.p95} ms`, target: '≤ 1,000 ms', met: l.n > 0 && l.p95 <= 1000 },
    {
      name: 'what-if peak RSS 200,000 ÷ 50,000',
      value: whatIf ? round(whatIf.peakRssMb[1]! / whatIf.peakRssMb[0]!) : 'not measured',
      target: '≤ 1.3',
      met: whatIf ? whatIf.peakRssMb[1]! / whatIf.peakRssMb[0]! <= 1.3 : undefined,
    },
    {
      name: 'largest bundle',
      value: bundles.length ? `${Math.max(...bundles.map((x) => x.kb)).toFixed(0)} KB` : 'not measured',
      target: '≤ 500 KB',
      met: bundles.length ? Math.max(...bundles.map((x) => x.kb)) <= 500 : undefined,
    },
    {
      name: 'slowest module init',
      value: bundles.length ? `${Math.max(...bundles.map((x) => x.initMs)).toFixed(0)} ms` : 'not measured',
      target: '≤ 120 ms',
      met: bundles.length ? Math.max(...bundles.map((x) => x.initMs)) <= 120 : undefined,
    },
  ];
  printTargets(targets);
  console.log(`(bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s)`);

  const perCase = (r: CaseResult) => ({ calls: r.calls, lowerBound: r.bound.total, ratio: round(r.ratio) });
  const result = {
    callsPer1000: { noWarning: perCase(a), withWarnings: perCase(b) },
    concurrentBatches: {
      departments: c.batches.length,
      recordsPerBatch: BATCH,
      accepted: recordsC,
      failedDeliveries: c.outcome.failedDeliveries,
      lost: c.outcome.lost.length,
      duplicated: c.outcome.duplicated,
      expectedWarnings: new Set(c.batches.flatMap((x) => x.expected).map((e) => `${e.indicator}|${e.householdId}`)).size,
      expectedMessages: c.outcome.expected,
      resubmittedBatches: c.resubmitted,
      unexpectedWarnings: c.outcome.unexpected.length,
    },
    throughput: {
      recordsPerSecond: round(recordsPerSecond, 1),
      rawBatchWritePerSecond: round(rawPerSecond, 1),
      ratio: round(recordsPerSecond / rawPerSecond, 3),
      rawOneStreamPerSecond: round(rawOneStream, 1),
      dynamodbCpuMsPerRecord: round((c.dynamodbCpuSeconds * 1000) / recordsC, 3),
      dynamodbCpuMsPerRawItem: round(rawCpuPerItemMs, 3),
    },
    latencyMs: { p50: l.p50, p95: l.p95, samples: l.n },
    whatIf: whatIf
      ? { households: whatIf.households, seconds: whatIf.seconds, peakRssMb: whatIf.peakRssMb }
      : { households: [...WHAT_IF_HOUSEHOLDS], seconds: [null, null], peakRssMb: [null, null] },
    bundles: {
      maxKb: bundles.length ? round(Math.max(...bundles.map((x) => x.kb)), 1) : null,
      maxInitMs: bundles.length ? round(Math.max(...bundles.map((x) => x.initMs)), 1) : null,
    },
    costPerMillionRecordsUsd: {
      standard: standard.perMillionRecordsUsd === null ? null : round(standard.perMillionRecordsUsd, 2),
      china: china.perMillionRecordsUsd === null ? null : round(china.perMillionRecordsUsd, 2),
      pricesReadOn: PRICES_READ_ON,
    },
  };
  console.log(JSON.stringify(result));
  if (bundleError || whatIfError) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(`\nThe bench could not run: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
// Nothing of the bench is left to wait for; a stray handle must not keep it from ending.
process.exit(process.exitCode ?? 0);
