import { describe, expect, it } from 'vitest';
import { resolveHeader } from '../../cli/sheets/columns';
import { convertRow, letterOf, toIsoDate, type CellValue, type SheetColumn } from '../../cli/sheets/rows';
import type { RecordType } from '../../client/records';
import { identityNumber } from '../fixtures/people';

/**
 * A sheet row back to a record of the schema's types (cli/sheets/rows.ts), with every problem
 * kept by the cell it came from.
 */
const columnsOf = (type: RecordType, headings: string[]): SheetColumn[] =>
  headings.map((heading, index) => ({
    index,
    letter: letterOf(index),
    heading,
    ...(resolveHeader(type, heading) ? { path: resolveHeader(type, heading)!.path } : {}),
  }));

const grandmother = identityNumber('430104', '1948-03-12', 22);
const grandson = identityNumber('430104', '2012-09-01', 15);

describe('row conversion (cli/sheets/rows.ts)', () => {
  it('reads days however a sheet holds them: a date cell, an Excel serial number, and the ways people write them', () => {
    expect(toIsoDate(new Date('2026-11-20T00:00:00Z'))).toBe('2026-11-20');
    expect(toIsoDate(46346)).toBe('2026-11-20');
    for (const text of ['2026-11-20', '2026/11/20', '2026.11.20', '2026年11月20日', '20261120', ' 2026-11-20 ', '２０２６－１１－２０'])
      expect(toIsoDate(text), text).toBe('2026-11-20');
    expect(toIsoDate('2026/1/5')).toBe('2026-01-05');
    expect(toIsoDate('20/11/2026')).toBeUndefined();
    expect(toIsoDate(46346.5)).toBeUndefined();
  });

  it('converts cells to the schema’s types, nested objects by path, lists of codes from one cell, and closes up the groups of an array', () => {
    const headings = [
      'type',
      'recordId',
      'householdId',
      'district',
      'category',
      'recognisedOn',
      'monthlyIncomeFen',
      'allowance.programme',
      'allowance.monthlyAmountFen',
      'allowance.startDate',
      'members[0].identityNumber',
      'members[0].name',
      'members[0].relationship',
      'members[1].identityNumber',
      'members[1].name',
      'members[1].relationship',
      'members[2].identityNumber',
      'members[2].name',
      'members[2].relationship',
    ];
    const values: CellValue[] = [
      'low-income-roll-entry',
      'MZ-2025-000317',
      '430104-2025-000317',
      430104,
      'DIBAO',
      new Date('2025-12-15T00:00:00Z'),
      '80,000',
      'dibao-allowance',
      150000,
      46023,
      null,
      '',
      null,
      grandmother,
      ' 李桂英 ',
      'head',
      grandson,
      '李明',
      'grandchild',
    ];
    const row = convertRow(7, columnsOf('low-income-roll-entry', headings), values, undefined);
    expect(row.problems).toEqual([]);
    expect(row.record).toEqual({
      type: 'low-income-roll-entry',
      recordId: 'MZ-2025-000317',
      householdId: '430104-2025-000317',
      district: '430104',
      category: 'DIBAO',
      recognisedOn: '2025-12-15',
      monthlyIncomeFen: 80000,
      allowance: { programme: 'dibao-allowance', monthlyAmountFen: 150000, startDate: '2026-01-01' },
      members: [
        { identityNumber: grandmother, name: '李桂英', relationship: 'head' },
        { identityNumber: grandson, name: '李明', relationship: 'grandchild' },
      ],
    });
    // The record's members[1] came from the sheet's third group: a problem there is told by its column.
    expect(row.columnOf(['members', 1, 'identityNumber'])).toMatchObject({ letter: 'Q', heading: 'members[2].identityNumber' });
    expect(row.columnOf(['members', 0, 'name'])).toMatchObject({ letter: 'O' });
    expect(row.columnOf(['allowance'])).toMatchObject({ heading: 'allowance.programme' });
    expect(row.columnOf(['movedFrom'])).toBeUndefined();
  });

  it('takes booleans in Chinese or English, a code list split on any comma, and a month Excel turned into a date back as the month', () => {
    const housing = convertRow(
      2,
      columnsOf('housing-condition', ['type', 'onlyHome', 'urbanHousingHardship']),
      ['housing-condition', '是', 'FALSE'],
      undefined,
    );
    expect(housing.record).toMatchObject({ onlyHome: true, urbanHousingHardship: false });
    const visit = convertRow(2, columnsOf('visit-report', ['type', 'needs']), ['visit-report', 'medical、care，housing'], undefined);
    expect(visit.record.needs).toEqual(['medical', 'care', 'housing']);
    const pension = convertRow(2, columnsOf('pension-record', ['type', 'month']), ['pension-record', new Date('2026-10-01T00:00:00Z')], undefined);
    expect(pension.record.month).toBe('2026-10');
    const investigation = convertRow(
      2,
      columnsOf('economic-investigation', ['type', 'legalSupporters[0].ableToSupport']),
      ['economic-investigation', null],
      undefined,
    );
    // Arrays the schema requires are [] when the row fills none of their groups.
    expect(investigation.record).toMatchObject({ members: [], assets: [], necessarySpending: [], legalSupporters: [] });
  });

  it('names the cell of every value it cannot take: Excel’s lost digits, money with decimals, a required cell left empty, a field of another record type', () => {
    const headings = ['type', 'recordId', 'identityNumber', 'name', 'dateOfDeath', 'certificateNumber', 'district', 'monthlyAmountFen'];
    // Number(…): the identity number as Excel keeps one typed into a number cell, its last digits gone.
    const row = convertRow(
      5,
      columnsOf('death-record', headings),
      ['death-record', 'WJ-SW-1', Number(grandmother), '', '2026-11-20', 'H430104260001', '430104', 12],
      'death-record',
    );
    expect(row.problems.map((p) => [p.row, p.column?.letter, p.field, p.message.split(/\s?\/ /)[0]])).toEqual([
      [5, 'C', 'identityNumber', 'Excel 把它存成了数字，15 位以后的数字已丢失；请把该列设为文本后重新输入'],
      [5, 'D', 'name', '必填，不能为空'],
    ]);
    expect(row.problems.every((p) => /[\u4e00-\u9fff].* \/ [A-Za-z]/.test(p.message))).toBe(true);

    const grant = convertRow(
      3,
      columnsOf('disability-subsidy-grant', ['type', 'monthlyAmountFen', 'startDate']),
      ['disability-subsidy-grant', '100.50', 'soon'],
      undefined,
    );
    expect(grant.problems.map((p) => [p.column?.letter, p.message.split(/\s?\/ /)[0]])).toEqual([['B', '须为整数（金额以分为单位，不带小数）']]);
    // Text that is no date goes on to the schema, which names what is wrong with it.
    expect(grant.record.startDate).toBe('soon');

    // A column that only another record type has (a file that mixes types).
    const mixed = convertRow(
      4,
      [
        { index: 0, letter: 'A', heading: 'type', path: 'type' },
        { index: 1, letter: 'B', heading: 'dateOfDeath', path: 'dateOfDeath' },
      ],
      ['medical-spending', '2026-11-20'],
      'death-record',
    );
    expect(mixed.problems).toEqual([
      expect.objectContaining({ field: 'dateOfDeath', message: expect.stringMatching(/^不是 medical-spending 的字段.* \/ not a field of medical-spending/) }),
    ]);
  });
});
