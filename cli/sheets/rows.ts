import { fieldPath } from '../../shared/domain/errors';
import { isRecordType, type RecordType } from '../../client/records';
import { columnAt, nodeAt, parsePath, type Column } from './columns';

/**
 * One row of a sheet as one record: each cell converted back to its field's type (numbers,
 * booleans, dates as yyyy-mm-dd even where Excel keeps a date or its serial number, code lists),
 * placed at its path, numbered groups of an array closed up, and every problem kept with the cell
 * it came from, so that a problem the platform's schema finds later is told by its column too.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

/** Where a cell is: its sheet column (A, B, …, when the file has letters) and heading. */
export interface SheetColumn {
  /** 0-based position in the sheet. */
  index: number;
  /** Spreadsheet letter (A, B, … AA), for xlsx and csv alike. */
  letter: string;
  heading: string;
  /** The field it holds, when the heading names one. */
  path?: string;
}

export interface RowProblem {
  /** The row as the sheet numbers it (the heading is row 1); for JSON, the record's number from 1. */
  row: number;
  /** The sheet column at fault, when there is one. */
  column?: SheetColumn;
  /** The field path at fault (`members[1].identityNumber`), `(record)` for the whole row, `(file)` for the file. */
  field: string;
  message: string;
}

export interface ConvertedRow {
  row: number;
  record: Record<string, unknown>;
  /** Problems of the cells themselves (a number that is not one, a date Excel lost). */
  problems: RowProblem[];
  /** The sheet column a field path of the record came from (after groups were closed up), if any. */
  columnOf(path: readonly (string | number)[]): SheetColumn | undefined;
}

const EMPTY = (v: CellValue) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
/** Excel keeps 15 significant digits: a longer number typed into a number cell has lost its end. */
const EXCEL_DIGITS = 1e15;
const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function letterOf(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const isoOfDate = (d: Date) => iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());

