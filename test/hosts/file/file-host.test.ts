import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { FileHost } from '../../../src/hosts/file/host';
import { cellText } from '../../../src/demo/format';
import type { FileWorkbook } from '../../../src/hosts/file/read';
import { writeWorkbook } from '../../../src/hosts/file/write';
import type { Patch } from '../../../src/core/patch';
import { parseCell } from '../../../src/core/address';

const SAMPLE = path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx');

async function sample(): Promise<FileHost> {
  return FileHost.open(await fs.readFile(SAMPLE), 'hongjiang-2024.xlsx');
}

/** The shown value of a cell in the host's current snapshot. */
function shown(host: FileHost, sheet: string, a1: string): string {
  const s = host.getState().sheets.find((x) => x.name === sheet)!;
  const { row: r, col: c } = parseCell(a1);
  return cellText(s.values[r]?.[c], s.numberFormats?.[r]?.[c]).text;
}

async function reread(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The host's workbook as it is now (its download, without marks), read by exceljs. */
async function sheetOf(host: FileHost, sheet: string): Promise<ExcelJS.Worksheet> {
  return (await reread(await writeWorkbook((host as unknown as { fw: FileWorkbook }).fw))).getWorksheet(sheet)!;
}

/** The sample with a formula in 附件3!J1. */
async function sampleWithFormula(): Promise<FileHost> {
  const wb = await reread(await fs.readFile(SAMPLE));
  wb.getWorksheet('附件3')!.getCell('J1').value = { formula: '1+1', result: 2 };
  return FileHost.open((await wb.xlsx.writeBuffer()) as unknown as Buffer, 'f.xlsx');
}

const H29: Patch = { values: [{ sheet: '附件3', cell: 'H29', value: 90 }, { sheet: '附件3', cell: 'G5', value: 0.5, numberFormat: '0.00%' }], marks: [] };
const MARKS: Patch = {
  values: [],
  marks: [
    { sheet: '附件2', cell: 'E20', severity: 'error', message: '不是数字', related: false },
    { sheet: '附件2', cell: 'E19', severity: 'warning', message: '（相关）x', related: true },
  ],
};

describe('cellText', () => {
  it('formats through the number format as Excel shows it', () => {
    expect(cellText(0.8571, '0.00%')).toEqual({ text: '85.71%', align: 'right', color: undefined });
    expect(cellText(1234.5, '#,##0.00').text).toBe('1,234.50');
    expect(cellText(-2, '0;[Red]-0')).toMatchObject({ text: '-2', color: 'red' });
    expect(cellText('91.2591.25', 'General')).toMatchObject({ text: '91.2591.25', align: 'left' });
    expect(cellText(true, null)).toMatchObject({ text: 'TRUE', align: 'center' });
    expect(cellText('', '0%').text).toBe('');
    expect(cellText(3, 'not a [format').text).toBe('3');
  });
});

describe('FileHost', () => {
  it('writes values into the workbook and the grid, and undo restores value and format exactly', async () => {
    const host = await sample();
    let ws = await sheetOf(host, '附件3');
    const before = { h29: ws.getCell('H29').value, g5: ws.getCell('G5').value, style: JSON.stringify(ws.getCell('G5').style) };
    const read = await host.readWorkbook();
    await host.applyPatch(H29);
    expect(shown(host, '附件3', 'H29')).toBe('90');
    expect(shown(host, '附件3', 'G5')).toBe('50.00%');
    expect(host.canUndo()).toBe(true);
    // A snapshot read earlier is not changed by the write.
    expect(read.sheets.find((s) => s.name === '附件3')!.values[28][7]).toBe(before.h29);
    expect((await host.readWorkbook()).sheets.find((s) => s.name === '附件3')!.values[28][7]).toBe(90);

    await host.undo();
    expect(host.canUndo()).toBe(false);
    ws = await sheetOf(host, '附件3');
    expect(ws.getCell('H29').value).toBe(before.h29);
    expect(ws.getCell('G5').value).toBe(before.g5);
    expect(JSON.stringify(ws.getCell('G5').style)).toBe(before.style);
    expect(shown(host, '附件3', 'G5')).toBe('100%');
    await expect(host.undo()).rejects.toMatchObject({ code: 'nothingToUndo' });
  });

  it('refuses to undo over a cell the user changed since', async () => {
    const host = await sample();
    await host.applyPatch(H29);
    host.editCell({ sheet: '附件3', cell: 'H29' }, '97', { value: 97 });
    await expect(host.undo()).rejects.toMatchObject({ code: 'cellChanged', params: { sheet: '附件3', cell: 'H29' } });
    expect(shown(host, '附件3', 'H29')).toBe('97');
  });

  it('refuses a patch on a formula cell or a missing sheet and changes nothing', async () => {
    const host = await sampleWithFormula();
    await expect(host.applyPatch({ values: [{ sheet: '附件3', cell: 'H29', value: 1 }, { sheet: '附件3', cell: 'J1', value: 1 }], marks: [] })).rejects.toThrow(/公式/);
    expect(shown(host, '附件3', 'H29')).toBe('96');
    await expect(host.applyPatch({ values: [{ sheet: '附件9', cell: 'A1', value: 1 }], marks: [] })).rejects.toThrow(/附件9/);
    await expect(host.applyPatch({ values: [], marks: [{ ...MARKS.marks[0], sheet: '附件9' }] })).rejects.toMatchObject({ code: 'sheetMissing' });
    expect(host.canUndo()).toBe(false);
    expect(host.getState().marks.size).toBe(0);
  });

  it('keeps marks apart from the cells: clearMarks leaves the workbook as it was, the download carries them', async () => {
    const host = await sample();
    const original = await reread(await host.exportBytes());
    await host.applyPatch(MARKS);
    expect([...host.getState().marks.keys()]).toEqual(['附件2!E20', '附件2!E19']);
    expect(host.canUndo()).toBe(false);

    const marked = (await reread(await host.exportBytes())).getWorksheet('附件2')!;
    expect(marked.getCell('E20').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(marked.getCell('E19').fill).toMatchObject({ fgColor: { argb: 'FFFFF6D5' } });
    expect(JSON.stringify(marked.getCell('E20').note)).toContain('【自评表校验助手】不是数字');

    await host.clearMarks();
    expect(host.getState().marks.size).toBe(0);
    const cleared = (await reread(await host.exportBytes())).getWorksheet('附件2')!;
    for (const a1 of ['E19', 'E20']) {
      expect(JSON.stringify(cleared.getCell(a1).style)).toBe(JSON.stringify(original.getWorksheet('附件2')!.getCell(a1).style));
      expect(cleared.getCell(a1).note).toBeUndefined();
    }
  });

  it('select activates the sheet, selects the cell or range (grown over merged cells) and asks the grid to scroll', async () => {
    const host = await sample();
    const reveal = host.getState().reveal;
    await host.select({ sheet: '附件4', cell: 'E6' });
    expect(host.getState()).toMatchObject({ activeSheet: '附件4', selection: { sheet: '附件4', range: { top: 5, left: 4, bottom: 5, right: 4 } } });
    expect(host.getState().reveal).toBe(reveal + 1);
    expect(await host.activeCell()).toEqual({ sheet: '附件4', cell: 'E6' });
    // A2:G2 of 附件2 is merged: selecting B2 selects the whole title.
    await host.select({ sheet: '附件2', cell: 'B2' });
    expect(host.getState().selection.range).toEqual({ top: 1, left: 0, bottom: 1, right: 6 });
    await host.select({ sheet: '附件3', cell: 'A1:I30' });
    expect(await host.activeCell()).toEqual({ sheet: '附件3', cell: 'A1' });
    await expect(host.select({ sheet: '附件9', cell: 'A1' })).rejects.toMatchObject({ code: 'sheetMissing' });
  });

  it('insertText writes into the active cell (the top-left of a merged area), never over a formula', async () => {
    const host = await sample();
    const edits: string[] = [];
    host.onUserEdit((s) => edits.push(s));
    host.selectRange('附件3', { top: 32, left: 1, bottom: 32, right: 1 });
    expect(await host.insertText('摘要')).toEqual({ sheet: '附件3', cell: 'B33' });
    expect(shown(host, '附件3', 'B33')).toBe('摘要');
    expect(await host.insertText('标题', { sheet: '附件2', cell: 'C2' })).toEqual({ sheet: '附件2', cell: 'A2' });
    expect(edits).toEqual([]);

    const withFormula = await sampleWithFormula();
    await expect(withFormula.insertText('x', { sheet: '附件3', cell: 'J1' })).rejects.toMatchObject({ code: 'formulaCell' });
  });

  it('tells onUserEdit about edits in the grid, and settings stay in memory as copies', async () => {
    const host = await sample();
    const edits: string[] = [];
    const off = host.onUserEdit((s) => edits.push(s));
    host.editCell({ sheet: '附件2', cell: 'E20' }, '91.25', { value: 91.25 });
    expect(shown(host, '附件2', 'E20')).toBe('91.25');
    host.editCell({ sheet: '附件2', cell: 'E20' }, '', null);
    expect(shown(host, '附件2', 'E20')).toBe('');
    off();
    host.editCell({ sheet: '附件2', cell: 'E20' }, 'x', null);
    expect(edits).toEqual(['附件2', '附件2']);

    const v = { a: [1] };
    await host.setSetting('k', v);
    v.a.push(2);
    expect(host.getSetting('k')).toEqual({ a: [1] });
    expect(host.getSetting('missing')).toBeUndefined();
  });
});

describe('FileHost: cells for the summary, the 校验结果 sheet, unsaved edits', () => {
  it('reads and writes cells as they are, refuses formula cells, and tracks unsaved edits', async () => {
    const host = await sample();
    expect(host.getState().dirty).toBe(false);
    const [a1, empty] = await host.readCells([{ sheet: '附件2', cell: 'A1' }, { sheet: '附件3', cell: 'B40' }]);
    expect(a1.value).toBe('附件2');
    expect(empty).toEqual({ value: null, formula: null });
    await host.writeCells([{ sheet: '附件3', cell: 'B40', value: '第一段' }, { sheet: '附件3', cell: 'B41', value: 3 }]);
    expect(shown(host, '附件3', 'B40')).toBe('第一段');
    expect(shown(host, '附件3', 'B41')).toBe('3');
    expect(host.getState().dirty).toBe(true);
    await host.writeCells([{ sheet: '附件3', cell: 'B40', value: null }]);
    expect(shown(host, '附件3', 'B40')).toBe('');
    host.markSaved();
    expect(host.getState().dirty).toBe(false);
  });

  it('writes 校验结果 with linked cells into the workbook, and the download keeps it', async () => {
    const host = await sample();
    const rows = [{ table: '基础数据表（附件2）', ref: { sheet: '附件2', cell: 'E20' }, severity: '错误', message: '不是数字', rule: 'unparseable-number：…' }];
    await host.writeResultsSheet('校验结果', rows);
    await host.writeResultsSheet('校验结果', rows); // again: replaced, not added twice
    expect(host.getState().sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '附件4', '校验结果']);
    const bytes = await host.exportBytes();
    const wb = await reread(bytes);
    const ws = wb.getWorksheet('校验结果')!;
    // Row 1: the tool's title; row 2: the header; then one row per finding.
    expect(ws.getRow(2).values).toEqual([undefined, '表格', '单元格', '级别', '问题', '规则', '处理']);
    // Readable: the header bold and frozen with the title, the 问题 column wrapped, widths that fit.
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.getCell('D3').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('B3').alignment?.wrapText).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(2).width).toBe(11); // 附件2!E20: 9 characters wide (附件 counting two each) + 2
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getCell('B3').value).toBe('附件2!E20');
    expect(ws.getCell('D3').value).toBe('不是数字');
    // The cell links inside the workbook (exceljs does not read `location` links: the sheet's XML says it).
    const zip = unzipSync(bytes);
    const sheetXml = Object.keys(zip).filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).map((k) => strFromU8(zip[k]));
    expect(sheetXml.filter((x) => x.includes(`<hyperlink ref="B3" location="'附件2'!E20"`))).toHaveLength(1);
    expect(ws.pageSetup.orientation).toBe('landscape');
  });
});

