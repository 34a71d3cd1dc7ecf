import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './excel';
import { canonicalJson } from '../../client/batches';
import { RECORD_TYPE_CODES, isRecordType, type RecordType } from '../../client/records';
import { guessRecordType, resolveHeader, templateColumns } from './columns';
import { RECORD_EXAMPLES } from '../../shared/records/examples';
import { convertRow, letterOf, type CellValue, type ConvertedRow, type RowProblem, type SheetColumn } from './rows';

/**
 * A department's file as records: an xlsx workbook (a template filled in), a CSV with the same
 * heading, or JSON (an array of records, or `{ "records": [...] }`). Each row keeps its number
 * and its columns, so every problem can be told by row and column.
 */
export type FileFormat = 'xlsx' | 'csv' | 'json';

export interface ReadFile {
  format: FileFormat;
  path: string;
  /** The file's record type: given, the sheet's name, the rows' own, or guessed from the headings. */
  recordType?: RecordType;
  /** The worksheet read (xlsx). */
  sheetName?: string;
  columns: SheetColumn[];
  rows: ConvertedRow[];
  /** Problems of the file itself (a heading that names no field, no rows). */
  fileProblems: RowProblem[];
  /** Rows equal to their template's example row, left out. */
  examplesSkipped: number[];
}

/** Headings of the templates' sheets other than the records (and of an error report's additions). */
export const FIELDS_SHEET = '说明 Fields';
export const LISTS_SHEET = 'lists';
export const PROBLEMS_SHEET = '问题清单 Problems';
export const PROBLEMS_HEADING = '问题 / Problems';
const IGNORED_HEADINGS = new Set(['问题 / problems', '问题', 'problems']);

export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}

export function formatOf(path: string): FileFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
}

export async function readRecordsFile(path: string, given?: RecordType): Promise<ReadFile> {
  const format = formatOf(path);
  if (format === 'json') return readJson(path);
  if (format === 'csv') return fromGrid(path, 'csv', readCsvGrid(path), given, undefined);
  if (format === 'xlsx') {
    const { grid, sheetName } = await readXlsxGrid(path);
    return fromGrid(path, 'xlsx', grid, given ?? (isRecordType(sheetName) ? sheetName : undefined), sheetName);
  }
  throw new UnreadableFileError(
    `不支持的文件类型 ${extname(path) || basename(path)}：请用 .xlsx、.csv 或 .json / unsupported file type ${extname(path) || basename(path)}: use .xlsx, .csv or .json`,
  );
}

/** Text of a CSV file: UTF-8 (with or without BOM), else GB18030, which Excel in Chinese saves CSV as. */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsvGrid(path: string): CellValue[][] {
  try {
    return parse(decodeCsv(readFileSync(path)), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new UnreadableFileError(`无法读取 CSV 文件 ${path}：${(error as Error).message} / cannot read the CSV file ${path}: ${(error as Error).message}`);
  }
}

/** The records sheet: the one named after a record type, else the first that is not a template's help or list sheet. */
export function recordsSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const sheets = workbook.worksheets.filter((w) => w.state !== 'hidden' && w.state !== 'veryHidden');
  return sheets.find((w) => isRecordType(w.name)) ?? sheets.find((w) => ![FIELDS_SHEET, LISTS_SHEET, PROBLEMS_SHEET].includes(w.name));
}

async function readXlsxGrid(path: string): Promise<{ grid: CellValue[][]; sheetName: string }> {
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new UnreadableFileError(
      `无法读取 Excel 文件 ${path}（须为 .xlsx）：${(error as Error).message} / cannot read the Excel file ${path} (it must be .xlsx): ${(error as Error).message}`,
    );
  }
  const sheet = recordsSheet(workbook);
  if (!sheet) throw new UnreadableFileError(`${path} 中没有工作表 / ${path} holds no worksheet`);
  const grid: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      values[c - 1] = cellValue(cell.value);
    });
    grid[n - 1] = values;
  });
  for (let i = 0; i < grid.length; i += 1) grid[i] ??= [];
  return { grid, sheetName: sheet.name };
}

/** What a cell holds, however exceljs gives it: rich text, a formula's result, a hyperlink's text. */
export function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

