import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/main';

/**
 * `lim`'s help and exit codes, in process: every heading and error in Chinese with English
 * beside it, no library wording alone, and the exit code each case documents.
 */
const empty = mkdtempSync(join(tmpdir(), 'lim-no-platform-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function lim(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  const code = await run(argv);
  vi.restoreAllMocks();
  return { code, out, err };
}

/** Commander's own English, which must not reach a user alone. */
const LIBRARY_WORDS = /^(Usage:|Options:|Commands:|Arguments:)|display help for command|^error: |\(default: "|\(choices: "/m;

describe('lim help (cli/main.ts)', () => {
  it('explains itself in Chinese and English, with its commands and documented exit codes', async () => {
    const { code, out } = await lim('--help');
    expect(code).toBe(0);
    for (const text of ['用法 Usage:', '选项 Options:', '命令 Commands:', '退出码 Exit codes:', '显示帮助 / show help']) expect(out).toContain(text);
    for (const command of ['template', 'submit', 'status', 'work', 'answer', 'ack']) expect(out).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const exit of ['0  成功 / ok', '1  文件有问题', '2  用法错误', '3  无法连接或登录平台']) expect(out).toContain(exit);
    expect(out).not.toMatch(LIBRARY_WORDS);
  });

  it.each(['template', 'submit', 'status', 'work', 'answer', 'ack'])('lim %s --help: its options, the global ones, and the exit codes', async (command) => {
    const { code, out } = await lim(command, '--help');
    expect(code).toBe(0);
    expect(out).toContain('用法 Usage:');
    expect(out).toContain('全局选项 Global options:');
    for (const global of ['--endpoint', '--profile', '--region', '--json', '--data-dir']) expect(out).toContain(global);
    expect(out).toContain('退出码 Exit codes:');
    expect(out).not.toMatch(LIBRARY_WORDS);
  });

  it('lists the options of every outcome kind in lim answer --help', async () => {
    const { out } = await lim('answer', '--help');
    expect(out).toContain('assistance-ended: --programme --ended-on [--exit-reason] --reason --handled-by');
    expect(out).toContain('transferred: --category --effective-from --consent-given-on --consent-document-ref --reason --handled-by');
  });
});

describe('lim exit codes', () => {
  it('2 for usage: an unknown command or option, a missing argument, a value not allowed, no connection settings', async () => {
    const cases: [string[], RegExp][] = [
      [['templat'], /^未知命令 templat \/ unknown command templat/],
      [['template', 'death-record', '--colour'], /^未知选项 --colour \/ unknown option --colour/],
      [['template'], /^缺少参数 <record-type> \/ missing argument <record-type>/],
      [['template', 'death-certificate'], /^没有这种记录类型：death-certificate.*\/ no such record type/],
      [['template', 'death-record', '--format', 'pdf'], /^--format 只能是 xlsx 或 csv.*\/ --format is xlsx or csv/],
      [['status', 'S0123'], /^缺少必需的选项 --department.*\/ required option --department/],
      [['status', 'S0123', '--department', 'finance'], /^没有这个部门：finance.*\/ no such department: finance/],
      [['status', 'S0123', '--department', 'health', '--data-dir', empty], /^没有平台连接设置.*\/ no connection settings/],
      [
        ['answer', 'W1', '--department', 'civil-affairs', '--outcome', 'assistance-ended', '--reason', '户主已故'],
        /^结果 assistance-ended 还须给出 --programme, --ended-on, --handled-by \/ outcome assistance-ended also needs/,
      ],
      [
        [
          'answer',
          'W1',
          '--department',
          'civil-affairs',
          '--outcome',
          'not-eligible',
          '--reason',
          '收入超标',
          '--handled-by',
          'YL-MZ-0413',
          '--ended-on',
          '2026-11-30',
        ],
        /^结果 not-eligible 不用 --ended-on/,
      ],
      [['work', '--department', 'civil-affairs', '--wait', '60'], /^--wait 须为 1-20 的整数/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await lim(...argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(err, argv.join(' ')).toMatch(message);
      expect(err).not.toMatch(LIBRARY_WORDS);
    }
  });

  it('2 with --json too, as one JSON object on stdout', async () => {
    const { code, out } = await lim('--json', 'status', 'S0123', '--department', 'finance');
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ ok: false, exitCode: 2, error: 'Usage' });
  });

  it('3 when the platform cannot be reached, after the retries', async () => {
    const { code, err } = await lim('status', 'S0123', '--department', 'health', '--endpoint', 'http://127.0.0.1:9/prod', '--region', 'cn-north-1');
    expect(code).toBe(3);
    expect(err).toMatch(/^无法连接平台 http:\/\/127\.0\.0\.1:9\/prod.*\/ cannot reach the platform/);
  }, 30_000);
});