describe('DemoPage helpers', () => {
  it('offers name-校验.xlsx, never twice, and calls a .xls an old-format workbook', async () => {
    const { downloadName, openErrorText } = await import('../../../src/demo/DemoPage');
    expect(downloadName('hongjiang-2024.xlsx')).toBe('hongjiang-2024-校验.xlsx');
    expect(downloadName('hongjiang-2024-校验.xlsx')).toBe('hongjiang-2024-校验.xlsx');
    expect(downloadName('旧表.xls')).toBe('旧表-校验.xlsx');
    const e = Object.assign(new Error('无法读取 a.xls：不是 Excel 工作簿'), { code: 'not-xlsx' });
    expect(openErrorText(e, 'a.xls')).toMatch(/旧版 Excel 97-2003 工作簿（\.xls）.*另存为/);
    expect(openErrorText(e, 'a.xlsx')).toBe(e.message);
  });
});

describe('FileHost: work kept in the downloaded workbook', () => {
  const IGNORED = ['deviation-reason|附件3!I18'];

  it('keeps the settings in a custom XML part of the download and reads them back on open', async () => {
    const host = await sample();
    expect(host.getSetting('selfeval.ignored')).toBeUndefined();
    await host.setSetting('selfeval.ignored', IGNORED);
    await host.setSetting('selfeval.profile', { fundsWeight: 15, note: '含 <尖括号> & "引号"' });
    await host.setSetting('selfeval.report', { version: 1, findings: [] });
    const bytes = await host.exportBytes();
    const zip = unzipSync(bytes);
    const item = Object.keys(zip).find((k) => /^customXml\/item\d+\.xml$/.test(k))!;
    expect(strFromU8(zip[item])).toContain('<settings xmlns="urn:selfeval:settings:1">');
    expect(strFromU8(zip['[Content_Types].xml'])).toMatch(/customXmlProperties\+xml/);
    expect(strFromU8(zip['xl/_rels/workbook.xml.rels'])).toContain(`Target="../${item}"`);
    // Excel's reader (exceljs here) still opens the file.
    expect((await reread(bytes)).getWorksheet('附件2')).toBeDefined();

    const again = await FileHost.open(bytes, 'hongjiang-2024-校验.xlsx');
    expect(again.getSetting('selfeval.ignored')).toEqual(IGNORED);
    expect(again.getSetting('selfeval.profile')).toEqual({ fundsWeight: 15, note: '含 <尖括号> & "引号"' });
    expect(again.getSetting('selfeval.report')).toEqual({ version: 1, findings: [] });
    expect(again.getState().dirty).toBe(false);

    // Downloaded again: the one part is replaced, never a second one added.
    await again.setSetting('selfeval.ignored', []);
    const twice = unzipSync(await again.exportBytes());
    expect(Object.keys(twice).filter((k) => /^customXml\/item\d+\.xml$/.test(k))).toEqual([item]);
    expect((await FileHost.open(await again.exportBytes(), 'x.xlsx')).getSetting('selfeval.ignored')).toEqual([]);
  });

  it('下载（不含标记） leaves out the marks and notes, of this run and of an earlier download', async () => {
    const host = await sample();
    await host.applyPatch(MARKS);
    const marked = await host.exportBytes();
    const reopened = await FileHost.open(marked, 'x.xlsx');
    await reopened.setSetting('selfeval.ignored', IGNORED);
    const clean = await reopened.exportBytes({ marks: false });
    const ws = (await reread(clean)).getWorksheet('附件2')!;
    const original = (await reread(await fs.readFile(SAMPLE))).getWorksheet('附件2')!;
    expect(ws.getCell('E20').fill).toEqual(original.getCell('E20').fill);
    expect(ws.getCell('E20').note).toBeUndefined();
    const parts = unzipSync(clean);
    expect(Object.keys(parts).filter((k) => strFromU8(parts[k]).includes('【自评表校验助手】'))).toEqual([]);
    // The work is still kept.
    expect((await FileHost.open(clean, 'y.xlsx')).getSetting('selfeval.ignored')).toEqual(IGNORED);
  });

  it('下载（不含标记） leaves out the 校验结果 sheet too, and nothing else: the other parts as they were', async () => {
    const host = await sample();
    const rows = [{ table: '基础数据表（附件2）', ref: { sheet: '附件2', cell: 'E20' }, severity: '错误', message: '不是数字', rule: 'unparseable-number：…' }];
    await host.writeResultsSheet('校验结果', rows);
    const withMarks = await host.exportBytes();
    expect((await reread(withMarks)).worksheets.map((w) => w.name)).toEqual(['附件2', '附件3', '附件4', '校验结果']);
    const clean = await host.exportBytes({ marks: false });
    const wb = await reread(clean);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件2', '附件3', '附件4']);
    // Our own reader too: the same three sheets, their cells as in the copy with the sheet.
    const back = await FileHost.open(clean, 'clean.xlsx');
    const full = await FileHost.open(withMarks, 'full.xlsx');
    expect(back.getState().sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '附件4']);
    expect(back.getState().sheets.map((s) => s.values)).toEqual(full.getState().sheets.slice(0, 3).map((s) => s.values));
    // No part names the sheet or holds the tool's title; every worksheet part left is the one of the marked copy.
    const parts = unzipSync(clean);
    const marked = unzipSync(withMarks);
    expect(Object.keys(parts).filter((k) => /校验结果/.test(strFromU8(parts[k])))).toEqual([]);
    const gone = Object.keys(marked).filter((k) => !(k in parts));
    expect(gone).toHaveLength(1);
    expect(strFromU8(marked[gone[0]])).toContain('【自评表校验助手】');
    for (const k of Object.keys(parts).filter((k) => /^xl\/worksheets\//.test(k))) expect(strFromU8(parts[k])).toBe(strFromU8(marked[k]));
    // Opened again and exported again with marks: the sheet comes back only when written again.
    expect((await reread(await back.exportBytes())).worksheets.map((w) => w.name)).toEqual(['附件2', '附件3', '附件4']);
  });

  it('下载（不含标记） keeps a 校验结果 sheet that is not the last one (moved in Excel), rather than move other sheets', async () => {
    const host = await sample();
    await host.writeResultsSheet('校验结果', [{ table: '基础数据表（附件2）', ref: { sheet: '附件2', cell: 'E20' }, severity: '错误', message: '不是数字', rule: 'x' }]);
    // The user added a sheet after it (as Excel would put a new one at the end).
    const wb = await reread(await host.exportBytes());
    wb.addWorksheet('说明').getCell('A1').value = '报送说明';
    const moved = await FileHost.open(new Uint8Array(await wb.xlsx.writeBuffer()), 'moved.xlsx');
    const clean = await reread(await moved.exportBytes({ marks: false }));
    expect(clean.worksheets.map((w) => w.name)).toEqual(['附件2', '附件3', '附件4', '校验结果', '说明']);
    expect(clean.getWorksheet('说明')!.getCell('A1').value).toBe('报送说明');
  });

  it('（有未下载的修改） clears when every change is undone, and after a download', async () => {
    const host = await sample();
    await host.applyPatch(H29);
    expect(host.getState().dirty).toBe(true);
    await host.undo();
    expect(host.getState().dirty).toBe(false);

    // An inserted summary written over, then put back as it was (the pane's 撤销 of an insert).
    const [b40] = await host.readCells([{ sheet: '附件3', cell: 'B40' }]);
    await host.writeCells([{ sheet: '附件3', cell: 'B40', value: '摘要' }]);
    expect(host.getState().dirty).toBe(true);
    await host.writeCells([{ sheet: '附件3', cell: 'B40', value: b40.value }]);
    expect(host.getState().dirty).toBe(false);

    // An edit typed back to the original value.
    host.editCell({ sheet: '附件2', cell: 'E20' }, '91.25', { value: 91.25 });
    expect(host.getState().dirty).toBe(true);
    host.editCell({ sheet: '附件2', cell: 'E20' }, '91.2591.25', null);
    expect(host.getState().dirty).toBe(false);

    // Ignoring a finding is work to keep; un-ignoring it is back to clean. A new check result alone is not.
    await host.setSetting('selfeval.ignored', IGNORED);
    expect(host.getState().dirty).toBe(true);
    await host.setSetting('selfeval.ignored', []);
    expect(host.getState().dirty).toBe(false);
    await host.setSetting('selfeval.report', { version: 1 });
    expect(host.getState().dirty).toBe(false);

    await host.applyPatch(H29);
    host.markSaved();
    expect(host.getState().dirty).toBe(false);
    await host.undo();
    expect(host.getState().dirty).toBe(true);
  });
});
