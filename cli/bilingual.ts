import { type Command, CommanderError, type HelpConfiguration } from 'commander';

/**
 * People read Chinese first: commander's own words (its help headings and its errors) are put
 * in both languages here, so none of the library's English reaches a user alone.
 */

export const EXIT = {
  /** 成功 */
  ok: 0,
  /** 文件有问题，或平台拒绝了请求 */
  problems: 1,
  /** 用法错误 */
  usage: 2,
  /** 无法连接或登录平台 */
  unreachable: 3,
} as const;

export const EXIT_CODES_HELP = `
退出码 Exit codes:
  0  成功 / ok
  1  文件有问题（已写问题报告），或平台拒绝了请求（4xx）/ problems in the file (an error report was written), or the platform refused the request (4xx)
  2  用法错误：未知命令或选项、缺少参数、没有平台连接设置 / usage: unknown command or option, missing argument, no connection settings
  3  无法连接或登录平台：网络、超时、重试后仍为 5xx、没有可用凭证 / cannot reach or sign in to the platform: network, timeout, 5xx after retries, no usable credentials`;

const TITLES: Record<string, string> = {
  'Usage:': '用法 Usage:',
  'Options:': '选项 Options:',
  'Global Options:': '全局选项 Global options:',
  'Commands:': '命令 Commands:',
  'Arguments:': '参数 Arguments:',
};

export const BILINGUAL_HELP: HelpConfiguration = {
  showGlobalOptions: true,
  styleTitle: (title: string) => TITLES[title] ?? title,
};

/** A usage problem found after parsing (a value that is not one of the allowed ones). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Commander's error, told in both languages. */
export function commanderMessage(error: CommanderError): string {
  const quoted = [...error.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const [first = '', second = ''] = quoted;
  switch (error.code) {
    case 'commander.unknownOption':
      return `未知选项 ${first} / unknown option ${first}`;
    case 'commander.unknownCommand':
      return `未知命令 ${first} / unknown command ${first}`;
    case 'commander.missingArgument':
      return `缺少参数 <${first}> / missing argument <${first}>`;
    case 'commander.optionMissingArgument':
      return `选项 ${first} 缺少取值 / option ${first} needs a value`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${first} / required option ${first} not given`;
    case 'commander.excessArguments':
      return '参数过多 / too many arguments';
    case 'commander.conflictingOption':
      return `选项 ${first} 与 ${second} 不能同时使用 / ${first} cannot be used with ${second}`;
    case 'commander.invalidArgument': {
      // Our own parsers' messages are already in both languages; commander puts them after "is invalid.".
      const own = /is invalid\.\s*(.*)$/s.exec(error.message)?.[1];
      return own || `取值无效 / invalid value${first ? ` ${first}` : ''}`;
    }
    default:
      return `用法错误 / usage error (${error.code})`;
  }
}

/** Applies the bilingual help and error handling to a command and (through inheritance) to those added after. */
export function bilingual(command: Command): Command {
  return command
    .configureHelp(BILINGUAL_HELP)
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示某个命令的帮助 / show help for a command')
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
}

export { CommanderError };
