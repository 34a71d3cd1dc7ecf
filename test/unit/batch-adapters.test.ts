import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { EventBridgePublisher } from '../../shared/adapters/eventbridge/event-publisher';
import { SqsWorkQueues } from '../../shared/adapters/sqs/work-queues';
import { DynamoHouseholdRegister } from '../../shared/adapters/dynamodb/household-register';
import { Table } from '../../shared/adapters/dynamodb/table';
import { PartialFailureError } from '../../shared/adapters/partial-retry';

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ source: 'lim.intake', detailType: 'RecordAccepted.v1', detail: { i } }));

describe('EventBridgePublisher', () => {
  const eb = mockClient(EventBridgeClient);
  beforeEach(() => eb.reset());

  it('sends ten entries a call to the platform bus', async () => {
    eb.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map(() => ({ EventId: 'e' })) }));
    await new EventBridgePublisher(new EventBridgeClient({}), 'lim-dev-platform').publish(events(23));
    const calls = eb.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries!.length).sort()).toEqual([10, 10, 3]);
    expect(calls[0]!.args[0].input.Entries![0]).toMatchObject({ EventBusName: 'lim-dev-platform', Source: 'lim.intake', DetailType: 'RecordAccepted.v1' });
  });

  it('retries only the entries that failed', async () => {
    eb.on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException' }, { EventId: 'c' }, { ErrorCode: 'InternalFailure' }],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }, { EventId: 'd' }] });
    await new EventBridgePublisher(new EventBridgeClient({}), 'bus').publish(events(4));
    const second = eb.commandCalls(PutEventsCommand)[1]!.args[0].input.Entries!;
    expect(second.map((e) => JSON.parse(e.Detail!).i)).toEqual([1, 3]);
  });

  it('reports entries still failing after the last attempt instead of dropping them', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] });
    await expect(new EventBridgePublisher(new EventBridgeClient({}), 'bus').publish(events(1))).rejects.toBeInstanceOf(PartialFailureError);
    expect(eb.commandCalls(PutEventsCommand)).toHaveLength(6);
  });
});

describe('SqsWorkQueues', () => {
  const sqs = mockClient(SQSClient);
  beforeEach(() => sqs.reset());
  const urls = { 'civil-affairs': 'https://sqs.cn-north-1.amazonaws.com.cn/1/ca', 'medical-insurance': 'https://sqs.cn-north-1.amazonaws.com.cn/1/mi' };

  it('sends each department its own messages in batches and retries failed entries', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: 'm0', Code: 'InternalError', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });
    await new SqsWorkQueues(new SQSClient({}), urls).send([
      { recipient: 'civil-affairs', messageId: 'W1:civil-affairs', body: { w: 1 } },
      { recipient: 'medical-insurance', messageId: 'W1:medical-insurance', body: { w: 1 } },
    ]);
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.filter((c) => c.QueueUrl === urls['civil-affairs']).length + calls.filter((c) => c.QueueUrl === urls['medical-insurance']).length).toBe(3);
  });

  it('refuses a recipient without a configured queue', async () => {
    await expect(new SqsWorkQueues(new SQSClient({}), urls).send([{ recipient: 'justice', messageId: 'x', body: {} }])).rejects.toThrow(
      /no work queue configured for justice/,
    );
  });
});

describe('DynamoDB batch operations', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  beforeEach(() => ddb.reset());
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

  it('retries the unprocessed items of BatchWriteItem, 25 a call, each item once', async () => {
    let first = true;
    ddb.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, { PutRequest: { Item: { SK: string } } }[]> }) => {
      const items = input.RequestItems.t!;
      if (first) {
        first = false;
        return { UnprocessedItems: { t: items.slice(0, 3) } };
      }
      return { UnprocessedItems: {} };
    });
    const items = Array.from({ length: 30 }, (_, n) => ({ PK: 'HH#H000001', SK: `FACT#${String(n).padStart(2, '0')}`, entity: 'Fact' }));
    await new Table(db, 't').batchWrite([...items, items[0]!]);
    const calls = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!.t!.map((r) => r.PutRequest!.Item!.SK as string));
    expect(calls.map((c) => c.length).sort((x, y) => y - x)).toEqual([25, 5, 3]); // a repeated key is written once; 3 retried
    expect(new Set(calls.flat()).size).toBe(30);
  });

  it('packs atomic groups into full transactions run side by side, and keeps groups on one item in order', async () => {
    let inFlight = 0;
    let most = 0;
    const written: string[][] = [];
    ddb.on(TransactWriteCommand).callsFake(async (input: { TransactItems: { Put: { Item: { PK: string; value: number } } }[] }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      written.push(input.TransactItems.map((t) => `${t.Put.Item.PK}=${t.Put.Item.value}`));
      inFlight -= 1;
      return {};
    });
    const put = (pk: string, value: number) => ({ Put: { Item: { PK: pk, SK: 'X', value } } });
    const groups = [
      ...Array.from({ length: 120 }, (_, i) => [put(`HH#A${i}`, i), put(`HH#B${i}`, i)]),
      [put('HH#A0', 1000)],
      [put('HH#C', 1), put('HH#A0', 1001)],
    ];
    const outcomes = await new Table(db, 't').transactGroups(groups);
    expect(outcomes.every((o) => o === 'done')).toBe(true);
    // 240 actions: three transactions in the first round, side by side; the two groups on HH#A0 after, in order.
    expect(
      written
        .slice(0, 3)
        .map((t) => t.length)
        .sort((x, y) => y - x),
    ).toEqual([100, 100, 40]);
    expect(most).toBe(3);
    expect(written.slice(3)).toEqual([['HH#A0=1000'], ['HH#C=1', 'HH#A0=1001']]);
  });

  it('retries unprocessed keys of BatchGetItem when matching people', async () => {
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [] }, UnprocessedKeys: { t: { Keys: [{ PK: 'PERSON#p_a', SK: 'MEMBERSHIP' }] } } })
      .resolvesOnce({ Responses: { t: [{ PK: 'PERSON#p_a', SK: 'MEMBERSHIP', entity: 'Membership', personRef: 'p_a', householdId: 'H000001' }] } })
      .resolves({
        Responses: {
          t: [
            {
              PK: 'HH#H000001',
              SK: '#PROFILE',
              entity: 'Household',
              householdId: 'H000001',
              district: '430104',
              category: 'DIBAO',
              recognisedOn: '2026-01-05',
              members: [{ personRef: 'p_a', maskedIdentityNumber: '430104***********X', relationship: 'head' }],
              programmes: ['dibao-allowance'],
              activeProgrammes: new Set(['dibao-allowance']),
              updatedAt: '2026-01-05T00:00:00.000Z',
            },
          ],
        },
      });
    const found = await new DynamoHouseholdRegister(new Table(db, 't')).membershipsOf(['p_a', 'p_b']);
    expect([...found.values()]).toEqual([
      { personRef: 'p_a', householdId: 'H000001', district: '430104', category: 'DIBAO', activeProgrammes: ['dibao-allowance'], household: { memberCount: 1 } },
    ]);
  });
});
