import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GenerateMacCommand, KMSClient, KMSInvalidMacException, NotFoundException, VerifyMacCommand } from '@aws-sdk/client-kms';
import { DynamoAuditTrail } from '../../shared/adapters/dynamodb/audit-trail';
import { Table } from '../../shared/adapters/dynamodb/table';
import { FileAuditSigner, KmsAuditSigner } from '../../shared/adapters/kms/audit-signer';
import type { AuditDraft } from '../../shared/domain/supervision/audit';

const KEY_ARN = 'arn:aws-cn:kms:cn-north-1:123456789012:key/6f1d2c3b-4a5e-4f60-9b7c-8d9e0f1a2b3c';
const draft = (n: number): AuditDraft => ({
  at: '2026-11-29T09:00:00.000Z',
  principal: 'platform:overdue-escalation',
  department: 'civil-affairs',
  kind: 'decision',
  purpose: 'end an allowance after its gradual exit (渐退)',
  action: 'gradual-exit-ended',
  subjects: [`430104-2025-${String(n).padStart(6, '0')}`],
  details: { programme: 'dibao-allowance', lastPaidDay: '2026-11-30' },
});

describe('DynamoAuditTrail.append', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  beforeEach(() => ddb.reset());

  it('writes any number of entries with BatchWriteItem alone: no read first, no transaction, unprocessed items retried', async () => {
    let first = true;
    ddb.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> }) => {
      const requests = input.RequestItems['lim-dev-households']!;
      // DynamoDB leaves two items of the first call unprocessed.
      if (first) {
        first = false;
        return { UnprocessedItems: { 'lim-dev-households': requests.slice(0, 2) } };
      }
      return { UnprocessedItems: {} };
    });
    const trail = new DynamoAuditTrail(new Table(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'lim-dev-households'), 400);
    const entries = await trail.append(Array.from({ length: 60 }, (_, i) => draft(i)));
    expect(entries).toHaveLength(60);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const sizes = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!['lim-dev-households']!.length);
    expect(sizes.sort((a, b) => a - b)).toEqual([2, 10, 25, 25]);
    const items = ddb.commandCalls(BatchWriteCommand).flatMap((c) => c.args[0].input.RequestItems!['lim-dev-households']!.map((r) => r.PutRequest!.Item!));
    // One day, eight partitions, sorted by time then id.
    for (const i of items) {
      expect(i.PK).toMatch(/^AUDIT#2026-11-29#[0-7]$/);
      expect(i.SK).toBe(`2026-11-29T09:00:00.000Z#${i.entryId}`);
    }
    expect(new Set(items.map((i) => i.PK)).size).toBeGreaterThan(4);
  });
});

describe('the audit signers', () => {
  const kms = mockClient(KMSClient);
  beforeEach(() => kms.reset());
  const signer = () => new KmsAuditSigner(new KMSClient({}), KEY_ARN);

  it('asks KMS for an HMAC-SHA256 with the audit key and returns it in base64', async () => {
    kms.on(GenerateMacCommand).resolves({ Mac: Uint8Array.from(Buffer.alloc(32, 7)), KeyId: KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' });
    expect(await signer().mac('{"number":1}')).toBe(Buffer.alloc(32, 7).toString('base64'));
    expect(kms.commandCalls(GenerateMacCommand)[0]!.args[0].input).toMatchObject({ KeyId: KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' });
    expect(Buffer.from(kms.commandCalls(GenerateMacCommand)[0]!.args[0].input.Message!).toString('utf8')).toBe('{"number":1}');
  });

  it('verifies with KMS: valid is true, a MAC KMS rejects is false, any other error is raised', async () => {
    kms
      .on(VerifyMacCommand)
      .resolvesOnce({ MacValid: true })
      .rejectsOnce(new KMSInvalidMacException({ message: 'invalid', $metadata: {} }))
      .rejectsOnce(new NotFoundException({ message: 'no key', $metadata: {} }));
    expect(await signer().verify('m', 'AAAA')).toBe(true);
    expect(await signer().verify('m', 'AAAA')).toBe(false);
    await expect(signer().verify('m', 'AAAA')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('locally: the same HMAC-SHA256 under the key file, and a MAC under another key does not verify', async () => {
    const key = randomBytes(32);
    const file = join(mkdtempSync(join(tmpdir(), 'audit-key-')), 'audit-key');
    writeFileSync(file, key.toString('hex'), { mode: 0o600 });
    const local = new FileAuditSigner(file);
    const mac = await local.mac('{"number":1}');
    expect(mac).toBe(createHmac('sha256', key).update('{"number":1}').digest('base64'));
    expect(await local.verify('{"number":1}', mac)).toBe(true);
    expect(await local.verify('{"number":2}', mac)).toBe(false);
    expect(await local.verify('{"number":1}', createHmac('sha256', randomBytes(32)).update('{"number":1}').digest('base64'))).toBe(false);
  });
});
