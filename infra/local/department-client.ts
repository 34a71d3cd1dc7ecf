import { PlatformClient, type WorkItemV1, type WorkMessage } from '../../client/index';
import type { WarningRecipient } from '../../shared/domain/departments';

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
  /** The answer's headers, names in lower case (content-language says which language a refusal puts first). */
  headers?: Record<string, string>;
}

/**
 * The tests' view of a department, over the departments' client library (client/): raw signed
 * calls whose every status the tests look at, and a reader of the work queue that waits for one
 * particular warning. Department systems use client/ itself (`npm run demo` shows how).
 *
 * Waiting for one warning reads others on the way. Those are kept here, not released: making a
 * message visible again at once counts a receive each time it comes back, and enough of them move
 * it to the dead-letter queue though nobody failed to handle it. A later call looks among the kept
 * ones first; SQS hands them out again only after their visibility timeout.
 */
export class DepartmentClient {
  private readonly client: PlatformClient;
  private readonly kept = new Map<string, WorkMessage>();

  constructor(
    readonly department: WarningRecipient,
    connection: DepartmentConnection,
  ) {
    this.client = new PlatformClient({
      department,
      endpoint: connection.url,
      region: connection.region,
      credentials: connection.credential,
      queueUrl: connection.queueUrl,
      sqsEndpoint: connection.sqsEndpoint,
    });
  }

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const { status, body: answer, headers } = await this.client.request<T>(method, path, body, extraHeaders);
    return { status, body: answer, headers: Object.fromEntries(headers) };
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

  /** Waits (long polling) for a work item matching `accept`; it is deleted, the others read meanwhile are kept for later calls. */
  async nextWorkItem(accept: (item: WorkItemV1) => boolean, timeoutMs = 30_000): Promise<WorkItemV1 | undefined> {
    const queue = this.client.workQueue;
    const take = async (message: WorkMessage) => {
      this.kept.delete(message.messageId);
      await queue.delete([message]);
      return message.item;
    };
    const until = Date.now() + timeoutMs;
    for (;;) {
      const match = [...this.kept.values()].find((m) => accept(m.item));
      if (match) return take(match);
      const left = until - Date.now();
      if (left <= 0) return undefined;
      const { items } = await queue.receive({ waitTimeSeconds: Math.max(1, Math.min(20, Math.ceil(left / 1000))) });
      // A message handed out again (after its visibility timeout) replaces its older copy and receipt.
      for (const m of items) this.kept.set(m.messageId, m);
    }
  }

  close() {
    this.client.close();
  }
}
