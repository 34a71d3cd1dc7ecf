import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { templateColumns } from '../../cli/sheets/columns';
import { readRecordsFile } from '../../cli/sheets/read';
import { problemsOf, writeReport } from '../../cli/sheets/report';
import { writeXlsxTemplate } from '../../cli/sheets/template';
import { deathRecord, identityNumber, withWrongCheckCharacter } from '../fixtures/people';

/**
 * The error report beside a file (cli/sheets/report.ts): every problem by row, column (its
 * letter and heading), field and message, so a clerk can fix the file without asking anyone.
 */
const dir = mkdtempSync(join(tmpdir(), 'lim-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TODAY = { today: '2026-11-21' };
const people = [identityNumber('430104', '1950-01-01', 11), identityNumber('430105', '1939-02-15', 33), identityNumber('430102', '1942-07-20', 44)];
const headings = templateColumns('death-record').map((c) => c.header);
/** A column's heading as the template writes it (its labels, or its path where the schema has none). */
const heading = (path: string) => templateColumns('death-record').find((c) => c.path === path)!.header;
const CHECK_CHARACTER = /check character|校验/;
const row = (id: string, n: number, overrides: Record<string, string> = {}) => {
  const r: Record<string, string> = {
    type: 'death-record',
    recordId: `WJ-SW-2026-00${n}`,
    identityNumber: id,
    name: '王秀英',
    dateOfDeath: '2026-11-20',
    certificateNumber: `H43010426000${n}`,
    district: '430104',
    ...overrides,
  };
  return templateColumns('death-record').map((c) => r[c.path] ?? '');
};
const csvRecords = (text: string) => parse(text.replace(/^\uFEFF/, '')) as string[][];

describe('the error report (cli/sheets/report.ts)', () => {
  it('for a CSV: a CSV beside it naming row, column, heading, field and problem', async () => {
    const file = join(dir, 'deaths-2026-11.csv');
    writeFileSync(
      file,
      `\uFEFF${stringify([headings, row(people[0]!, 1), row(withWrongCheckCharacter(people[1]!), 2), row(people[2]!, 3, { dateOfDeath: '2026-11-31', district: '' })])}`,
    );
    const read = await readRecordsFile(file);
    const problems = problemsOf(read, 'health', TODAY);
    const report = await writeReport(read, problems);
    expect(report).toBe(join(dir, 'deaths-2026-11.errors.csv'));
    const lines = csvRecords(readFileSync(report, 'utf8'));
    expect(lines[0]).toEqual(['行 Row', '列 Column', '列名 Heading', '字段 Field', '问题 Problem']);
    expect(lines.slice(1).map(([r, c, h, f]) => [r, c, h, f])).toEqual([
      ['3', 'C', heading('identityNumber'), 'identityNumber'],
      ['4', 'E', heading('dateOfDeath'), 'dateOfDeath'],
      ['4', 'G', heading('district'), 'district'],
    ]);
    expect(lines[1]![4]).toMatch(CHECK_CHARACTER);
    expect(lines[3]![4]).toBe('必填，不能为空 / required: must not be empty');
  });

  it('for a workbook: the same workbook with a problems column, the cells at fault marked, and a sheet listing the problems; sent again, the column is reused and not taken for a field', async () => {
    const template = join(dir, 'death-record.xlsx');
    await writeXlsxTemplate('death-record', template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.getWorksheet('death-record')!;
    sheet.getRow(3).values = row(people[0]!, 1);
    sheet.getRow(4).values = row(withWrongCheckCharacter(people[1]!), 2);
    sheet.getRow(5).values = [...row(people[2]!, 3).slice(0, 4), new Date('2026-11-19T00:00:00Z'), 'H430104260003', '430104'];
    const file = join(dir, 'deaths-2026-11.xlsx');
    await workbook.xlsx.writeFile(file);

    const read = await readRecordsFile(file);
    expect(read.examplesSkipped).toEqual([2]);
    expect(read.rows.map((r) => r.record.dateOfDeath)).toEqual(['2026-11-20', '2026-11-20', '2026-11-19']);
    const problems = problemsOf(read, 'health', TODAY);
    expect(problems.map((p) => [p.row, p.column?.letter])).toEqual([[4, 'C']]);
    const report = await writeReport(read, problems);
    expect(report).toBe(join(dir, 'deaths-2026-11.errors.xlsx'));

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(report);
    const marked = back.getWorksheet('death-record')!;
    expect(marked.getCell('H1').value).toBe('问题 / Problems');
    expect(String(marked.getCell('H4').value)).toBe(`C「${heading('identityNumber')}」：${problems[0]!.message}`);
    expect(problems[0]!.message).toMatch(CHECK_CHARACTER);
    expect(marked.getCell('H3').value).toBeNull();
    expect(marked.getCell('C4').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(marked.getCell('C3').fill).not.toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(marked.getCell('C4').note).toBe(problems[0]!.message);
    const list = back.getWorksheet('问题清单 Problems')!;
    expect(list.getRow(2).values).toEqual([undefined, 4, 'C', heading('identityNumber'), 'identityNumber', problems[0]!.message]);

    // The report itself, fixed where it was marked, sent again: its problems column names no field.
    marked.getCell('C4').value = people[1]!;
    await back.xlsx.writeFile(report);
    const again = await readRecordsFile(report);
    expect(again.fileProblems).toEqual([]);
    expect(problemsOf(again, 'health', TODAY)).toEqual([]);
  });

  it('names a heading that is no field, a required column missing, and for JSON the record’s number and field', async () => {
    const file = join(dir, 'with-notes.csv');
    writeFileSync(
      file,
      stringify([
        ['type', 'recordId', 'identityNumber', 'name', 'dateOfDeath', 'district', '备注'],
        ['death-record', 'WJ-SW-2026-001', people[0]!, '王秀英', '2026-11-20', '430104', '家属来电'],
      ]),
    );
    const read = await readRecordsFile(file);
    expect(read.fileProblems.map((p) => [p.row, p.column?.letter, p.message])).toEqual([
      [
        1,
        'G',
        '列标题「备注」不是 death-record 的字段；请用模板的列标题或字段路径 / the heading "备注" names no field of death-record; use the template\'s headings or field paths',
      ],
      [1, undefined, `缺少必填的列「${heading('certificateNumber')}」/ the required column "${heading('certificateNumber')}" is missing`],
    ]);

    const json = join(dir, 'deaths.json');
    writeFileSync(
      json,
      JSON.stringify({
        records: [
          deathRecord({ identityNumber: people[0]!, name: '王秀英' }, 'WJ-SW-2026-001'),
          { ...deathRecord({ identityNumber: people[1]!, name: '张建国' }, 'WJ-SW-2026-002'), district: '430199' },
        ],
      }),
    );
    const fromJson = await readRecordsFile(json);
    const report = await writeReport(fromJson, problemsOf(fromJson, 'health', TODAY));
    const lines = csvRecords(readFileSync(report, 'utf8'));
    expect(lines[0]![0]).toBe('记录 Record');
    expect(lines.slice(1).map(([r, c, h, f]) => [r, c, h, f])).toEqual([['2', '', '', 'district']]);
  });
});
