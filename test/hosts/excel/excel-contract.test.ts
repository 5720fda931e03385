import { ExcelHost } from '../../../src/hosts/excel/excel-host';
import { isMarkFormula } from '../../../src/hosts/excel/marks';
import { hostContract, type Harness } from '../shared/host-contract';
import { FakeExcel } from './fake-excel';

/** The shared WorkbookHost contract, over the Excel host and its Office.js fake. */
const excel: Harness = {
  name: 'ExcelHost',
  async open(sheets, opts = {}) {
    const fx = new FakeExcel();
    for (const s of sheets) {
      fx.addSheet(s.name, s.rows.map((row) => row.map((c) => (c !== null && typeof c === 'object' ? { v: c.v, f: c.f, nf: c.nf } : c))), { merges: s.merges, protected: s.protected });
    }
    const env = () => fx.env(opts.cellBudget ? { cellBudget: opts.cellBudget } : {});
    const host = await ExcelHost.create(env());
    const cfs = (sheet: string, cell: string) => fx.sheet(sheet).cfs.filter((c) => c.appliesTo === cell);
    return {
      host,
      another: () => ExcelHost.create(env()),
      value: (sheet, cell) => fx.cell(sheet, cell)?.value,
      formula: (sheet, cell) => fx.cell(sheet, cell)?.formula,
      numberFormat: (sheet, cell) => fx.cell(sheet, cell)?.numberFormat ?? 'General',
      look: (sheet, cell) => `${fx.cell(sheet, cell)?.fill ?? 'none'} ${cfs(sheet, cell).map((c) => `${c.formula}/${c.fill}/${JSON.stringify(c.borders)}`).join(',')}`,
      marked: (sheet, cell) => cfs(sheet, cell).some((c) => isMarkFormula(c.formula)),
      note: (sheet, cell) => fx.sheet(sheet).notes.get(cell),
      formatByUser: (sheet, cell) => {
        const c = fx.cell(sheet, cell) ?? { value: '' };
        c.fill = '#ABCDEF';
        fx.sheet(sheet).cells.set(cell, c);
      },
      noteByUser: (sheet, cell, text) => { fx.sheet(sheet).notes.set(cell, text); },
      setValue: (sheet, cell, value) => {
        const c = fx.cell(sheet, cell) ?? { value: '' };
        c.value = value;
        fx.sheet(sheet).cells.set(cell, c);
      },
      protect: (sheet, on) => { fx.sheet(sheet).protected = on; },
      failAtWrite: (n) => { fx.failAtMutation = n; },
    };
  },
};

hostContract(excel);
