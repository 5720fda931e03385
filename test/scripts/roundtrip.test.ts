import { readWorkbook } from '../../src/hosts/file/read';
import * as W from '../../scripts/workbooks';

async function viaFile(spec: W.WorkbookSpec) {
  return (await readWorkbook(await W.toXlsx(spec))).snapshot;
}

describe('spec → snapshot equals spec → xlsx → readWorkbook', () => {
  const cases: [string, () => W.WorkbookSpec][] = [
    ['hongjiang published', () => W.hongjiangWorkbook('published')],
    ['hongjiang miscalculated', () => W.hongjiangWorkbook('miscalculated')],
    ['one sheet', () => W.hongjiangOneSheet('corrected')],
    ['offset C5', () => W.workbook(W.sheet('Sheet1', W.at(W.hongjiangProject('corrected'), 'C5')))],
    ['formulas', () => W.workbook(W.sheet('附件4', W.projectTable({ formulas: true })), W.sheet('附件3', W.overallTable({ formulas: true })), W.sheet('附件2', W.basicDataTable({ formulas: true })))],
    ['national', () => W.workbook(W.sheet('A', W.nationalProjectTable()), W.sheet('B', W.nationalProjectTable({ countyTitle: true, initialColumn: false, weightBeforeTarget: true, year: 2022 })))],
    ['headers', () => W.workbook(...Object.entries(W.HEADER_VARIANTS).map(([k, h]) => W.sheet(k, W.projectTable({ headers: h }), W.overallTable({ headers: h }))))],
    ['unrelated', () => W.unrelatedWorkbook()],
    ['bench 3', () => W.benchWorkbook(3)],
    ...Object.entries(W.consistentLayouts()).map(([name, spec]) => [`layout: ${name}`, () => spec] as [string, () => W.WorkbookSpec]),
  ];
  it.each(cases)('%s', async (_name, make) => {
    const spec = make();
    expect(await viaFile(spec)).toEqual(W.toSnapshot(spec));
  });
});
