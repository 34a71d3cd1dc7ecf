import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as z from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { RECORD_TYPE_CODES, checkRecords } from '../../client/records';
import { columnAt, columnsOf, headerResolver, parsePath, resolveHeader, templateColumns, treeOf } from '../../cli/sheets/columns';
import { RECORD_EXAMPLES } from '../../shared/records/examples';
import { readRecordsFile } from '../../cli/sheets/read';
import { convertRow, letterOf, type SheetColumn } from '../../cli/sheets/rows';
import { exampleCells, lengthBounds, writeCsvTemplate, writeXlsxTemplate } from '../../cli/sheets/template';
import { RECORD_TYPES } from '../../shared/records/catalogue';

const dir = mkdtempSync(join(tmpdir(), 'lim-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every leaf path of a value, as the platform writes field paths. */
function leafPaths(value: unknown, at: (string | number)[] = []): string[] {
  if (Array.isArray(value) && (value.length === 0 || value.some((v) => v && typeof v === 'object'))) return value.flatMap((v, i) => leafPaths(v, [...at, i]));
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...at, k]));
  return [at.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '')];
}

const sheetColumns = (headers: readonly string[], type: (typeof RECORD_TYPE_CODES)[number]): SheetColumn[] =>
  headers.map((heading, index) => ({
    index,
    letter: letterOf(index),
    heading,
    ...(resolveHeader(type, heading) ? { path: resolveHeader(type, heading)!.path } : {}),
  }));

