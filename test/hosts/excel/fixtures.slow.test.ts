/**
 * The Excel host and the pane's controller with the real engine, on the
 * shared fixtures loaded into the typed Excel fake: reads in two syncs, marks
 * without touching fills, writes only recalculated derived cells (never a
 * formula), and the miscalculated workbook checks clean of recalculations
 * after "apply". Slow project: it depends on the engine and ../shared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbookFile } from '../../../src/hosts/file/node';
import { ExcelHost } from '../../../src/hosts/excel/excel-host';
import { PaneController } from '../../../src/taskpane/controller';
import { analyze } from '../../../src/core/engine';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { parseRange, toA1 } from '../../../src/core/address';
import { FakeExcel } from './fake-excel';

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures');
const have = fs.existsSync(path.join(FIXTURES, 'hongjiang-2024-miscalculated.xlsx'));

function fakeFrom(snap: WorkbookSnapshot): FakeExcel {
  const fx = new FakeExcel();
  for (const s of snap.sheets) {
    const origin = parseRange(s.range);
    const sheet = fx.addSheet(s.name, [], { merges: s.merges });
    s.values.forEach((row, r) => row.forEach((v, c) => {
      if (v === null || v === '') return;
      const f = s.formulas?.[r]?.[c];
      const nf = s.numberFormats?.[r]?.[c];
      sheet.cells.set(toA1(origin.top + r, origin.left + c), {
        value: v,
        formula: typeof f === 'string' && f.startsWith('=') ? f : undefined,
        numberFormat: nf ?? undefined,
      });
    }));
  }
  return fx;
}

(have ? describe : describe.skip)('Excel host on the fixtures', () => {
  test('miscalculated: check, apply every recalculation, check again', async () => {
    const file = await readWorkbookFile(path.join(FIXTURES, 'hongjiang-2024-miscalculated.xlsx'));
    const fx = fakeFrom(file.snapshot);
    const host = await ExcelHost.create(fx.env());
    const ctrl = new PaneController(host, { analyze });
    fx.syncs = 0;
    await ctrl.check();
    const s = ctrl.getState();
    // Errors are left: a warning, never a green pass.
    expect(s.notice).toMatchObject({ intent: 'warning', key: 'checkedErrors' });
    expect(s.report!.tables.length).toBeGreaterThanOrEqual(3);
    expect(s.report!.recalculated.length).toBeGreaterThan(0);
    // settings reload 1 + read 3 + clear (reads the registry: 1) + marks 3 (check, write, notes) + settings 1
    expect(fx.syncs).toBe(9);
    expect(fx.writes.some((w) => w.kind === 'value' || w.kind === 'numberFormat')).toBe(false);

    const targets = new Set(s.report!.recalculated.map((r) => `${r.sheet}!${r.cell}`));
    fx.writes.length = 0;
    await ctrl.applyRecalc();
    const written = fx.writes.filter((w) => w.kind === 'value').map((w) => `${(w as { sheet: string }).sheet}!${(w as { cell: string }).cell}`);
    expect(new Set(written)).toEqual(targets);
    for (const key of written) {
      const [sheet, cell] = key.split('!');
      expect(fx.cell(sheet, cell)!.formula).toBeUndefined();
    }
    expect(ctrl.getState().report!.recalculated).toEqual([]);

    await ctrl.undo();
    expect(ctrl.getState().report!.recalculated.length).toBe(targets.size);
    await ctrl.clearMarks();
    expect(fx.sheets.flatMap((x) => x.cfs)).toEqual([]);
  });
});
