import { Option, type Command } from 'commander';
import { InvalidOutcomeError, LONG_POLL_SECONDS, type WarningOutcomeInput, type WorkItemV1 } from '../../client/index';
import { DISTRICTS } from '../../shared/domain/districts';
import { EXIT, UsageError } from '../bilingual';
import { connect, departmentOf, type GlobalOptions } from '../connect';
import { OUTCOME_KINDS, flagOf, kindSynopsis, outcomeFrom, outcomeOptions } from '../outcomes';
import type { Output } from '../print';
import type { Column } from '../sheets/columns';

const KIND: Record<Column['leaf']['kind'], string> = {
  string: '文本 text',
  integer: '整数 whole number',
  number: '数字 number',
  boolean: 'true/false',
  date: '日期 date yyyy-mm-dd',
  list: '逗号分隔 comma-separated',
};

/** What an option of `lim answer` takes, in a line. */
function optionRule(c: Column): string {
  if (c.leaf.values) return `${c.leaf.values.join(' | ')}`;
  if (c.path.endsWith('Fen')) return `${KIND[c.leaf.kind]}, 以分为单位 in fen`;
  if (c.path === 'handledBy') return '经办人工号 the officer’s staff number';
  if (c.path === 'reason') return `文本 text, ${c.leaf.minLength ?? 0}-${c.leaf.maxLength ?? ''}, 不含身份证号、手机号等 no identity or phone numbers`;
  return KIND[c.leaf.kind];
}

/** How to answer a warning, as a command a case worker can copy. */
export function answerCommandFor(warningId: string, department: string): string {
  return `npx lim answer ${warningId} --department ${department} --outcome <结果 kind> --reason "<理由 reason>" --handled-by <工号 staff no.>`;
}

function daysLeft(dueBy: string, now = Date.now()): string {
  const days = Math.ceil((Date.parse(dueBy) - now) / 86_400_000);
  return days >= 0 ? `剩 ${days} 天 / ${days} day(s) left` : `已逾期 ${-days} 天 / ${-days} day(s) overdue`;
}

