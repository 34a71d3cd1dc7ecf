import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOfRecords, type Batch } from './day';
import { latency, printFigures } from './figures';
import { Pipeline, type FaultPlan } from './pipeline';
import { snapshotOf, type Snapshot } from './snapshot';

/**
 * A realistic day through the use cases on the in-memory ports, once without faults and then
 * with every port (submission store, household register, warning store, person facts, emergency
 * cases, disclosure, the event publisher, the work queues) failing some calls: throttled before
 * the write, throttled after it (the answer lost), or a batch only partly written. The
 * department resends a failed batch, EventBridge redelivers a failed event, the idempotency layer
 * skips completed work. After the retries the outcome must be that of the fault-free run.
 */
const BATCHES: Batch[] = dayOfRecords({ households: 60, perType: 10 });
const RECORDS = BATCHES.reduce((n, b) => n + b.records.length, 0);

async function run(faults?: FaultPlan) {
  const p = new Pipeline(faults ? { faults } : {});
  const times: number[] = [];
  const t0 = performance.now();
  for (const b of BATCHES) {
    const s = performance.now();
    // Departments send in parts of 100 records, as the 500-record limit asks.
    for (let i = 0; i < b.records.length; i += 100) await p.submit(b.department, `${b.batchId}-${i / 100}`, b.records.slice(i, i + 100));
    await p.drain();
    times.push(performance.now() - s);
  }
  return { p, snapshot: snapshotOf(p), seconds: (performance.now() - t0) / 1000, times };
}

let baseline: Awaited<ReturnType<typeof run>>;
const faulty = new Map<string, Awaited<ReturnType<typeof run>>>();

const PLANS: [string, FaultPlan][] = [
  ['every port, 10 % of calls', { rate: 0.1, seed: 11 }],
  ['every port, 25 % of calls', { rate: 0.25, seed: 12 }],
  ['stores only, 30 %', { rate: 0.3, seed: 13, ports: ['submissions', 'register', 'warnings', 'facts', 'cases', 'disclosure'] }],
  ['publisher and queues only, 40 %', { rate: 0.4, seed: 14, ports: ['events', 'queues'] }],
];

beforeAll(async () => {
  baseline = await run();
  for (const [name, plan] of PLANS) faulty.set(name, await run(plan));
});

/**
 * Indicator 14 (complex case) is evaluated only for warnings the current attempt raised, so a
 * redelivery after a failure loses it (see the known-bug test below); the other properties are
 * checked without its warnings, which are compared on their own there.
 */
const COMPLEX_CASE = 'IND-14';
function complexCaseIds(...snapshots: Snapshot[]) {
  return new Set(
    snapshots.flatMap((s) =>
      Object.entries(s.warnings)
        .filter(([, w]) => w.indicator === COMPLEX_CASE)
        .map(([id]) => id),
    ),
  );
}
function without(s: Snapshot, ids: Set<string>) {
  const mentions = (text: string) => [...ids].some((id) => text.includes(id));
  return {
    ...s,
    warnings: Object.fromEntries(Object.entries(s.warnings).filter(([id]) => !ids.has(id))),
    chain: s.chain.filter((k) => !mentions(k)),
    messages: s.messages.filter((m) => !mentions(m)),
  };
}

function sameOutcome(got: Snapshot, want: Snapshot) {
  expect(got.accepted).toEqual(want.accepted);
  expect(got.households).toEqual(want.households);
  expect(got.warnings).toEqual(want.warnings);
  expect(got.chain).toEqual(want.chain);
  expect(got.messages).toEqual(want.messages);
  expect(got.facts).toEqual(want.facts);
  expect(got.cases).toEqual(want.cases);
}

