import { BatchWriteItemCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { LocalPlatform } from '../../infra/local/platform';
import { WARNING_RECIPIENTS } from '../../shared/domain/departments';
import { workQueueName } from '../../shared/platform/queues';

/** Reads (and for tests, clears) the local platform's state: table items and queued messages. */
export function platformState(platform: LocalPlatform) {
  const client = new DynamoDBClient({
    region: platform.region,
    endpoint: platform.endpoints.dynamodb,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = `${platform.prefix}-households`;
  const idempotencyTable = `${platform.prefix}-idempotency`;

  async function scan(tableName: string): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** Every item of the table by its key (attribute order normalised). */
  async function items(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const item of await scan(table)) {
      const key = `${item.PK?.S}|${item.SK?.S}`;
      out.set(key, JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))));
    }
    return out;
  }

  /** Messages waiting on each department's work queue (their messageId attributes). */
  async function queued(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const r of WARNING_RECIPIENTS) {
      const messages = await platform.sqs.peek(workQueueName(platform.prefix, r));
      out.set(r, messages.map((m) => (m.MessageAttributes as Record<string, { StringValue?: string }> | undefined)?.messageId?.StringValue ?? m.Body).sort());
    }
    return out;
  }

  /** Deletes every idempotency record, as their expiry (25 hours) would. */
  async function expireIdempotency(): Promise<number> {
    const all = await scan(idempotencyTable);
    for (let i = 0; i < all.length; i += 25) {
      const batch = all.slice(i, i + 25);
      let request: Record<string, { DeleteRequest: { Key: Record<string, AttributeValue> } }[]> | undefined = {
        [idempotencyTable]: batch.map((item) => ({ DeleteRequest: { Key: { id: item.id! } } })),
      };
      while (request && Object.keys(request).length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
        request = out.UnprocessedItems as typeof request;
      }
    }
    return all.length;
  }

  return { items, queued, expireIdempotency, scan, table, idempotencyTable, close: () => client.destroy() };
}

export function diffItems(before: Map<string, string>, after: Map<string, string>) {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}
