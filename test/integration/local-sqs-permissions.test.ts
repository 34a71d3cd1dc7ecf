import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../infra/local/sigv4';
import type { WarningRecipient } from '../../shared/domain/departments';
import type { FunctionId } from '../../shared/platform/api';
import { WORK_QUEUE_RECIPIENTS } from '../../shared/platform/queues';
import { onLocalPlatform } from '../e2e/departments';

/**
 * The local SQS grants what the CDK stacks grant: a department reads its own work queue and no
 * other queue, sends to none; a function does what its declared needs allow; every request is
 * signed with a key the platform made (SigV4, service sqs), and nothing is served unsigned.
 */
const { platform } = onLocalPlatform();
const clients: SQSClient[] = [];
afterAll(() => {
  for (const c of clients) c.destroy();
});

type Key = { accessKeyId: string; secretAccessKey: string };
const sqsAs = (credentials: Key) => {
  const client = new SQSClient({ region: platform.region, endpoint: platform.endpoints.sqs, credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
};
const asDepartment = (r: WarningRecipient) => sqsAs(platform.credentials[r]);
/** A function's key, from the environment its execution environments get. */
const asFunction = (id: FunctionId) => {
  const env = platform.environment(id);
  return sqsAs({ accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! });
};
const receive = (client: SQSClient, url: string) =>
  client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 30 }));

/** The error a call failed with, as the SDK reports it (code and HTTP status). */
async function refusal(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call was allowed');
}
const DENIED = { name: 'AccessDenied', status: 403 };