describe('a day of records with failing ports, retried as the platform retries', () => {
  it('the fault-free run raises warnings and pushes them (the reference)', () => {
    const s = baseline.snapshot;
    printFigures('fault-free reference run (in memory)', {
      batches: BATCHES.length,
      'records accepted': s.accepted.length,
      'warnings raised': `${Object.keys(s.warnings).length} (${complexCaseIds(s).size} of them ${COMPLEX_CASE})`,
      'queue messages (warning × recipient)': s.messages.length,
      'chain entries': s.chain.length,
      throughput: `${Math.round(RECORDS / baseline.seconds)} records/s`,
      'deliveries not run here': [...baseline.p.unhandledDeliveries].map(([k, n]) => `${k} ${n}`).join(', ') || 'none',
    });
    expect(s.accepted).toHaveLength(RECORDS);
    expect(Object.keys(s.warnings).length).toBeGreaterThan(20);
    expect(s.messageRawDuplicates).toBe(0);
    // Every accepted record reached a handler in its group, and each handler's work completed exactly once.
    const handled = new Set([...baseline.p.recordRuns.keys()].map((k) => k.split('#')[1]));
    for (const id of s.accepted) expect(handled.has(id), id).toBe(true);
    for (const [key, n] of baseline.p.runs) expect(n, key).toBe(1);
    for (const [key, n] of baseline.p.recordRuns) expect(n, key).toBe(1);
  });

  it.each(PLANS.map(([name]) => name))('%s: every record processed once, no warning lost or doubled, same queue messages', (name) => {
    const f = faulty.get(name)!;
    const s = f.snapshot;
    const injected = [...f.p.faults.injected.values()].reduce((a, b) => a + b, 0);
    const byKind = new Map<string, number>();
    for (const [k, n] of f.p.faults.injected) byKind.set(k.split(' ')[1]!, (byKind.get(k.split(' ')[1]!) ?? 0) + n);
    const ids = complexCaseIds(s, baseline.snapshot);
    const got = without(s, ids);
    const want = without(baseline.snapshot, ids);
    const l = latency(f.times);
    const complexWant = Object.values(baseline.snapshot.warnings).filter((w) => w.indicator === COMPLEX_CASE);
    const complexGot = Object.values(s.warnings).filter((w) => w.indicator === COMPLEX_CASE);
    printFigures(`faults: ${name}`, {
      'faults injected': `${injected} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`,
      'submit attempts / batches': `${f.p.stats.submitAttempts} / ${BATCHES.reduce((n, b) => n + Math.ceil(b.records.length / 100), 0)}`,
      'deliveries / failed attempts / skipped (idempotent)': `${f.p.stats.deliveries} / ${f.p.stats.failedAttempts} / ${f.p.stats.skippedByIdempotency}`,
      'records accepted (reference)': `${s.accepted.length} (${baseline.snapshot.accepted.length})`,
      'warnings other than IND-14 (reference)': `${Object.keys(got.warnings).length} (${Object.keys(want.warnings).length})`,
      'IND-14 raised / pushed (reference)': `${complexGot.length} / ${complexGot.filter((w) => w.pushedTo.length).length} (${complexWant.length} / ${complexWant.filter((w) => w.pushedTo.length).length})`,
      'distinct queue messages (reference)': `${s.messages.length} (${baseline.snapshot.messages.length})`,
      'raw duplicate queue messages (same warning+recipient)': s.messageRawDuplicates,
      'raw duplicate chain writes (same key, one item in DynamoDB)': s.chainRawDuplicates,
      'gave up': f.p.stats.gaveUp.length,
      throughput: `${Math.round(RECORDS / f.seconds)} records/s`,
      'batch+drain ms': `p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}`,
    });
    // Grouped work makes few port calls (a group is a handful); enough of them still fail.
    expect(injected).toBeGreaterThan(20);
    expect(f.p.stats.gaveUp).toEqual([]);
    // Exactly once: the work of each accepted record (and of each warning's routing) completed once.
    const runs = [...f.p.runs.keys()].filter((k) => !ids.has(k.split('#')[1]!)).sort();
    expect(runs).toEqual([...baseline.p.runs.keys()].filter((k) => !ids.has(k.split('#')[1]!)).sort());
    for (const [key, n] of f.p.runs) expect(n, key).toBe(1);
    expect([...f.p.recordRuns.keys()].sort()).toEqual([...baseline.p.recordRuns.keys()].sort());
    for (const [key, n] of f.p.recordRuns) expect(n, key).toBe(1);
    // No warning lost or doubled, no evidence doubled, same chains and pushes as without faults.
    for (const w of Object.values(s.warnings)) expect(new Set(w.evidence).size).toBe(w.evidence.length);
    sameOutcome(got, want);
    // Every re-sent message is the same message: consumers can drop it by its messageId.
    const bodies = new Map<string, string>();
    for (const m of f.p.queues.sent) {
      const body = JSON.stringify({ ...(m.body as Record<string, unknown>), pushedAt: undefined });
      expect(bodies.get(m.messageId) ?? body).toBe(body);
      bodies.set(m.messageId, body);
    }
  });

  // Indicator 14 is evaluated for every household a record raised a warning for, newly or in an
  // attempt that failed after storing it, so a redelivery cannot skip the complex case.
  it('IND-14 (complex case) comes out as without faults', () => {
    for (const [, f] of faulty)
      expect(Object.fromEntries(Object.entries(f.snapshot.warnings).filter(([, w]) => w.indicator === COMPLEX_CASE))).toEqual(
        Object.fromEntries(Object.entries(baseline.snapshot.warnings).filter(([, w]) => w.indicator === COMPLEX_CASE)),
      );
  });

  // At-least-once by design (functions/department-routing/use-case.ts sends before it records the
  // push; SQS standard queues deliver at least once anyway): a retry after a send that got through
  // re-sends the same message with the same messageId, which consumers drop. What must hold is
  // that no message is missing and no message differs from its first sending.
  it('re-sends only identical messages, and no message is missing', () => {
    for (const [, f] of faulty) {
      const ids = new Set(f.p.queues.sent.map((m) => m.messageId));
      expect(ids.size).toBe(new Set(baseline.p.queues.sent.map((m) => m.messageId)).size);
    }
  });
});
