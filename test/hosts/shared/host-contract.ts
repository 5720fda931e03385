/**
 * The behaviour every WorkbookHost over a live spreadsheet promises, written
 * once and run against each host over its typed fake (Excel over
 * test/hosts/excel/fake-excel.ts, WPS over test/hosts/wps/fake-et.ts). Each
 * host's own test file adds what only that host does (syncs, ET's shapes).
 */
import type { WorkbookHost } from '../../../src/hosts/host';
import { HostError } from '../../../src/hosts/errors';
import { NOTE_PREFIX } from '../../../src/hosts/marks';
import type { Patch } from '../../../src/core/patch';

export type Cell = string | number | null | { v: string | number; f?: string; nf?: string };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges?: string[];
  protected?: boolean;
}

/** A workbook behind a host, seen the way the user sees it. */
export interface World {
  host: WorkbookHost;
  /** A second host on the same workbook (the ribbon's page, or the pane after reopening). */
  another(): Promise<WorkbookHost>;
  value(sheet: string, cell: string): unknown;
  /** The cell's formula, or undefined when it holds a constant (text typed after an apostrophe is a constant). */
  formula(sheet: string, cell: string): string | undefined;
  numberFormat(sheet: string, cell: string): string;
  /** Everything the user sees of the cell's formatting (fill, borders, the add-in's marks), comparable. */
  look(sheet: string, cell: string): string;
  marked(sheet: string, cell: string): boolean;
  note(sheet: string, cell: string): string | undefined;
  /** Gives the cell a fill and borders of the user's own. */
  formatByUser(sheet: string, cell: string): void;
  noteByUser(sheet: string, cell: string, text: string): void;
  setValue(sheet: string, cell: string, value: string | number): void;
  protect(sheet: string, on: boolean): void;
  /** The n-th cell write of the next write operation fails, after the earlier ones happened. */
  failAtWrite(n: number): void;
}

export interface Harness {
  name: string;
  open(sheets: SheetSpec[], opts?: { cellBudget?: number }): Promise<World>;
}

/** The HostError a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(HostError);
    return e as HostError;
  }
  throw new Error('expected a rejection');
}

/** Two attachment tables and an empty sheet. */
export const BOOK: SheetSpec[] = [
  {
    name: '附件2',
    rows: [
      ['2024 年度部门整体支出绩效评价基础数据表'],
      ['项目', '2023 年决算数', '2024 年预算数', '2024 年决算数'],
      ['一、部门基本支出', 250, 260, { v: 255.51, nf: '0.00' }],
      ['二、部门项目支出', 100, 110, { v: 110.26, f: '=SUM(D5:D6)', nf: '0.00' }],
    ],
    merges: ['A1:D1'],
  },
  {
    name: '附件3',
    rows: [
      ['2024 年度部门（单位）整体支出绩效自评表'],
      ['年度资金总额', 238.83, 377.89, 377.89, 10, { v: 0.95, nf: '0.00%' }, 9.5],
    ],
    merges: ['A1:G1'],
  },
  { name: 'Empty sheet', rows: [] },
];

/** Marks of every severity, one of them on a related cell. */
export const MARKS: Patch = {
  values: [],
  marks: [
    { sheet: '附件3', cell: 'F2', severity: 'error', message: '执行率应为 100.00%', related: false },
    { sheet: '附件3', cell: 'G2', severity: 'warning', message: '得分应为 10', related: false },
    { sheet: '附件2', cell: 'D3', severity: 'info', message: '（相关）执行率应为 100.00%', related: true },
  ],
};

