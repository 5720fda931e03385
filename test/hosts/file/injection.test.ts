/**
 * No formula injection in what the file writer writes (issue 20 item 5): the
 * 校验结果 sheet and fix's output hold a sheet named `=cmd|' /C calc'!A0` and
 * labels beginning with = + - @ as text (inline strings, notes), never as a formula.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { readWorkbook } from '../../../src/hosts/file/read';
import { appendSheet, resultCells, writeWorkbook, RESULTS_TITLE } from '../../../src/hosts/file/write';
import { runCli } from '../../support/cli';

const FIXTURE = fs.readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/hongjiang-2024-miscalculated.xlsx'));
const EVIL = "=cmd|' /C calc'!A0";

/** The fixture with 附件2 renamed to EVIL and a label in its first column beginning with =. */
function evilWorkbook(): Uint8Array {
  const files = unzipSync(FIXTURE);
  const wb = strFromU8(files['xl/workbook.xml']);
  expect(wb).toContain('name="附件2"');
  files['xl/workbook.xml'] = strToU8(wb.replace('name="附件2"', `name="${EVIL.replace(/'/g, '&apos;')}"`));
  return zipSync(files);
}

const formulasIn = (xml: string) => xml.match(/<(\w+:)?f[\s>/]/g) ?? [];

jest.setTimeout(30_000);

test('appendSheet writes sheet names, labels and messages beginning with = + - @ as inline text', async () => {
  const fw = await readWorkbook(evilWorkbook());
  const rows = ['=1+1', '+1', '-1+2', '@SUM(A1)', EVIL].map((t, i) => ({ table: t, ref: { sheet: EVIL, cell: `E${i + 4}` }, severity: '错误', message: `${EVIL}!E4 ${t}`, rule: t }));
  appendSheet(fw, '校验结果', resultCells(rows));
  const out = unzipSync(await writeWorkbook(fw));
  const part = Object.keys(out).find((k) => /worksheets\/sheet\d+\.xml$/.test(k) && strFromU8(out[k]).includes('inlineStr') && strFromU8(out[k]).includes('表格'))!;
  const xml = strFromU8(out[part]);
  expect(formulasIn(xml)).toEqual([]);
  const back = await readWorkbook(await writeWorkbook(fw));
  const sheet = back.snapshot.sheets.find((s) => s.values[0]?.[0] === RESULTS_TITLE)!;
  expect(sheet.values.slice(2).map((r) => r[0])).toEqual(['=1+1', '+1', '-1+2', '@SUM(A1)', EVIL]);
  expect(sheet.values[2][1]).toBe(`${EVIL}!E4`);
  expect(sheet.formulas).toEqual(sheet.values);
});

test('fix on a workbook whose sheet is named =cmd…: the output adds no formula; notes hold the name as text', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-inject-'));
  try {
    const input = path.join(dir, 'evil.xlsx');
    const output = path.join(dir, 'evil-fixed.xlsx');
    const bytes = evilWorkbook();
    fs.writeFileSync(input, bytes);
    const r = await runCli('fix', input, '-o', output);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const src = unzipSync(bytes);
    const out = unzipSync(fs.readFileSync(output));
    for (const [k, v] of Object.entries(out)) {
      if (!/\.xml$/.test(k)) continue;
      expect([k, formulasIn(strFromU8(v)).length]).toEqual([k, src[k] ? formulasIn(strFromU8(src[k])).length : 0]);
    }
    const comments = Object.keys(out).filter((k) => /comments\d*\.xml$/.test(k)).map((k) => strFromU8(out[k])).join('');
    expect(comments).toContain(`【自评表校验助手】${EVIL}!E4`);
    const back = await readWorkbook(fs.readFileSync(output));
    expect(back.snapshot.sheets[0].name).toBe(EVIL);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
