import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { newWorkbook } from './excel';
import { RECORD_TYPES, type RecordType } from '../../shared/records/catalogue';
import { recordTypeLabel, templateColumns, type Column } from './columns';
import { RECORD_EXAMPLES } from '../../shared/records/examples';
import { FIELDS_SHEET, LISTS_SHEET } from './read';
import { letterOf } from './rows';

/**
 * A record type's template (填报模板): one column per field, headed `中文 / English`; one example
 * row; in the workbook, drop-down lists for codes, checks for whole numbers and lengths where
 * Excel can make them, text cells for identity numbers and codes (so Excel does not turn an
 * 18-digit number into 4.30104E+17), date cells for dates, a note on each heading with its field
 * path and rules, and a sheet describing every column.
 */

/** Excel shows at most 255 characters of a check's error message. */
const excelMessage = (text: string) => (text.length > 255 ? `${text.slice(0, 254)}…` : text);

/** exceljs keeps range validations in `worksheet.dataValidations` (lib/doc/worksheet.js); its typings omit it. */
type ValidatedSheet = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** Rows of the sheet the drop-downs and checks cover. */
const CHECKED_ROWS = 5000;

/**
 * The lengths a simple pattern allows (`^[A-Z0-9]{6,20}$` → 6–20, `^\\d{10}$` → 10), which a cell
 * check can hold; undefined for a pattern with groups, alternatives or open repetition.
 */
export function lengthBounds(pattern: string): { min: number; max: number } | undefined {
  const body = /^\^(.*)\$$/.exec(pattern)?.[1];
  if (body === undefined) return undefined;
  let min = 0;
  let max = 0;
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '[') {
      const end = body.indexOf(']', body[i + 1] === ']' ? i + 2 : i + 1);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (c === '\\') i += 2;
    else if ('()|*+?{}.'.includes(c)) return undefined;
    else i += 1;
    const q = /^\{(\d+)(?:,(\d+))?\}/.exec(body.slice(i));
    if (q) {
      min += Number(q[1]);
      max += Number(q[2] ?? q[1]);
      i += q[0].length;
    } else if (body[i] === '?') {
      max += 1;
      i += 1;
    } else if (body[i] === '*' || body[i] === '+' || (body[i] === '{' && !q)) return undefined;
    else {
      min += 1;
      max += 1;
    }
  }
  return { min, max };
}

/** The example row's cells, as a sheet holds them. */
export function exampleCells(type: RecordType, columns: readonly Column[]): (string | number | boolean | Date | null)[] {
  const example = RECORD_EXAMPLES[type] as Record<string, unknown>;
  return columns.map((c) => {
    let v: unknown = example;
    for (const s of c.segments) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
    if (v === undefined || v === null) return null;
    if (Array.isArray(v)) return v.join(',');
    if (c.leaf.kind === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
    return v as string | number | boolean;
  });
}

const KIND_TEXT: Record<Column['leaf']['kind'], string> = {
  string: '文本 text',
  integer: '整数 whole number',
  number: '数字 number',
  boolean: '是/否 true/false',
  date: '日期 date (yyyy-mm-dd)',
  list: '代码列表，逗号分隔 codes, comma-separated',
};

/** What a column takes, in a line or two (the heading's note, the fields sheet). */
export function ruleOf(c: Column): string {
  const parts = [`${c.required ? '必填 required' : '选填 optional'}; ${KIND_TEXT[c.leaf.kind]}`];
  if (c.leaf.values) parts.push(`${c.leaf.values.length === 1 ? '固定值 fixed value' : '可选值 one of'}: ${c.leaf.values.join(', ')}`);
  if (c.leaf.minimum !== undefined || (c.leaf.maximum !== undefined && c.leaf.maximum < Number.MAX_SAFE_INTEGER)) {
    parts.push(`范围 range: ${c.leaf.minimum ?? ''}–${c.leaf.maximum !== undefined && c.leaf.maximum < Number.MAX_SAFE_INTEGER ? c.leaf.maximum : ''}`);
  }
  if (c.leaf.minLength !== undefined || c.leaf.maxLength !== undefined) parts.push(`长度 length: ${c.leaf.minLength ?? 0}–${c.leaf.maxLength ?? ''}`);
  if (c.leaf.pattern && c.leaf.kind === 'string') parts.push(`格式 pattern: ${c.leaf.pattern}`);
  if (c.path.endsWith('Fen')) parts.push('金额以分为单位 money in fen (1 元 = 100 分)');
  if (c.path === 'identityNumber' || c.path.endsWith('.identityNumber'))
    parts.push('18 位身份证号，末位校验码 18-character GB 11643 number with its check character');
  if (c.leaf.description) parts.push(c.leaf.description);
  return parts.join('\n');
}

export function writeCsvTemplate(type: RecordType, file: string): void {
  const columns = templateColumns(type);
  const example = exampleCells(type, columns).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v)));
  // With a BOM, so Excel opens the Chinese headings as UTF-8.
  writeFileSync(file, `\uFEFF${stringify([columns.map((c) => c.header), example])}`);
}

