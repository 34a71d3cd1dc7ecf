import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/main';
import { templateColumns } from '../../cli/sheets/columns';
import { verifySigV4 } from '../../infra/local/sigv4';
import { identityNumber, withWrongCheckCharacter } from '../fixtures/people';

/**
 * `lim submit` in process against a stand-in of the submissions route that verifies SigV4 and
 * keeps the batches it accepted: what is sent and what is not, the batches and their ids, the
 * rerun, and the platform's own refusal told by the file's rows.
 */
const KEYS = { accessKeyId: 'LOCALHEALTHTEST0001', secretAccessKey: 'health-local-secret-0001' };
const work = mkdtempSync(join(tmpdir(), 'lim-submit-'));
const dataDir = join(work, 'data');
const accepted = new Map<string, number>();
const received: { batchId: string; records: { recordId: string }[] }[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const verdict = await verifySigV4(
        { method: req.method ?? 'GET', path: url.pathname, query: {}, headers: req.headers, body },
        (id) => (id === KEYS.accessKeyId ? { ...KEYS, principal: 'health' } : undefined),
        { region: 'cn-north-1' },
      );
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (!verdict.ok) return send(verdict.status, { message: verdict.message });
      const batch = JSON.parse(body) as { batchId: string; records: { recordId: string }[] };
      received.push(batch);
      const refused = batch.records.findIndex((r) => r.recordId.endsWith('-REFUSE'));
      if (refused >= 0) {
        return send(400, {
          error: 'InvalidRecords',
          message: '批次有 1 个问题，未保存任何记录 / 1 problem(s) in the batch; nothing was stored',
          problems: [
            {
              record: refused,
              recordId: batch.records[refused]!.recordId,
              field: 'certificateNumber',
              message: '证书编号已登记为另一人的死亡 / the certificate number is registered for another death',
            },
          ],
        });
      }
      const replayed = accepted.has(batch.batchId);
      accepted.set(batch.batchId, batch.records.length);
      send(replayed ? 200 : 202, {
        submissionId: `S${batch.batchId
          .replace(/[^0-9A-Za-z]/g, '')
          .toUpperCase()
          .padStart(26, '0')
          .slice(-26)}`,
        batchId: batch.batchId,
        department: 'health',
        accepted: batch.records.length,
        acceptedAt: '2026-11-21T02:00:00.000Z',
        replayed,
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(dataDir);
  writeFileSync(
    join(dataDir, 'platform.json'),
    JSON.stringify({
      url,
      region: 'cn-north-1',
      credentials: { health: { ...KEYS, sourceIdentity: 'health.officer-01' } },
      queueUrls: {},
      endpoints: { sqs: 'http://127.0.0.1:9' },
    }),
  );
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  received.length = 0;
});

async function lim(...argv: string[]) {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await run(['--data-dir', dataDir, ...argv]);
  vi.restoreAllMocks();
  const last = out.trim().split('\n').at(-1) ?? '';
  return { code, out, result: (argv.includes('--json') ? JSON.parse(last) : {}) as Record<string, unknown> };
}

const headings = templateColumns('death-record').map((c) => c.header);
function deathsCsv(name: string, n: number, bad: Record<number, Record<string, string>> = {}): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const r: Record<string, string> = {
      type: 'death-record',
      recordId: `WJ-SW-${name}-${String(i).padStart(5, '0')}`,
      identityNumber: identityNumber('430104', '1940-03-01', i % 1000),
      name: '王秀英',
      dateOfDeath: '2026-11-20',
      certificateNumber: `HSW2611X${String(i).padStart(5, '0')}`,
      district: '430104',
      ...bad[i],
    };
    return templateColumns('death-record').map((c) => r[c.path] ?? '');
  });
  const file = join(work, `${name}.csv`);
  writeFileSync(file, stringify([headings, ...rows]));
  return file;
}

describe('lim submit', () => {
  it('sends nothing while the file has problems; with --send-valid sends the other rows and reports the bad one', async () => {
    const file = deathsCsv('mixed', 3, { 1: { identityNumber: withWrongCheckCharacter(identityNumber('430104', '1940-03-01', 1)) } });
    const refused = await lim('--json', 'submit', '--department', 'health', file);
    expect(refused.code).toBe(1);
    expect(received).toHaveLength(0);
    expect(refused.result).toMatchObject({
      ok: false,
      sent: 0,
      problems: [{ row: 3, column: 'C', field: 'identityNumber' }],
      report: join(work, 'mixed.errors.csv'),
    });

    const partly = await lim('--json', 'submit', '--department', 'health', '--send-valid', file);
    expect(partly.code).toBe(1);
    expect(received.map((b) => b.records.map((r) => r.recordId))).toEqual([['WJ-SW-mixed-00000', 'WJ-SW-mixed-00002']]);
    expect(partly.result).toMatchObject({ ok: false, sent: 2, problems: [{ row: 3 }] });
    const report = parse(readFileSync(join(work, 'mixed.errors.csv'), 'utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(report.slice(1).map((r) => r.slice(0, 4))).toEqual([['3', 'C', headings[2], 'identityNumber']]);
  });

  it('--check checks and sends nothing', async () => {
    const checked = await lim('--json', 'submit', '--department', 'health', '--check', deathsCsv('checked', 2));
    expect(checked.code).toBe(0);
    expect(checked.result).toMatchObject({ ok: true, sent: 0 });
    expect(received).toHaveLength(0);
  });

  it('cuts 1,200 rows into batches of 500 under the run id, and a rerun finds them accepted before', async () => {
    const file = deathsCsv('big', 1200);
    const first = await lim('--json', 'submit', '--department', 'health', '--run-id', 'health-deaths-2026-11', file);
    expect(first.result).toMatchObject({ ok: true });
    expect(first.code).toBe(0);
    expect(received.map((b) => [b.batchId, b.records.length])).toEqual([
      ['health-deaths-2026-11-0001', 500],
      ['health-deaths-2026-11-0002', 500],
      ['health-deaths-2026-11-0003', 200],
    ]);
    expect(first.result).toMatchObject({ ok: true, sent: 1200, runId: 'health-deaths-2026-11' });

    const again = await lim('submit', '--department', 'health', '--run-id', 'health-deaths-2026-11', file);
    expect(again.code).toBe(0);
    expect(again.out.match(/此前已受理（未重复报送）/g)).toHaveLength(3);
  });

  it('tells a refusal of the platform by the file’s row and column, in the report', async () => {
    const file = deathsCsv('refused', 600, { 550: { recordId: 'WJ-SW-2026-REFUSE' } });
    const refused = await lim('--json', 'submit', '--department', 'health', file);
    expect(refused.code).toBe(1);
    // The first batch was taken; the second was refused whole, at its 51st record: the file's row 552.
    expect(received.map((b) => b.records.length)).toEqual([500, 100]);
    expect(refused.result).toMatchObject({ error: 'InvalidRecords', done: [{ batchNumber: 1 }], failed: { batchNumber: 2, firstRecord: 500 } });
    const report = parse(readFileSync(join(work, 'refused.errors.csv'), 'utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(report.slice(1)).toEqual([
      ['552', 'F', headings[5], 'certificateNumber', '证书编号已登记为另一人的死亡 / the certificate number is registered for another death'],
    ]);
  });
});
