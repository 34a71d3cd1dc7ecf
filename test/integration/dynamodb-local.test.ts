import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { JAVA_MISSING_MESSAGE, createTables, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { alive } from '../processes';

const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const table = {
  TableName: 'households',
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' as const }],
};
const get = async (db: DynamoDBClient, pk: string) => (await db.send(new GetItemCommand({ TableName: 'households', Key: { PK: { S: pk } } }))).Item;

/** Local addresses of the sockets listening on a TCP port, decoded from /proc/net/tcp{,6}. */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const words = (hex: string) => hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join('')); // each 32-bit word is little-endian
  const decode = (hex: string): string => {
    if (hex.length === 8)
      return words(hex)[0]!
        .match(/../g)!
        .map((b) => parseInt(b, 16))
        .join('.');
    const v6 = words(hex).join('');
    if (v6.startsWith('00000000000000000000FFFF')) return `::ffff:${decode(hex.slice(24))}`;
    return v6
      .match(/.{4}/g)!
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')
      .toLowerCase();
  };
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') // 0A = LISTEN
      .map((cols) => decode(cols[1]!.split(':')[0]!)),
  );
}
const signalListeners = () => ({ SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM'), exit: process.listenerCount('exit') });

// JVMs of its own, not the worker's shared one (test/local-platform.ts): it tests the launcher itself.
describe('embedded DynamoDB Local', () => {
  it('listens on 127.0.0.1 only, serves the API, and is gone after stop', async () => {
    const before = signalListeners();
    const started = Date.now();
    const ddb = await startDynamoDbLocal({});
    console.log(`DynamoDB Local answered after ${Date.now() - started} ms`);
    const db = client(ddb.endpoint);
    try {
      expect(ddb.endpoint).toBe(`http://127.0.0.1:${ddb.port}`);
      const addresses = listeners(ddb.port);
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of addresses) expect(['127.0.0.1', '::ffff:127.0.0.1']).toContain(address);
      expect(signalListeners()).toEqual({ SIGINT: before.SIGINT + 1, SIGTERM: before.SIGTERM + 1, exit: before.exit + 1 });

      expect((await db.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      await createTables(ddb.endpoint, [table]);
      await createTables(ddb.endpoint, [table]); // idempotent
      await db.send(new PutItemCommand({ TableName: 'households', Item: { PK: { S: 'HH#1' }, n: { N: '1' } } }));
      expect(await get(db, 'HH#1')).toEqual({ PK: { S: 'HH#1' }, n: { N: '1' } });

      await db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'households',
                Key: { PK: { S: 'HH#1' } },
                UpdateExpression: 'SET n = n + :one',
                ExpressionAttributeValues: { ':one': { N: '1' } },
              },
            },
            { Put: { TableName: 'households', Item: { PK: { S: 'HH#2' } }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
      expect((await get(db, 'HH#1'))?.n).toEqual({ N: '2' });
      expect(await get(db, 'HH#2')).toBeDefined();
      // A failed condition cancels the whole transaction.
      await expect(
        db.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Update: {
                  TableName: 'households',
                  Key: { PK: { S: 'HH#1' } },
                  UpdateExpression: 'SET n = n + :one',
                  ExpressionAttributeValues: { ':one': { N: '1' } },
                },
              },
              { Put: { TableName: 'households', Item: { PK: { S: 'HH#2' } }, ConditionExpression: 'attribute_not_exists(PK)' } },
            ],
          }),
        ),
      ).rejects.toBeInstanceOf(TransactionCanceledException);
      expect((await get(db, 'HH#1'))?.n).toEqual({ N: '2' });
    } finally {
      db.destroy();
      await ddb.stop();
    }
    await ddb.stop(); // idempotent
    expect(alive(ddb.pid)).toBe(false);
    expect(listeners(ddb.port)).toEqual([]);
    expect(signalListeners()).toEqual(before);
  });

  it('keeps data in its folder across a stop and a start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lim-ddb-'));
    try {
      const dbPath = join(dir, 'nested', 'dynamodb'); // created if missing
      const first = await startDynamoDbLocal({ dbPath });
      const db1 = client(first.endpoint);
      try {
        await createTables(first.endpoint, [table]);
        await db1.send(new PutItemCommand({ TableName: 'households', Item: { PK: { S: 'kept' } } }));
      } finally {
        db1.destroy();
        await first.stop();
      }
      expect(alive(first.pid)).toBe(false);

      const second = await startDynamoDbLocal({ dbPath });
      const db2 = client(second.endpoint);
      try {
        expect(second.pid).not.toBe(first.pid);
        expect(await get(db2, 'kept')).toEqual({ PK: { S: 'kept' } });
      } finally {
        db2.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The crash test's restart once failed for good under load: the killed platform's JVM still held
  // the database when the new one made its first request, and DynamoDB Local never retries a
  // failed first open. The launcher now waits for the folder and opens the database first.
  it('waits for an earlier DynamoDB Local on the same folder, then serves its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lim-ddb-'));
    try {
      const first = await startDynamoDbLocal({ dbPath: dir });
      await createTables(first.endpoint, [table]);
      const db1 = client(first.endpoint);
      await db1.send(new PutItemCommand({ TableName: 'households', Item: { PK: { S: 'kept' } } }));
      db1.destroy();
      let secondUp = 0;
      const starting = startDynamoDbLocal({ dbPath: dir }).then((second) => {
        secondUp = Date.now();
        return second;
      });
      await new Promise((wait) => setTimeout(wait, 2_000));
      const firstGone = Date.now();
      await first.stop();
      const second = await starting;
      const db2 = client(second.endpoint);
      try {
        expect(secondUp).toBeGreaterThanOrEqual(firstGone); // it did not start beside the first
        expect(await get(db2, 'kept')).toEqual({ PK: { S: 'kept' } });
      } finally {
        db2.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const hasSqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
  it.skipIf(!hasSqlite3)('starts on a database another process holds locked, once the lock is released (needs sqlite3)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lim-ddb-'));
    try {
      const first = await startDynamoDbLocal({ dbPath: dir });
      await createTables(first.endpoint, [table]);
      await first.stop();
      const database = join(dir, readdirSync(dir).find((name) => name.endsWith('.db'))!);
      // Holds an exclusive lock for 3 s, as a JVM halted mid-write leaves it to the next one.
      const holder = spawn('sqlite3', [database], { stdio: ['pipe', 'pipe', 'inherit'] });
      const locked = new Promise((done) => holder.stdout.once('data', done));
      holder.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n");
      await locked;
      const released = new Promise((done) => holder.once('exit', done));
      setTimeout(() => holder.stdin.end('COMMIT;\n'), 3_000);
      const second = await startDynamoDbLocal({ dbPath: dir });
      const db = client(second.endpoint);
      try {
        await released;
        expect((await db.send(new ListTablesCommand({}))).TableNames).toEqual(['households']);
      } finally {
        db.destroy();
        await second.stop();
        holder.kill();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to install Java when there is none on the PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startDynamoDbLocal({})).rejects.toThrow(JAVA_MISSING_MESSAGE);
    } finally {
      process.env.PATH = path;
    }
    expect(JAVA_MISSING_MESSAGE).toMatch(/Java 17\+.*apt-get install -y openjdk-17-jre-headless.*brew install openjdk@17/);
  });
});
