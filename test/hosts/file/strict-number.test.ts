/**
 * A number cell whose stored text is no complete number (issue 20 item 1): read as
 * text, reported by unparseable-number, and nothing is recalculated from it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { readWorkbook } from '../../../src/hosts/file/read';
import { runCli } from '../../support/cli';

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx'));
/** 附件2 is sheet1.xml; C4 (18 projects done of B4 = 21) gives E4 = 0.8571. */
function withC4(v: string): Uint8Array {
  const files = unzipSync(SAMPLE);
  const part = 'xl/worksheets/sheet1.xml';
  const xml = strFromU8(files[part]);
  expect(xml).toContain('<c r="C4" s="3"><v>18</v></c>');
  files[part] = strToU8(xml.replace('<c r="C4" s="3"><v>18</v></c>', `<c r="C4" s="3"><v>${v}</v></c>`));
  return zipSync(files);
}

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-strict-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(['1,8', '12abc', '0x12', '1_000', '1.2.3'])('<v>%s</v> is read as text, never as its leading digits', async (v) => {
  const fw = await readWorkbook(withC4(v));
  expect(fw.snapshot.sheets[0].values[3][2]).toBe(v);
});

test('<v> in the forms Excel and other writers use stays a number', async () => {
  for (const [v, n] of [['1.8E+1', 18], ['18.0', 18], ['-0', -0], [' 18 ', 18]] as const) {
    const fw = await readWorkbook(withC4(v));
    expect(fw.snapshot.sheets[0].values[3][2]).toBe(n);
  }
});

test('check reports 附件2!C4 "1,8" as unparseable and recalculates nothing from it; fix leaves E4 alone', async () => {
  const file = path.join(dir, 'c4.xlsx');
  fs.writeFileSync(file, withC4('1,8'));
  const r = await runCli('check', file, '--json');
  const report = JSON.parse(r.stdout);
  const f = report.findings.find((x: { rule: string; sheet: string; cell: string }) => x.rule === 'unparseable-number' && x.sheet === '附件2' && x.cell === 'C4');
  expect(f).toBeDefined();
  expect(f.message).toContain('1,8');
  expect(report.recalculated.filter((x: { sheet: string; cell: string }) => x.sheet === '附件2' && x.cell === 'E4')).toEqual([]);
  const out = path.join(dir, 'c4-fixed.xlsx');
  const fx = await runCli('fix', file, '-o', out);
  expect(fx.stderr).toBe('');
  expect(fx.stdout).not.toMatch(/附件2!E4/);
  const fixed = await readWorkbook(fs.readFileSync(out));
  expect(fixed.snapshot.sheets[0].values[3][4]).toBe(0.8571);
  expect(fixed.snapshot.sheets[0].values[3][2]).toBe('1,8');
});

test('the same text as Office.js or WPS returns it (a string in a text-formatted cell) is no number either', async () => {
  const { analyze, toReport } = await import('../../../src/core/engine');
  const fw = await readWorkbook(SAMPLE);
  const sheet = fw.snapshot.sheets[0];
  const row = [...sheet.values[3]];
  row[2] = '1,8';
  const values = sheet.values.map((r, i) => (i === 3 ? row : r));
  const report = toReport(analyze({ sheets: [{ ...sheet, values, formulas: values }, ...fw.snapshot.sheets.slice(1)] }));
  expect(report.findings.some((f) => f.rule === 'unparseable-number' && f.cell === 'C4')).toBe(true);
  expect(report.recalculated.some((x) => x.sheet === '附件2' && x.cell === 'E4')).toBe(false);
});
