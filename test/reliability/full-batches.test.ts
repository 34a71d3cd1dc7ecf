import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../infra/local/platform';
import { recordsAcceptedV1 } from '../../events/records-accepted.v1';
import type { Department } from '../../shared/domain/departments';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import type { FunctionId } from '../../shared/platform/api';
import { deadLetterQueueName } from '../../shared/platform/queues';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { departmentsOf } from '../e2e/departments';
import { startTestPlatform } from '../local-platform';
import { householdIdOf, membersOf, personOf, personTypesOf, rollEntryOf } from './day';
import { printFigures } from './figures';
import { platformState } from './platform-state';

/**
 * Several departments send full 500-record batches at the same moment, on the local platform
 * (worker runtime, DynamoDB Local, local bus and SQS). Every record is evaluated once, every
 * warning is on each of its recipients' queues once, nothing reaches a failure queue, and the
 * outcome is that of the same batches sent one at a time on a second platform with the same
 * person key. Which of two concurrent records raises a warning and which adds its evidence may
 * differ between the runs; what each household ends up with may not.
 */
const HOUSEHOLDS = 300;
const DEPARTMENTS: Department[] = ['health', 'hr-social-security', 'medical-insurance', 'education', 'housing'];
const PER_BATCH = 500;
const TAG = 'FB';

function batchOf(department: Department, d: number) {
  const types = personTypesOf(department);
  return Array.from({ length: PER_BATCH }, (_, k) => {
    const n = d * 1_000 + k;
    const h = (n * 7) % HOUSEHOLDS;
    // One record in five is about someone outside the database.
    const i = k % 5 === 4 ? 100_000 + n : membersOf(h)[n % membersOf(h).length]!;
    return SAMPLE_RECORDS[types[k % types.length]!](personOf(i, i >= 100_000 ? undefined : DISTRICT_CODES[h % DISTRICT_CODES.length]!), 70_000 + n);
  });
}
const roll = Array.from({ length: HOUSEHOLDS }, (_, h) => rollEntryOf(h, TAG));
const batches = DEPARTMENTS.map((department, d) => ({ department, records: batchOf(department, d) }));

/** Which records each function's groups carried, and how many times a group completed. */
function watch(platform: LocalPlatform) {
  const completed = new Map<string, number>();
  const invoke = platform.lambdas.invoke.bind(platform.lambdas);
  platform.lambdas.invoke = async (id: FunctionId, event: unknown) => {
    const result = await invoke(id, event);
    const parsed = recordsAcceptedV1.safeParse((event as { detail?: unknown }).detail);
    if (parsed.success) for (const r of parsed.data.records) completed.set(`${id}|${r.recordId}`, (completed.get(`${id}|${r.recordId}`) ?? 0) + 1);
    return result;
  };
  return completed;
}

interface Outcome {
  submissionIds: Map<string, string>;
  completed: Map<string, number>;
  warnings: { warningId: string; householdId: string; indicator: string; recipients: string[]; evidence: string[] }[];
  chain: { householdId: string; kind: string; entryId: string; refs: Record<string, string> }[];
  queued: Map<string, string[]>;
  failures: number;
  failedDeliveries: number;
  seconds: number;
}

