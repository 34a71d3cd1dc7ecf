import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../../infra/local/eventbridge';
import { onLocalPlatform } from '../e2e/departments';
import { dayOfRecords } from './day';
import { printFigures } from './figures';
import { diffItems, platformState } from './platform-state';

/**
 * A realistic day from every department on the local platform, then every event of that day
 * replayed from the bus archive (event-archive.jsonl): once while the idempotency records are
 * there, and once after they have expired (a replay more than 25 hours later). Neither may raise
 * a warning, change a chain or any other item, or queue a message.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'lim-replay-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true })); // after the platform's stop (after hooks run last-registered first)
const { platform, as } = onLocalPlatform({ dataDir });
const DAY = dayOfRecords({ households: 30, perType: 3, tag: 'P' });

function archived(): BusEvent[] {
  return readFileSync(join(dataDir, 'event-archive.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BusEvent);
}

async function replay(events: readonly BusEvent[]) {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 10) {
    const out = platform.eventBridge.putEvents(
      events.slice(i, i + 10).map((e) => ({
        EventBusName: `${platform.prefix}-platform`,
        Source: e.source,
        DetailType: e['detail-type'],
        Detail: JSON.stringify(e.detail),
        Time: e.time,
        Resources: e.resources,
      })),
    );
    expect(out.FailedEntryCount).toBe(0);
    if (i % 100 === 0) await platform.idle();
  }
  await platform.idle();
  return (performance.now() - t0) / 1000;
}

describe('replaying a day of events changes nothing', () => {
  let state: ReturnType<typeof platformState>;
  let items: Map<string, string>;
  let queued: Map<string, string[]>;
  let day: BusEvent[];

  beforeAll(async () => {
    state = platformState(platform);
    const t0 = performance.now();
    for (const b of DAY) {
      const answer = await as(b.department).submit(b.batchId, b.records);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(202);
      if (b.department === 'civil-affairs') await platform.idle();
    }
    await platform.idle();
    const seconds = (performance.now() - t0) / 1000;
    items = await state.items();
    queued = await state.queued();
    day = archived();
    const byType = new Map<string, number>();
    for (const e of day) byType.set(e['detail-type'], (byType.get(e['detail-type']) ?? 0) + 1);
    printFigures('replay: the day', {
      batches: DAY.length,
      records: DAY.reduce((n, b) => n + b.records.length, 0),
      'events archived': `${day.length} (${[...byType].map(([k, n]) => `${k} ${n}`).join(', ')})`,
      'table items': items.size,
      warnings: [...items.keys()].filter((k) => k.startsWith('WARNING#')).length,
      'chain entries': [...items.keys()].filter((k) => k.includes('|CHAIN#')).length,
      'queued messages': [...queued.values()].reduce((n, q) => n + q.length, 0),
      'failed deliveries': platform.eventBridge.delivered.filter((d) => !d.ok).length,
      'day posted and processed in': `${seconds.toFixed(1)} s`,
    });
  }, 240_000);
  afterAll(() => state?.close());

  it('the day raised warnings and queued them, with no failed delivery', () => {
    expect([...items.keys()].filter((k) => k.startsWith('WARNING#')).length).toBeGreaterThan(10);
    expect([...queued.values()].reduce((n, q) => n + q.length, 0)).toBeGreaterThan(10);
    expect(platform.eventBridge.delivered.filter((d) => !d.ok)).toEqual([]);
  });

  it.each([
    ['with the idempotency records in place', false],
    ['after the idempotency records expired (replay a day later)', true],
  ])(
    'replay %s: no new warning, no changed chain, no new queue message',
    async (_, expire) => {
      const expired = expire ? await state.expireIdempotency() : 0;
      const deliveredBefore = platform.eventBridge.delivered.length;
      const seconds = await replay(day);
      const after = await state.items();
      const queuedAfter = await state.queued();
      const diff = diffItems(items, after);
      const failed = platform.eventBridge.delivered.slice(deliveredBefore).filter((d) => !d.ok);
      printFigures(`replay ${expire ? 'after idempotency expiry' : 'within the idempotency window'}`, {
        'events replayed': day.length,
        'idempotency records expired first': expired,
        'deliveries / failed': `${platform.eventBridge.delivered.length - deliveredBefore} / ${failed.length}`,
        'items added / removed / changed': `${diff.added.length} / ${diff.removed.length} / ${diff.changed.length}`,
        'new warnings': diff.added.filter((k) => k.startsWith('WARNING#')).length,
        'chain entries added': diff.added.filter((k) => k.includes('|CHAIN#')).length,
        'queued messages before → after': `${[...queued.values()].reduce((n, q) => n + q.length, 0)} → ${[...queuedAfter.values()].reduce((n, q) => n + q.length, 0)}`,
        throughput: `${Math.round(day.length / seconds)} events/s`,
        examples: [...diff.added.slice(0, 2), ...diff.changed.slice(0, 2)].join(', ') || '-',
      });
      expect(failed).toEqual([]);
      expect(diff.added).toEqual([]);
      expect(diff.removed).toEqual([]);
      expect(diff.changed.map((k) => [k, items.get(k), after.get(k)])).toEqual([]);
      expect(queuedAfter).toEqual(queued);
    },
    240_000,
  );
});
