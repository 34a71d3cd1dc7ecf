import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { DepartmentClient } from '../../infra/local/department-client';
import { CONNECTION_FILE } from '../../infra/local/platform';
import { workItemV1 } from '../../events/work-item.v1';
import type { WarningRecipient } from '../../shared/domain/departments';
import { householdIdOf, membersOf, personOf, rollEntryOf } from './day';
import { printFigures } from './figures';
import { alive } from '../processes';

/**
 * `npm start` killed with SIGKILL in the middle of a batch, restarted on the same data folder:
 * every record evaluated once, every warning on its queue once, nothing in the failure queue;
 * then messages received and deleted stay deleted through a second crash and a clean restart.
 */
interface Connection {
  url: string;
  region: string;
  credentials: Record<WarningRecipient, { accessKeyId: string; secretAccessKey: string }>;
  operatorCredential: { accessKeyId: string; secretAccessKey: string };
  queueUrls: Record<WarningRecipient, string>;
  failureQueueUrl: string;
  endpoints: { sqs: string };
  pids: { platform: number; dynamodb: number };
}

// Its own `npm start`, DynamoDB Local and data folder, not the worker's shared one (test/local-platform.ts):
// the crash kills them and the restart must find the data on disk.
const HOUSEHOLDS = 300;
const dir = mkdtempSync(join(tmpdir(), 'lim-crash-'));
let child: ChildProcess | undefined;
let connection: Connection | undefined;
const log: string[] = [];

async function start(): Promise<Connection> {
  rmSync(join(dir, CONNECTION_FILE), { force: true });
  const env = {
    ...process.env,
    LIM_DATA_DIR: dir,
    LIM_API_PORT: '0',
    LIM_EVENTS_PORT: '0',
    LIM_SQS_PORT: '0',
    LIM_DYNAMODB_PORT: '0',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => log.push(b.toString()));
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  const until = Date.now() + 90_000;
  while (!existsSync(join(dir, CONNECTION_FILE))) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`the platform did not start:\n${log.join('').slice(-2000)}`);
    await sleep(100);
  }
  await sleep(200); // the file is written whole before the resume; let that begin
  connection = JSON.parse(readFileSync(join(dir, CONNECTION_FILE), 'utf8')) as Connection;
  return connection;
}

/** SIGKILL: no handler runs, nothing is flushed; DynamoDB Local's JVM follows its parent out. */
async function crash(c: Connection) {
  child!.kill('SIGKILL');
  const until = Date.now() + 30_000;
  while ((alive(c.pids.platform) || alive(c.pids.dynamodb)) && Date.now() < until) await sleep(50);
}

async function cleanStop(c: Connection) {
  child!.kill('SIGTERM');
  const until = Date.now() + 30_000;
  while ((alive(c.pids.platform) || alive(c.pids.dynamodb)) && Date.now() < until) await sleep(50);
}

const client = (c: Connection, d: WarningRecipient) =>
  new DepartmentClient(d, { url: c.url, region: c.region, sqsEndpoint: c.endpoints.sqs, queueUrl: c.queueUrls[d], credential: c.credentials[d] });
// Civil affairs reads its own queue; only the operator may look into the failure queue.
const sqsOf = (c: Connection, credentials = c.credentials['civil-affairs']) => new SQSClient({ region: c.region, endpoint: c.endpoints.sqs, credentials });

async function depth(c: Connection, url: string): Promise<number> {
  const sqs = sqsOf(c, url === c.failureQueueUrl ? c.operatorCredential : undefined);
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  } finally {
    sqs.destroy();
  }
}

/**
 * Waits until the queue holds `n` messages and stays so for a while: on a loaded machine the
 * deliveries resumed after a crash keep landing for some seconds (1.5 s of quiet was too short).
 */
const STEADY_MS = 5_000;
async function settleAt(c: Connection, url: string, n: number, timeoutMs = 90_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  let steadySince = Date.now();
  while (Date.now() < until) {
    const d = await depth(c, url);
    if (d !== last) [last, steadySince] = [d, Date.now()];
    if (d >= n && Date.now() - steadySince > STEADY_MS) return d;
    await sleep(100);
  }
  return last;
}

