import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformClient, WorkQueue, type WorkItemV1 } from '../../client/index';
import { DepartmentClient } from '../../infra/local/department-client';
import { WORK_QUEUE_SETTINGS } from '../../shared/platform/queues';

/**
 * The work queue read as SQS wants it read (client/work-queue.ts): long polls, a message deleted
 * once handled, every other left to its visibility timeout, and never a ChangeMessageVisibility
 * to 0 (each release is a receive, and five receives move a message to the dead-letter queue).
 */
const QUEUE = 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/lim-prod-civil-affairs-work';
const sample = JSON.parse(readFileSync(new URL('../../events/samples/WarningWorkItem.v1.json', import.meta.url), 'utf8')) as WorkItemV1;

const itemFor = (warningId: string, householdId = sample.warning.householdId): WorkItemV1 => ({
  ...sample,
  warning: { ...sample.warning, warningId, householdId },
  answer: { method: 'POST', path: `/departments/civil-affairs/warnings/${warningId}/outcome` },
});
let seq = 0;
const message = (body: unknown, receiveCount = 1): Message => {
  seq += 1;
  return {
    MessageId: `m-${seq}`,
    ReceiptHandle: `rh-${seq}`,
    Body: typeof body === 'string' ? body : JSON.stringify(body),
    Attributes: { ApproximateReceiveCount: String(receiveCount) },
  };
};

const sqsMock = mockClient(SQSClient);
afterEach(() => sqsMock.reset());

function queueReturning(...batches: Message[][]) {
  const receive = sqsMock.on(ReceiveMessageCommand);
  for (const batch of batches) receive.resolvesOnce({ Messages: batch });
  receive.resolves({ Messages: [] });
  sqsMock
    .on(DeleteMessageBatchCommand)
    .callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
  return new WorkQueue(new SQSClient({ region: 'cn-north-1' }), QUEUE);
}

const deletedHandles = () => sqsMock.commandCalls(DeleteMessageBatchCommand).flatMap((c) => c.args[0].input.Entries?.map((e) => e.ReceiptHandle) ?? []);