describe.each(WORK_QUEUE_RECIPIENTS)('%s on the local SQS', (recipient) => {
  const own = () => platform.queueUrls[recipient];
  const others = () => WORK_QUEUE_RECIPIENTS.filter((r) => r !== recipient);

  it('receives, hides again, and deletes messages on its own work queue, and reads its attributes', async () => {
    const body = JSON.stringify({ for: recipient, nonce: randomBytes(6).toString('hex') });
    await asFunction('department-routing').send(new SendMessageCommand({ QueueUrl: own(), MessageBody: body }));
    const department = asDepartment(recipient);
    const { Messages = [] } = await receive(department, own());
    const mine = Messages.find((m) => m.Body === body);
    expect(mine).toBeDefined();
    await department.send(new ChangeMessageVisibilityCommand({ QueueUrl: own(), ReceiptHandle: mine!.ReceiptHandle!, VisibilityTimeout: 0 }));
    const again = (await receive(department, own())).Messages?.find((m) => m.Body === body);
    expect(again).toBeDefined();
    await department.send(new DeleteMessageCommand({ QueueUrl: own(), ReceiptHandle: again!.ReceiptHandle! }));
    expect((await platform.sqs.peek(own().split('/').pop()!)).map((m) => m.Body)).not.toContain(body);
    const { Attributes } = await department.send(new GetQueueAttributesCommand({ QueueUrl: own(), AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(Attributes?.ApproximateNumberOfMessages).toBeDefined();
  });

  it("is refused every other recipient's work queue: receive, delete, attributes", async () => {
    const department = asDepartment(recipient);
    for (const other of others()) {
      const url = platform.queueUrls[other];
      const denied = await refusal(receive(department, url));
      expect(denied, other).toMatchObject(DENIED);
      expect(denied.message).toContain(`sqs:receivemessage on resource: arn:aws-cn:sqs:${platform.region}:000000000000:${url.split('/').pop()}`);
      expect(await refusal(department.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'any' }))), other).toMatchObject(DENIED);
      expect(
        await refusal(department.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: '0', ReceiptHandle: 'any' }] }))),
        other,
      ).toMatchObject(DENIED);
      expect(await refusal(department.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))), other).toMatchObject(DENIED);
    }
  });

  it('is refused its own dead-letter queue, the failure queue, and listing queues', async () => {
    const department = asDepartment(recipient);
    expect(await refusal(receive(department, platform.deadLetterQueueUrls[recipient]))).toMatchObject(DENIED);
    expect(await refusal(receive(department, platform.failureQueueUrl))).toMatchObject(DENIED);
    expect(await refusal(department.send(new ListQueuesCommand({})))).toMatchObject(DENIED);
  });

  it('may send to no queue, its own included', async () => {
    const department = asDepartment(recipient);
    for (const r of WORK_QUEUE_RECIPIENTS) {
      expect(await refusal(department.send(new SendMessageCommand({ QueueUrl: platform.queueUrls[r], MessageBody: 'forged' }))), r).toMatchObject(DENIED);
      expect(
        await refusal(department.send(new SendMessageBatchCommand({ QueueUrl: platform.queueUrls[r], Entries: [{ Id: '0', MessageBody: 'forged' }] }))),
        r,
      ).toMatchObject(DENIED);
    }
  });

  it('refuses a made-up key, a wrong secret and an unsigned request for its queue', async () => {
    const madeUp = sqsAs({ accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64url') });
    expect(await refusal(receive(madeUp, own()))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    const wrongSecret = sqsAs({ accessKeyId: platform.credentials[recipient].accessKeyId, secretAccessKey: randomBytes(30).toString('base64url') });
    expect(await refusal(receive(wrongSecret, own()))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });

    const unsigned = await fetch(`${platform.endpoints.sqs}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: JSON.stringify({ QueueUrl: own(), WaitTimeSeconds: 0 }),
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-query-error')).toBe('MissingAuthenticationToken;Sender');
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('com.amazonaws.sqs#MissingAuthenticationToken');
  });

  it("does not list the queue's messages through fauxqs's inspection route, signed or not", async () => {
    const body = `inspect-${recipient}-${randomBytes(6).toString('hex')}`;
    await asFunction('department-routing').send(new SendMessageCommand({ QueueUrl: own(), MessageBody: body }));
    const path = `/_fauxqs/queues/${own().split('/').pop()}`;
    const unsigned = await fetch(`${platform.endpoints.sqs}${path}`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).not.toContain(body);
    const url = `${platform.endpoints.sqs}${path}`;
    const signed = await fetch(url, { headers: await signRequest({ method: 'GET', url }, platform.credentials[recipient], platform.region, 'sqs') });
    expect(signed.status).toBe(400);
    expect(await signed.text()).not.toContain(body);
    // The message is still there for the department to receive.
    expect((await platform.sqs.peek(own().split('/').pop()!)).map((m) => m.Body)).toContain(body);
  });
});

describe('function and operator keys on the local SQS', () => {
  it('department-routing may send to every work queue and may not read one', async () => {
    const routing = asFunction('department-routing');
    for (const r of WORK_QUEUE_RECIPIENTS) {
      const { MessageId } = await routing.send(new SendMessageCommand({ QueueUrl: platform.queueUrls[r], MessageBody: `routed-${r}` }));
      expect(MessageId, r).toBeTruthy();
    }
    expect(await refusal(receive(routing, platform.queueUrls['civil-affairs']))).toMatchObject(DENIED);
  });

  it('a function that does not declare sendToWorkQueues may not send to one; an asynchronous target may write the failure queue', async () => {
    const statistics = asFunction('statistics');
    expect(await refusal(statistics.send(new SendMessageCommand({ QueueUrl: platform.queueUrls['civil-affairs'], MessageBody: 'x' })))).toMatchObject(DENIED);
    const { MessageId } = await statistics.send(
      new SendMessageCommand({ QueueUrl: platform.failureQueueUrl, MessageBody: JSON.stringify({ target: 'statistics', error: 'test' }) }),
    );
    expect(MessageId).toBeTruthy();
    // Only asynchronously invoked functions have an on-failure destination.
    expect(await refusal(asFunction('household-query').send(new SendMessageCommand({ QueueUrl: platform.failureQueueUrl, MessageBody: 'x' })))).toMatchObject(
      DENIED,
    );
  });

  it('the operator may read the failure queue and the DLQs, not a work queue', async () => {
    const operator = sqsAs(platform.operatorCredential);
    const { Attributes } = await operator.send(
      new GetQueueAttributesCommand({ QueueUrl: platform.failureQueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(Attributes?.ApproximateNumberOfMessages).toBeDefined();
    await receive(operator, platform.deadLetterQueueUrls['civil-affairs']);
    expect(await refusal(receive(operator, platform.queueUrls['civil-affairs']))).toMatchObject(DENIED);
    expect(await refusal(operator.send(new SendMessageCommand({ QueueUrl: platform.failureQueueUrl, MessageBody: 'x' })))).toMatchObject(DENIED);
  });
});