/** Every message on the civil-affairs queue (received, then made visible again by the timeout). */
async function civilAffairsItems(c: Connection, remove = 0): Promise<{ householdId: string; indicator: string; warningId: string }[]> {
  const sqs = sqsOf(c);
  const items: { householdId: string; indicator: string; warningId: string }[] = [];
  let removed = 0;
  try {
    for (let empty = 0; empty < 3; ) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: c.queueUrls['civil-affairs'], MaxNumberOfMessages: 10, VisibilityTimeout: 2, WaitTimeSeconds: 0 }),
      );
      if (!Messages.length) {
        empty += 1;
        continue;
      }
      const toDelete = Messages.slice(0, Math.max(0, Math.min(Messages.length, remove - removed)));
      for (const m of Messages) {
        const item = workItemV1.parse(JSON.parse(m.Body!));
        if (!toDelete.includes(m))
          items.push({ householdId: item.warning.householdId, indicator: item.warning.indicator.id, warningId: item.warning.warningId });
      }
      if (toDelete.length) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: c.queueUrls['civil-affairs'],
            Entries: toDelete.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        removed += toDelete.length;
      }
    }
  } finally {
    sqs.destroy();
  }
  await sleep(2_200); // the rest become visible again
  return items;
}

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (connection) {
    const until = Date.now() + 20_000;
    while (alive(connection.pids.dynamodb) && Date.now() < until) await sleep(50);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the local platform after kill -9 (crash safety)', () => {
  it('loses nothing when killed mid-batch, sends again only pushes in flight, and keeps deletions through a second crash', async () => {
    let c = await start();
    const roll = Array.from({ length: HOUSEHOLDS }, (_, h) => rollEntryOf(h, 'K'));
    expect((await client(c, 'civil-affairs').submit('civil-affairs-roll-crash-0001', roll)).status).toBe(202);
    // The roll is in (its last household answers) before the deaths come.
    const last = householdIdOf(HOUSEHOLDS - 1, 'K');
    for (let until = Date.now() + 60_000; Date.now() < until; await sleep(200)) if ((await client(c, 'civil-affairs').chain(last)).status === 200) break;

    const deaths = Array.from({ length: HOUSEHOLDS }, (_, h) => {
      const person = personOf(membersOf(h)[0]!, rollEntryOf(h, 'K').district);
      return {
        type: 'death-record',
        recordId: `WJ-SW-K-${h}`,
        ...person,
        dateOfDeath: '2026-11-20',
        certificateNumber: `SWK${String(h).padStart(6, '0')}`,
        district: rollEntryOf(h, 'K').district,
      };
    });
    const health = client(c, 'health');
    expect((await health.submit('health-deaths-crash-0001', deaths)).status).toBe(202);
    // Killed as soon as the first warnings reach civil affairs' queue, while the rest are on their way.
    let seenAtCrash = 0;
    for (let until = Date.now() + 30_000; Date.now() < until && seenAtCrash === 0; ) seenAtCrash = await depth(c, c.queueUrls['civil-affairs']);
    await crash(c);

    c = await start();
    const onQueue = await settleAt(c, c.queueUrls['civil-affairs'], HOUSEHOLDS);
    const items = (await civilAffairsItems(c)).filter((i) => i.indicator === 'IND-01');
    // Every household's warning is there. A push the crash caught between SendMessageBatch and
    // recording it is sent again on resume (standard queues keep no dedupe: the work item says
    // "de-duplicate on warningId"), so a copy is the same warning, never a second one.
    const idsPerHousehold = new Map<string, Set<string>>();
    for (const i of items) idsPerHousehold.set(i.householdId, (idsPerHousehold.get(i.householdId) ?? new Set()).add(i.warningId));
    expect([...idsPerHousehold.keys()].sort()).toEqual(Array.from({ length: HOUSEHOLDS }, (_, h) => householdIdOf(h, 'K')).sort());
    expect([...idsPerHousehold.values()].every((ids) => ids.size === 1)).toBe(true);
    const copies = items.length - idsPerHousehold.size;
    // Only the routing groups in flight at the crash (at most one per routing environment), not the batch.
    expect(copies).toBeLessThan(HOUSEHOLDS / 2);
    expect(await depth(c, c.failureQueueUrl)).toBe(0);
    // Sent again after the crash (its answer was lost, say): replayed, nothing new.
    const again = await client(c, 'health').submit('health-deaths-crash-0001', deaths);
    expect([again.status, (again.body as { replayed?: boolean }).replayed]).toEqual([200, true]);

    // Civil affairs handles 50, then the platform dies again: those 50 stay handled.
    // What the queue holds when it dies is measured then (a resumed push that landed late is
    // counted there); a deleted message that came back would show as 50 more after the restart.
    await civilAffairsItems(c, 50);
    const beforeSecond = await settleAt(c, c.queueUrls['civil-affairs'], onQueue - 50, 30_000);
    expect(beforeSecond).toBeGreaterThanOrEqual(onQueue - 50);
    await crash(c);
    c = await start();
    const afterSecond = await settleAt(c, c.queueUrls['civil-affairs'], beforeSecond, 30_000);
    expect(afterSecond).toBe(beforeSecond);
    // And a clean stop and start keep exactly that.
    await cleanStop(c);
    c = await start();
    expect(await settleAt(c, c.queueUrls['civil-affairs'], beforeSecond, 30_000)).toBe(beforeSecond);
    await cleanStop(c);

    printFigures('crash safety (kill -9 mid-batch, npm start on one data folder)', {
      'households, deaths': `${HOUSEHOLDS}, ${HOUSEHOLDS}`,
      'warnings on civil affairs’ queue when killed': seenAtCrash,
      'after restart': `${onQueue} messages, ${items.length} IND-01 for ${HOUSEHOLDS} households (${items.length - HOUSEHOLDS} copies of pushes in flight at the crash)`,
      resumed:
        log
          .join('')
          .match(/resumed after an unclean stop: [^\n]*/g)
          ?.join('; ') ?? 'nothing to resume',
      'after 50 handled and a second crash': afterSecond,
    });
  }, 400_000);
});
