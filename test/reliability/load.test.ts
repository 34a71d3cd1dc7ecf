import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../shared/domain/departments';
import { DISTRICT_CODES } from '../../shared/domain/districts';
import { RECORD_TYPES, RECORD_TYPE_CODES } from '../../shared/records/catalogue';
import { SAMPLE_RECORDS } from '../fixtures/records';
import { onLocalPlatform } from '../e2e/departments';
import { householdIdOf, membersOf, personOf, personTypesOf, rollEntryOf } from './day';
import { latency, printFigures } from './figures';
import { platformState } from './platform-state';

/**
 * Every department posting at once for a bounded time on the local platform (SigV4 front,
 * DynamoDB Local, local bus and SQS, the handlers in process). No request may fail, and every
 * accepted record must have its effect: a line in its household's chain.
 */
const WINDOW_MS = 20_000;
const HOUSEHOLDS = 40;
const BATCH_SIZE = 20;

const { platform, as } = onLocalPlatform();

beforeAll(async () => {
  const roll = await as('civil-affairs').submit(
    'civil-affairs-load-roll',
    Array.from({ length: HOUSEHOLDS }, (_, h) => rollEntryOf(h, 'L')),
  );
  expect(roll.status).toBe(202);
  await platform.idle();
});

const DEPARTMENTS = [...new Set(RECORD_TYPE_CODES.map((t) => RECORD_TYPES[t].department as Department))].filter((d) => personTypesOf(d).length);

describe(`${DEPARTMENTS.length} departments posting concurrently for ${WINDOW_MS / 1000} s`, () => {
  it('answers every request, and every accepted record reaches its household’s chain', async () => {
    const times: number[] = [];
    const errors: string[] = [];
    /** Accepted record id (submission:index) → household it is about. */
    const accepted = new Map<string, string>();
    const started = performance.now();
    const until = started + WINDOW_MS;
    let n = 0;

    await Promise.all(
      DEPARTMENTS.map(async (department, d) => {
        const types = personTypesOf(department);
        for (let batch = 0; performance.now() < until; batch += 1) {
          const about: string[] = [];
          const records = Array.from({ length: BATCH_SIZE }, () => {
            n += 1;
            const h = (n * 7 + d) % HOUSEHOLDS;
            const members = membersOf(h);
            about.push(householdIdOf(h, 'L'));
            return SAMPLE_RECORDS[types[n % types.length]!](personOf(members[n % members.length]!, DISTRICT_CODES[h % DISTRICT_CODES.length]!), 10_000 + n);
          });
          const t0 = performance.now();
          const answer = await as(department).submit(`${department}-load-${batch}`, records);
          times.push(performance.now() - t0);
          if (answer.status !== 202) {
            errors.push(`${department} batch ${batch}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
            continue;
          }
          const { submissionId, accepted: count } = answer.body as { submissionId: string; accepted: number };
          for (let i = 0; i < count; i += 1) accepted.set(`${submissionId}:${i}`, about[i]!);
        }
      }),
    );
    const postSeconds = (performance.now() - started) / 1000;
    await platform.idle();
    const totalSeconds = (performance.now() - started) / 1000;

    // The effect of each record: its 'department-record' line (entry id = record id) in the chain.
    const state = platformState(platform);
    const chained = new Set<string>();
    for (const item of await state.scan(state.table)) {
      const sk = item.SK?.S ?? '';
      if (!sk.startsWith('CHAIN#')) continue;
      const atAndEntry = sk.slice('CHAIN#'.length); // `${at}#${entryId}`
      chained.add(`${item.PK?.S}|${atAndEntry.slice(atAndEntry.indexOf('#') + 1)}`);
    }
    state.close();
    const lost = [...accepted].filter(([id, h]) => !chained.has(`HH#${h}|${id}`));
    const failedDeliveries = platform.eventBridge.delivered.filter((x) => !x.ok);
    const l = latency(times);
    printFigures(`load: ${DEPARTMENTS.length} departments, ${WINDOW_MS / 1000} s window, ${BATCH_SIZE} records a request`, {
      requests: times.length,
      'errors (non-202)': errors.length,
      'records accepted': accepted.size,
      'records without their chain line': lost.length,
      'bus deliveries / failed': `${platform.eventBridge.delivered.length} / ${failedDeliveries.length}`,
      'intake throughput': `${Math.round(accepted.size / postSeconds)} records/s (${Math.round(times.length / postSeconds)} requests/s)`,
      'end-to-end throughput (posted and processed)': `${Math.round(accepted.size / totalSeconds)} records/s`,
      'drain after the window': `${(totalSeconds - postSeconds).toFixed(1)} s`,
      'request latency ms': `p50 ${l.p50}  p95 ${l.p95}  p99 ${l.p99}  max ${l.max}`,
    });

    expect(errors).toEqual([]);
    expect(accepted.size).toBeGreaterThan(100);
    expect(failedDeliveries).toEqual([]);
    expect(lost.slice(0, 5)).toEqual([]);
  }, 240_000);
});
