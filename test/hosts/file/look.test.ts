import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../../src/hosts/file/read';
import { sheetLook } from '../../../src/hosts/file/look';

const SAMPLE = path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx');

async function styled(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表', { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  ws.getColumn(1).width = 30;
  ws.getRow(2).height = 45;
  const a1 = ws.getCell('A1');
  a1.value = '标题';
  a1.font = { bold: true, italic: true, underline: true, size: 16, name: '黑体', color: { argb: 'FFC00000' } };
  a1.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  const b2 = ws.getCell('B2');
  b2.value = 1;
  b2.border = { top: { style: 'medium', color: { argb: 'FFFF0000' } }, bottom: { style: 'dashed' }, left: { style: 'double' } };
  b2.fill = { type: 'pattern', pattern: 'solid', fgColor: { theme: 0, tint: -0.1499984740745262 } } as ExcelJS.Fill;
  b2.alignment = { horizontal: 'left', indent: 2 };
  ws.getCell('C3').value = 'plain';
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('sheetLook', () => {
  it('reads the cell formats of the sample (bold merged title, bordered table cells, widths and heights)', async () => {
    const fw = await readWorkbook(await fs.readFile(SAMPLE));
    const l = sheetLook(fw, '附件2');
    // A2: the table's title, bold 16 pt, centred and wrapped.
    expect(l.cells.get('1,0')).toMatchObject({ bold: true, size: 16, horizontal: 'center', vertical: 'middle', wrap: true });
    // A table cell: a thin border on every side.
    const thin = { style: 'thin', color: '#000000' };
    expect(l.cells.get('3,1')?.border).toEqual({ top: thin, right: thin, bottom: thin, left: thin });
    expect(l.colWidths.get(0)).toBeGreaterThan(l.colWidths.get(3)!);
    expect(l.rowHeights.get(1)).toBe(40);
    expect(l.frozen).toEqual({ rows: 0, cols: 0 });
  });

  it('reads fonts, border lines and colours, theme fills with tint, indent and frozen panes', async () => {
    const fw = await readWorkbook(await styled());
    const l = sheetLook(fw, '表');
    expect(l.cells.get('0,0')).toMatchObject({ bold: true, italic: true, underline: true, size: 16, font: '黑体', color: '#C00000', horizontal: 'center', wrap: true });
    const b2 = l.cells.get('1,1')!;
    expect(b2.border).toEqual({ top: { style: 'medium', color: '#FF0000' }, bottom: { style: 'dashed' }, left: { style: 'double' } });
    // Theme colour 0 (white, lt1) darkened by 15 %.
    expect(b2.fill).toBe('#D9D9D9');
    expect(b2).toMatchObject({ horizontal: 'left', indent: 2 });
    expect(l.cells.get('2,2')?.bold).toBeUndefined();
    // Width 30 as stored (exceljs writes it without Excel's padding): 30 characters of 7 px.
    expect(l.colWidths.get(0)).toBe(210);
    expect(l.rowHeights.get(1)).toBe(60);
    expect(l.frozen).toEqual({ rows: 3, cols: 2 });
  });
});