function fromGrid(path: string, format: 'xlsx' | 'csv', grid: CellValue[][], given: RecordType | undefined, sheetName: string | undefined): ReadFile {
  const headings = (grid[0] ?? []).map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  // The record type's own column, however labelled (its label is the same in every type's schema).
  const typeColumn = headings.findIndex((h) => h === 'type' || (given ? [given] : RECORD_TYPE_CODES).some((t) => resolveHeader(t, h)?.path === 'type'));
  const firstOwnType =
    typeColumn >= 0
      ? grid
          .slice(1)
          .map((r) => r[typeColumn])
          .find((v) => typeof v === 'string' && isRecordType(v.trim()))
      : undefined;
  const recordType = given ?? (typeof firstOwnType === 'string' ? (firstOwnType.trim() as RecordType) : undefined) ?? guessRecordType(headings);

  const fileProblems: RowProblem[] = [];
  const columns: SheetColumn[] = headings.map((heading, index) => {
    const column: SheetColumn = { index, letter: letterOf(index), heading };
    const resolved = recordType ? resolveHeader(recordType, heading) : undefined;
    if (resolved) column.path = resolved.path;
    else if (heading && !IGNORED_HEADINGS.has(heading.toLowerCase())) {
      fileProblems.push({
        row: 1,
        column,
        field: '(file)',
        message: `列标题「${heading}」不是${recordType ? ` ${recordType} 的` : ''}字段；请用模板的列标题或字段路径 / the heading "${heading}" names no field${recordType ? ` of ${recordType}` : ''}; use the template's headings or field paths`,
      });
    }
    return column;
  });
  const seen = new Map<string, SheetColumn>();
  for (const c of columns) {
    if (!c.path) continue;
    const first = seen.get(c.path);
    if (first)
      fileProblems.push({
        row: 1,
        column: c,
        field: c.path,
        message: `与 ${first.letter} 列是同一字段 ${c.path} / the same field ${c.path} as column ${first.letter}`,
      });
    else seen.set(c.path, c);
  }
  if (recordType) {
    // A required field with no column at all (numbered groups aside: the schema counts those).
    const present = new Set(columns.map((c) => c.path));
    for (const c of templateColumns(recordType)) {
      if (c.required && !c.segments.some((s) => typeof s === 'number') && c.path !== 'type' && !present.has(c.path)) {
        fileProblems.push({ row: 1, field: c.path, message: `缺少必填的列「${c.header}」/ the required column "${c.header}" is missing` });
      }
    }
  }
  if (!recordType)
    fileProblems.push({
      row: 1,
      field: '(file)',
      message: '无法确定记录类型：请填写「type」列，或用 --record-type 指定 / cannot tell the record type: fill the "type" column or give --record-type',
    });

  const rows: ConvertedRow[] = [];
  const examplesSkipped: number[] = [];
  grid.slice(1).forEach((values, i) => {
    if (values.every((v) => v === null || v === undefined || (typeof v === 'string' && !v.trim()))) return;
    const converted = convertRow(i + 2, columns, values, recordType);
    const type = converted.record.type;
    if (
      typeof type === 'string' &&
      isRecordType(type) &&
      !converted.problems.length &&
      canonicalJson(converted.record) === canonicalJson(RECORD_EXAMPLES[type])
    ) {
      examplesSkipped.push(i + 2);
      return;
    }
    rows.push(converted);
  });
  if (!rows.length)
    fileProblems.push({ row: 1, field: '(file)', message: '文件中没有记录（示例行不算）/ the file holds no records (the example row does not count)' });
  return { format, path, ...(recordType ? { recordType } : {}), ...(sheetName ? { sheetName } : {}), columns, rows, fileProblems, examplesSkipped };
}

function readJson(path: string): ReadFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnreadableFileError(`${path} 不是有效的 JSON：${(error as Error).message} / ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const records = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { records?: unknown }).records)
      ? (json as { records: unknown[] }).records
      : undefined;
  if (!records) throw new UnreadableFileError(`${path} 须为记录数组，或 {"records": [...]} / ${path} must be an array of records, or {"records": [...]}`);
  const rows: ConvertedRow[] = records.map((record, i) => ({ row: i + 1, record: record as Record<string, unknown>, problems: [], columnOf: () => undefined }));
  const fileProblems: RowProblem[] = rows.length ? [] : [{ row: 0, field: '(file)', message: '文件中没有记录 / the file holds no records' }];
  return { format: 'json', path, columns: [], rows, fileProblems, examplesSkipped: [] };
}