const scalar = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A work item as a case worker reads it: what, for which household, on what evidence, by when, and how to answer. */
export function workItemLines(item: WorkItemV1, department: string): string[] {
  const w = item.warning;
  const lines = [
    `━━ 预警 warning ${w.warningId} ━━`,
    `指标 indicator: ${w.indicator.id} (v${w.indicator.version}) ${w.indicator.title}`,
    `家庭 household: ${w.householdId}  ${DISTRICTS[w.district]} ${w.district}`,
    `需处置 action: ${w.action}`,
    `说明 explanation: ${w.explanation}`,
    `期限 due by: ${w.dueBy}（${daysLeft(w.dueBy)}）  发出 raised: ${w.raisedAt}`,
    '证据 evidence:',
    ...w.evidence.map(
      (e) =>
        `  - ${e.recordType} ${e.recordId}（${e.department}）${Object.entries(e.facts)
          .map(([k, v]) => `${k}=${scalar(v)}`)
          .join(', ')}`,
    ),
  ];
  if (Object.keys(w.indicator.parameters).length)
    lines.push(
      `依据参数 parameters: ${Object.entries(w.indicator.parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  lines.push(`签收 acknowledge: npx lim ack ${w.warningId} --department ${department}`);
  lines.push(`答复 answer:      ${answerCommandFor(w.warningId, department)}`);
  lines.push(`  结果及其选项 kinds and their options（lim answer --help）:`);
  for (const k of OUTCOME_KINDS) lines.push(`    ${kindSynopsis(k)}`);
  return lines;
}

export function workCommand(program: Command, output: (command: Command) => Output, finish: (code: number) => void): void {
  program
    .command('work')
    .summary('读取本部门的预警队列 / read your work queue')
    .description(
      '读取本部门的工作队列：逐条显示预警（证据、期限、答复命令），显示后从队列删除；未能处理的留在队列里，到可见性超时后再出现 / read the department’s work queue: each warning is shown (evidence, deadline, the answer command) and then deleted from the queue; one that could not be handled stays and comes back after its visibility timeout',
    )
    .option('--department <code>', '本部门（或设 LIM_DEPARTMENT）/ your department (or set LIM_DEPARTMENT)')
    .option(
      '--once',
      '取完队列里现有的就停（脚本、测试用）；不加则一直等新预警，Ctrl-C 停止 / stop once the queue is found empty (scripts, tests); without it, keep waiting for new warnings until Ctrl-C',
    )
    .option(
      '--ack',
      '显示后同时签收（签收写入审计）；签收失败的不删除 / also acknowledge each warning shown (audited); one whose acknowledgement fails is not deleted',
    )
    .option('--wait <seconds>', `每次长轮询等待秒数，1-20（默认 ${LONG_POLL_SECONDS}）/ seconds each long poll waits, 1-20 (default ${LONG_POLL_SECONDS})`)
    .addHelpText('after', '\n示例 Example:\n  npx lim work --department civil-affairs --once')
    .action(async (options: { once?: boolean; ack?: boolean; wait?: string }, command: Command) => {
      const out = output(command);
      const globals = command.optsWithGlobals<GlobalOptions>();
      const department = departmentOf(globals);
      const wait = options.wait === undefined ? LONG_POLL_SECONDS : Number(options.wait);
      if (!Number.isInteger(wait) || wait < 1 || wait > 20)
        throw new UsageError(`--wait 须为 1-20 的整数，不是 ${options.wait} / --wait is a whole number 1-20, not ${options.wait}`);
      const client = connect(globals);
      const queue = client.workQueue;
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      if (!options.once) out.line(`等待 ${department} 的预警（Ctrl-C 停止）/ waiting for ${department}'s warnings (Ctrl-C to stop)`);
      try {
        const summary = await queue.follow(
          async (item) => {
            const acknowledged = options.ack ? await client.acknowledgeWarning(item.warning.warningId) : undefined;
            for (const line of workItemLines(item, department)) out.line(line);
            if (acknowledged) out.line(`已签收 acknowledged: ${acknowledged.acknowledgedBy.join(', ')}`);
            out.line();
            out.emit({
              type: 'work-item',
              warningId: item.warning.warningId,
              indicator: item.warning.indicator.id,
              householdId: item.warning.householdId,
              dueBy: item.warning.dueBy,
              acknowledged: Boolean(acknowledged),
              answerCommand: answerCommandFor(item.warning.warningId, department),
              item,
            });
          },
          {
            once: Boolean(options.once),
            waitTimeSeconds: wait,
            signal: stop.signal,
            onUnreadable: (m) =>
              out.error(
                `无法读取的消息 ${m.messageId}（第 ${m.receiveCount} 次收到），留在队列中，多次后转入死信队列 / unreadable message ${m.messageId} (received ${m.receiveCount} times) left on the queue; after its receives it goes to the dead-letter queue: ${m.problem}`,
              ),
            onError: (error, m) =>
              out.error(
                `预警 ${m.item.warning.warningId} 未处理完，留在队列中稍后再来 / warning ${m.item.warning.warningId} was not handled and stays on the queue for later: ${(error as Error).message}`,
              ),
            onDeleteFailed: (failed) =>
              out.error(
                `${failed.length} 条消息未能删除，将再次出现 / ${failed.length} message(s) could not be deleted and will come again: ${failed.map((f) => f.code).join(', ')}`,
              ),
          },
        );
        out.line(
          `共显示 ${summary.handled} 条预警${summary.duplicates ? `，另有 ${summary.duplicates} 条重复已删除` : ''}${summary.failed ? `，${summary.failed} 条未处理完留在队列` : ''} / ${summary.handled} warning(s) shown${summary.duplicates ? `, ${summary.duplicates} duplicate(s) deleted` : ''}${summary.failed ? `, ${summary.failed} left on the queue` : ''}`,
        );
        out.emit({ type: 'summary', ...summary });
        finish(summary.failed ? EXIT.problems : EXIT.ok);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        client.close();
      }
    });
}

