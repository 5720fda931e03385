/** Issue 10's small Excel host additions for the task pane: readCells and writeCells (the summary's insertion and its undo). */
import { ExcelHost } from '../../../src/hosts/excel/excel-host';
import { FakeExcel } from './fake-excel';

function workbook(): FakeExcel {
  const fx = new FakeExcel();
  fx.addSheet('附件3', [
    ['2024 年度部门（单位）整体支出绩效自评表'],
    ['年度资金总额', 238.83, { v: 377.89, f: '=B2+140' }],
  ]);
  fx.addSheet('保护', [['x']], { protected: true });
  return fx;
}

describe('ExcelHost: cells for the pane', () => {
  test('readCells gives values and formulas; empty cells are empty', async () => {
    const fx = workbook();
    const host = await ExcelHost.create(fx.env());
    const got = await host.readCells([{ sheet: '附件3', cell: 'A1' }, { sheet: '附件3', cell: 'C2' }, { sheet: '附件3', cell: 'B9' }]);
    expect(got[0]).toEqual({ value: '2024 年度部门（单位）整体支出绩效自评表', formula: null });
    expect(got[1].formula).toBe('=B2+140');
    expect(got[2].value === '' || got[2].value === null).toBe(true);
    expect(got[2].formula).toBeNull();
  });

  test('writeCells writes text (kept as text), refuses formula cells and protected sheets before writing anything', async () => {
    const fx = workbook();
    const host = await ExcelHost.create(fx.env());
    await host.writeCells([{ sheet: '附件3', cell: 'B5', value: '第一段' }, { sheet: '附件3', cell: 'B6', value: '=不是公式' }]);
    expect(fx.cell('附件3', 'B5')?.value).toBe('第一段');
    // Text that starts with = stays text (written with Excel's apostrophe prefix), never a formula.
    expect(fx.cell('附件3', 'B6')?.value).toBe('=不是公式');
    expect(fx.cell('附件3', 'B6')?.formula).toBeUndefined();
    await expect(host.writeCells([{ sheet: '附件3', cell: 'B7', value: 'x' }, { sheet: '附件3', cell: 'C2', value: 'y' }])).rejects.toMatchObject({ code: 'formulaCell' });
    expect(fx.cell('附件3', 'B7')).toBeUndefined();
    await expect(host.writeCells([{ sheet: '保护', cell: 'A2', value: 'x' }])).rejects.toMatchObject({ code: 'sheetProtected' });
  });
});

/** A minimal Office.js double for writeResultsSheet alone: records what the host sets on the new sheet. */
function resultsEnv(existing: boolean) {
  const log: string[] = [];
  const ranges = new Map<string, Record<string, unknown>>();
  const range = (addr: string) => {
    let r = ranges.get(addr);
    if (!r) {
      r = { format: { font: {}, fill: {} } };
      ranges.set(addr, r);
    }
    return r;
  };
  const sheet = {
    isNullObject: false,
    getRange: (a: string) => range(a),
    freezePanes: { freezeRows: (n: number) => log.push(`freezeRows ${n}`) },
    pageLayout: { orientation: '', zoom: {}, setPrintTitleRows: (a: string) => log.push(`printTitles ${a}`) },
    delete: () => log.push('delete'),
  };
  const ctx = {
    workbook: {
      worksheets: {
        getItemOrNullObject: () => (existing ? { ...sheet, delete: () => log.push('delete old') } : { isNullObject: true }),
        add: (name: string) => { log.push(`add ${name}`); return sheet; },
      },
      settings: { load() {}, items: [] },
    },
    sync: async () => { log.push('sync'); },
  };
  const env = { run: async (batch: (c: unknown) => Promise<unknown>) => batch(ctx), isExcelApiSupported: () => true, now: () => 0 };
  return { env, log, ranges, sheet };
}

describe('ExcelHost.writeResultsSheet', () => {
  test('replaces 校验结果 with a header and one row per finding, the cell as an internal link, set up to print', async () => {
    const { env, log, ranges, sheet } = resultsEnv(true);
    const host = await ExcelHost.create(env as never);
    await host.writeResultsSheet('校验结果', [
      { table: '基础数据表（附件2）', ref: { sheet: '附件2', cell: 'E20' }, severity: '错误', message: '不是数字', rule: 'unparseable-number：…' },
    ]);
    expect(log).toEqual(expect.arrayContaining(['delete old', 'add 校验结果', 'freezeRows 1', 'printTitles $1:$1']));
    expect(log.indexOf('delete old')).toBeLessThan(log.indexOf('add 校验结果'));
    expect(ranges.get('A1:F2')?.values).toEqual([
      ['表格', '单元格', '级别', '问题', '规则', '处理'],
      ['基础数据表（附件2）', '附件2!E20', '错误', '不是数字', 'unparseable-number：…', ''],
    ]);
    // Readable: a bold header, the 问题 column wrapped, widths that fit (in points, ~6 a character), landscape one page wide.
    expect((ranges.get('A1:F1')?.format as { font: { bold: boolean } }).font.bold).toBe(true);
    expect((ranges.get('D2:D2')?.format as { wrapText: boolean }).wrapText).toBe(true);
    expect((ranges.get('B:B')?.format as { columnWidth: number }).columnWidth).toBe(Math.round(11 * 6)); // 附件2!E20 (9, 附件 counting 2 each) + 2
    expect((ranges.get('C:C')?.format as { columnWidth: number }).columnWidth).toBe(Math.round(6 * 6)); // 级别 / 错误: 4 + 2
    expect(sheet.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(ranges.get('B2')?.hyperlink).toEqual({ documentReference: "'附件2'!E20", textToDisplay: '附件2!E20' });
    expect(sheet.pageLayout.orientation).toBe('Landscape');
  });
});
