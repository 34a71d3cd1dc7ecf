import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { PlatformError, SubmissionRunError, runIdProblem, type BatchOutcome, type SubmissionRun } from '../../client/index';
import { EXIT, UsageError } from '../bilingual';
import { connect, departmentOf, type GlobalOptions } from '../connect';
import type { Output } from '../print';
import { readRecordsFile, type ReadFile } from '../sheets/read';
import { atRow, columnName, problemsOf, writeReport } from '../sheets/report';
import type { ConvertedRow, RowProblem } from '../sheets/rows';
import { recordTypeOf } from './template';

interface SubmitOptions {
  recordType?: string;
  runId?: string;
  sendValid?: boolean;
  check?: boolean;
}

/** Problems shown on screen; the report holds them all. */
const SHOWN = 20;

const where = (file: ReadFile, p: RowProblem) =>
  file.format === 'json' ? `第 ${p.row} 条记录 record ${p.row}` : p.row <= 1 ? '标题行 heading row' : `第 ${p.row} 行 row ${p.row}`;

function showProblems(out: Output, file: ReadFile, problems: readonly RowProblem[]): void {
  for (const p of problems.slice(0, SHOWN)) out.line(`  ${where(file, p)}  ${columnName(p)}：${p.message}`);
  if (problems.length > SHOWN) out.line(`  … 另有 ${problems.length - SHOWN} 个问题见报告 / ${problems.length - SHOWN} more in the report`);
}

const problemJson = (p: RowProblem) => ({ row: p.row, column: p.column?.letter, heading: p.column?.heading, field: p.field, message: p.message });

