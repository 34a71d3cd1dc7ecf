import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createTables } from '../infra/local/dynamodb-local';
import { startLocalPlatform, type LocalPlatform, type LocalPlatformOptions } from '../infra/local/platform';

/**
 * What test files share: one DynamoDB Local per test worker (test/global-setup.ts starts it the
 * first time a file of the worker asks). A file gets its own tables on it, under a prefix no
 * other file uses, and drops them when it is done; everything else of a local platform (SQS,
 * the bus, the functions, the HTTP front) lives in the file's own process. A test file takes its
 * platform from `onLocalPlatform` (test/e2e/departments.ts); `startTestPlatform` is for the few
 * whose hooks that does not fit.
 */
let mine: Promise<{ endpoint: string; pid: number }> | undefined;
export function workerDynamoDb(): Promise<{ endpoint: string; pid: number }> {
  mine ??= (async () => {
    const worker = process.env.VITEST_POOL_ID ?? '1';
    const answer = await fetch(`${inject('dynamodbBroker')}/?worker=${worker}`);
    if (!answer.ok) throw new Error(`no DynamoDB Local for test worker ${worker}: ${await answer.text()}`);
    return (await answer.json()) as { endpoint: string; pid: number };
  })();
  return mine;
}

/**
 * A name prefix no other file of the run uses: its tables (and queues, bus, roles) are its own.
 * Letters only, like a stage name (tests match role names as `[a-z-]+-<department>`).
 */
export function freshPrefix(): string {
  return `lim-test-${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
}

async function dropTables(endpoint: string, names: readonly string[]): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const TableName of names)
      await client.send(new DeleteTableCommand({ TableName })).catch((e: unknown) => (e instanceof ResourceNotFoundException ? undefined : Promise.reject(e)));
  } finally {
    client.destroy();
  }
}

/**
 * A local platform on the worker's DynamoDB Local, with tables of its own: empty when it starts,
 * dropped by `stop()`. Options as startLocalPlatform's (a `dataDir` still keeps the bus archive,
 * the queue journal and the keys; the tables live in the shared DynamoDB Local's memory).
 */
export async function startTestPlatform(options: Omit<LocalPlatformOptions, 'dynamodb' | 'prefix'> = {}): Promise<LocalPlatform> {
  const dynamodb = await workerDynamoDb();
  const platform = await startLocalPlatform({ retryDelaysMs: [50, 100], ...options, prefix: freshPrefix(), dynamodb });
  const stop = platform.stop;
  platform.stop = async () => {
    await stop();
    await dropTables(dynamodb.endpoint, Object.values(platform.tables));
  };
  return platform;
}

/** Tables of the file's own on the worker's DynamoDB Local, named `<fresh prefix>-<name>`; `drop()` removes them. */
export async function freshTables<K extends string>(definitions: Record<K, (tableName: string) => CreateTableCommandInput>) {
  const { endpoint } = await workerDynamoDb();
  const prefix = freshPrefix();
  const names = Object.fromEntries(Object.keys(definitions).map((k) => [k, `${prefix}-${k}`])) as Record<K, string>;
  await createTables(
    endpoint,
    (Object.keys(definitions) as K[]).map((k) => definitions[k](names[k])),
  );
  return { endpoint, names, drop: () => dropTables(endpoint, Object.values(names)) };
}
