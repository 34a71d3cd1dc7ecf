import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { newWorkbook } from './excel';
import type { FieldProblem } from '../../client/errors';
import { checkRecords, type CheckOptions } from '../../client/records';
import type { WarningRecipient } from '../../shared/domain/departments';
import { parsePath } from './columns';
import { PROBLEMS_HEADING, PROBLEMS_SHEET, recordsSheet, type ReadFile } from './read';
import type { ConvertedRow, RowProblem } from './rows';

/**
 * Every problem of a file by row and column, and the error report written beside the file (问题
 * 报告): for a workbook, the same workbook with a problems column, the cells at fault marked and
 * a sheet listing them; for CSV or JSON, a CSV of row, column, field and problem. Messages are
 * the platform's own (中文 / English).
 */

/** The problems of a file read: its own, its cells', and what the platform's checks find in its records. */
export function problemsOf(file: ReadFile, department: WarningRecipient, options: CheckOptions = {}): RowProblem[] {
  const problems: RowProblem[] = [...file.fileProblems, ...file.rows.flatMap((r) => r.problems)];
  // A cell that could not be converted is not reported a second time by the schema.
  const unconverted = new Set(file.rows.flatMap((r) => r.problems.filter((p) => p.column).map((p) => `${p.row}:${p.column!.index}`)));
  const records = file.rows.map((r) => r.record);
  for (const p of checkRecords(department, records, options)) {
    const problem = atRow(file.rows[p.record]!, p);
    if (!problem.column || !unconverted.has(`${problem.row}:${problem.column.index}`)) problems.push(problem);
  }
  return problems;
}

/** A problem the platform (or its checks) names by record index and field path, told by the row and column it came from. */
export function atRow(row: ConvertedRow, problem: Pick<FieldProblem, 'field' | 'message'>): RowProblem {
  const segments = parsePath(problem.field);
  const column = segments ? row.columnOf(segments) : undefined;
  return { row: row.row, ...(column ? { column } : {}), field: problem.field, message: problem.message };
}

/** `C「身份证号 / Identity number」` — how a problem names its column. */
export function columnName(p: RowProblem): string {
  return p.column ? `${p.column.letter}「${p.column.heading || p.field}」` : p.field;
}

export function reportPath(file: ReadFile): string {
  const ext = extname(file.path);
  const base = basename(file.path, ext).replace(/\.errors$/, '');
  return join(dirname(file.path), `${base}.errors.${file.format === 'xlsx' ? 'xlsx' : 'csv'}`);
}

export async function writeReport(file: ReadFile, problems: readonly RowProblem[]): Promise<string> {
  const target = reportPath(file);
  if (file.format === 'xlsx') await writeWorkbookReport(file, problems, target);
  else writeCsvReport(file, problems, target);
  return target;
}

const byRow = (a: RowProblem, b: RowProblem) => a.row - b.row || (a.column?.index ?? -1) - (b.column?.index ?? -1);

function writeCsvReport(file: ReadFile, problems: readonly RowProblem[], target: string): void {
  const rowHeading = file.format === 'json' ? '记录 Record' : '行 Row';
  const lines = [
    [rowHeading, '列 Column', '列名 Heading', '字段 Field', '问题 Problem'],
    ...[...problems].sort(byRow).map((p) => [String(p.row), p.column?.letter ?? '', p.column?.heading ?? '', p.field, p.message]),
  ];
  writeFileSync(target, `\uFEFF${stringify(lines)}`);
}

async function writeWorkbookReport(file: ReadFile, problems: readonly RowProblem[], target: string): Promise<void> {
  const workbook = await newWorkbook();
  await workbook.xlsx.readFile(file.path);
  const sheet = (file.sheetName ? workbook.getWorksheet(file.sheetName) : undefined) ?? recordsSheet(workbook)!;

  // The problems column: the one a previous report added, or a new one after the last heading.
  const heading = sheet.getRow(1);
  let problemsColumn = 0;
  heading.eachCell((cell, n) => {
    if (String(cell.value ?? '').trim() === PROBLEMS_HEADING) problemsColumn = n;
  });
  if (!problemsColumn) problemsColumn = Math.max(heading.cellCount, file.columns.length) + 1;
  const head = heading.getCell(problemsColumn);
  head.value = PROBLEMS_HEADING;
  head.style = {
    ...head.style,
    font: { bold: true, color: { argb: 'FF9C0006' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
    alignment: { wrapText: true, vertical: 'middle' },
  };
  sheet.getColumn(problemsColumn).width = 70;
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const cell = sheet.getRow(r).getCell(problemsColumn);
    if (cell.value !== null) cell.value = null;
  }

  const rows = new Map<number, RowProblem[]>();
  for (const p of problems) rows.set(p.row, [...(rows.get(p.row) ?? []), p]);
  for (const [n, ofRow] of rows) {
    const row = sheet.getRow(Math.max(1, n));
    if (n > 1) {
      const cell = row.getCell(problemsColumn);
      cell.value = ofRow.map((p) => (p.column ? `${columnName(p)}：${p.message}` : p.message)).join('\n');
      cell.style = { ...cell.style, numFmt: '@', alignment: { wrapText: true, vertical: 'top' }, font: { color: { argb: 'FF9C0006' } } };
    }
    for (const p of ofRow) {
      if (!p.column) continue;
      const cell = row.getCell(p.column.index + 1);
      // A style object of its own: exceljs shares one between cells made alike.
      cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } };
      cell.note = p.message;
    }
  }

  const old = workbook.getWorksheet(PROBLEMS_SHEET);
  if (old) workbook.removeWorksheet(old.id);
  const list = workbook.addWorksheet(PROBLEMS_SHEET);
  list.columns = [
    { header: '行 Row', width: 8 },
    { header: '列 Column', width: 9 },
    { header: '列名 Heading', width: 30 },
    { header: '字段 Field', width: 30 },
    { header: '问题 Problem', width: 90 },
  ];
  list.getRow(1).font = { bold: true };
  for (const p of [...problems].sort(byRow))
    list.addRow([p.row, p.column?.letter ?? '', p.column?.heading ?? '', p.field, p.message]).alignment = { wrapText: true, vertical: 'top' };
  await workbook.xlsx.writeFile(target);
}
