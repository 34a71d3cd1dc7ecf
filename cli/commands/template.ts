import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { RECORD_TYPE_CODES, isRecordType, type RecordType } from '../../client/records';
import { RECORD_TYPES } from '../../shared/records/catalogue';
import { DEPARTMENTS } from '../../shared/domain/departments';
import { EXIT, UsageError } from '../bilingual';
import type { Output } from '../print';
import { templateColumns } from '../sheets/columns';
import { writeCsvTemplate, writeXlsxTemplate } from '../sheets/template';

/** Every record type by its department, for the help. */
export function recordTypesHelp(): string {
  const lines = ['', '记录类型 Record types:'];
  for (const [department, name] of Object.entries(DEPARTMENTS)) {
    const types = RECORD_TYPE_CODES.filter((t) => RECORD_TYPES[t].department === department);
    if (types.length) lines.push(`  ${name} ${department}: ${types.join(', ')}`);
  }
  return lines.join('\n');
}

export function recordTypeOf(value: string): RecordType {
  if (!isRecordType(value))
    throw new UsageError(`没有这种记录类型：${value}（lim template --help 列出全部）/ no such record type: ${value} (lim template --help lists them)`);
  return value;
}

export function templateCommand(program: Command, output: (command: Command) => Output, finish: (code: number) => void): void {
  program
    .command('template')
    .summary('生成填报模板 / write a record type’s template')
    .description(
      '生成某种记录的填报模板：每个字段一列，中英文列标题，一行示例 / write the template of a record type: a column per field, headed in Chinese and English, one example row',
    )
    .argument('<record-type>', '记录类型，如 death-record / the record type, e.g. death-record')
    .option('--format <format>', '格式：xlsx（默认，带下拉列表和校验）或 csv / format: xlsx (the default, with drop-downs and cell checks) or csv')
    .option('--out <file>', '写到哪个文件（默认 ./<记录类型>.<格式>）/ the file to write (default ./<record-type>.<format>)')
    .option('--force', '覆盖已有的文件 / overwrite an existing file')
    .addHelpText('after', `${recordTypesHelp()}\n\n示例 Example:\n  npx lim template death-record --format xlsx`)
    .action(async (typeName: string, options: { format?: string; out?: string; force?: boolean }, command: Command) => {
      const out = output(command);
      const type = recordTypeOf(typeName);
      const format = (options.format ?? 'xlsx').toLowerCase();
      if (format !== 'xlsx' && format !== 'csv')
        throw new UsageError(`--format 只能是 xlsx 或 csv，不是 ${options.format} / --format is xlsx or csv, not ${options.format}`);
      const file = options.out ?? `${type}.${format}`;
      if (existsSync(file) && !options.force) {
        out.error(`${file} 已存在，未覆盖；要覆盖请加 --force / ${file} exists and was not overwritten; add --force to overwrite it`);
        out.emit({ ok: false, error: 'FileExists', file });
        return finish(EXIT.problems);
      }
      if (format === 'xlsx') await writeXlsxTemplate(type, file);
      else writeCsvTemplate(type, file);
      const columns = templateColumns(type);
      out.line(
        `已写出 ${type} 的模板：${file}（${columns.length} 列，第 2 行是示例）/ wrote the ${type} template: ${file} (${columns.length} columns, row 2 is an example)`,
      );
      out.line(`填好后报送 / when filled in, send it: npx lim submit --department ${RECORD_TYPES[type].department} ${file}`);
      out.emit({ ok: true, recordType: type, format, file, columns: columns.map((c) => ({ path: c.path, header: c.header, required: c.required })) });
      finish(EXIT.ok);
    });
}
