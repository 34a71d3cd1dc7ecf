import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { EXIT, EXIT_CODES_HELP, bilingual } from './bilingual';
import { consoleOutput, describe, type Output } from './print';
import { answerCommand, ackCommand, workCommand } from './commands/warnings';
import { statusCommand } from './commands/status';
import { submitCommand } from './commands/submit';
import { templateCommand } from './commands/template';

/**
 * `lim`: the departments' command for the platform (低收入人口动态监测平台 部门工具). Templates
 * for their records, a checked and resumable submission of a whole file, the status of a
 * submission, the work queue, and answers to warnings. Exit codes: cli/bilingual.ts EXIT.
 */
export function buildProgram(finish: (code: number) => void): Command {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const program = bilingual(new Command('lim'))
    .description(
      '低收入人口动态监测信息平台的部门工具：模板、报送、进度、预警处置 / the departments’ tool for the low-income monitoring platform: templates, submissions, progress, warnings',
    )
    .version(version, '-V, --version', '显示版本 / show the version')
    .option(
      '--endpoint <url>',
      '平台 API 地址（部署输出 ApiUrl；或设 LIM_ENDPOINT）；不给则用本地平台 / the platform API URL (deployment output ApiUrl; or set LIM_ENDPOINT); without it, the local platform',
    )
    .option('--profile <name>', 'AWS 配置文件名（~/.aws/config）；给出即连接已部署的平台 / AWS profile (~/.aws/config); given, the deployed platform is used')
    .option('--region <region>', 'AWS 区域，如 cn-north-1（默认取自地址或 AWS_REGION）/ AWS region, e.g. cn-north-1 (default: from the URL or AWS_REGION)')
    .option('--role-arn <arn>', '先扮演本部门的角色 / assume your department’s role first')
    .option(
      '--source-identity <name>',
      '扮演角色时的来源身份（经办人，写入审计）/ the source identity (the officer, written to the audit trail) when assuming the role',
    )
    .option(
      '--queue-url <url>',
      '本部门工作队列地址（部署输出 <部门>QueueUrl；或设 LIM_QUEUE_URL）/ your work queue URL (deployment output <Department>QueueUrl; or set LIM_QUEUE_URL)',
    )
    .option(
      '--data-dir <dir>',
      '本地平台的数据目录，读取其中的连接文件 platform.json（默认 .local-data；或设 LIM_DATA_DIR）/ the local platform’s data folder holding its connection file platform.json (default .local-data; or set LIM_DATA_DIR)',
    )
    .option('--lang <lang>', '平台消息先用哪种语言：zh-CN（默认）或 en / which language the platform’s messages put first: zh-CN (default) or en')
    .option('--json', '输出 JSON（每行一个对象），供脚本使用 / print JSON (one object a line) for scripts')
    .addHelpText(
      'after',
      `${EXIT_CODES_HELP}\n\n示例 Examples:\n  npx lim template death-record --format xlsx\n  npx lim submit --department health death-record.xlsx\n  npx lim status S0123456789ABCDEF0123456789 --department health\n  npx lim work --department civil-affairs --once\n  npx lim answer W78990A98B6DEB1DC91750BE6 --department civil-affairs --outcome no-action-needed --reason "已核实，无需处置" --handled-by YL-MZ-0413`,
    );
  const output = (command: Command): Output => consoleOutput(Boolean(command.optsWithGlobals<{ json?: boolean }>().json));
  templateCommand(program, output, finish);
  submitCommand(program, output, finish);
  statusCommand(program, output, finish);
  workCommand(program, output, finish);
  answerCommand(program, output, finish);
  ackCommand(program, output, finish);
  for (const command of program.commands) command.addHelpText('after', EXIT_CODES_HELP);
  return program;
}

/** Runs the command line and answers its exit code; never throws. */
export async function run(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (error) {
    const described = describe(error);
    if (described.exitCode === EXIT.ok) return EXIT.ok;
    const json = argv.includes('--json');
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, exitCode: described.exitCode, ...described.json })}\n`);
    for (const line of described.lines) process.stderr.write(`${line}\n`);
    return described.exitCode;
  }
}