export async function writeXlsxTemplate(type: RecordType, file: string): Promise<void> {
  const columns = templateColumns(type);
  const workbook = await newWorkbook();
  workbook.creator = 'lim';
  const label = recordTypeLabel(type);
  workbook.title = [label.zh, label.en].filter(Boolean).join(' / ') || type;
  workbook.description = RECORD_TYPES[type].description;
  const sheet = workbook.addWorksheet(type, { views: [{ state: 'frozen', ySplit: 1 }] }) as ValidatedSheet;
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });

  sheet.addRow(columns.map((c) => c.header));
  sheet.addRow(exampleCells(type, columns));
  const heading = sheet.getRow(1);
  heading.height = 32;
  const example = sheet.getRow(2);

  let listColumn = 0;
  columns.forEach((c, i) => {
    const n = i + 1;
    const letter = letterOf(i);
    const col = sheet.getColumn(n);
    col.width = Math.min(40, Math.max(12, [...c.header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) + 2));
    // Text for everything but numbers and dates: codes and identity numbers keep their digits.
    col.numFmt = c.leaf.kind === 'date' ? 'yyyy-mm-dd' : c.leaf.kind === 'integer' ? '0' : c.leaf.kind === 'number' ? 'General' : '@';
    const cell = heading.getCell(n);
    cell.font = { bold: c.required, color: { argb: c.required ? 'FF9C0006' : 'FF1F3864' } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.note = `字段 field: ${c.path}\n${ruleOf(c)}`;
    example.getCell(n).font = { italic: true, color: { argb: 'FF7F7F7F' } };

    const range = `${letter}2:${letter}${CHECKED_ROWS + 1}`;
    const errorTitle = '输入有误 / Invalid entry';
    if (c.leaf.values && c.leaf.kind !== 'list') {
      listColumn += 1;
      lists.getRow(1).getCell(listColumn).value = c.path;
      c.leaf.values.forEach((v, k) => {
        lists.getRow(k + 2).getCell(listColumn).value = v;
      });
      const L = letterOf(listColumn - 1);
      sheet.dataValidations.add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`${LISTS_SHEET}!$${L}$2:$${L}$${c.leaf.values.length + 1}`],
        showErrorMessage: true,
        errorTitle,
        error: '请从下拉列表中选择 / choose a value from the list',
      });
    } else if (c.leaf.kind === 'integer' || c.leaf.kind === 'number') {
      const max = c.leaf.maximum !== undefined && c.leaf.maximum < 1e15 ? c.leaf.maximum : undefined;
      const min = c.leaf.minimum;
      const type = c.leaf.kind === 'integer' ? 'whole' : 'decimal';
      const what = c.leaf.kind === 'integer' ? '整数 a whole number' : '数字 a number';
      if (min !== undefined && max !== undefined) {
        sheet.dataValidations.add(range, {
          type,
          operator: 'between',
          allowBlank: !c.required,
          formulae: [min, max],
          showErrorMessage: true,
          errorTitle,
          error: `须为 ${min}–${max} 的${what} between ${min} and ${max}`,
        });
      } else if (min !== undefined) {
        sheet.dataValidations.add(range, {
          type,
          operator: 'greaterThanOrEqual',
          allowBlank: !c.required,
          formulae: [min],
          showErrorMessage: true,
          errorTitle,
          error: `须为不小于 ${min} 的${what} of at least ${min}${c.path.endsWith('Fen') ? '（以分为单位 in fen）' : ''}`,
        });
      }
    } else if (c.leaf.kind === 'date') {
      sheet.dataValidations.add(range, {
        type: 'date',
        operator: 'between',
        allowBlank: !c.required,
        formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        showErrorMessage: true,
        errorTitle,
        error: '须为日期，如 2026-11-20 / must be a date, e.g. 2026-11-20',
      });
    } else if (c.path === 'identityNumber' || c.path.endsWith('.identityNumber')) {
      sheet.dataValidations.add(range, {
        type: 'textLength',
        operator: 'equal',
        allowBlank: !c.required,
        formulae: [18],
        showErrorMessage: true,
        errorTitle,
        error: '身份证号须为 18 位（设为文本）/ an identity number has 18 characters (keep the cell as text)',
      });
    } else if (c.leaf.kind === 'string') {
      // Lengths the schema states, or that its pattern implies (the pattern itself Excel cannot check).
      const implied = c.leaf.pattern ? lengthBounds(c.leaf.pattern) : undefined;
      const min = c.leaf.minLength ?? implied?.min;
      const max = c.leaf.maxLength ?? implied?.max;
      if (min !== undefined || max !== undefined) {
        const [lo, hi] = [min ?? 0, max ?? 32767];
        const rule = c.leaf.pattern ? `，格式 ${c.leaf.pattern} / pattern ${c.leaf.pattern}` : '';
        sheet.dataValidations.add(
          range,
          lo === hi
            ? {
                type: 'textLength',
                operator: 'equal',
                allowBlank: !c.required,
                formulae: [lo],
                showErrorMessage: true,
                errorTitle,
                error: excelMessage(`须为 ${lo} 个字符${rule} / must be ${lo} characters long`),
              }
            : {
                type: 'textLength',
                operator: 'between',
                allowBlank: !c.required,
                formulae: [lo, hi],
                showErrorMessage: true,
                errorTitle,
                error: excelMessage(`长度须为 ${lo}–${hi} 个字符${rule} / must be ${lo}-${hi} characters long`),
              },
        );
      }
    }
  });

  const fields = workbook.addWorksheet(FIELDS_SHEET);
  fields.columns = [
    { header: '列 Column', width: 8 },
    { header: '字段 Field', width: 34 },
    { header: '中文名', width: 22 },
    { header: 'English', width: 28 },
    { header: '必填 Required', width: 12 },
    { header: '规则 Rules', width: 80 },
  ];
  fields.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const row = fields.addRow([letterOf(i), c.path, c.label.zh ?? '', c.label.en ?? '', c.required ? '是 yes' : '否 no', ruleOf(c)]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  fields.addRow([]);
  fields.addRow(['', '第 2 行是示例：原样保留时不会报送 / row 2 is an example: left as it is, it is not sent']);
  fields.addRow([
    '',
    '数组字段按组编号（如 members[0]、members[1]），可照样添加更多列 / array fields come in numbered groups (members[0], members[1]…); add more columns the same way',
  ]);

  await workbook.xlsx.writeFile(file);
}
