/**
 * The lean reader on packages other tools write and on broken ones: OPC rules
 * (absolute targets, part names in any case), missing parts named, cells
 * beyond the sheet, huge merges kept cheap, zip bombs stopped by the budget.
 */
import { columnName } from '../../../src/core/address';
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8, type Unzipped } from 'fflate';
import { readWorkbook, InputError } from '../../../src/hosts/file/read';
import { XlsxPackage, resolveTarget } from '../../../src/hosts/file/package';

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx'));

function mutate(f: (files: Unzipped) => void): Uint8Array {
  const files = unzipSync(SAMPLE);
  f(files);
  return zipSync(files);
}
const edit = (files: Unzipped, name: string, g: (s: string) => string) => { files[name] = strToU8(g(strFromU8(files[name]))); };

async function failure(bytes: Uint8Array): Promise<InputError> {
  const e = await readWorkbook(bytes, { name: 'x.xlsx' }).then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(InputError);
  expect((e as Error).message).not.toMatch(/\n/);
  return e as InputError;
}

let expected: Awaited<ReturnType<typeof readWorkbook>>['snapshot'];
beforeAll(async () => { expected = (await readWorkbook(SAMPLE)).snapshot; });

describe('OPC', () => {
  test('relationship targets absolute (as openpyxl writes them) or relative', async () => {
    const bytes = mutate((f) => edit(f, 'xl/_rels/workbook.xml.rels', (s) => s.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/').replace('Target="styles.xml"', 'Target="./../xl/styles.xml"')));
    expect((await readWorkbook(bytes)).snapshot).toEqual(expected);
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../comments1.xml')).toBe('xl/comments1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '/xl/comments/comment1.xml')).toBe('xl/comments/comment1.xml');
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
  });

  test('part names are case-insensitive (XL/WORKBOOK.XML, Sheet1.XML)', async () => {
    const bytes = mutate((f) => {
      f['XL/WORKBOOK.XML'] = f['xl/workbook.xml']; delete f['xl/workbook.xml'];
      f['xl/Worksheets/Sheet1.XML'] = f['xl/worksheets/sheet1.xml']; delete f['xl/worksheets/sheet1.xml'];
    });
    expect((await readWorkbook(bytes)).snapshot).toEqual(expected);
  });

  test('two entries whose names differ only in case: damaged', async () => {
    const bytes = mutate((f) => { f['xl/Workbook.xml'] = f['xl/workbook.xml']; });
    expect((await failure(bytes)).code).toBe('damaged');
  });

  test('a package keeps every part it does not patch, byte for byte', () => {
    const pkg = new XlsxPackage(SAMPLE);
    pkg.set('xl/worksheets/sheet1.xml', '<worksheet/>');
    const out = unzipSync(pkg.toBytes());
    const src = unzipSync(SAMPLE);
    for (const k of Object.keys(src)) if (k !== 'xl/worksheets/sheet1.xml' && !k.endsWith('/')) expect(Buffer.from(out[k]).equals(Buffer.from(src[k]))).toBe(true);
  });
});

describe('parts the workbook refers to', () => {
  test('a missing worksheet part: exit-2 error naming the part, never a smaller workbook', async () => {
    const e = await failure(mutate((f) => { delete f['xl/worksheets/sheet1.xml']; }));
    expect(e.code).toBe('damaged');
    expect(e.message).toContain('xl/worksheets/sheet1.xml');
    expect(e.message).toContain('附件2');
  });

  test('a missing shared strings part: named', async () => {
    const e = await failure(mutate((f) => { delete f['xl/sharedStrings.xml']; }));
    expect(e.message).toContain('xl/sharedStrings.xml');
  });

  test('malformed XML in a sheet: the part is named', async () => {
    const e = await failure(mutate((f) => edit(f, 'xl/worksheets/sheet2.xml', (s) => s.replace('</sheetData>', '<row></sheetData>'))));
    expect(e.message).toContain('xl/worksheets/sheet2.xml');
  });
});

