import { WpsHost } from '../../../src/hosts/wps/wps-host';
import type { Harness, SheetSpec } from '../shared/host-contract';
import { FakeEt, type BulkShape } from './fake-et';
import { XL } from '../../../src/hosts/wps/et';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { parseRange, toA1 } from '../../../src/core/address';

/** The WPS host over the ET fake, as the shared contract sees it; `shape` picks what a multi-cell Value2 returns. */
export function wpsHarness(shape: BulkShape, blank: undefined | null | '' = undefined): Harness & { last?: FakeEt } {
  const h: Harness & { last?: FakeEt } = {
    name: `WpsHost (multi-cell Value2: ${shape}, blank: ${JSON.stringify(blank) ?? 'undefined'})`,
    async open(sheets, opts = {}) {
      const fx = fakeOf(sheets, shape, blank);
      h.last = fx;
      const env = () => fx.env(opts.cellBudget ? { cellBudget: opts.cellBudget } : {});
      const host = await WpsHost.create(env());
      const cell = (sheet: string, a: string) => fx.sheet(sheet).cells.get(a);
      return {
        host,
        another: () => WpsHost.create(env()),
        value: (sheet, a) => {
          const v = cell(sheet, a)?.value;
          return v !== null && typeof v === 'object' ? v.error : v;
        },
        formula: (sheet, a) => cell(sheet, a)?.formula,
        numberFormat: (sheet, a) => cell(sheet, a)?.numberFormat ?? 'General',
        look: (sheet, a) => fx.look(sheet, a),
        marked: (sheet, a) => {
          const f = cell(sheet, a)?.fill;
          return !!f && [0xcec7ff, 0xece9fd, 0x9cebff, 0xd5f6ff, 0xf7ebdd, 0xfbf5ee].includes(f.color);
        },
        note: (sheet, a) => cell(sheet, a)?.comment,
        formatByUser: (sheet, a) => {
          const c = fx.data(sheet, a);
          c.fill = { color: 0x00ffff, pattern: XL.solid }; // yellow, as BGR
          c.borders = { [XL.edgeTop]: { style: XL.continuous, weight: XL.thin, color: 0xff0000 }, [XL.edgeLeft]: { style: XL.dot, weight: XL.thin, color: 0 } };
        },
        noteByUser: (sheet, a, text) => { fx.data(sheet, a).comment = text; },
        setValue: (sheet, a, value) => { fx.data(sheet, a).value = value; },
        protect: (sheet, on) => { fx.sheet(sheet).protected = on; },
        failAtWrite: (n) => { fx.resetWriteCount(); fx.failAtWrite = n; },
      };
    },
  };
  return h;
}

/** An ET fake holding the sheets. */
export function fakeOf(sheets: SheetSpec[], shape: BulkShape = '2d', blank: undefined | null | '' = undefined): FakeEt {
  const fx = new FakeEt();
  fx.bulkShape = shape;
  fx.blank = blank;
  for (const s of sheets) {
    fx.addSheet(s.name, s.rows.map((row) => row.map((c) => (c !== null && typeof c === 'object' ? { v: c.v, f: c.f, nf: c.nf } : c))), { merges: s.merges, protected: s.protected });
  }
  return fx;
}

/** An ET fake holding a workbook as read from a real .xlsx (values, formulas, number formats, merged areas). */
export function fakeFromSnapshot(snap: WorkbookSnapshot): FakeEt {
  const fx = new FakeEt();
  for (const s of snap.sheets) {
    const sheet = fx.addSheet(s.name, [], { merges: s.merges });
    const origin = parseRange(s.range);
    s.values.forEach((row, r) => row.forEach((v, c) => {
      const f = s.formulas?.[r]?.[c];
      const nf = s.numberFormats?.[r]?.[c];
      const formula = typeof f === 'string' && f.startsWith('=') ? f : undefined;
      if ((v === '' || v === null) && !formula) return;
      sheet.cells.set(toA1(origin.top + r, origin.left + c), {
        value: v === null || v === '' ? undefined : v,
        formula,
        numberFormat: nf && nf !== 'General' ? nf : undefined,
      });
    }));
  }
  return fx;
}
