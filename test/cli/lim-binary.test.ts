import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient } from '../../client/index';
import type { LocalPlatform } from '../../infra/local/platform';
import { startTestPlatform } from '../local-platform';
import { API_ROUTES } from '../../shared/platform/api';
import { identityNumber, withWrongCheckCharacter } from '../fixtures/people';

/**
 * The real `lim` binary (bin/lim.mjs, run by node as npx runs it) against a local platform
 * started here, reading the connection file the platform writes into its data folder. A clerk's
 * day: a template, a file with a mistake, its error report, the file fixed and sent, its status,
 * the warning on civil affairs' queue, the answer.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'lim.mjs');
const work = mkdtempSync(join(tmpdir(), 'lim-cli-'));
const dataDir = join(work, 'data');
let platform: LocalPlatform;

function lim(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, ...args], { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** Five deaths registered in November; the third holds the one mistyped identity number. */
const deceased = [
  { identityNumber: identityNumber('430104', '1947-05-02', 61), name: '周桂兰', district: '430104' },
  { identityNumber: identityNumber('430105', '1939-02-15', 33), name: '张建国', district: '430105' },
  { identityNumber: identityNumber('430102', '1942-07-20', 44), name: '刘玉兰', district: '430102' },
  { identityNumber: identityNumber('430103', '1945-11-11', 55), name: '陈德胜', district: '430103' },
  { identityNumber: identityNumber('430111', '1950-01-30', 66), name: '黄淑珍', district: '430111' },
];
const household = '430102-2026-000417';

async function fill(file: string, identityNumbers: readonly string[]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('death-record')!;
  deceased.forEach((p, i) => {
    // As a clerk types them: the identity number as text, the day as a date cell.
    sheet.getRow(3 + i).values = [
      'death-record',
      `WJ-SW-2026-11-${String(i + 1).padStart(4, '0')}`,
      identityNumbers[i]!,
      p.name,
      new Date(Date.UTC(2026, 10, 18 + i)),
      `H${p.district}2611000${i + 1}`,
      p.district,
    ];
  });
  await workbook.xlsx.writeFile(file);
}

async function queueDepth(url: string, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<number> {
  const sqs = new SQSClient({ region: platform.region, endpoint: platform.endpoints.sqs, credentials });
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  } finally {
    sqs.destroy();
  }
}

