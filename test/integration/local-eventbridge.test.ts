import { afterEach, describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../shared/adapters/eventbridge/event-publisher';
import { LocalEventBridge, type BusEvent } from '../../infra/local/eventbridge';
import { PLATFORM_RULES, type RuleTarget } from '../../events/rules';

/** The local bus through the real SDK: PutEvents in, rule dispatch, retries, failure destination. */
let bus: LocalEventBridge | undefined;
afterEach(async () => {
  await bus?.stop();
  bus = undefined;
});

async function startBus(invoke: (target: RuleTarget, event: BusEvent) => Promise<unknown>) {
  const failures: { target: RuleTarget; event: BusEvent; error: Error }[] = [];
  bus = new LocalEventBridge({
    busName: 'lim-test-platform',
    region: 'cn-north-1',
    rules: PLATFORM_RULES,
    invoke,
    onFailure: async (target, event, error) => {
      failures.push({ target, event, error });
    },
    retryDelaysMs: [10, 10],
  });
  const endpoint = await bus.start();
  const client = new EventBridgeClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  return { client, failures };
}

const recordAccepted = (recordType: string) => ({
  source: 'lim.intake',
  detailType: 'RecordsAccepted.v1',
  detail: { recordType, recordId: `S1:${recordType}` },
});

describe('local EventBridge stand-in', () => {
  it('delivers each event to the targets of the matching rules', async () => {
    const calls: [RuleTarget, string][] = [];
    const { client } = await startBus(async (target, event) => calls.push([target, String(event.detail.recordType ?? event['detail-type'])]));
    await new EventBridgePublisher(client, 'lim-test-platform').publish([
      recordAccepted('low-income-roll-entry'),
      recordAccepted('death-record'),
      { source: 'lim.register', detailType: 'HouseholdsRolled.v1', detail: { recordType: 'low-income-roll-entry', recordId: 'S1:low-income-roll-entry' } },
      { source: 'lim.warnings', detailType: 'WarningsRaised.v1', detail: { warningId: 'W1' } },
      { source: 'lim.feedback', detailType: 'WarningResolved.v1', detail: { warningId: 'W1' } },
      { source: 'lim.feedback', detailType: 'AssistanceEnded.v1', detail: { exitReason: 'died' } },
    ]);
    await bus!.idle();
    expect(calls.map((c) => c.join(' ')).sort()).toEqual(
      [
        'department-routing WarningsRaised.v1',
        'register-update low-income-roll-entry',
        'statistics WarningsRaised.v1',
        'statistics WarningResolved.v1',
        'warning-evaluation death-record',
        'warning-evaluation low-income-roll-entry',
      ].sort(),
    );
    client.destroy();
  });

  it('retries a failing target twice, then sends the event to the failure destination', async () => {
    let attempts = 0;
    const { client, failures } = await startBus(async () => {
      attempts += 1;
      throw new Error('DynamoDB throttled');
    });
    await new EventBridgePublisher(client, 'lim-test-platform').publish([recordAccepted('death-record')]);
    await bus!.idle();
    expect(attempts).toBe(3);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ target: 'warning-evaluation', error: { message: 'DynamoDB throttled' } });
    client.destroy();
  });

  it('reports entries for an unknown bus or without detail as failed, and rejects more than ten', async () => {
    const { client } = await startBus(async () => undefined);
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'someone-else', Source: 'lim.intake', DetailType: 'RecordsAccepted.v1', Detail: '{}' },
          { EventBusName: 'lim-test-platform', Source: 'lim.intake', DetailType: 'RecordsAccepted.v1', Detail: 'not json' },
          { EventBusName: 'lim-test-platform', Source: 'lim.intake', DetailType: 'RecordsAccepted.v1', Detail: '{"recordType":"death-record"}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.map((e) => Boolean(e.EventId))).toEqual([false, false, true]);
    const eleven = Array.from({ length: 11 }, () => ({ EventBusName: 'lim-test-platform', Source: 's', DetailType: 'd', Detail: '{}' }));
    await expect(client.send(new PutEventsCommand({ Entries: eleven }))).rejects.toThrow(/1 to 10/);
    client.destroy();
  });

  it('counts a call\u2019s size as EventBridge does (the entries’ bytes, not the escaped request body)', async () => {
    const { client } = await startBus(async () => undefined);
    // Quote-heavy details: 2 × 120 KB of entries is within 256 KB, though the escaped body is not.
    const detail = (kb: number) => `{"recordType":"death-record","p":[${Array.from({ length: Math.floor((kb * 1024 - 40) / 4) }, () => '"a"').join(',')}]}`;
    const entry = (kb: number) => ({ EventBusName: 'lim-test-platform', Source: 'lim.intake', DetailType: 'RecordsAccepted.v1', Detail: detail(kb) });
    expect((await client.send(new PutEventsCommand({ Entries: [entry(120), entry(120)] }))).FailedEntryCount).toBe(0);
    await expect(client.send(new PutEventsCommand({ Entries: [entry(130), entry(130)] }))).rejects.toThrow(/exceeds 256 KB/);
    client.destroy();
  });
});

describe('local EventBridge replay (StartReplay over the archive)', () => {
  it('delivers a time window of archived events again, with their ids and a replay name, without archiving them twice', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { StartReplayCommand, DescribeReplayCommand } = await import('@aws-sdk/client-eventbridge');
    const dir = mkdtempSync(join(tmpdir(), 'lim-replay-'));
    const archiveFile = join(dir, 'archive.jsonl');
    const seen: BusEvent[] = [];
    bus = new LocalEventBridge({
      busName: 'lim-test-platform',
      region: 'cn-north-1',
      rules: PLATFORM_RULES,
      invoke: async (_t, e) => seen.push(e),
      onFailure: async () => undefined,
      archiveFile,
    });
    const endpoint = await bus.start();
    const client = new EventBridgeClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await new EventBridgePublisher(client, 'lim-test-platform').publish([recordAccepted('death-record'), recordAccepted('medical-spending')]);
    await bus.idle();
    const first = seen.splice(0);
    const archived = readFileSync(archiveFile, 'utf8').trim().split('\n');
    expect(archived).toHaveLength(2);

    const window = { EventStartTime: new Date(Date.now() - 60_000), EventEndTime: new Date(Date.now() + 60_000) };
    await client.send(
      new StartReplayCommand({
        ReplayName: 'day-1',
        EventSourceArn: 'arn:aws:events:cn-north-1:000000000000:archive/local',
        Destination: { Arn: 'arn:aws:events:cn-north-1:000000000000:event-bus/lim-test-platform' },
        ...window,
      }),
    );
    await bus.idle();
    expect((await client.send(new DescribeReplayCommand({ ReplayName: 'day-1' }))).State).toBe('COMPLETED');
    expect(seen.map((e) => e.id).sort()).toEqual(first.map((e) => e.id).sort());
    expect(seen.every((e) => e['replay-name'] === 'day-1')).toBe(true);
    expect(readFileSync(archiveFile, 'utf8').trim().split('\n')).toHaveLength(2);

    // A window before the events replays nothing.
    await client.send(
      new StartReplayCommand({
        ReplayName: 'empty',
        EventSourceArn: 'x',
        Destination: { Arn: 'y' },
        EventStartTime: new Date(Date.now() - 7_200_000),
        EventEndTime: new Date(Date.now() - 3_600_000),
      }),
    );
    await bus.idle();
    expect(seen).toHaveLength(first.length);
    client.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
});