async function run(platform: LocalPlatform, together: boolean): Promise<Outcome> {
  const { as, closeAll } = departmentsOf(() => platform);
  const completed = watch(platform);
  try {
    expect((await as('civil-affairs').submit(`civil-affairs-roll-${TAG}-2026-11-30`, roll)).status).toBe(202);
    await platform.idle();
    const started = Date.now();
    const submissionIds = new Map<string, string>();
    const send = async (b: (typeof batches)[number]) => {
      const answer = await as(b.department).submit(`${b.department}-full-${TAG}-2026-11-30`, b.records);
      expect(answer.status, `${b.department}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(202);
      submissionIds.set(b.department, (answer.body as { submissionId: string }).submissionId);
      if (!together) await platform.idle();
    };
    if (together) await Promise.all(batches.map(send));
    else for (const b of batches) await send(b);
    await platform.idle();
    const seconds = (Date.now() - started) / 1000;

    const state = platformState(platform);
    const items = (await state.scan(state.table)).map((i) => unmarshall(i));
    const queued = await state.queued();
    state.close();
    const warnings = items
      .filter((i) => i.entity === 'Warning')
      .map((w) => ({
        warningId: w.warningId,
        householdId: w.householdId,
        indicator: w.indicator.id,
        recipients: w.recipients,
        evidence: (w.evidence as { recordId: string; subject?: string }[]).map((e) => `${e.recordId}|${e.subject ?? ''}`),
      }));
    const chain = items.filter((i) => i.entity === 'ChainEntry').map((e) => ({ householdId: e.householdId, kind: e.kind, entryId: e.entryId, refs: e.refs }));
    const failures =
      (await platform.sqs.peek(`${platform.prefix}-async-failures`)).length +
      (await Promise.all(Object.keys(platform.queueUrls).map((r) => platform.sqs.peek(deadLetterQueueName(platform.prefix, r as never))))).flat().length;
    return {
      submissionIds,
      completed,
      warnings,
      chain,
      queued,
      failures,
      failedDeliveries: platform.eventBridge.delivered.filter((d) => !d.ok).length,
      seconds,
    };
  } finally {
    closeAll();
  }
}

let keyDir: string;
let together: Outcome;
let oneByOne: Outcome;

beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'lim-full-batches-'));
  const personKeyFile = join(keyDir, 'person-key');
  writeFileSync(personKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  for (const [mode, keep] of [
    [true, (o: Outcome) => (together = o)],
    [false, (o: Outcome) => (oneByOne = o)],
  ] as const) {
    // Each run on tables of its own: the second starts as empty as the first.
    const platform = await startTestPlatform({ retryDelaysMs: [200, 400], personKeyFile });
    try {
      keep(await run(platform, mode));
    } finally {
      await platform.stop();
    }
  }
}, 600_000);
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

/** The warnings of a household by indicator, the complex cases (IND-14) left out: a warning of each, with its recipients. */
const byHouseholdAndIndicator = (o: Outcome) => {
  const out = new Map<string, { count: number; recipients: string }>();
  for (const w of o.warnings.filter((x) => x.indicator !== 'IND-14')) {
    const k = `${w.householdId}|${w.indicator}`;
    out.set(k, { count: (out.get(k)?.count ?? 0) + 1, recipients: [...w.recipients].sort().join(',') });
  }
  return Object.fromEntries([...out].sort(([a], [b]) => a.localeCompare(b)));
};
/** The chain lines that do not depend on which concurrent record raised a warning. */
const recordLines = (o: Outcome) =>
  o.chain
    .filter((e) => e.kind === 'department-record' || e.kind === 'roll-entry')
    .map((e) => `${e.householdId}|${e.kind}|${e.entryId}`)
    .sort();

describe(`${DEPARTMENTS.length} departments send ${PER_BATCH}-record batches at once`, () => {
  it('evaluates every record once, queues every warning once, and fails nothing', () => {
    const o = together;
    printFigures(`full batches: ${DEPARTMENTS.length} × ${PER_BATCH} records at once (one at a time for the reference)`, {
      'records sent': DEPARTMENTS.length * PER_BATCH,
      'warnings raised (reference)': `${o.warnings.length} (${oneByOne.warnings.length})`,
      'messages queued (reference)': `${[...o.queued.values()].flat().length} (${[...oneByOne.queued.values()].flat().length})`,
      'seconds to idle (reference)': `${o.seconds.toFixed(1)} (${oneByOne.seconds.toFixed(1)})`,
      'failed deliveries / failure-queue messages': `${o.failedDeliveries} / ${o.failures}`,
    });
    expect(o.failedDeliveries).toBe(0);
    expect(o.failures).toBe(0);
    // Every record was in exactly one group that warning-evaluation completed.
    for (const b of batches) {
      const submissionId = o.submissionIds.get(b.department)!;
      for (let i = 0; i < b.records.length; i += 1) expect(o.completed.get(`warning-evaluation|${submissionId}:${i}`), `${submissionId}:${i}`).toBe(1);
    }
    // Each warning on each recipient's queue once, and nothing else queued.
    const expected = o.warnings.flatMap((w) => w.recipients.map((r) => `${r}|${w.warningId}:${r}`)).sort();
    const got = [...o.queued].flatMap(([r, ids]) => ids.map((id) => `${r}|${id}`)).sort();
    expect(got).toEqual(expected);
    expect(o.warnings.length).toBeGreaterThan(300);
    // Each record about a member of the database is in its household's chain; records about others are not.
    const lines = new Set(recordLines(o));
    for (const [d, b] of batches.entries()) {
      const submissionId = o.submissionIds.get(b.department)!;
      b.records.forEach((_, k) => {
        const n = d * 1_000 + k;
        const member = k % 5 !== 4;
        expect(lines.has(`${householdIdOf((n * 7) % HOUSEHOLDS, TAG)}|department-record|${submissionId}:${k}`), `${submissionId}:${k}`).toBe(member);
      });
    }
  });

  it('ends as the same batches sent one at a time: the same chain lines, a warning of the same indicators for each household, the same complex cases', () => {
    expect(together.submissionIds).toEqual(oneByOne.submissionIds);
    expect(recordLines(together)).toEqual(recordLines(oneByOne));
    expect(byHouseholdAndIndicator(together)).toEqual(byHouseholdAndIndicator(oneByOne));
    for (const { count } of Object.values(byHouseholdAndIndicator(together))) expect(count).toBe(1);
    const complexHouseholds = (o: Outcome) => [...new Set(o.warnings.filter((w) => w.indicator === 'IND-14').map((w) => w.householdId))].sort();
    expect(complexHouseholds(together)).toEqual(complexHouseholds(oneByOne));
    // No piece of evidence twice in a warning, however the records met.
    const evidence = (o: Outcome) => o.warnings.filter((w) => w.indicator !== 'IND-14').flatMap((w) => w.evidence);
    expect(new Set(evidence(together)).size).toBe(evidence(together).length);
  });
});