describe('sparse: cost follows the cells present', () => {
  test('a merge H30:H1048576 counts only up to the cells; kept whole for the patcher', async () => {
    const fw = await readWorkbook(mutate((f) => edit(f, 'xl/worksheets/sheet2.xml', (s) => s.replace('</mergeCells>', '<mergeCell ref="K30:K1048576"/></mergeCells>'))));
    const s = fw.snapshot.sheets[1];
    expect(s.range).toBe('A1:K30');
    expect(s.merges).toContain('K30');
    expect(fw.sheets[1].merges).toContainEqual({ top: 29, left: 10, bottom: 1048575, right: 10 });
  });

  test('the declared dimension is ignored', async () => {
    const fw = await readWorkbook(mutate((f) => edit(f, 'xl/worksheets/sheet1.xml', (s) => s.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))));
    expect(fw.snapshot).toEqual(expected);
  });

  test('a value at H1048576: rows without cells share one empty row', async () => {
    const fw = await readWorkbook(mutate((f) => edit(f, 'xl/worksheets/sheet2.xml', (s) => s.replace('</sheetData>', '<row r="1048576"><c r="H1048576"><v>1</v></c></row></sheetData>'))));
    const s = fw.snapshot.sheets[1];
    expect(s.range).toBe('A1:I1048576');
    expect(s.values[1048575][7]).toBe(1);
    expect(s.values[100]).toBe(s.values[200]);
  });

  test('rows beyond 1,048,576 and columns beyond XFD are input errors', async () => {
    const row = await failure(mutate((f) => edit(f, 'xl/worksheets/sheet2.xml', (s) => s.replace('</sheetData>', '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'))));
    expect(row.message).toContain('1048576');
    const col = await failure(mutate((f) => edit(f, 'xl/worksheets/sheet2.xml', (s) => s.replace('</sheetData>', '<row r="31"><c r="XFE31"><v>1</v></c></row></sheetData>'))));
    expect(col.message).toContain('XFE31');
  });

  test('a stray value at XFD1048576: the sheet is read as its main block and the far cell is listed, cheaply', async () => {
    const fw = await readWorkbook(mutate((f) => edit(f, 'xl/worksheets/sheet1.xml', (s) => s.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))));
    const s = fw.snapshot.sheets[0];
    expect(s.range).toBe('A1:G28');
    expect(s.values).toHaveLength(28);
    expect(s.outside).toEqual({ cells: ['XFD1048576'], count: 1 });
    // The engine says so (rule far-cells): not checked is never silent.
    const { analyze } = await import('../../../src/core/engine');
    const far = analyze(fw.snapshot).findings.filter((x) => x.rule === 'far-cells');
    expect(far.map((x) => `${x.sheet}!${x.cell}`)).toEqual([`${s.name}!XFD1048576`]);
  });

  test('content spread over the whole sheet (no main block small enough): a clear input error', async () => {
    const rows: string[] = [];
    for (let r = 40; r <= 1048576; r += 900) {
      let cells = '';
      for (let c = 0; c < 16384; c += 250) cells += `<c r="${columnName(c)}${r}"><v>1</v></c>`;
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    const e = await failure(mutate((f) => edit(f, 'xl/worksheets/sheet1.xml', (s) => s.replace('</sheetData>', `${rows.join('')}</sheetData>`))));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/使用区域 A1:[A-Z]+\d+ 过大/);
  });
});

describe('zip bombs', () => {
  test('a part unpacking past the budget is refused before it is inflated', async () => {
    const big = new Uint8Array(300 * 1024 * 1024).fill(32);
    const bytes = mutate((f) => { f['xl/worksheets/sheet1.xml'] = big; });
    const e = await failure(bytes);
    expect(e.code).toBe('too-large');
  });

  test('a part whose declared size is a lie stops at the declared size', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(32);
    const bytes = Buffer.from(mutate((f) => { f['xl/worksheets/sheet1.xml'] = big; }));
    // Rewrite the declared size (central directory and local header) to 1000 bytes.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let i = bytes.indexOf(name); i >= 0; i = bytes.indexOf(name, i + 1)) {
      if (bytes.readUInt32LE(i - 46) === 0x02014b50) bytes.writeUInt32LE(1000, i - 46 + 24);
      if (bytes.readUInt32LE(i - 30) === 0x04034b50) bytes.writeUInt32LE(1000, i - 30 + 22);
    }
    const e = await failure(bytes);
    expect(['too-large', 'damaged']).toContain(e.code);
  });
});
