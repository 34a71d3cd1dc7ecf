import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunk, mapLimit, withPartialRetry } from '../partial-retry';

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/** BatchWriteItem, 25 items a call, four calls in flight, unprocessed items retried. */
export async function batchPut(db: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[]): Promise<void> {
  const requests: WriteRequest[] = items.map((Item) => ({ PutRequest: { Item } }));
  await mapLimit(chunk(requests, 25), 4, (batch) =>
    withPartialRetry('BatchWriteItem', batch, async (pending) => {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }));
      return { failed: (out.UnprocessedItems?.[tableName] ?? []) as WriteRequest[], reasons: ['unprocessed items'] };
    }),
  );
}