beforeAll(async () => {
  platform = await startTestPlatform({ dataDir, retryDelaysMs: [50, 100] });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('lim, the real binary, against the local platform', () => {
  const deaths = join(work, 'deaths-2026-11.xlsx');
  let submissionId = '';
  let warningId = '';

  it('civil affairs puts a dibao household on the roll from a JSON file', async () => {
    const roll = join(work, 'roll.json');
    const head = deceased[2]!;
    writeFileSync(
      roll,
      JSON.stringify([
        {
          type: 'low-income-roll-entry',
          recordId: 'MZ-2026-000417',
          householdId: household,
          district: '430102',
          category: 'DIBAO',
          recognisedOn: '2025-12-15',
          allowance: { programme: 'dibao-allowance', monthlyAmountFen: 75_000, startDate: '2026-01-01' },
          members: [{ identityNumber: head.identityNumber, name: head.name, relationship: 'head' }],
        },
      ]),
    );
    const sent = await lim('submit', '--department', 'civil-affairs', roll);
    expect(sent.err).toBe('');
    expect(sent.code).toBe(0);
    await platform.idle();
  }, 60_000);

  it('template death-record --format xlsx writes the template', async () => {
    const made = await lim('template', 'death-record', '--format', 'xlsx', '--out', deaths);
    expect(made.code).toBe(0);
    expect(made.out).toContain('death-record');
    expect(existsSync(deaths)).toBe(true);
  }, 30_000);

  it('submit refuses a file with a mistyped identity number: exit 1, an error report naming the row and the column, nothing sent', async () => {
    await fill(
      deaths,
      deceased.map((p, i) => (i === 2 ? withWrongCheckCharacter(p.identityNumber) : p.identityNumber)),
    );
    const delivered = platform.eventBridge.delivered.length;
    const refused = await lim('submit', '--department', 'health', deaths);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/第 5 行 row 5 {2}C「[^」]+」：.*(check character|校验)/);
    expect(refused.out).toContain('deaths-2026-11.errors.xlsx');
    expect(refused.out).toContain('未报送任何记录');

    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(join(work, 'deaths-2026-11.errors.xlsx'));
    const sheet = report.getWorksheet('death-record')!;
    expect(sheet.getCell('H1').value).toBe('问题 / Problems');
    expect(String(sheet.getCell('H5').value)).toMatch(/^C「[^」]+」：.*(check character|校验)/);
    for (const clean of [3, 4, 6, 7]) expect(sheet.getCell(`H${clean}`).value).toBeNull();
    expect(sheet.getCell('C5').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(report.getWorksheet('问题清单 Problems')!.getRow(2).values).toEqual(expect.arrayContaining([5, 'C', 'identityNumber']));

    await platform.idle();
    expect(platform.eventBridge.delivered.length).toBe(delivered);
  }, 60_000);

  it('submit sends the fixed file and prints its submission id; sent again, nothing is doubled', async () => {
    await fill(
      deaths,
      deceased.map((p) => p.identityNumber),
    );
    const sent = await lim('--json', 'submit', '--department', 'health', deaths);
    expect(sent.code).toBe(0);
    const result = JSON.parse(sent.out.trim().split('\n').at(-1)!) as {
      ok: boolean;
      sent: number;
      batches: { submissionId: string; replayed: boolean; records: number }[];
    };
    expect(result).toMatchObject({ ok: true, sent: 5, batches: [{ records: 5, replayed: false }] });
    submissionId = result.batches[0]!.submissionId;
    expect(submissionId).toMatch(/^S[0-9A-F]{26}$/);

    const again = await lim('submit', '--department', 'health', deaths);
    expect(again.code).toBe(0);
    expect(again.out).toContain(submissionId);
    expect(again.out).toContain('此前已受理（未重复报送）/ accepted before (not sent twice)');
    await platform.idle();
  }, 60_000);

  it('status reports the submission (until the read-submission route is deployed: a clear 404)', async () => {
    const status = await lim('status', submissionId, '--department', 'health');
    if (API_ROUTES.some((r) => r.id === 'read-submission')) {
      expect(status.code).toBe(0);
      expect(status.out).toContain(submissionId);
      expect(status.out).toMatch(/预警 warning W[0-9A-F]+ {2}IND-01 {2}→ civil-affairs/);
    } else {
      expect(status.code).toBe(1);
      expect(status.err).toMatch(/^平台没有找到.*\/ not found/);
      expect(status.err).toContain('代码 code: NotFound');
      expect(status.err).toContain(`/departments/health/submissions/${submissionId}`);
    }
  }, 30_000);

  it('work --department civil-affairs --once shows the warning with its evidence, deadline and answer command, and takes it off the queue', async () => {
    const shown = await lim('work', '--department', 'civil-affairs', '--once', '--wait', '2');
    expect(shown.code).toBe(0);
    const id = /━━ 预警 warning (W[0-9A-F]+) ━━/.exec(shown.out)?.[1];
    expect(id).toBeDefined();
    warningId = id!;
    expect(shown.out).toContain(`家庭 household: ${household}`);
    expect(shown.out).toMatch(/指标 indicator: IND-01/);
    expect(shown.out).toMatch(/证据 evidence:\n {2}- death-record /);
    expect(shown.out).toMatch(/期限 due by: \d{4}-\d{2}-\d{2}T/);
    expect(shown.out).toContain(`npx lim answer ${warningId} --department civil-affairs --outcome`);
    expect(shown.out).toContain('共显示 1 条预警 / 1 warning(s) shown');
    expect(await queueDepth(platform.queueUrls['civil-affairs'], platform.credentials['civil-affairs'])).toBe(0);
  }, 60_000);

  it('answer answers it; the chain shows the allowance ended; nothing went to the dead-letter queue', async () => {
    const answered = await lim(
      'answer',
      warningId,
      '--department',
      'civil-affairs',
      '--outcome',
      'assistance-ended',
      '--programme',
      'dibao-allowance',
      '--ended-on',
      '2026-11-30',
      '--exit-reason',
      'died',
      '--reason',
      '户主已故，低保金停发',
      '--handled-by',
      'FR-MZ-0417',
    );
    expect(answered.err).toBe('');
    expect(answered.code).toBe(0);
    expect(answered.out).toContain(`已答复预警 ${warningId}`);
    expect(answered.out).toContain('resolved');

    const civilAffairs = PlatformClient.local('civil-affairs', { dataDir });
    try {
      const chain = await civilAffairs.request<{ household: { allowances: { status: string; endedOn?: string }[] } }>('GET', `/households/${household}/chain`);
      expect(chain.body.household.allowances).toEqual([expect.objectContaining({ status: 'ended', endedOn: '2026-11-30' })]);
    } finally {
      civilAffairs.close();
    }
    expect(await queueDepth(platform.deadLetterQueueUrls['civil-affairs'], platform.operatorCredential)).toBe(0);
  }, 60_000);
});