/** A day as yyyy-mm-dd from what a sheet holds: a date cell, an Excel serial number, or text written 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日 or 20261120. */
export function toIsoDate(value: CellValue): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoOfDate(value);
  if (typeof value === 'number')
    return Number.isInteger(value) && value > 0 && value < 2_958_466 ? isoOfDate(new Date(EXCEL_EPOCH + value * MS_PER_DAY)) : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.normalize('NFKC').trim();
  const m = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? iso(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function takesMonth(pattern: string | undefined): boolean {
  if (!pattern) return false;
  const re = new RegExp(pattern);
  return re.test('2026-10') && !re.test('2026-10-01');
}

type Converted = { ok: true; value: unknown } | { ok: false; raw: unknown; message: string };

export function convertCell(column: Column, value: CellValue): Converted {
  const leaf = column.leaf;
  switch (leaf.kind) {
    case 'date': {
      const day = toIsoDate(value);
      // Text that is no date is passed on as it is: the schema names what is wrong with it.
      return day
        ? { ok: true, value: day }
        : typeof value === 'string'
          ? { ok: true, value: value.trim() }
          : { ok: false, raw: String(value), message: '不是日期，请写成 yyyy-mm-dd / not a date: write it as yyyy-mm-dd' };
    }
    case 'integer':
    case 'number': {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'string' && /^[+-]?[\d,，\s]*\.?\d+$/.test(value.normalize('NFKC').trim()))
        n = Number(value.normalize('NFKC').replace(/[,，\s]/g, ''));
      else
        return {
          ok: false,
          raw: value instanceof Date ? isoOfDate(value) : value,
          message: leaf.kind === 'integer' ? '须为整数（金额以分为单位）/ must be a whole number (money in fen)' : '须为数字 / must be a number',
        };
      if (!Number.isFinite(n)) return { ok: false, raw: value, message: '须为数字 / must be a number' };
      if (leaf.kind === 'integer' && !Number.isInteger(n))
        return { ok: false, raw: n, message: '须为整数（金额以分为单位，不带小数）/ must be a whole number (money in fen, no decimals)' };
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const t = String(value).normalize('NFKC').trim().toLowerCase();
      if (['true', '是', 'yes', 'y', '1', '对'].includes(t)) return { ok: true, value: true };
      if (['false', '否', 'no', 'n', '0', '不是'].includes(t)) return { ok: true, value: false };
      return { ok: false, raw: value, message: '须为 是/否（true/false）/ must be yes or no (true/false)' };
    }
    case 'list': {
      const items = String(value instanceof Date ? isoOfDate(value) : value)
        .normalize('NFKC')
        .split(/[,，、;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      return { ok: true, value: items };
    }
    case 'string': {
      if (typeof value === 'string') return { ok: true, value: value.trim() };
      // Excel turns 2026-10 typed into a cell into a date: a month field takes it back as the month.
      if (value instanceof Date) return { ok: true, value: takesMonth(leaf.pattern) ? isoOfDate(value).slice(0, 7) : isoOfDate(value) };
      if (typeof value === 'number') {
        if (Math.abs(value) >= EXCEL_DIGITS) {
          return {
            ok: false,
            raw: String(value),
            message:
              'Excel 把它存成了数字，15 位以后的数字已丢失；请把该列设为文本后重新输入 / Excel stored this as a number and lost the digits after the 15th; format the column as text and type it again',
          };
        }
        return { ok: true, value: String(value) };
      }
      return { ok: true, value: String(value) };
    }
  }
}

/**
 * Builds a row's record. `cells` maps each sheet column that names a field to the cell's value.
 * Fields absent from the record type, and values that cannot be converted, are problems of the
 * row; an empty cell is a field not given; an array whose groups are all empty is `[]` when the
 * schema requires it, absent otherwise.
 */
export function convertRow(row: number, columns: readonly SheetColumn[], values: readonly CellValue[], fileType: RecordType | undefined): ConvertedRow {
  const problems: RowProblem[] = [];
  const byPath = new Map<string, { column: SheetColumn; value: CellValue }>();
  for (const column of columns) if (column.path) byPath.set(column.path, { column, value: values[column.index] });
  const ownType = byPath.get('type')?.value;
  const type = EMPTY(ownType) ? fileType : String(ownType).trim();

  // Sparse first: groups keep the numbers of their columns until they are closed up.
  const root: Record<string, unknown> = {};
  for (const { column, value } of byPath.values()) {
    if (EMPTY(value) && column.path !== 'type') continue;
    const segments = parsePath(column.path!)!;
    if (column.path === 'type') {
      if (type) root.type = type;
      continue;
    }
    const spec = type && isRecordType(type) ? columnAt(type, segments) : undefined;
    if (!spec) {
      if (type && isRecordType(type))
        problems.push({
          row,
          column,
          field: column.path!,
          message: `不是 ${type} 的字段，请删除该列或清空该格 / not a field of ${type}: remove the column or empty the cell`,
        });
      continue;
    }
    const converted = convertCell(spec, value);
    if (!converted.ok) problems.push({ row, column, field: column.path!, message: converted.message });
    place(root, segments, converted.ok ? converted.value : converted.raw);
  }

  if (type && isRecordType(type)) problems.push(...emptyRequired(row, byPath, type));
  if (type && root.type === undefined) root.type = type;
  const remap = new Map<string, number[]>();
  const record = (type && isRecordType(type) ? close(root, [], remap, type) : root) as Record<string, unknown>;

  const columnOf = (path: readonly (string | number)[]): SheetColumn | undefined => {
    // From the record's path back to the sheet's: each closed-up index to the group it came from.
    const original: (string | number)[] = [];
    const recordPath: (string | number)[] = [];
    for (const s of path) {
      if (typeof s === 'number') {
        const groups = remap.get(fieldPath(recordPath));
        original.push(groups?.[s] ?? s);
      } else original.push(s);
      recordPath.push(s);
    }
    const exact = fieldPath(original);
    const hit = byPath.get(exact);
    if (hit) return hit.column;
    // A problem with an object or an array (required, too few items): its first column.
    for (const { column } of byPath.values()) if (column.path!.startsWith(`${exact}.`) || column.path!.startsWith(`${exact}[`)) return column;
    return undefined;
  };
  return { row, record, problems, columnOf };
}

/**
 * A required cell left empty, said plainly: a field of the record itself, or of a numbered
 * group that has anything else in it (an empty group is no element at all).
 */
function emptyRequired(row: number, byPath: ReadonlyMap<string, { column: SheetColumn; value: CellValue }>, type: RecordType): RowProblem[] {
  const filled = [...byPath.values()].filter(({ value }) => !EMPTY(value)).map(({ column }) => column.path!);
  const problems: RowProblem[] = [];
  for (const { column, value } of byPath.values()) {
    if (!EMPTY(value) || column.path === 'type') continue;
    const segments = parsePath(column.path!)!;
    if (!columnAt(type, segments)?.required) continue;
    const lastIndex = segments.findLastIndex((s) => typeof s === 'number');
    if (lastIndex >= 0) {
      const group = fieldPath(segments.slice(0, lastIndex + 1));
      if (!filled.some((p) => p.startsWith(`${group}.`) || p.startsWith(`${group}[`))) continue;
    }
    problems.push({ row, column, field: column.path!, message: '必填，不能为空 / required: must not be empty' });
  }
  return problems;
}

function place(root: Record<string, unknown>, segments: readonly (string | number)[], value: unknown): void {
  let at: Record<string | number, unknown> = root;
  for (let i = 0; i < segments.length - 1; i += 1) {
    const s = segments[i]!;
    at[s] ??= {};
    at = at[s] as Record<string | number, unknown>;
  }
  at[segments[segments.length - 1]!] = value;
}

/** Sparse groups to arrays (closed up, the original numbers kept in `remap`); required arrays with nothing in them become []. */
function close(value: Record<string, unknown>, at: (string | number)[], remap: Map<string, number[]>, type: RecordType): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = [...at, key];
    out[key] = isGroupMap(v, type, path)
      ? closeArray(v as Record<string, unknown>, path, remap, type)
      : v && typeof v === 'object' && !Array.isArray(v)
        ? close(v as Record<string, unknown>, path, remap, type)
        : v;
  }
  // Arrays of objects the schema requires but the row left empty.
  for (const key of requiredArrays(type, at)) if (!(key in out)) out[key] = [];
  return out;
}

function closeArray(groups: Record<string, unknown>, path: (string | number)[], remap: Map<string, number[]>, type: RecordType): unknown[] {
  const numbers = Object.keys(groups)
    .map(Number)
    .sort((a, b) => a - b);
  remap.set(fieldPath(path), numbers);
  return numbers.map((n, i) => close(groups[String(n)] as Record<string, unknown>, [...path, i], remap, type));
}

/** Whether a sparse object at `path` stands for an array of objects in the schema. */
function isGroupMap(v: unknown, type: RecordType, path: (string | number)[]): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k)) && nodeAt(type, path)?.kind === 'array';
}

function requiredArrays(type: RecordType, at: readonly (string | number)[]): string[] {
  const node = nodeAt(type, at);
  return node?.kind === 'object' ? node.children.filter((c) => c.kind === 'array' && c.required).map((c) => c.key) : [];
}