export function hostContract(h: Harness): void {
  describe(`${h.name}: the WorkbookHost contract`, () => {
    test('reads values, formulas, number formats and merged areas of every sheet; an empty sheet is A1', async () => {
      const w = await h.open(BOOK);
      const snap = await w.host.readWorkbook();
      expect(snap.sheets.map((s) => [s.name, s.range])).toEqual([['附件2', 'A1:D4'], ['附件3', 'A1:G2'], ['Empty sheet', 'A1']]);
      expect(snap.sheets[0].values[3]).toEqual(['二、部门项目支出', 100, 110, 110.26]);
      expect(snap.sheets[0].values[1][0]).toBe('项目');
      expect(snap.sheets[0].values[0][1]).toBe('');
      expect(snap.sheets[0].formulas![3][3]).toBe('=SUM(D5:D6)');
      expect(snap.sheets[0].formulas![2][3]).toBe(255.51);
      expect(snap.sheets[0].numberFormats![2][3]).toBe('0.00');
      expect(snap.sheets[1].numberFormats![1][5]).toBe('0.00%');
      expect(snap.sheets[0].merges).toEqual(['A1:D1']);
      expect(snap.sheets[2]).toEqual({ name: 'Empty sheet', range: 'A1', values: [['']], formulas: [['']], numberFormats: [['General']], merges: [] });
    });

    test('above the cell budget nothing is read and the message says why and what to do', async () => {
      const rows = Array.from({ length: 30 }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c));
      const w = await h.open([{ name: '小表', rows: [[1, 2], [3, 4]] }, { name: '大表', rows }], { cellBudget: 200 });
      const e = await rejection(w.host.readWorkbook());
      expect(e.code).toBe('tooManyCells');
      expect(e.message).toContain('共有 304 个单元格');
      expect(e.message).toContain('最大的是工作表“大表”');
      expect(e.message).toContain('命令行');
    });

    test('writes recalculated values with their number format; undo restores them exactly', async () => {
      const w = await h.open(BOOK);
      await w.host.applyPatch({ values: [{ sheet: '附件3', cell: 'F2', value: 1, numberFormat: '0.0%' }, { sheet: '附件3', cell: 'G2', value: 10 }], marks: [] });
      expect([w.value('附件3', 'F2'), w.numberFormat('附件3', 'F2'), w.value('附件3', 'G2')]).toEqual([1, '0.0%', 10]);
      expect(w.host.canUndo()).toBe(true);
      await w.host.undo();
      expect([w.value('附件3', 'F2'), w.numberFormat('附件3', 'F2'), w.value('附件3', 'G2')]).toEqual([0.95, '0.00%', 9.5]);
      expect(w.host.canUndo()).toBe(false);
      expect((await rejection(w.host.undo())).code).toBe('nothingToUndo');
    });

    test('undo refuses when the user changed a written cell since, and changes nothing', async () => {
      const w = await h.open(BOOK);
      await w.host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }, { sheet: '附件3', cell: 'F2', value: 1 }], marks: [] });
      w.setValue('附件3', 'F2', 0.5);
      const e = await rejection(w.host.undo());
      expect(e.code).toBe('cellChanged');
      expect(e.message).toContain('附件3!F2');
      expect([w.value('附件3', 'G2'), w.value('附件3', 'F2')]).toEqual([10, 0.5]);
    });

    test('never overwrites a formula: the whole patch is refused before anything is written', async () => {
      const w = await h.open(BOOK);
      const e = await rejection(w.host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }, { sheet: '附件2', cell: 'D4', value: 110.3 }], marks: MARKS.marks }));
      expect(e.code).toBe('formulaCell');
      expect(e.message).toContain('附件2!D4');
      expect(w.value('附件3', 'G2')).toBe(9.5);
      expect(w.formula('附件2', 'D4')).toBe('=SUM(D5:D6)');
      expect(w.marked('附件3', 'F2')).toBe(false);
      expect(w.host.canUndo()).toBe(false);
    });

    test('values on a protected sheet: the sheet is named and nothing is written', async () => {
      const w = await h.open(BOOK);
      w.protect('附件3', true);
      const e = await rejection(w.host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: MARKS.marks }));
      expect(e.code).toBe('sheetProtected');
      expect(e.message).toContain('工作表“附件3”受保护');
      expect(w.value('附件3', 'G2')).toBe(9.5);
      expect(w.marked('附件2', 'D3')).toBe(false);
    });

    test('a write failing part-way is rolled back: the cells hold what they held', async () => {
      const w = await h.open(BOOK);
      w.failAtWrite(2);
      const e = await rejection(w.host.applyPatch({ values: [{ sheet: '附件3', cell: 'F2', value: 1 }, { sheet: '附件3', cell: 'G2', value: 10 }], marks: [] }));
      expect(e.code).toBe('writeFailed');
      expect(e.message).toContain('已恢复');
      expect([w.value('附件3', 'F2'), w.value('附件3', 'G2')]).toEqual([0.95, 9.5]);
      expect(w.host.canUndo()).toBe(false);
    });

    test('marks leave the user\'s own fill, borders and notes exactly as they were once cleared', async () => {
      const w = await h.open(BOOK);
      w.formatByUser('附件3', 'F2');
      w.noteByUser('附件3', 'G2', '用户自己的批注');
      const before = ['F2', 'G2'].map((c) => w.look('附件3', c)).concat(w.look('附件2', 'D3'));
      await w.host.applyPatch(MARKS);
      expect([w.marked('附件3', 'F2'), w.marked('附件3', 'G2'), w.marked('附件2', 'D3')]).toEqual([true, true, true]);
      expect(w.look('附件3', 'F2')).not.toBe(before[0]);
      expect(w.note('附件3', 'F2')).toBe(`${NOTE_PREFIX}\n执行率应为 100.00%`);
      expect(w.note('附件3', 'G2')).toBe('用户自己的批注');
      expect(w.host.canUndo()).toBe(false); // marks alone change no value
      await w.host.clearMarks();
      expect(['F2', 'G2'].map((c) => w.look('附件3', c)).concat(w.look('附件2', 'D3'))).toEqual(before);
      expect([w.marked('附件3', 'F2'), w.marked('附件2', 'D3')]).toEqual([false, false]);
      expect(w.note('附件3', 'F2')).toBeUndefined();
      expect(w.note('附件3', 'G2')).toBe('用户自己的批注');
    });

    test('a re-run replaces the add-in\'s notes and marks, never stacks them', async () => {
      const w = await h.open(BOOK);
      const before = w.look('附件3', 'F2');
      await w.host.applyPatch(MARKS);
      await w.host.clearMarks();
      await w.host.applyPatch({ values: [], marks: [{ ...MARKS.marks[0], message: '第二次' }] });
      expect(w.note('附件3', 'F2')).toBe(`${NOTE_PREFIX}\n第二次`);
      await w.host.clearMarks();
      expect(w.look('附件3', 'F2')).toBe(before);
    });

    test('marks skip a protected sheet, go everywhere else, and the skipped sheet is named', async () => {
      const w = await h.open(BOOK);
      w.protect('附件2', true);
      const e = await rejection(w.host.applyPatch(MARKS));
      expect(e.code).toBe('marksPartial');
      expect(e.message).toContain('工作表“附件2”受保护');
      expect(e.message).toContain('其余 2 处已标记');
      expect([w.marked('附件3', 'F2'), w.marked('附件3', 'G2'), w.marked('附件2', 'D3')]).toEqual([true, true, false]);
    });

    test('marks are cleared by another host on the workbook (the registry is in the workbook)', async () => {
      const w = await h.open(BOOK);
      const before = w.look('附件3', 'F2');
      await w.host.applyPatch(MARKS);
      const later = await w.another();
      await later.clearMarks();
      expect(w.look('附件3', 'F2')).toBe(before);
      expect(w.note('附件3', 'F2')).toBeUndefined();
    });

    test('text that starts with = + - @ lands as literal text, in cells and at the active cell', async () => {
      const w = await h.open(BOOK);
      await w.host.writeCells([{ sheet: 'Empty sheet', cell: 'A1', value: '=HYPERLINK("http://x","y")' }, { sheet: 'Empty sheet', cell: 'A2', value: '-1+2' }, { sheet: 'Empty sheet', cell: 'A3', value: '@SUM(1)' }]);
      expect([w.value('Empty sheet', 'A1'), w.formula('Empty sheet', 'A1')]).toEqual(['=HYPERLINK("http://x","y")', undefined]);
      expect([w.value('Empty sheet', 'A2'), w.formula('Empty sheet', 'A2')]).toEqual(['-1+2', undefined]);
      expect([w.value('Empty sheet', 'A3'), w.formula('Empty sheet', 'A3')]).toEqual(['@SUM(1)', undefined]);
      const at = await w.host.insertText('+本年度执行率 95%', { sheet: 'Empty sheet', cell: 'B1' });
      expect(at).toEqual({ sheet: 'Empty sheet', cell: 'B1' });
      expect([w.value('Empty sheet', 'B1'), w.formula('Empty sheet', 'B1')]).toEqual(['+本年度执行率 95%', undefined]);
    });

    test('writing cells refuses a formula cell and a protected sheet before writing anything', async () => {
      const w = await h.open(BOOK);
      const e = await rejection(w.host.writeCells([{ sheet: '附件3', cell: 'A3', value: 'x' }, { sheet: '附件2', cell: 'D4', value: 'y' }]));
      expect(e.code).toBe('formulaCell');
      expect(w.value('附件3', 'A3') ?? '').toBe('');
      w.protect('Empty sheet', true);
      expect((await rejection(w.host.insertText('x', { sheet: 'Empty sheet', cell: 'C3' }))).code).toBe('sheetProtected');
      expect((await w.host.readCells([{ sheet: '附件2', cell: 'D4' }]))[0]).toEqual({ value: 110.26, formula: '=SUM(D5:D6)' });
    });

    test('select activates the sheet and the cell; a missing sheet is a clear error', async () => {
      const w = await h.open(BOOK);
      await w.host.select({ sheet: '附件3', cell: 'F2' });
      expect(await w.host.activeCell()).toEqual({ sheet: '附件3', cell: 'F2' });
      const e = await rejection(w.host.select({ sheet: '附件9', cell: 'A1' }));
      expect(e.code).toBe('sheetMissing');
      expect(e.message).toContain('附件9');
    });

    test('settings are kept with the workbook: another host on it reads them', async () => {
      const w = await h.open(BOOK);
      await w.host.setSetting('selfeval.profile', { reverseFormula: 'ratio', long: '说明'.repeat(400) });
      expect(w.host.getSetting('selfeval.profile')).toEqual({ reverseFormula: 'ratio', long: '说明'.repeat(400) });
      const other = await w.another();
      expect(other.getSetting('selfeval.profile')).toEqual({ reverseFormula: 'ratio', long: '说明'.repeat(400) });
      expect(other.getSetting('selfeval.nothing')).toBeUndefined();
    });
  });
}