export function submitCommand(program: Command, output: (command: Command) => Output, finish: (code: number) => void): void {
  program
    .command('submit')
    .summary('校验并报送一个文件 / check and send a file')
    .description(
      '报送一个文件（xlsx、csv 或 json）：先在本地逐行校验，有问题则在文件旁写问题报告且不报送；无问题则分批（每批至多 500 条）报送 / send a file (xlsx, csv or json): every row is checked here first; with problems an error report is written beside the file and nothing is sent; without, the records are sent in batches of at most 500',
    )
    .argument('<file>', '要报送的文件 / the file to send')
    .option('--department <code>', '报送部门（或设 LIM_DEPARTMENT）/ the department sending (or set LIM_DEPARTMENT)')
    .option(
      '--record-type <type>',
      '文件的记录类型（文件的 type 列或工作表名没有写明时）/ the file’s record type (when neither its type column nor its sheet name says)',
    )
    .option(
      '--run-id <id>',
      '本次报送的运行编号，批次编号由它派生（默认取文件内容的哈希）；失败后用同一编号重跑即续传 / the run id the batch ids derive from (default: a hash of the content); rerun with the same id after a failure to resume',
    )
    .option(
      '--send-valid',
      '文件有问题时仍报送没有问题的行（问题行写入报告）/ send the rows without problems even when others have some (those go to the report)',
    )
    .option('--check', '只校验，不报送 / check only, send nothing')
    .addHelpText(
      'after',
      `
示例 Examples:
  npx lim submit --department health deaths-2026-11.xlsx
  npx lim submit --department health deaths-2026-11.csv --run-id health-deaths-2026-11

问题报告 Error report: <文件名>.errors.xlsx（原工作簿加「问题」列，出错的格标红）或 <文件名>.errors.csv（行、列、字段、问题）
  / <file>.errors.xlsx (the workbook with a problems column, the cells at fault marked) or <file>.errors.csv (row, column, field, problem)`,
    )
    .action(async (path: string, options: SubmitOptions, command: Command) => {
      const out = output(command);
      const globals = command.optsWithGlobals<GlobalOptions & SubmitOptions>();
      const department = departmentOf(globals);
      if (!existsSync(path)) throw new UsageError(`找不到文件 ${path} / no such file: ${path}`);
      if (options.runId) {
        const problem = runIdProblem(options.runId);
        if (problem) throw new UsageError(`--run-id：${problem}`);
      }
      const file = await readRecordsFile(path, options.recordType ? recordTypeOf(options.recordType) : undefined);
      const problems = problemsOf(file, department);
      const rowsAtFault = new Set(problems.map((p) => p.row));
      const fileAtFault = problems.some((p) => p.row <= 1);
      const valid = file.rows.filter((r) => !rowsAtFault.has(r.row));
      if (file.examplesSkipped.length) out.line(`跳过示例行 / example row skipped: ${file.examplesSkipped.join(', ')}`);
      let report: string | undefined;

      if (problems.length) {
        report = await writeReport(file, problems);
        out.line(
          `${file.rows.length} 条记录中 ${file.rows.length - valid.length} 条有问题，共 ${problems.length} 个问题 / ${file.rows.length - valid.length} of ${file.rows.length} records have problems, ${problems.length} in all:`,
        );
        showProblems(out, file, problems);
        out.line(`问题报告 / error report: ${report}`);
        if (options.check || !options.sendValid || fileAtFault || !valid.length) {
          out.line(
            fileAtFault && options.sendValid
              ? '文件本身有问题（列标题），未报送任何记录 / the file itself has problems (its headings): nothing was sent'
              : '未报送任何记录；改正后重新报送，或加 --send-valid 只报送没有问题的行 / nothing was sent; fix the file and send it again, or add --send-valid to send only the rows without problems',
          );
          out.emit({ ok: false, file: path, records: file.rows.length, problems: problems.map(problemJson), report, sent: 0 });
          return finish(EXIT.problems);
        }
      } else {
        out.line(`${file.rows.length} 条记录均通过本地校验 / all ${file.rows.length} records pass the local checks`);
      }
      if (options.check) {
        out.emit({ ok: true, file: path, records: file.rows.length, problems: [], sent: 0 });
        return finish(EXIT.ok);
      }

      const client = connect(globals);
      const bar =
        out.tty && !out.json
          ? new cliProgress.SingleBar(
              { format: '报送 sending [{bar}] {value}/{total} 条 records · 批次 batch {batch}/{batches}', stream: process.stdout, hideCursor: true },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
      bar?.start(valid.length, 0, { batch: 0, batches: Math.ceil(valid.length / 500) });
      let run: SubmissionRun;
      try {
        run = await client.submitRecords(
          valid.map((r) => r.record),
          {
            ...(options.runId ? { runId: options.runId } : {}),
            onBatch: (_batch, progress) => bar?.update(progress.recordsDone, { batch: progress.batchesDone, batches: progress.batches }),
          },
        );
      } catch (error) {
        bar?.stop();
        if (error instanceof SubmissionRunError) {
          for (const b of error.done) out.line(batchLine(b, error.done.length + 1));
          // The platform's own refusal of a batch, by record: told by the file's rows in the report.
          if (error.failure instanceof PlatformError && error.failure.problems.some((p) => p.record !== undefined)) {
            const refused = error.failure.problems
              .filter((p) => p.record !== undefined)
              .map((p) => atRow(valid[error.failed.firstRecord + p.record!] as ConvertedRow, p));
            report = await writeReport(file, [...problems, ...refused]);
            out.line(`平台拒绝了第 ${error.failed.batchNumber} 批 / the platform refused batch ${error.failed.batchNumber}:`);
            showProblems(out, file, refused);
            out.line(`问题报告 / error report: ${report}`);
          }
        }
        throw error;
      } finally {
        client.close();
      }
      bar?.stop();
      for (const b of run.batches) out.line(batchLine(b, run.batches.length));
      const accepted = run.batches.reduce((n, b) => n + b.records, 0);
      out.line(
        `已报送 ${accepted} 条记录，共 ${run.batches.length} 批（运行编号 ${run.runId}）/ sent ${accepted} records in ${run.batches.length} batch(es) (run id ${run.runId})`,
      );
      const first = run.batches[0];
      if (first) out.line(`查看比对进度 / follow the evaluation: npx lim status ${first.submissionId} --department ${department}`);
      out.emit({
        ok: problems.length === 0,
        file: path,
        records: file.rows.length,
        problems: problems.map(problemJson),
        ...(report ? { report } : {}),
        sent: accepted,
        runId: run.runId,
        batches: run.batches,
      });
      finish(problems.length ? EXIT.problems : EXIT.ok);
    });
}

function batchLine(b: BatchOutcome, of: number): string {
  const state = b.replayed ? '此前已受理（未重复报送）/ accepted before (not sent twice)' : '已受理 / accepted';
  return `批次 batch ${b.batchNumber}/${of}  ${b.batchId}  提交编号 submission ${b.submissionId}  ${b.records} 条 records  ${state}`;
}
