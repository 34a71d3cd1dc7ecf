import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountingProxyServer } from '../../infra/local/counting-proxy';

/**
 * The bench's counting proxy: what the functions send reaches the service unchanged (body,
 * signature, Host), the answer comes back unchanged, and the work in it is counted.
 */
let upstream: Server;
let upstreamUrl = '';
const seen: { headers: IncomingHttpHeaders; body: string; url: string }[] = [];
let answers: Record<string, unknown> = {};
const proxy = new CountingProxyServer();

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), url: req.url ?? '' });
      const target = String(req.headers['x-amz-target'] ?? '');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-crc32': '12345' });
      res.end(JSON.stringify(answers[target.slice(target.lastIndexOf('.') + 1)] ?? {}));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await proxy.stop();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

function post(
  endpoint: string,
  target: string,
  body: unknown,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string; sentHeaders: Record<string, string> }> {
  const payload = JSON.stringify(body);
  const url = new URL(endpoint);
  const sentHeaders = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': target,
    'x-amz-date': '20261201T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=local/20261201/cn-north-1/sqs/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=abc123',
    'content-length': String(Buffer.byteLength(payload)),
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: sentHeaders }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), sentHeaders }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('counting proxy', () => {
  it('forwards a request and its answer unchanged and counts the messages that were accepted', async () => {
    const endpoint = await proxy.route('sqs', upstreamUrl);
    answers = { SendMessageBatch: { Successful: [{ Id: 'm0' }], Failed: [{ Id: 'm1', Code: 'InternalError', SenderFault: false }] } };
    const body = {
      QueueUrl: 'http://sqs.cn-north-1.localhost:4512/000000000000/lim-local-health-work',
      Entries: [
        { Id: 'm0', MessageBody: '{"warning":"W1"}', MessageAttributes: { messageId: { DataType: 'String', StringValue: 'W1:health' } } },
        { Id: 'm1', MessageBody: '{"warning":"W2"}' },
      ],
    };
    const answer = await post(endpoint, 'AmazonSQS.SendMessageBatch', body);

    const got = seen.at(-1)!;
    expect(got.body).toBe(JSON.stringify(body));
    for (const name of ['host', 'authorization', 'x-amz-date', 'x-amz-target', 'content-type', 'content-length'])
      expect(got.headers[name], name).toBe(answer.sentHeaders[name]);
    expect(answer.status).toBe(200);
    expect(answer.headers['x-amz-crc32']).toBe('12345');
    expect(JSON.parse(answer.body)).toEqual(answers.SendMessageBatch);

    const counts = proxy.snapshot();
    expect(counts.sqs).toMatchObject({
      calls: 1,
      messagesSent: 1,
      failedEntries: 1,
      billedRequests: 1,
      operations: { SendMessageBatch: { calls: 1, errors: 0 } },
    });
    const { sent } = proxy.ledgerSince({ sent: 0, published: 0, calls: 0 });
    expect(sent).toEqual([expect.objectContaining({ queueUrl: body.QueueUrl, body: '{"warning":"W1"}', attributes: { messageId: 'W1:health' } })]);
  });

  it('counts DynamoDB items written, keys read and request units; reset starts from zero', async () => {
    proxy.reset();
    const endpoint = await proxy.route('dynamodb', upstreamUrl);
    const item = (i: number) => ({ PK: { S: `HH#${i}` }, SK: { S: 'PROFILE' }, note: { S: 'x'.repeat(1500) } });
    answers = { BatchWriteItem: { UnprocessedItems: {} }, BatchGetItem: { Responses: { households: [item(1)] }, UnprocessedKeys: {} } };
    await post(endpoint, 'DynamoDB_20120810.BatchWriteItem', { RequestItems: { households: [1, 2, 3].map((i) => ({ PutRequest: { Item: item(i) } })) } });
    await post(endpoint, 'DynamoDB_20120810.TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'households', Item: { PK: { S: 'W#1' }, SK: { S: 'W' } } } },
        { ConditionCheck: { TableName: 'households', Key: { PK: { S: 'HH#1' }, SK: { S: 'PROFILE' } }, ConditionExpression: 'attribute_exists(PK)' } },
      ],
    });
    await post(endpoint, 'DynamoDB_20120810.BatchGetItem', {
      RequestItems: { households: { Keys: [1, 2].map((i) => ({ PK: { S: `HH#${i}` }, SK: { S: 'PROFILE' } })), ConsistentRead: true } },
    });

    const d = proxy.snapshot().dynamodb;
    expect(d.calls).toBe(3);
    expect(d.itemsWritten).toBe(4);
    expect(d.itemsWrittenByTable).toEqual({ households: 4 });
    expect(d.transactionalItemsWritten).toBe(1);
    expect(d.conditionChecks).toBe(1);
    // Three 1.5 KB items (2 units each), a small put and a condition check in a transaction (2 each).
    expect(d.writeRequestUnits).toBe(3 * 2 + 2 + 2);
    expect(d.keysRead).toBe(2);
    expect(d.itemsReturned).toBe(1);
    expect(d.readRequestUnits).toBe(2); // one item found, one key not found, strongly consistent
    expect(proxy.snapshot().sqs.calls).toBe(0);
  });

  it('answers 502 when the service cannot be reached, and counts the call as an error', async () => {
    proxy.reset();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const endpoint = await proxy.route('events', deadUrl);
    const answer = await post(endpoint, 'AWSEvents.PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] });
    expect(answer.status).toBe(502);
    expect(proxy.snapshot().events).toMatchObject({ calls: 1, errors: 1, entries: 0 });
  });

  it('forwards to this machine only', async () => {
    await expect(proxy.route('sqs', 'http://sqs.example.invalid:4512')).rejects.toThrow(/this machine only/);
  });
});
