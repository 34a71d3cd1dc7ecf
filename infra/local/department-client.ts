import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { workItemV1, type WorkItemV1 } from '../../events/work-item.v1';
import type { WarningRecipient } from '../../shared/domain/departments';
import { signRequest } from './sigv4';

export interface DepartmentConnection {
  url: string;
  region: string;
  sqsEndpoint: string;
  queueUrl: string;
  credential: { accessKeyId: string; secretAccessKey: string };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * What a department's own system does: SigV4-signed calls to the platform's API, and reading
 * its work queue through the SQS API. Used by `npm run demo` and the end-to-end tests.
 */
export class DepartmentClient {
  private readonly sqs: SQSClient;

  constructor(
    readonly department: WarningRecipient,
    private readonly connection: DepartmentConnection,
  ) {
    this.sqs = new SQSClient({ region: connection.region, endpoint: connection.sqsEndpoint, credentials: connection.credential });
  }

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const url = `${this.connection.url}${path}`;
    const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const headers = await signRequest(
      { method, url, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...extraHeaders }, body: payload },
      this.connection.credential,
      this.connection.region,
    );
    const res = await fetch(url, { method, headers, ...(payload ? { body: payload } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  submit(batchId: string, records: unknown[]) {
    return this.call('POST', `/departments/${this.department}/submissions`, { batchId, records });
  }

  answer(warningId: string, outcome: unknown) {
    return this.call('POST', `/departments/${this.department}/warnings/${encodeURIComponent(warningId)}/outcome`, outcome);
  }

  chain(householdId: string) {
    return this.call('GET', `/households/${encodeURIComponent(householdId)}/chain`);
  }

  /**
   * Long-polls the department's queue until a work item matching `accept` arrives (or the time
   * runs out); the matching message is deleted, others are left for their own handling.
   */
  async nextWorkItem(accept: (item: WorkItemV1) => boolean, timeoutMs = 30_000): Promise<WorkItemV1 | undefined> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.connection.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }),
      );
      for (const message of Messages) {
        const item = workItemV1.parse(JSON.parse(message.Body ?? '{}'));
        if (!accept(item)) {
          // Not ours to handle here: make it visible again at once for whoever handles it.
          await this.sqs.send(
            new ChangeMessageVisibilityCommand({ QueueUrl: this.connection.queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }),
          );
          continue;
        }
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.connection.queueUrl, ReceiptHandle: message.ReceiptHandle }));
        return item;
      }
    }
    return undefined;
  }

  close() {
    this.sqs.destroy();
  }
}
