import { CredentialsError, ConnectionSettingsError, InvalidOutcomeError, PlatformError, PlatformUnreachableError, SubmissionRunError } from '../client/index';
import { CommanderError, EXIT, UsageError, commanderMessage } from './bilingual';
import { UnreadableFileError } from './sheets/read';

/**
 * What a command says: to people, lines in Chinese and English; with --json, one JSON object a
 * line on stdout, for scripts. Errors become an exit code (cli/bilingual.ts EXIT) and a message.
 */
export interface Output {
  json: boolean;
  /** Whether stdout is a terminal (progress bars only then). */
  tty: boolean;
  line(text?: string): void;
  error(text: string): void;
  emit(value: unknown): void;
}

export function consoleOutput(json: boolean): Output {
  return {
    json,
    tty: Boolean(process.stdout.isTTY),
    line: (text = '') => {
      if (!json) process.stdout.write(`${text}\n`);
    },
    error: (text) => {
      process.stderr.write(`${text}\n`);
    },
    emit: (value) => {
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求有误 / the request is invalid',
  401: '请求未签名 / the request was not signed',
  403: '平台拒绝：无权这样做，或凭证、签名不被接受 / refused: not allowed, or the credentials or the signature were not accepted',
  404: '平台没有找到：没有这个地址，或没有这一项（或它不属于本部门）/ not found: no such route, or no such item (or it is not your department’s)',
  409: '冲突 / conflict',
  413: '请求太大 / the request is too large',
  422: '与平台的记录不符 / it contradicts what the platform holds',
  429: '请求太频繁，重试后仍被限流 / throttled, and still after the retries',
};

function statusText(status: number): string {
  if (status >= 500) return `平台出错，重试后仍未成功（HTTP ${status}）/ the platform failed and retries did not get through (HTTP ${status})`;
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

export interface Described {
  exitCode: number;
  lines: string[];
  json: Record<string, unknown>;
}

/** An error as the exit code and words a person (or a script) gets. */
export function describe(error: unknown): Described {
  if (error instanceof CommanderError) {
    if (['commander.help', 'commander.helpDisplayed', 'commander.version'].includes(error.code)) return { exitCode: EXIT.ok, lines: [], json: {} };
    const message = commanderMessage(error);
    return { exitCode: EXIT.usage, lines: [message, '用 --help 查看用法 / see --help for usage'], json: { error: 'Usage', code: error.code, message } };
  }
  if (error instanceof UsageError)
    return { exitCode: EXIT.usage, lines: [error.message, '用 --help 查看用法 / see --help for usage'], json: { error: 'Usage', message: error.message } };
  if (error instanceof ConnectionSettingsError) return { exitCode: EXIT.usage, lines: [error.message], json: { error: error.code, message: error.message } };
  if (error instanceof CredentialsError) return { exitCode: EXIT.unreachable, lines: [error.message], json: { error: 'Credentials', message: error.message } };
  if (error instanceof PlatformUnreachableError)
    return { exitCode: EXIT.unreachable, lines: [error.message], json: { error: 'Unreachable', message: error.message, url: error.url } };
  if (error instanceof PlatformError) {
    const lines = [
      statusText(error.status),
      `代码 code: ${error.code}`,
      `平台说明 platform says: ${error.message}`,
      ...error.problems.map(
        (p) => `  - ${p.record !== undefined ? `记录 record ${p.record}${p.recordId ? ` (${p.recordId})` : ''} ` : ''}${p.field}: ${p.message}`,
      ),
    ];
    return {
      exitCode: error.status >= 500 ? EXIT.unreachable : EXIT.problems,
      lines,
      json: { error: error.code, status: error.status, message: error.message, problems: error.problems },
    };
  }
  if (error instanceof SubmissionRunError) {
    const inner = describe(error.failure);
    const lines = [
      `第 ${error.failed.batchNumber} 批（${error.failed.batchId}）未被受理；此前 ${error.done.length} 批已受理 / batch ${error.failed.batchNumber} (${error.failed.batchId}) was not accepted; the ${error.done.length} batch(es) before it were`,
      ...inner.lines,
      `原样再运行同一命令即可续传（运行编号 ${error.runId}）：已受理的批次不会重复 / run the same command again to resume (run id ${error.runId}): accepted batches are not sent twice`,
    ];
    return { exitCode: inner.exitCode, lines, json: { ...inner.json, runId: error.runId, done: error.done, failed: error.failed } };
  }
  if (error instanceof InvalidOutcomeError)
    return {
      exitCode: EXIT.problems,
      lines: ['答复未发送 / the answer was not sent', ...error.problems.map((p) => `  - ${p.field}: ${p.message}`)],
      json: { error: error.code, problems: error.problems },
    };
  if (error instanceof UnreadableFileError)
    return { exitCode: EXIT.problems, lines: [error.message], json: { error: 'UnreadableFile', message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.problems, lines: [`意外错误 / unexpected error: ${message}`], json: { error: 'Unexpected', message } };
}
