import { performance } from 'node:perf_hooks';
import { BatchWriteItemCommand, DeleteTableCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { createTables } from '../infra/local/dynamodb-local';

/**
 * The ceiling the platform is compared with: plain BatchWriteItem on the same DynamoDB Local,
 * into a scratch table, 25 items a call, `inFlight` calls at a time, unprocessed items sent
 * again. Items are padded to `itemBytes`, the mean size of what the platform wrote in the run.
 */
export async function rawBatchWritePerSecond(
  endpoint: string,
  region: string,
  opts: { items: number; itemBytes: number; inFlight: number; table: string },
): Promise<number> {
  const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTables(endpoint, [
    {
      TableName: opts.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    },
  ]);
  try {
    const pad = 'x'.repeat(Math.max(0, Math.round(opts.itemBytes) - 60));
    const calls: WriteRequest[][] = [];
    for (let i = 0; i < opts.items; i += 25) {
      calls.push(
        Array.from({ length: Math.min(25, opts.items - i) }, (_, k) => ({
          PutRequest: {
            Item: {
              PK: { S: `SCRATCH#${(i + k) % 500}` },
              SK: { S: `ITEM#${String(i + k).padStart(8, '0')}` },
              acceptedAt: { S: new Date().toISOString() },
              body: { S: pad },
            },
          },
        })),
      );
    }
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        let pending: WriteRequest[] = calls[next++]!;
        while (pending.length) {
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [opts.table]: pending } }));
          pending = out.UnprocessedItems?.[opts.table] ?? [];
        }
      }
    };
    await Promise.all(Array.from({ length: opts.inFlight }, worker));
    return opts.items / ((performance.now() - started) / 1000);
  } finally {
    await client.send(new DeleteTableCommand({ TableName: opts.table })).catch(() => undefined);
    client.destroy();
  }
}
