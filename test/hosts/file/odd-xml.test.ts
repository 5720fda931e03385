/**
 * Odd but harmless XML (issue 20 item 3): a style index out of range (s="-1") is
 * the default style, in check and in fix; parts in UTF-16 (with a BOM, or only an
 * encoding declaration) are read like UTF-8, and fix writes what it patches as UTF-8.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8, type Unzipped } from 'fflate';
import { readWorkbook } from '../../../src/hosts/file/read';
import { runCli } from '../../support/cli';

const FIXTURE = fs.readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/hongjiang-2024-miscalculated.xlsx'));
const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx'));

function mutate(bytes: Uint8Array, f: (files: Unzipped) => void): Uint8Array {
  const files = unzipSync(bytes);
  f(files);
  return zipSync(files);
}

function utf16(s: string, { bom, be }: { bom: boolean; be: boolean }): Uint8Array<ArrayBuffer> {
  const decl = s.replace(/^<\?xml([^?]*?)encoding="UTF-8"/, '<?xml$1encoding="UTF-16"');
  const out = new Uint8Array(new ArrayBuffer((bom ? 2 : 0) + decl.length * 2));
  let o = 0;
  const put = (c: number) => { out[o++] = be ? c >> 8 : c & 0xff; out[o++] = be ? c & 0xff : c >> 8; };
  if (bom) put(0xfeff);
  for (let i = 0; i < decl.length; i++) put(decl.charCodeAt(i));
  return out;
}

jest.setTimeout(30_000);

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-oddxml-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function fix(bytes: Uint8Array, name: string) {
  const input = path.join(dir, `${name}.xlsx`);
  const output = path.join(dir, `${name}-fixed.xlsx`);
  fs.writeFileSync(input, bytes);
  const before = fs.readFileSync(input);
  const r = await runCli('fix', input, '-o', output);
  expect(fs.readFileSync(input).equals(before)).toBe(true);
  return { ...r, output };
}

describe('a style index out of range', () => {
  const minusOne = mutate(FIXTURE, (f) => {
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) f[part] = strToU8(strFromU8(f[part]).replace(/ s="[35]"/g, ' s="-1"'));
  });

  test('s="-1" reads as the default style', async () => {
    const fw = await readWorkbook(minusOne);
    const original = await readWorkbook(FIXTURE);
    expect(fw.snapshot.sheets.map((s) => s.values)).toEqual(original.snapshot.sheets.map((s) => s.values));
  });

  test('fix writes and marks cells whose style is s="-1" (no internal error); the output reopens', async () => {
    const r = await fix(minusOne, 'minus-one');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/重新计算 [1-9]\d* 个单元格/);
    const out = await readWorkbook(fs.readFileSync(r.output));
    const again = await runCli('check', r.output, '--json');
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout).recalculated).toEqual([]);
    expect(out.snapshot.sheets.length).toBe(3);
  });
});

describe('parts in UTF-16', () => {
  const encoded = (bytes: Uint8Array) => mutate(bytes, (f) => {
    f['xl/workbook.xml'] = utf16(strFromU8(f['xl/workbook.xml']), { bom: true, be: false });
    f['xl/sharedStrings.xml'] = utf16(strFromU8(f['xl/sharedStrings.xml']), { bom: true, be: false });
    f['xl/styles.xml'] = utf16(strFromU8(f['xl/styles.xml']), { bom: true, be: true });
    f['xl/worksheets/sheet1.xml'] = utf16(strFromU8(f['xl/worksheets/sheet1.xml']), { bom: true, be: false });
    f['xl/worksheets/sheet2.xml'] = utf16(strFromU8(f['xl/worksheets/sheet2.xml']), { bom: true, be: true });
    // No BOM: the encoding declaration alone (the first bytes show the byte order).
    f['xl/worksheets/sheet3.xml'] = utf16(strFromU8(f['xl/worksheets/sheet3.xml']), { bom: false, be: false });
    f['xl/_rels/workbook.xml.rels'] = utf16(strFromU8(f['xl/_rels/workbook.xml.rels']), { bom: false, be: true });
  });

  test('UTF-16 LE and BE, with a BOM or only a declaration, read like UTF-8', async () => {
    for (const src of [SAMPLE, FIXTURE]) {
      const fw = await readWorkbook(encoded(src));
      expect(fw.snapshot).toEqual((await readWorkbook(src)).snapshot);
    }
  });

  test('fix on UTF-16 parts: what it patches is written as UTF-8 (declaration too), the rest as it was', async () => {
    const bytes = encoded(FIXTURE);
    const r = await fix(bytes, 'utf16');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = unzipSync(fs.readFileSync(r.output));
    const src = unzipSync(bytes);
    for (const [part, data] of Object.entries(out)) {
      if (src[part] && Buffer.from(src[part]).equals(Buffer.from(data))) continue;
      const text = strFromU8(data);
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text).not.toMatch(/encoding="UTF-16"/i);
    }
    expect(Buffer.from(out['xl/_rels/workbook.xml.rels']).equals(Buffer.from(src['xl/_rels/workbook.xml.rels']))).toBe(true);
    expect(Buffer.from(out['xl/sharedStrings.xml']).equals(Buffer.from(src['xl/sharedStrings.xml']))).toBe(true);
    const again = await runCli('check', r.output, '--json');
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout).recalculated).toEqual([]);
  });
});