describe('the work queue (client/work-queue.ts)', () => {
  it('long-polls ten at a time, hands each work item over parsed, and deletes the handled ones in one batch', async () => {
    const first = [message(itemFor('W1')), message(itemFor('W2')), message(itemFor('W3'))];
    const queue = queueReturning(first);
    const handled: string[] = [];
    const summary = await queue.follow(
      (item) => {
        handled.push(item.warning.warningId);
      },
      { once: true },
    );

    expect(handled).toEqual(['W1', 'W2', 'W3']);
    expect(summary).toEqual({ handled: 3, duplicates: 0, left: 0, failed: 0, unreadable: 0 });
    const receives = sqsMock.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input);
    expect(receives).toHaveLength(2); // the batch, then the empty poll that ends --once
    for (const r of receives) expect(r).toMatchObject({ QueueUrl: QUEUE, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 });
    expect(receives[0]!.WaitTimeSeconds).toBe(WORK_QUEUE_SETTINGS.receiveWaitSeconds);
    // No VisibilityTimeout of its own: the queue's (300 s) gives a handler its time.
    expect(receives[0]!.VisibilityTimeout).toBeUndefined();
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(1);
    expect(deletedHandles()).toEqual(first.map((m) => m.ReceiptHandle));
  });

  it('leaves a message its handler failed on, or left, to its visibility timeout: not deleted, never made visible at once', async () => {
    const [ok, failing, left] = [message(itemFor('W1')), message(itemFor('W2')), message(itemFor('W3'))];
    const queue = queueReturning([ok!, failing!, left!]);
    const errors: string[] = [];
    const summary = await queue.follow(
      (item) => {
        if (item.warning.warningId === 'W2') throw new Error('case system down');
        if (item.warning.warningId === 'W3') return 'leave';
        return undefined;
      },
      { once: true, onError: (e, m) => errors.push(`${m.item.warning.warningId}: ${(e as Error).message}`) },
    );
    expect(summary).toEqual({ handled: 1, duplicates: 0, left: 1, failed: 1, unreadable: 0 });
    expect(errors).toEqual(['W2: case system down']);
    expect(deletedHandles()).toEqual([ok!.ReceiptHandle]);
    expect(sqsMock.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
  });

  it('handles a warning once when it comes twice (de-duplicate on warningId), deleting both copies', async () => {
    const a = message(itemFor('W1'));
    const b = message(itemFor('W1'), 2);
    const queue = queueReturning([a], [b]);
    let calls = 0;
    const summary = await queue.follow(
      () => {
        calls += 1;
      },
      { once: true },
    );
    expect(calls).toBe(1);
    expect(summary).toMatchObject({ handled: 1, duplicates: 1 });
    expect(deletedHandles()).toEqual([a.ReceiptHandle, b.ReceiptHandle]);
  });

  it('leaves a message that is no work item on the queue, where its receives take it to the dead-letter queue', async () => {
    const garbled = message('{"messageType":"WarningWorkItem.v1"', 4);
    const foreign = message({ messageType: 'SomethingElse.v1' });
    const queue = queueReturning([garbled, foreign]);
    const unreadable: string[] = [];
    const summary = await queue.follow(
      () => {
        throw new Error('never called');
      },
      { once: true, onUnreadable: (m) => unreadable.push(`${m.messageId}@${m.receiveCount}`) },
    );
    expect(summary).toMatchObject({ handled: 0, unreadable: 2 });
    expect(unreadable).toEqual([`${garbled.MessageId}@4`, `${foreign.MessageId}@1`]);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
    expect(sqsMock.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
  });

  it('reports the entries SQS did not delete (they come back and are handled again)', async () => {
    const [a, b] = [message(itemFor('W1')), message(itemFor('W2'))];
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [a!, b!] })
      .resolves({ Messages: [] });
    sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [{ Id: '0' }], Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', SenderFault: true }] });
    const failed: string[] = [];
    await new WorkQueue(new SQSClient({ region: 'cn-north-1' }), QUEUE).follow(() => undefined, {
      once: true,
      onDeleteFailed: (f) => failed.push(...f.map((x) => `${x.messageId}:${x.code}`)),
    });
    expect(failed).toEqual([`${b!.MessageId}:ReceiptHandleIsInvalid`]);
  });

  it('turns SQS’s refusals and a queue it cannot reach into the client’s own errors', async () => {
    const queue = new WorkQueue(new SQSClient({ region: 'cn-north-1', maxAttempts: 1 }), QUEUE);
    sqsMock
      .on(ReceiveMessageCommand)
      .rejectsOnce(Object.assign(new Error('Access to the resource is denied.'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }))
      .rejectsOnce(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4512'), { code: 'ECONNREFUSED' }));
    await expect(queue.receive()).rejects.toMatchObject({
      name: 'PlatformError',
      status: 403,
      code: 'AccessDenied',
      message: expect.stringMatching(/^工作队列 .* 拒绝了请求（AccessDenied）.*\/ the work queue .* refused the request/),
    });
    await expect(queue.receive()).rejects.toMatchObject({
      name: 'PlatformUnreachableError',
      message: expect.stringMatching(/^无法连接工作队列 .*ECONNREFUSED/),
    });
  });

  it('keeps following until stopped when not --once', async () => {
    const stop = new AbortController();
    const queue = queueReturning([message(itemFor('W1'))], [], [], [message(itemFor('W2'))]);
    const seen: string[] = [];
    await queue.follow(
      (item) => {
        seen.push(item.warning.warningId);
        if (seen.length === 2) stop.abort();
      },
      { signal: stop.signal },
    );
    expect(seen).toEqual(['W1', 'W2']);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(4);
  });

  it('reads the queue the client was given, with its own credentials, in the queue’s region', async () => {
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [] });
    const client = new PlatformClient({
      department: 'civil-affairs',
      endpoint: 'https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod',
      region: 'cn-north-1',
      credentials: { accessKeyId: 'AKIDCIVILAFFAIRS01', secretAccessKey: 'x' },
      queueUrl: QUEUE,
    });
    await client.workQueue.receive({ waitTimeSeconds: 1 });
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]!.args[0].input.QueueUrl).toBe(QUEUE);
    client.close();
    const noQueue = new PlatformClient({
      department: 'civil-affairs',
      endpoint: 'https://x.execute-api.cn-north-1.amazonaws.com.cn/prod',
      region: 'cn-north-1',
      credentials: { accessKeyId: 'A', secretAccessKey: 'x' },
    });
    expect(() => noQueue.workQueue).toThrow(/--queue-url.*\/ give civil-affairs's work queue URL/);
  });
});

describe('the tests’ DepartmentClient (infra/local/department-client.ts), on the library', () => {
  it('waits for one warning, keeps the others it read for later calls, and never releases one at visibility 0', async () => {
    const mine = message(itemFor('W-MINE', '430104-2025-000317'));
    const other = message(itemFor('W-OTHER', '430102-2026-000131'));
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [other, mine] })
      .resolves({ Messages: [] });
    sqsMock
      .on(DeleteMessageBatchCommand)
      .callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
    const client = new DepartmentClient('civil-affairs', {
      url: 'http://127.0.0.1:1',
      region: 'cn-north-1',
      sqsEndpoint: 'http://127.0.0.1:2',
      queueUrl: QUEUE,
      credential: { accessKeyId: 'A', secretAccessKey: 'x' },
    });

    const first = await client.nextWorkItem((i) => i.warning.householdId === '430104-2025-000317', 2_000);
    expect(first?.warning.warningId).toBe('W-MINE');
    const later = await client.nextWorkItem((i) => i.warning.householdId === '430102-2026-000131', 2_000);
    expect(later?.warning.warningId).toBe('W-OTHER');
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
    expect(deletedHandles()).toEqual([mine.ReceiptHandle, other.ReceiptHandle]);
    expect(sqsMock.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
    expect(sqsMock.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    client.close();
  });
});
