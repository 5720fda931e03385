/**
 * The demo's 校验结果 sheet, behind one function so the file writer can change
 * underneath it: today it adds an exceljs worksheet to the open workbook (which
 * the download then writes like any other sheet). A header row, one row per
 * finding with its cell as an internal hyperlink, set up for printing
 * (landscape, one page wide, the header repeated, messages wrapped).
 */
import type ExcelJS from 'exceljs';
import type { ResultRow } from '../hosts/host';

export const RESULT_COLUMNS = ['表格', '单元格', '级别', '问题', '规则'] as const;

/** `'附件3'!E8`: a sheet name quoted as Excel quotes it in references. */
export function sheetRef(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** Replaces (or adds) the worksheet `name` with the rows; returns it. */
export function appendResultsSheet(workbook: ExcelJS.Workbook, name: string, rows: ResultRow[]): ExcelJS.Worksheet {
  const old = workbook.getWorksheet(name);
  if (old) workbook.removeWorksheet(old.id);
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', horizontalCentered: true },
  });
  ws.columns = [
    { key: 'table', width: 30 },
    { key: 'cell', width: 14 },
    { key: 'severity', width: 8 },
    { key: 'message', width: 70 },
    { key: 'rule', width: 40 },
  ];
  const head = ws.addRow([...RESULT_COLUMNS]);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    c.border = { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } };
  });
  for (const r of rows) {
    const text = `${r.ref.sheet}!${r.ref.cell}`;
    const row = ws.addRow([r.table, { text, hyperlink: `#${sheetRef(r.ref.sheet, r.ref.cell)}` }, r.severity, r.message, r.rule]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(2).font = { color: { argb: 'FF0563C1' }, underline: true };
  }
  if (rows.length === 0) ws.addRow(['', '', '', '没有发现问题。', '']);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RESULT_COLUMNS.length } };
  return ws;
}
