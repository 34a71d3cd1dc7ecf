import type { Command } from 'commander';
import type { SubmissionStatus } from '../../client/index';
import { EXIT } from '../bilingual';
import { connect, type GlobalOptions } from '../connect';
import type { Output } from '../print';

const STATE: Record<SubmissionStatus['state'], string> = {
  accepted: '已受理，待比对 / accepted, not yet evaluated',
  evaluating: '比对中 / being evaluated',
  evaluated: '已比对完 / evaluated',
};

/** Records listed one by one up to this many; beyond, only those that raised warnings. */
const LISTED = 50;

export function statusCommand(program: Command, output: (command: Command) => Output, finish: (code: number) => void): void {
  program
    .command('status')
    .summary('查看报送进度 / how far a submission is')
    .description(
      '查看一次报送的进度：受理、已比对的记录，产生的预警及其接收部门 / how far a submission is: records accepted and evaluated, the warnings raised and who received them',
    )
    .argument('<submission-id>', '提交编号（lim submit 打印的 submission）/ the submission id (printed by lim submit)')
    .option('--department <code>', '报送部门（或设 LIM_DEPARTMENT）/ the department that sent it (or set LIM_DEPARTMENT)')
    .action(async (submissionId: string, _options: unknown, command: Command) => {
      const out = output(command);
      const client = connect(command.optsWithGlobals<GlobalOptions>());
      try {
        const status = await client.readSubmission(submissionId);
        out.emit({ ok: true, ...status });
        out.line(`提交 submission ${status.submissionId}  批次 batch ${status.batchId}  部门 ${status.department}  受理于 accepted at ${status.acceptedAt}`);
        out.line(`状态 state: ${status.state} — ${STATE[status.state]}`);
        out.line(`记录 records: ${status.totals.records}  已比对 evaluated: ${status.totals.evaluated}  预警 warnings raised: ${status.totals.warningsRaised}`);
        const listed = status.records.length <= LISTED ? status.records : status.records.filter((r) => r.warnings.length);
        for (const r of listed) {
          out.line(`  #${r.index}  ${r.recordType}  ${r.recordId}  ${r.state === 'evaluated' ? '已比对 evaluated' : '待比对 accepted'}`);
          for (const w of r.warnings) out.line(`      预警 warning ${w.warningId}  ${w.indicatorId}  → ${w.recipients.join(', ')}`);
        }
        if (listed.length < status.records.length)
          out.line(`  （其余 ${status.records.length - listed.length} 条未产生预警 / the other ${status.records.length - listed.length} raised no warning）`);
        finish(EXIT.ok);
      } finally {
        client.close();
      }
    });
}
