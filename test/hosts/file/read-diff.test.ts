/**
 * Differential test: the lean reader gives exactly the snapshots the exceljs
 * path gave, on every workbook the generator builds, on workbooks with the
 * cell kinds exceljs treats specially, and on the fixtures of ../shared.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../../src/hosts/file/read';
import { exceljsSnapshot } from './exceljs-reader';
import * as W from '../../../scripts/workbooks';

const generated: [string, () => W.WorkbookSpec][] = [
  ['published', () => W.hongjiangWorkbook('published')],
  ['corrected', () => W.hongjiangWorkbook('corrected')],
  ['miscalculated', () => W.hongjiangWorkbook('miscalculated')],
  ['one sheet', () => W.hongjiangOneSheet('corrected')],
  ['one sheet, published', () => W.hongjiangOneSheet('published', '附件', 0)],
  ['offset C5', () => W.workbook(W.sheet('Sheet1', W.at(W.hongjiangProject('corrected'), 'C5')))],
  ['formulas', () => W.workbook(
    W.sheet('附件2', W.hongjiangBasicData('corrected', { formulas: true })),
    W.sheet('附件3', W.hongjiangOverall('corrected', { formulas: true })),
    W.sheet('附件4', W.hongjiangProject('corrected', { formulas: true })),
  )],
  ['miscalculated formulas', () => W.workbook(
    W.sheet('附件2', W.hongjiangBasicData('miscalculated', { formulas: true })),
    W.sheet('附件3', W.hongjiangOverall('miscalculated', { formulas: { total: true } })),
  )],
  ['synonyms', () => W.workbook(...Object.entries(W.HEADER_VARIANTS).map(([name, headers]) => W.sheet(name, W.hongjiangProject('corrected', { headers }))))],
  ['national', () => W.workbook(
    W.sheet('国家模板', W.nationalProjectTable()),
    W.sheet('县级模板', W.nationalProjectTable({ year: 2022, countyTitle: true, initialColumn: false, weightBeforeTarget: true })),
  )],
  ['no table', () => W.unrelatedWorkbook()],
  ['bench 10', () => W.benchWorkbook(10)],
  ['big sheet 3,000 rows', () => W.bigSheetWorkbook(3000, 'miscalculated')],
];

async function same(bytes: Uint8Array): Promise<void> {
  const lean = (await readWorkbook(bytes)).snapshot;
  const old = await exceljsSnapshot(bytes);
  expect(lean).toEqual(old);
}

describe('the lean reader and the exceljs path give equal snapshots', () => {
  test.each(generated)('generator: %s', async (_name, build) => {
    await same(await W.toXlsx(build()));
  });

  test('cells exceljs treats specially: dates (1900 and 1904), rich text, booleans, errors, shared formulas, merges', async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      (wb.properties as { date1904?: boolean }).date1904 = date1904;
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2024, 11, 31));
      ws.getCell('A1').numFmt = 'yyyy-mm-dd';
      ws.getCell('B1').value = new Date(Date.UTC(2025, 3, 30, 12, 0, 0, 1));
      ws.getCell('B1').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
      ws.getCell('C1').value = 45000.123456789;
      ws.getCell('C1').numFmt = '[$-804]0.00"元"';
      ws.getCell('D1').value = 0.5;
      ws.getCell('D1').numFmt = 'h:mm';
      ws.getCell('A2').value = { richText: [{ text: '全年' }, { text: '预算数', font: { bold: true } }] };
      ws.getCell('B2').value = { text: '财政部', hyperlink: 'https://www.mof.gov.cn/' };
      ws.getCell('C2').value = true;
      ws.getCell('D2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('E2').value = ' 前后空格 _x000D_ ';
      ws.getCell('A3').value = { formula: 'A1+1', result: 45658 } as ExcelJS.CellFormulaValue;
      ws.getCell('A3').numFmt = 'yyyy-mm-dd';
      ws.getCell('B3').value = { formula: 'A3/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
      ws.getCell('C3').value = { formula: 'IF(C2,"a&b","")', result: 'a&b' } as ExcelJS.CellFormulaValue;
      ws.getCell('D3').value = { formula: 'C2', result: true } as ExcelJS.CellFormulaValue;
      ws.getCell('E3').value = { formula: 'A1*1' } as ExcelJS.CellFormulaValue;
      ws.getCell('F1').value = 1; ws.getCell('F2').value = 2; ws.getCell('F3').value = 3;
      ws.fillFormula('G1:G3', 'F1*10+$F$1+SUM(F$1:F1)', [11, 23, 36]);
      ws.getCell('H5').value = '合并';
      ws.mergeCells('H5:J7');
      ws.getCell('I6').numFmt = '0.00%';
      ws.getCell('A9').value = 1.5;
      ws.getCell('A9').numFmt = '#,##0.00';
      ws.getCell('B9').numFmt = '0%';
      ws.getCell('C9').value = '';
      await same((await wb.xlsx.writeBuffer()) as unknown as Buffer);
    }
  });

  const shared = path.resolve(__dirname, '../../../../shared/fixtures');
  const fixtures = fs.existsSync(shared) ? fs.readdirSync(shared).filter((f) => f.endsWith('.xlsx')) : [];
  (fixtures.length ? test.each(fixtures) : test.skip.each(['(../shared missing)']))('fixture %s', async (f) => {
    await same(fs.readFileSync(path.join(shared, f)));
  });
});