export function answerCommand(program: Command, output: (command: Command) => Output, finish: (code: number) => void): void {
  const command = program
    .command('answer')
    .summary('答复预警 / answer a warning')
    .description('答复一条预警（反馈处置结果）；同一答复重发无害 / answer a warning (the outcome of handling it); sending the same answer again does no harm')
    .argument('<warning-id>', '预警编号 / the warning id')
    .option('--department <code>', '本部门（或设 LIM_DEPARTMENT）/ your department (or set LIM_DEPARTMENT)')
    .option('--outcome <kind>', `结果 / the outcome: ${OUTCOME_KINDS.map((k) => k.kind).join(', ')}`);
  for (const o of outcomeOptions()) {
    const label = [o.column.label.zh, o.column.label.en].filter(Boolean).join(' / ');
    command.addOption(new Option(`${o.flag} <value>`, `${label ? `${label}: ` : ''}${optionRule(o.column)}（${o.kinds.join(', ')}）`));
  }
  command
    .addHelpText(
      'after',
      `
各种结果的选项 Options of each outcome ([] 为选填 optional):
${OUTCOME_KINDS.map((k) => `  ${kindSynopsis(k)}`).join('\n')}

示例 Example:
  npx lim answer W78990A98B6DEB1DC91750BE6 --department civil-affairs --outcome assistance-ended \\
    --programme dibao-allowance --ended-on 2026-11-30 --exit-reason died --reason "户主已故，低保金停发" --handled-by YL-MZ-0413`,
    )
    .action(async (warningId: string, options: Record<string, unknown>, cmd: Command) => {
      const out = output(cmd);
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      departmentOf(globals);
      if (typeof options.outcome !== 'string') throw new UsageError('缺少必需的选项 --outcome <结果> / required option --outcome <kind> not given');
      const outcome = outcomeFrom(options.outcome, options);
      const client = connect(globals);
      try {
        const receipt = await client.answerWarning(warningId, outcome as WarningOutcomeInput);
        out.line(
          `已答复预警 ${receipt.warningId}：${receipt.outcome}；预警状态 ${receipt.status}${receipt.replayed ? '（此前已收到同一答复）' : ''} / answered warning ${receipt.warningId}: ${receipt.outcome}; the warning is now ${receipt.status}${receipt.replayed ? ' (the same answer had been taken before)' : ''}`,
        );
        out.emit({ ok: true, ...receipt });
        finish(EXIT.ok);
      } catch (error) {
        // Problems named by the option a person typed, not by the field path alone.
        if (error instanceof InvalidOutcomeError)
          throw new InvalidOutcomeError(error.problems.map((p) => ({ field: `${flagOf(p.field)} (${p.field})`, message: p.message })));
        throw error;
      } finally {
        client.close();
      }
    });
}

export function ackCommand(program: Command, output: (command: Command) => Output, finish: (code: number) => void): void {
  program
    .command('ack')
    .summary('签收预警 / acknowledge a warning')
    .description('签收一条预警：本部门已接手（写入审计）/ acknowledge a warning: your department has taken it in hand (audited)')
    .argument('<warning-id>', '预警编号 / the warning id')
    .option('--department <code>', '本部门（或设 LIM_DEPARTMENT）/ your department (or set LIM_DEPARTMENT)')
    .action(async (warningId: string, _options: unknown, cmd: Command) => {
      const out = output(cmd);
      const client = connect(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const receipt = await client.acknowledgeWarning(warningId);
        out.line(
          `已签收预警 ${receipt.warningId}；状态 ${receipt.status}；已签收部门 ${receipt.acknowledgedBy.join(', ')} / acknowledged warning ${receipt.warningId}; status ${receipt.status}; acknowledged by ${receipt.acknowledgedBy.join(', ')}`,
        );
        out.emit({ ok: true, ...receipt });
        finish(EXIT.ok);
      } finally {
        client.close();
      }
    });
}
