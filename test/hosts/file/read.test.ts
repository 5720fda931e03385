import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbook, InputError, type InputErrorCode } from '../../../src/hosts/file/read';
import { readWorkbookFile } from '../../../src/hosts/file/node';
import * as W from '../../../scripts/workbooks';

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return (await wb.xlsx.writeBuffer()) as unknown as Buffer;
}

async function sheetOf(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('S'), wb);
  const fw = await readWorkbook(await bytesOf(wb));
  return fw.snapshot.sheets[0];
}

describe('readWorkbook: cells as Office.js returns them', () => {
  it('keeps a merged area\'s value in its top-left cell only', async () => {
    const s = await sheetOf((ws) => {
      ws.getCell('A1').value = '标题';
      ws.mergeCells('A1:C2');
      ws.getCell('A3').value = 1;
    });
    expect(s.range).toBe('A1:C3');
    expect(s.merges).toEqual(['A1:C2']);
    expect(s.values).toEqual([['标题', '', ''], ['', '', ''], [1, '', '']]);
    expect(s.formulas).toEqual([['标题', '', ''], ['', '', ''], [1, '', '']]);
  });

  it('blanks the merged cells of the fixture (exceljs repeats the value in every cell)', async () => {
    const fw = await readWorkbook(await W.toXlsx(W.hongjiangWorkbook('published')));
    const basic = fw.snapshot.sheets[0];
    expect(basic.values[1][0]).toBe('2024 年度部门（单位）整体支出绩效评价基础数据表');
    expect(basic.values[1].slice(1)).toEqual(['', '', '', '', '', '']);
    // E4:F4 holds 控制率: value in E4 only, the 0.00% format in both cells.
    expect(basic.values[3].slice(4, 6)).toEqual([0.8571, '']);
    expect(basic.numberFormats![3].slice(4, 6)).toEqual(['0.00%', '0.00%']);
  });

  it('reads formulas with their cached results, shared formulas translated', async () => {
    const s = await sheetOf((ws) => {
      ws.getCell('A1').value = 2;
      ws.getCell('A2').value = 3;
      ws.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 5 } as ExcelJS.CellFormulaValue;
      ws.getCell('B3').value = { formula: 'A3/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
      ws.getCell('C3').value = { formula: 'A1*1' } as ExcelJS.CellFormulaValue; // no cached value
      ws.fillFormula('D1:D3', 'A1*10', [20, 30, 50]);
    });
    expect(s.range).toBe('A1:D3');
    expect(s.values[2]).toEqual([5, '#DIV/0!', '', 50]);
    expect(s.formulas![2]).toEqual(['=SUM(A1:A2)', '=A3/0', '=A1*1', '=A3*10']);
    expect(s.formulas!.map((r) => r[3])).toEqual(['=A1*10', '=A2*10', '=A3*10']);
    expect(s.values.map((r) => r[3])).toEqual([20, 30, 50]);
  });

  it('reads number formats, General where none', async () => {
    const s = await sheetOf((ws) => {
      ws.getCell('A1').value = 0.8571;
      ws.getCell('A1').numFmt = '0.00%';
      ws.getCell('B1').value = 1234.5;
      ws.getCell('B1').numFmt = '#,##0.00';
      ws.getCell('C1').value = 'x';
    });
    expect(s.numberFormats).toEqual([['0.00%', '#,##0.00', 'General']]);
  });

  it('turns dates into 1900-system serial numbers', async () => {
    const s = await sheetOf((ws) => {
      ws.getCell('A1').value = new Date(Date.UTC(2024, 11, 31));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('B1').value = new Date(Date.UTC(2025, 3, 30, 12));
      ws.getCell('B1').numFmt = 'yyyy-mm-dd hh:mm';
    });
    expect(s.values[0]).toEqual([45657, 45777.5]);
  });

  it('gives the stored serial of a 1904-system workbook, as Office.js does', async () => {
    const s = await sheetOf((ws, wb) => {
      (wb.properties as { date1904?: boolean }).date1904 = true;
      ws.getCell('A1').value = new Date(Date.UTC(2024, 11, 31));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    });
    expect(s.values[0]).toEqual([45657 - 1462]);
  });

  it('flattens rich text and hyperlinks, keeps booleans and error values', async () => {
    const s = await sheetOf((ws) => {
      ws.getCell('A1').value = { richText: [{ text: '全年' }, { text: '预算数', font: { bold: true } }] };
      ws.getCell('B1').value = { text: '财政部', hyperlink: 'https://www.mof.gov.cn/' };
      ws.getCell('C1').value = true;
      ws.getCell('D1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    });
    expect(s.values[0]).toEqual(['全年预算数', '财政部', true, '#N/A']);
  });

  it('gives the used range of a table that starts at C5', async () => {
    const fw = await readWorkbook(await W.toXlsx(W.workbook(W.sheet('Sheet1', W.at(W.hongjiangProject('corrected'), 'C5')))));
    const s = fw.snapshot.sheets[0];
    expect(s.range).toBe('C5:K29');
    expect(s.values[0][0]).toBe('附件4');
    expect(s.merges[0]).toBe('C6:K6');
    expect(s.values.every((r) => r.length === 9)).toBe(true);
  });

  it('gives "A1" and [[""]] for an empty sheet, and keeps the tab order', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('第二');
    wb.addWorksheet('第一').getCell('B2').value = 1;
    const fw = await readWorkbook(await bytesOf(wb));
    expect(fw.snapshot.sheets.map((s) => s.name)).toEqual(['第二', '第一']);
    expect(fw.snapshot.sheets[0]).toMatchObject({ range: 'A1', values: [['']], merges: [] });
    expect(fw.snapshot.sheets[1]).toMatchObject({ range: 'B2', values: [[1]] });
    expect(fw.unsupported).toEqual([]);
  });

  it('accepts an ArrayBuffer as well as a Buffer', async () => {
    const buf = await W.toXlsx(W.unrelatedWorkbook());
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const fw = await readWorkbook(ab);
    expect(fw.snapshot.sheets.map((s) => s.name)).toEqual(['销售明细', '人员名单', '说明', 'Sheet4']);
  });
});

describe('readWorkbook: files it cannot read', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-read-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function failure(bytes: Uint8Array, name = 'x.xlsx'): Promise<InputError> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const e = await readWorkbookFile(file).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }

  function expectError(e: InputError, code: InputErrorCode, words: RegExp): void {
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/^无法读取 .*x\.xlsx：/);
    expect(e.message).toMatch(words);
    expect(e.message).not.toMatch(/\n/);
    // Chinese for the user: no English words after the file name (an extension such as .xlsx, Excel, XFD aside).
    expect(e.message.replace(/^无法读取 .*?x\.xlsx：/, '').replace(/\.xlsx?|Excel|XFD|xl\/[\w/.]+/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  }

  const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');

  it('a truncated .xlsx is damaged', async () => {
    const good = await W.toXlsx(W.hongjiangWorkbook('published'));
    expectError(await failure(good.subarray(0, Math.floor(good.length / 2))), 'damaged', /已损坏或不完整，请在 Excel 中打开并另存后再试/);
  });

  it('a zip whose parts are corrupt is damaged', async () => {
    const good = Buffer.from(await W.toXlsx(W.hongjiangWorkbook('published')));
    // Overwrite the middle of the compressed data, keeping the zip directory intact.
    good.fill(0x41, 2000, 6000);
    expectError(await failure(good), 'damaged', /部件 xl\/worksheets\/sheet1\.xml 已损坏/);
  });

  it('an empty file', async () => {
    expectError(await failure(new Uint8Array(0)), 'empty', /文件是空的/);
  });

  it('a .csv renamed .xlsx is not an .xlsx', async () => {
    expectError(await failure(Buffer.from('项目,金额\n科技三项费,19.05\n', 'utf8')), 'not-xlsx', /不是 Excel 工作簿/);
  });

  it('a zip that is no workbook (e.g. a .docx) is not an .xlsx', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    expectError(await failure(await zip.generateAsync({ type: 'nodebuffer' })), 'not-xlsx', /不是 Excel 工作簿/);
  });

  it('an encrypted .xlsx (OLE file with an EncryptionInfo stream)', async () => {
    const bytes = Buffer.concat([Buffer.from(OLE), Buffer.alloc(504), utf16('EncryptionInfo'), Buffer.alloc(64), utf16('EncryptedPackage')]);
    expectError(await failure(bytes), 'encrypted', /设有打开密码，请先在 Excel 中取消密码后再试/);
  });

  it('an old .xls (OLE file with a Workbook stream)', async () => {
    const bytes = Buffer.concat([Buffer.from(OLE), Buffer.alloc(504), utf16('Workbook'), Buffer.alloc(64)]);
    expectError(await failure(bytes), 'xls', /97-2003.*（\.xls）/);
  });

  it('a missing path', async () => {
    const file = path.join(dir, 'nope', 'x.xlsx');
    const e = await readWorkbookFile(file).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(InputError);
    expectError(e as InputError, 'missing', /文件不存在，请检查路径/);
  });

  it('a folder is unreadable', async () => {
    const sub = path.join(dir, 'x.xlsx.d');
    fs.mkdirSync(sub);
    const e = (await readWorkbookFile(sub).then(() => null, (err: unknown) => err)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('unreadable');
    expect(e.message).toMatch(/^无法读取 .*：这是一个文件夹，请指定 \.xlsx 文件$/);
  });

  it('names the file in the message when reading bytes', async () => {
    const e = (await readWorkbook(new Uint8Array(0), { name: '自评表.xlsx' }).catch((err: unknown) => err)) as InputError;
    expect(e.message).toBe('无法读取 自评表.xlsx：文件是空的（0 字节）');
  });
});

describe('readWorkbook: progress', () => {
  it('reports each worksheet in tab order, and within a large one, rising to the whole', async () => {
    const bytes = await W.toXlsx(W.workbook(W.sheet('附件1', W.at(W.hongjiangProject('published'), 'A1')), ...W.bigSheetWorkbook(20_000, 'miscalculated').sheets));
    const seen: { sheet: string; index: number; sheets: number; fraction: number }[] = [];
    const fw = await readWorkbook(bytes, { onProgress: (p) => seen.push(p) });
    const names = fw.snapshot.sheets.map((s) => s.name);
    expect(names.length).toBe(2);
    // The start of each sheet, in order.
    expect(seen.filter((p, i) => i === 0 || p.index !== seen[i - 1].index).map((p) => p.sheet)).toEqual(names);
    expect(seen.every((p) => p.sheets === 2)).toBe(true);
    // The large sheet (over 1 MB of text) reports within itself, and the share only rises.
    expect(seen.filter((p) => p.index === 1).length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen[0].fraction).toBe(0);
    expect(seen[seen.length - 1].fraction).toBeGreaterThan(0.5);
    expect(seen[seen.length - 1].fraction).toBeLessThanOrEqual(1);
  });
});
