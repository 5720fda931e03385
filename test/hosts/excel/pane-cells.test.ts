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
