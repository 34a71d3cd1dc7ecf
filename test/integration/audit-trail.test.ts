import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditHeadsTableDefinition, householdsTableDefinition } from '../../infra/local/tables';
import { sealAuditTrail } from '../../functions/audit-seal/use-case';
import { readAuditTrail } from '../../functions/household-query/use-case';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/audit-trail';
import { DynamoAuditTreeHeads } from '../../shared/adapters/dynamodb/audit-tree-heads';
import { FileAuditSigner } from '../../shared/adapters/kms/audit-signer';
import { entryLeafHash, logKey, treeHeadHash, type AuditDraft, type AuditEntry, type SignedTreeHead } from '../../shared/domain/supervision/audit';
import { merkleRootHex } from '../../shared/domain/supervision/merkle';
import { AUDIT_SHARDS } from '../../shared/table/keys';
import { auditEntry, auditTreeHead, auditTreeLeaves } from '../../shared/table/entities/audit';
import { Table } from '../../shared/adapters/dynamodb/table';
import { MemoryPublisher } from '../fakes';
import { freshTables } from '../local-platform';

/** The audit trail on DynamoDB Local: sharded appends, sealing, and tampering with the tables themselves. */
let tables: Awaited<ReturnType<typeof freshTables<'households' | 'heads'>>>;
let db: DynamoDBDocumentClient;
let table: string;
let headsTable: string;

beforeAll(async () => {
  tables = await freshTables({ households: householdsTableDefinition, heads: auditHeadsTableDefinition });
  ({ households: table, heads: headsTable } = tables.names);
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: tables.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
});
afterAll(async () => {
  db?.destroy();
  await tables?.drop();
});

const keyFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'audit-key-')), 'audit-key');
  writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return file;
};
const read = (n: number, at: string): AuditDraft => ({
  at,
  principal: `arn:aws-cn:sts::123456789012:assumed-role/lim-prod-civil-affairs/${n % 2 ? 'wang.li' : 'chen.jing'}`,
  department: 'civil-affairs',
  kind: 'read',
  purpose: 'case handling: the assistance chain',
  action: 'read-assistance-chain',
  subjects: [`430111-2025-${String(n).padStart(6, '0')}`],
  details: { status: '200', requestId: `5b0e9d61-27a4-4f7e-8c3d-${String(n).padStart(12, '0')}` },
});

describe('the audit trail against DynamoDB Local', () => {
  const trail = () => new DynamoAuditTrail(new Table(db, table), 400);
  const heads = () => new DynamoAuditTreeHeads(new Table(db, headsTable), 400);
  const signer = new FileAuditSigner(keyFile());
  const now = new Date('2026-11-29T12:00:00.000Z');
  const seal = () =>
    sealAuditTrail({ trail: trail(), heads: heads(), signer, events: new MemoryPublisher(), now: () => now }, { lagSeconds: 0, maxLeaves: 80 });
  const verify = async () => (await readAuditTrail('2026-11-29', { trail: trail(), heads: heads(), signer, now: () => now, retentionDays: 400 })).verification;
  let entries: AuditEntry[];

  it('takes 200 concurrent appends without contention, spreads them over the day’s partitions, and never doubles a retried batch', async () => {
    const drafts = Array.from({ length: 200 }, (_, i) =>
      read(i, `2026-11-29T09:${String(Math.floor(i / 4)).padStart(2, '0')}:00.${String(i % 4).padStart(3, '0')}Z`),
    );
    await Promise.all(drafts.map((d) => trail().append([d])));
    // Appends sent again after a failure, as a retry does: the same entries, not new ones.
    await Promise.all(drafts.slice(0, 30).map((d) => trail().append([d])));
    entries = await trail().day('2026-11-29');
    expect(entries).toHaveLength(200);
    expect(entries.map(logKey)).toEqual([...entries.map(logKey)].sort());
    const perShard = await Promise.all(
      Array.from(
        { length: AUDIT_SHARDS },
        async (_, s) =>
          (
            await db.send(
              new QueryCommand({
                TableName: table,
                KeyConditionExpression: 'PK = :pk',
                ExpressionAttributeValues: { ':pk': auditEntry.dayShard('2026-11-29', s) },
                Select: 'COUNT',
              }),
            )
          ).Count ?? 0,
      ),
    );
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(200);
    expect(perShard.every((n) => n > 0)).toBe(true);
  });

  it('seals the day in linked heads and reads it intact', async () => {
    const { sealed } = await seal();
    expect(sealed.map((h) => h.treeSize)).toEqual([80, 80, 40]);
    expect(await verify()).toMatchObject({ intact: true, checked: 200, sealed: 200, unsealed: 0, problems: [] });
  });

  it('names an entry rewritten in the table with its leaf hash recomputed; with the heads rewritten too, their MACs fail', async () => {
    const victim = entries[97]!;
    const forged = { ...victim, subjects: ['430111-2025-009999'] };
    // Whoever can write the households table: the entry and its leaf hash, rewritten in place.
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: auditEntry.key(victim),
        UpdateExpression: 'SET subjects = :s, leafHash = :h',
        ExpressionAttributeValues: { ':s': forged.subjects, ':h': entryLeafHash(forged) },
      }),
    );
    expect(await verify()).toMatchObject({
      intact: false,
      brokenAt: { head: 2, entryId: victim.entryId, reason: expect.stringContaining('rewritten after it was sealed in tree head 2') },
    });

    // Someone who can write the heads table as well: the sealed leaf, the head's root and every
    // later head's link recomputed and rewritten. Only the MACs cannot be made again.
    const stored = await heads().ofDay('2026-11-29');
    let prev: SignedTreeHead = stored[0]!.head;
    for (const { head, leaves } of stored.slice(1)) {
      const changed = leaves.map((l) => (l.entryId === victim.entryId ? { ...l, leafHash: entryLeafHash(forged) } : l));
      const rewritten: SignedTreeHead = { ...head, rootHash: merkleRootHex(changed.map((l) => l.leafHash)), prevHeadHash: treeHeadHash(prev) };
      await db.send(new PutCommand({ TableName: headsTable, Item: { ...auditTreeHead.key(head.day, head.number), entity: 'AuditTreeHead', ...rewritten } }));
      await db.send(
        new PutCommand({
          TableName: headsTable,
          Item: {
            ...auditTreeLeaves.key(head.day, head.number, 0),
            entity: 'AuditTreeLeaves',
            number: head.number,
            leaves: changed.map((l) => `${l.entryId}:${l.leafHash}`),
          },
        }),
      );
      prev = rewritten;
    }
    const verdict = await verify();
    expect(verdict.intact).toBe(false);
    expect(verdict.brokenAt).toMatchObject({ head: 2, reason: expect.stringContaining('tree head 2: its MAC does not verify') });
    expect(verdict.problems.map((p) => p.head)).toEqual([2, 3]);
  });
});
