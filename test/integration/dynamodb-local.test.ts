import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createTables, startDynamoDbLocal } from '../../infra/local/dynamodb-local';

const client = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
const table = { TableName: 'households', BillingMode: 'PAY_PER_REQUEST' as const, AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' as const }], KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' as const }] };

/** Local addresses of listening TCP sockets on a port, from /proc (IPv4 and IPv6). */
function listeners(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A')
      .map((cols) => cols[1]!.split(':')[0]!),
  );
}
const LOOPBACK = new Set(['0100007F', '0000000000000000FFFF00000100007F', '00000000000000000000000001000000']);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('embedded DynamoDB Local', () => {
  it('listens on loopback only, serves the API, and is gone after stop', async () => {
    const ddb = await startDynamoDbLocal({});
    const db = client(ddb.endpoint);
    try {
      const addresses = listeners(ddb.port);
      expect(addresses.length).toBeGreaterThan(0);
      expect(addresses.every((a) => LOOPBACK.has(a))).toBe(true);
      await createTables(ddb.endpoint, [table]);
      await db.send(new PutItemCommand({ TableName: 'households', Item: { PK: { S: 'HH#1' } } }));
      expect((await db.send(new GetItemCommand({ TableName: 'households', Key: { PK: { S: 'HH#1' } } }))).Item).toBeDefined();
    } finally {
      db.destroy();
      await ddb.stop();
    }
    expect(alive(ddb.pid)).toBe(false);
  });

  it('keeps data in its folder across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lim-ddb-'));
    try {
      const first = await startDynamoDbLocal({ dbPath: dir });
      const db1 = client(first.endpoint);
      await createTables(first.endpoint, [table]);
      await db1.send(new PutItemCommand({ TableName: 'households', Item: { PK: { S: 'kept' } } }));
      db1.destroy();
      await first.stop();

      const second = await startDynamoDbLocal({ dbPath: dir });
      const db2 = client(second.endpoint);
      expect((await db2.send(new GetItemCommand({ TableName: 'households', Key: { PK: { S: 'kept' } } }))).Item).toBeDefined();
      db2.destroy();
      await second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
