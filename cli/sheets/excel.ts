import type ExcelJS from 'exceljs';

/** exceljs is loaded when a workbook is read or written, not by every command (it takes a second to load). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