describe('template columns (cli/sheets/columns.ts)', () => {
  it.each(RECORD_TYPE_CODES)('%s: a column per field, its example row passes the platform’s checks and reads back as the example', (type) => {
    const columns = templateColumns(type);
    const example = RECORD_EXAMPLES[type] as Record<string, unknown>;
    expect(new Set(columns.map((c) => c.path)).size).toBe(columns.length);
    expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
    for (const c of columns) expect(columnAt(type, parsePath(c.path)!)?.path, c.path).toBe(c.path);
    // Every field the example fills has its column (nested objects by dotted path, groups numbered).
    const paths = new Set(columns.map((c) => c.path));
    for (const p of leafPaths(example)) expect(paths.has(p), p).toBe(true);
    expect(columns[0]).toMatchObject({ path: 'type', required: true, leaf: { values: [type] } });
    expect(checkRecords(RECORD_TYPES[type].department, [example])).toEqual([]);

    const row = convertRow(
      2,
      sheetColumns(
        columns.map((c) => c.header),
        type,
      ),
      exampleCells(type, columns),
      type,
    );
    expect(row.problems).toEqual([]);
    expect(row.record).toEqual(example);
  });

  it('flattens nested objects by dotted path and arrays of objects into numbered groups, as the platform names fields', () => {
    const roll = templateColumns('low-income-roll-entry').map((c) => c.path);
    expect(roll).toEqual(
      expect.arrayContaining([
        'allowance.programme',
        'allowance.monthlyAmountFen',
        'allowance.startDate',
        'members[0].identityNumber',
        'members[1].relationship',
      ]),
    );
    const investigation = templateColumns('economic-investigation').map((c) => c.path);
    expect(investigation).toEqual(expect.arrayContaining(['period.from', 'members[1].incomes[1].monthlyFen', 'legalSupporters[0].ableToSupport']));
    // A list of codes is one cell.
    expect(templateColumns('visit-report').find((c) => c.path === 'needs')).toMatchObject({
      leaf: { kind: 'list', values: expect.arrayContaining(['medical', 'care']) },
      required: false,
    });
  });

  it('heads each column `中文 / English` from the schema’s title and x-label-en, composed along nested paths, and the path where nothing is labelled', () => {
    const schema = z
      .object({
        type: z.literal('sample-record'),
        name: z.string().meta({ title: '姓名', 'x-label-en': 'Name' }),
        diedOn: z.iso.date().meta({ title: '日期', 'x-label-en': 'Date of death' }),
        registeredOn: z.iso.date().meta({ title: '日期', 'x-label-en': 'Date registered' }),
        allowance: z
          .object({ monthlyAmountFen: z.number().int().meta({ title: '月发放金额（分）', 'x-label-en': 'Monthly amount (fen)' }), startDate: z.iso.date() })
          .meta({ title: '低保金', 'x-label-en': 'Allowance' }),
        members: z
          .array(
            z.object({
              identityNumber: z.string().meta({ title: '身份证号', 'x-label-en': 'Identity number' }),
              name: z.string().meta({ title: '姓名', 'x-label-en': 'Name' }),
            }),
          )
          .meta({ title: '成员', 'x-label-en': 'Member' }),
      })
      .strict();
    const [tree] = treeOf(schema);
    const columns = columnsOf(tree!, () => 2);
    expect(columns.map((c) => [c.path, c.header])).toEqual([
      ['type', 'type'],
      ['name', '姓名 / Name'],
      ['diedOn', '日期 / Date of death'],
      ['registeredOn', '日期 / Date registered'],
      ['allowance.monthlyAmountFen', '低保金·月发放金额（分） / Allowance · Monthly amount (fen)'],
      ['allowance.startDate', '低保金·startDate / Allowance · startDate'],
      ['members[0].identityNumber', '成员1·身份证号 / Member 1 · Identity number'],
      ['members[0].name', '成员1·姓名 / Member 1 · Name'],
      ['members[1].identityNumber', '成员2·身份证号 / Member 2 · Identity number'],
      ['members[1].name', '成员2·姓名 / Member 2 · Name'],
    ]);

    const resolve = headerResolver(tree!);
    expect(resolve('成员2·身份证号 / Member 2 · Identity number')).toBe('members[1].identityNumber');
    expect(resolve(' 低保金·月发放金额（分）  /  Allowance · Monthly amount (fen) ')).toBe('allowance.monthlyAmountFen');
    expect(resolve('低保金·月发放金额（分）')).toBe('allowance.monthlyAmountFen');
    expect(resolve('Allowance · Monthly amount (fen)')).toBe('allowance.monthlyAmountFen');
    expect(resolve('members.1.name')).toBe('members[1].name');
    expect(resolve('成员7·姓名 / Member 7 · Name')).toBe('members[6].name');
    expect(resolve('姓名')).toBe('name');
    expect(resolve('Date registered')).toBe('registeredOn');
    // A label two columns share names neither.
    expect(resolve('日期')).toBeUndefined();
    expect(resolve('备注')).toBeUndefined();
  });

  it('writes a workbook with text cells for codes and identity numbers, date cells, drop-down lists for codes and number checks', async () => {
    const file = join(dir, 'roll.xlsx');
    await writeXlsxTemplate('low-income-roll-entry', file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('low-income-roll-entry')!;
    const columns = templateColumns('low-income-roll-entry');
    const at = (path: string) => columns.findIndex((c) => c.path === path) + 1;
    expect(sheet.getRow(1).getCell(at('members[0].identityNumber')).value).toBe(columns[at('members[0].identityNumber') - 1]!.header);
    expect(sheet.getRow(1).getCell(at('district')).note).toEqual(expect.anything());
    expect(sheet.getColumn(at('members[0].identityNumber')).numFmt).toBe('@');
    expect(sheet.getColumn(at('recognisedOn')).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(2).getCell(at('recognisedOn')).value).toEqual(new Date(`${RECORD_EXAMPLES['low-income-roll-entry'].recognisedOn}T00:00:00Z`));
    const district = sheet.getRow(40).getCell(at('district')).dataValidation;
    expect(district).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^lists!\$[A-Z]+\$2:\$[A-Z]+\$10$/)] });
    const lists = workbook.getWorksheet('lists')!;
    const listColumn = (district.formulae[0] as string).match(/\$([A-Z]+)\$2/)![1]!;
    expect(Array.from({ length: 9 }, (_, i) => lists.getCell(`${listColumn}${i + 2}`).value)).toEqual([
      '430102',
      '430103',
      '430104',
      '430105',
      '430111',
      '430112',
      '430121',
      '430181',
      '430182',
    ]);
    expect(sheet.getRow(3).getCell(at('allowance.monthlyAmountFen')).dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(sheet.getRow(3).getCell(at('members[0].identityNumber')).dataValidation).toMatchObject({ type: 'textLength', operator: 'equal', formulae: [18] });
    // Lengths a pattern implies (^[A-Z0-9][A-Z0-9-]{5,39}$), and dates.
    expect(sheet.getRow(3).getCell(at('householdId')).dataValidation).toMatchObject({ type: 'textLength', operator: 'between', formulae: [6, 40] });
    expect(sheet.getRow(3).getCell(at('recognisedOn')).dataValidation).toMatchObject({ type: 'date', operator: 'between' });
    expect(
      workbook
        .getWorksheet('说明 Fields')!
        .getRow(2 + at('allowance.monthlyAmountFen') - 1)
        .getCell(2).value,
    ).toBe('allowance.monthlyAmountFen');
  });

  it('reads the lengths a simple pattern allows, and none from a pattern Excel could not hold to a length', () => {
    expect(lengthBounds('^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$')).toEqual({ min: 1, max: 64 });
    expect(lengthBounds('^\\d{10}$')).toEqual({ min: 10, max: 10 });
    expect(lengthBounds('^[0-9A-HJ-NPQRTUWXY]{18}$')).toEqual({ min: 18, max: 18 });
    expect(lengthBounds('^ab?c$')).toEqual({ min: 2, max: 3 });
    for (const open of ['^[A-Z]\\d{2}(\\.\\d{1,2})?$', '^\\d{4}-(0[1-9]|1[0-2])$', '^a+$', '[A-Z]{3}']) expect(lengthBounds(open), open).toBeUndefined();
  });

  it('reads every template back, xlsx and csv, as a file with no records (its example row is recognised)', async () => {
    for (const type of RECORD_TYPE_CODES) {
      for (const format of ['xlsx', 'csv'] as const) {
        const file = join(dir, `${type}.${format}`);
        if (format === 'xlsx') await writeXlsxTemplate(type, file);
        else writeCsvTemplate(type, file);
        const read = await readRecordsFile(file);
        expect({
          type,
          format,
          recordType: read.recordType,
          rows: read.rows.length,
          skipped: read.examplesSkipped,
          problems: read.fileProblems.map((p) => p.field),
        }).toEqual({ type, format, recordType: type, rows: 0, skipped: [2], problems: ['(file)'] });
      }
    }
  });
});
