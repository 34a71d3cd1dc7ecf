import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DepartmentClient } from '../../infra/local/department-client';
import { CONNECTION_FILE } from '../../infra/local/platform';
import { workItemV1 } from '../../events/work-item.v1';
import { deathRecord, rollEntry, yueluHousehold } from '../fixtures/people';

/**
 * `npm start` as a person runs it: what it prints must work as printed. The queue URLs are
 * taken from the printed table and used with the SQS SDK exactly as a department's engineer
 * would: a client with the printed region and keys and no endpoint at all, and one with the
 * printed SQS endpoint.
 */
const dir = mkdtempSync(join(tmpdir(), 'lim-start-'));
let child: ChildProcess | undefined;
let printed = '';

beforeAll(async () => {
  const env = {
    ...process.env,
    LIM_DATA_DIR: dir,
    LIM_API_PORT: '0',
    LIM_EVENTS_PORT: '0',
    LIM_SQS_PORT: '0',
    LIM_DYNAMODB_PORT: '0',
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => {
    printed += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => {
    printed += b.toString();
  });
  const until = Date.now() + 110_000;
  while (!printed.includes('Ctrl-C')) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`npm start did not start:\n${printed.slice(-2000)}`);
    await sleep(100);
  }
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    const until = Date.now() + 30_000;
    while (child.exitCode === null && Date.now() < until) await sleep(50);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The rows of the printed department table, by column name. */
function printedTable(): Record<string, string>[] {
  const lines = printed.split('\n');
  const start = lines.findIndex((l) => /^\s+department\s+accessKeyId\s+secretAccessKey\s+queueUrl\s*$/.test(l));
  const cells = (line: string) => line.trim().split(/\s+/);
  const header = cells(lines[start]!);
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!/^\s+\S+\s+LOCAL/.test(line)) break;
    rows.push(Object.fromEntries(header.map((name, i) => [name, cells(line)[i] ?? ''])));
  }
  return rows;
}

const printedValue = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(printed)?.[1];

describe('npm start prints what works', () => {
  it('prints each department’s queue URL on 127.0.0.1 and the SQS endpoint to pass', () => {
    const sqsEndpoint = printedValue('SQS 端点 endpoint');
    expect(sqsEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const rows = printedTable();
    expect(rows.map((r) => r.department)).toContain('civil-affairs');
    for (const row of rows)
      expect(row.queueUrl, row.department).toMatch(new RegExp(`^${sqsEndpoint!.replaceAll('.', '\\.')}/\\d{12}/lim-local-${row.department}-work$`));
    // The connection file the tools read says the same.
    const connection = JSON.parse(readFileSync(join(dir, CONNECTION_FILE), 'utf8')) as { queueUrls: Record<string, string> };
    for (const row of rows) expect(connection.queueUrls[row.department!]).toBe(row.queueUrl);
    expect(printed).toContain(`endpoint: '${sqsEndpoint}'`);
  });

  it('a warning is read from the printed queue URL with the SQS SDK, with no endpoint set and with the printed one', async () => {
    const region = /region (\S+)\)/.exec(printed)?.[1];
    expect(region).toBe('cn-north-1');
    const row = (d: string) => printedTable().find((r) => r.department === d)!;
    const keys = (d: string) => ({ accessKeyId: row(d).accessKeyId!, secretAccessKey: row(d).secretAccessKey! });
    const url = printedValue('API 接口 \\(SigV4, service execute-api, region cn-north-1\\)')!;
    const department = (d: 'civil-affairs' | 'health') =>
      new DepartmentClient(d, { url, region: region!, sqsEndpoint: printedValue('SQS 端点 endpoint')!, queueUrl: row(d).queueUrl!, credential: keys(d) });
    const civil = department('civil-affairs');
    const health = department('health');
    try {
      expect((await civil.submit('civil-affairs-roll-2026-11-01', [rollEntry()])).status).toBe(202);
      await sleep(500);
      expect((await health.submit('health-deaths-2026-11-21-001', [deathRecord()])).status).toBe(202);
    } finally {
      civil.close();
      health.close();
    }

    // As printed: region, keys, queue URL, nothing else. The SDK sends to the URL's own host.
    const warnings: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (m: unknown) => void warnings.push(String(m)), error: () => undefined };
    const bare = new SQSClient({ region: region!, credentials: keys('civil-affairs'), logger });
    const withEndpoint = new SQSClient({ region: region!, endpoint: printedValue('SQS 端点 endpoint')!, credentials: keys('civil-affairs'), logger });
    try {
      const queueUrl = row('civil-affairs').queueUrl!;
      let message: { Body?: string; ReceiptHandle?: string } | undefined;
      const until = Date.now() + 30_000;
      while (!message && Date.now() < until) {
        const { Messages } = await bare.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }));
        message = Messages?.find((m) => workItemV1.parse(JSON.parse(m.Body!)).warning.householdId === yueluHousehold.householdId);
      }
      expect(message, 'the death-record warning on civil affairs’ queue').toBeDefined();
      expect(workItemV1.parse(JSON.parse(message!.Body!)).warning.indicator.id).toBe('IND-01');
      // The SDK says the URL is not its region's endpoint, and uses it anyway; with the endpoint it has nothing to say.
      expect(warnings.some((w) => w.includes('using QueueUrl host as endpoint'))).toBe(true);
      warnings.length = 0;
      await withEndpoint.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message!.ReceiptHandle! }));
      const { Messages } = await withEndpoint.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }));
      expect((Messages ?? []).map((m) => m.ReceiptHandle)).not.toContain(message!.ReceiptHandle);
      expect(warnings).toEqual([]);
    } finally {
      bare.destroy();
      withEndpoint.destroy();
    }
  });
});
