import { ExcelHost, tileBlock, clipMerges } from '../../../src/hosts/excel/excel-host';
import { HostError, OFFICE_ERROR_MAP, toHostError } from '../../../src/hosts/excel/errors';
import { MARKS_KEY, NOTE_PREFIX, isMarkFormula } from '../../../src/hosts/excel/marks';
import type { Patch } from '../../../src/core/patch';
import { MARK_STYLE } from '../../../src/core/mark-style';
import { FakeExcel, FakeOfficeError, type FakeWrite } from './fake-excel';
import { rejection } from '../shared/host-contract';

function workbook(): FakeExcel {
  const fx = new FakeExcel();
  fx.addSheet('附件2', [
    ['2024 年度部门整体支出绩效评价基础数据表'],
    ['项目', '2023 年决算数', '2024 年预算数', '2024 年决算数'],
    ['一、部门基本支出', 250, 260, { v: 255.51, nf: '0.00' }],
    ['二、部门项目支出', 100, 110, { v: 110.26, f: '=SUM(D5:D6)', nf: '0.00' }],
  ], { merges: ['A1:D1'] });
  fx.addSheet('附件3', [
    ['2024 年度部门（单位）整体支出绩效自评表'],
    ['年度资金总额', 238.83, 377.89, 377.89, 10, { v: 0.95, nf: '0.00%', fill: null }, { v: 9.5, fill: '#FFFFFF' }],
  ], { merges: ['A1:G1', 'A3:A4'] });
  fx.addSheet('Empty sheet');
  return fx;
}

async function hostOf(fx: FakeExcel): Promise<ExcelHost> {
  const host = await ExcelHost.create(fx.env());
  fx.syncs = 0;
  fx.writes.length = 0;
  fx.writesBySync.length = 0;
  return host;
}

/** The writes of one mark: the conditional format, its rule, fill and four borders. */
function markWrites(sheet: string, cell: string, id: number, severity: 'error' | 'warning' | 'info', related: boolean): FakeWrite[] {
  const look = MARK_STYLE[severity][related ? 'related' : 'own'];
  const style = { medium: 'Continuous', thin: 'Continuous', dashed: 'Dash', dotted: 'Dot' }[look.line];
  return [
    { kind: 'cfAdd', sheet, cell, id },
    { kind: 'cfFormula', sheet, cell, value: `=ISTEXT("selfeval:${severity}${related ? ':related' : ''}")` },
    { kind: 'cfFill', sheet, cell, value: look.fill },
    ...['top', 'bottom', 'left', 'right'].flatMap((edge): FakeWrite[] => [
      { kind: 'cfBorder', sheet, cell, edge, value: `color=${look.border}` },
      { kind: 'cfBorder', sheet, cell, edge, value: `style=${style}` },
    ]),
  ];
}

const marksPatch: Patch = {
  values: [],
  marks: [
    { sheet: '附件3', cell: 'F2', severity: 'error', message: '执行率应为 100.00%', related: false },
    { sheet: '附件3', cell: 'G2', severity: 'warning', message: '得分应为 10', related: false },
    { sheet: '附件2', cell: 'D3', severity: 'error', message: '（相关）执行率应为 100.00%', related: true },
  ],
};

describe('ExcelHost.readWorkbook', () => {
  test('reads every sheet in three syncs: the sheet list, the used ranges\' sizes, then all values and merged areas', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    const progress: (number | null)[] = [];
    const snap = await host.readWorkbook((p) => progress.push(p.fraction));
    expect(fx.syncs).toBe(3);
    expect(fx.writes).toEqual([]);
    expect(snap.sheets.map((s) => [s.name, s.range])).toEqual([['附件2', 'A1:D4'], ['附件3', 'A1:G2'], ['Empty sheet', 'A1']]);
    const s2 = snap.sheets[0];
    expect(s2.values[3]).toEqual(['二、部门项目支出', 100, 110, 110.26]);
    expect(s2.formulas![3][3]).toBe('=SUM(D5:D6)');
    expect(s2.numberFormats![2][3]).toBe('0.00');
    expect(s2.merges).toEqual(['A1:D1']);
    // A3:A4 lies outside the used range (values only: A1:G2), so it does not matter to the snapshot.
    expect(snap.sheets[1].merges).toEqual(['A1:G1']);
    expect(snap.sheets[1].numberFormats![1][5]).toBe('0.00%');
    expect(snap.sheets[2]).toEqual({ name: 'Empty sheet', range: 'A1', values: [['']], formulas: [['']], numberFormats: [['General']], merges: [] });
    expect(progress[progress.length - 1]).toBe(1);
  });

  test('still three syncs with twenty sheets', async () => {
    const fx = new FakeExcel();
    for (let i = 0; i < 20; i++) fx.addSheet(`S${i}`, [[i, i + 1], [i + 2, i + 3]]);
    const host = await hostOf(fx);
    const snap = await host.readWorkbook();
    expect(fx.syncs).toBe(3);
    expect(snap.sheets).toHaveLength(20);
  });

  test('without ExcelApi 1.13 there are no merged areas, and still three syncs', async () => {
    const fx = workbook();
    fx.supported.delete('1.13');
    const host = await hostOf(fx);
    const snap = await host.readWorkbook();
    expect(fx.syncs).toBe(3);
    expect(snap.sheets.every((s) => s.merges.length === 0)).toBe(true);
  });

  test('a workbook beyond the request size limit is read in chunks, with the same result', async () => {
    const rows = Array.from({ length: 40 }, (_, r) => Array.from({ length: 5 }, (_, c) => r * 10 + c));
    const whole = new FakeExcel();
    whole.addSheet('大表', rows, { merges: ['A1:B1'] });
    whole.addSheet('小表', [[1, 2]]);
    const expected = await (await hostOf(whole)).readWorkbook();

    const fx = new FakeExcel();
    fx.addSheet('大表', rows, { merges: ['A1:B1'] });
    fx.addSheet('小表', [[1, 2]]);
    fx.payloadLimitCells = 3 * 50; // three arrays of 50 cells per request
    const host = await ExcelHost.create(fx.env({ chunkCells: 100 }));
    fx.syncs = 0;
    const snap = await host.readWorkbook();
    expect(snap).toEqual(expected);
    // 3 (sheet list, sizes, refused batch) + merges + chunks of at most 50 cells (202 cells → 5)
    // after one refused chunk of 100 that is halved.
    expect(fx.syncs).toBe(3 + 1 + 1 + 5);
  });
});

describe('ExcelHost.applyPatch', () => {
  test('writes values and marks (fill and border of the shared mark style) in one sync after one read sync, notes in a third, and records the marks', async () => {
    const fx = workbook();
    fx.sheet('附件3').notes.set('G2', '用户自己的批注');
    const host = await hostOf(fx);
    const patch: Patch = {
      values: [{ sheet: '附件3', cell: 'F2', value: 1, numberFormat: '0.00%' }],
      marks: marksPatch.marks,
    };
    await host.applyPatch(patch);
    expect(fx.syncs).toBe(3);
    expect(fx.writesBySync[0]).toEqual([]);
    const expected: FakeWrite[] = [
      { kind: 'numberFormat', sheet: '附件3', cell: 'F2', value: '0.00%' },
      { kind: 'value', sheet: '附件3', cell: 'F2', value: 1 },
      ...markWrites('附件3', 'F2', 1, 'error', false),
      ...markWrites('附件3', 'G2', 2, 'warning', false),
      ...markWrites('附件2', 'D3', 3, 'error', true),
      {
        kind: 'setting', key: MARKS_KEY, value: {
          version: 1, cells: [
            { sheet: '附件3', sheetId: '{2}', cell: 'F2', note: true },
            { sheet: '附件3', sheetId: '{2}', cell: 'G2', note: false },
            { sheet: '附件2', sheetId: '{1}', cell: 'D3', note: true },
          ],
        },
      },
    ];
    expect(fx.writesBySync[1]).toEqual(expected);
    // G2 keeps the user's own note: no note added there.
    expect(fx.writesBySync[2]).toEqual([
      { kind: 'noteAdd', sheet: '附件3', cell: 'F2', value: `${NOTE_PREFIX}\n执行率应为 100.00%` },
      { kind: 'noteAdd', sheet: '附件2', cell: 'D3', value: `${NOTE_PREFIX}\n（相关）执行率应为 100.00%` },
    ]);
    expect(fx.sheet('附件3').notes.get('G2')).toBe('用户自己的批注');
    expect(host.canUndo()).toBe(true);
    // The look is src/core/mark-style.ts's: fill, border colour, line style by severity.
    const f2 = fx.sheet('附件3').cfs.find((c) => c.appliesTo === 'F2')!;
    expect(f2.fill).toBe(MARK_STYLE.error.own.fill);
    expect(f2.borders).toEqual({ top: '#C00000 Continuous', bottom: '#C00000 Continuous', left: '#C00000 Continuous', right: '#C00000 Continuous' });
    expect(fx.sheet('附件3').cfs.find((c) => c.appliesTo === 'G2')!.borders!.top).toBe(`${MARK_STYLE.warning.own.border} Dash`);
  });

  test('without notes (ExcelApi < 1.18) marks are conditional formats only', async () => {
    const fx = workbook();
    fx.supported.delete('1.18');
    const host = await hostOf(fx);
    await host.applyPatch(marksPatch);
    expect(fx.syncs).toBe(2);
    expect(fx.writes.filter((w) => w.kind === 'noteAdd')).toEqual([]);
    expect(fx.writes.filter((w) => w.kind === 'cfAdd')).toHaveLength(3);
    expect(host.canUndo()).toBe(false); // marks alone change no value
  });

  test('uses one native undo group around value writes, summary cells and insertions (ExcelApi 1.20)', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: [] });
    await host.applyPatch(marksPatch);
    expect(fx.runs.slice(-2)).toEqual([{ delayForCellEdit: true, mergeUndoGroup: true }, { delayForCellEdit: true }]);
    // The summary's paragraphs and a single insertion: one undo entry each.
    await host.writeCells([{ sheet: '附件3', cell: 'B40', value: '一段' }, { sheet: '附件3', cell: 'B41', value: '二段' }]);
    expect(fx.runs[fx.runs.length - 1]).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
    await host.insertText('摘要', { sheet: '附件3', cell: 'B42' });
    expect(fx.runs[fx.runs.length - 1]).toEqual({ delayForCellEdit: true, mergeUndoGroup: true });
    fx.supported.delete('1.20');
    await host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 9 }], marks: [] });
    expect(fx.runs[fx.runs.length - 1]).toEqual({ delayForCellEdit: true });
    await host.writeCells([{ sheet: '附件3', cell: 'B40', value: '一段' }]);
    expect(fx.runs[fx.runs.length - 1]).toEqual({ delayForCellEdit: true });
  });

  test('never writes a formula cell: rejects before writing anything', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    const e = await rejection(host.applyPatch({
      values: [{ sheet: '附件3', cell: 'G2', value: 10 }, { sheet: '附件2', cell: 'D4', value: 110.3 }],
      marks: marksPatch.marks,
    }));
    expect(e.code).toBe('formulaCell');
    expect(e.message).toContain('附件2!D4');
    expect(fx.syncs).toBe(1);
    expect(fx.writes).toEqual([]);
    expect(host.canUndo()).toBe(false);
  });

  test('values on a protected sheet: a clear message and nothing written', async () => {
    const fx = workbook();
    fx.sheet('附件3').protected = true;
    const host = await hostOf(fx);
    const e = await rejection(host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: marksPatch.marks }));
    expect(e.code).toBe('sheetProtected');
    expect(e.message).toContain('工作表“附件3”受保护');
    expect(fx.writes).toEqual([]);
  });

  test('marks skip a protected sheet, go everywhere else, and the skipped sheet is named', async () => {
    const fx = workbook();
    fx.sheet('附件2').protected = true;
    const host = await hostOf(fx);
    const e = await rejection(host.applyPatch(marksPatch));
    expect(e.code).toBe('marksPartial');
    expect(e.message).toContain('工作表“附件2”受保护，未在其中标记');
    expect(e.message).toContain('其余 2 处已标记');
    expect(fx.sheet('附件3').cfs.map((c) => c.appliesTo).sort()).toEqual(['F2', 'G2']);
    expect(fx.sheet('附件2').cfs).toEqual([]);
    expect((fx.settings.get(MARKS_KEY) as { cells: { cell: string }[] }).cells.map((c) => c.cell)).toEqual(['F2', 'G2']);
  });

  test('a cell holding a threaded comment refuses its note: the other notes and every mark stay', async () => {
    const fx = workbook();
    fx.sheet('附件3').comments.add('F2');
    const host = await hostOf(fx);
    await host.applyPatch(marksPatch);
    expect(fx.sheets.flatMap((s) => s.cfs).filter((c) => isMarkFormula(c.formula))).toHaveLength(3);
    expect(fx.sheet('附件3').notes.has('F2')).toBe(false);
    expect(fx.sheet('附件2').notes.get('D3')).toContain('（相关）执行率应为 100.00%');
    // Clearing still removes everything the add-in wrote.
    await host.clearMarks();
    expect(fx.sheets.flatMap((s) => s.cfs)).toEqual([]);
    expect(fx.sheet('附件2').notes.has('D3')).toBe(false);
  });

  test('waits for the user to leave cell edit mode instead of failing (delayForCellEdit)', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    fx.editing = true;
    let done = false;
    const p = host.applyPatch(marksPatch).then(() => { done = true; });
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    expect(fx.writes).toEqual([]);
    fx.endEdit();
    await p;
    expect(fx.sheets.flatMap((s) => s.cfs)).toHaveLength(3);
    // A batch run without the option fails as Excel's would.
    fx.editing = true;
    const e = await rejection(ExcelHost.create({ ...fx.env(), run: (batch) => fx.env().run(batch, {}) }));
    expect(e.code).toBe('editMode');
  });

  test('a sheet renamed since the check: names the missing sheet, nothing written', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    fx.sheet('附件3').name = '整体自评';
    const e = await rejection(host.applyPatch(marksPatch));
    expect(e.code).toBe('sheetMissing');
    expect(e.message).toContain('找不到工作表“附件3”');
    expect(fx.writes).toEqual([]);
  });

  test('a batch failing part-way is rolled back from the snapshot', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    fx.failAtMutation = 4; // G2's value fails after F2's format and value and G2's format were written
    const e = await rejection(host.applyPatch({
      values: [
        { sheet: '附件3', cell: 'F2', value: 1, numberFormat: '0.00%' },
        { sheet: '附件3', cell: 'G2', value: 10, numberFormat: '0.00' },
      ],
      marks: [],
    }));
    expect(e.code).toBe('writeFailed');
    expect(fx.cell('附件3', 'F2')).toMatchObject({ value: 0.95, numberFormat: '0.00%' });
    expect(fx.cell('附件3', 'G2')).toMatchObject({ value: 9.5, fill: '#FFFFFF' });
    expect(fx.cell('附件3', 'G2')!.numberFormat).toBe('General');
    expect(host.canUndo()).toBe(false);

    fx.failAtMutation = 7; // fails in the middle of the marks, after G2's value, F2's mark and note
    const e2 = await rejection(host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: marksPatch.marks }));
    expect(e2.code).toBe('writeFailed');
    expect(fx.cell('附件3', 'G2')!.value).toBe(9.5);
    expect(fx.sheets.flatMap((s) => s.cfs)).toEqual([]);
    expect([...fx.sheet('附件3').notes.keys()]).toEqual([]);
  });

  test('a request too large is reported in Chinese and nothing is written', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    fx.payloadLimitCells = 0;
    const e = await rejection(host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: [] }));
    expect(e.code).toBe('tooLarge');
    expect(e.message).toContain('上限');
    expect(fx.writes).toEqual([]);
  });
});

describe('ExcelHost.undo', () => {
  test('restores the previous values and number formats exactly, in one check sync and one write sync', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.applyPatch({
      values: [
        { sheet: '附件3', cell: 'F2', value: 1, numberFormat: '0.00%' },
        { sheet: '附件3', cell: 'G2', value: 10, numberFormat: '0.00' },
      ],
      marks: [],
    });
    expect(fx.cell('附件3', 'G2')).toMatchObject({ value: 10, numberFormat: '0.00' });
    fx.syncs = 0;
    fx.writes.length = 0;
    await host.undo();
    expect(fx.syncs).toBe(2);
    expect(fx.writes).toEqual([
      { kind: 'numberFormat', sheet: '附件3', cell: 'F2', value: '0.00%' },
      { kind: 'value', sheet: '附件3', cell: 'F2', value: 0.95 },
      { kind: 'numberFormat', sheet: '附件3', cell: 'G2', value: 'General' },
      { kind: 'value', sheet: '附件3', cell: 'G2', value: 9.5 },
    ]);
    expect(fx.cell('附件3', 'G2')).toEqual({ value: 9.5, fill: '#FFFFFF', numberFormat: 'General' });
    expect(host.canUndo()).toBe(false);
    expect((await rejection(host.undo())).code).toBe('nothingToUndo');
  });

  test('refuses to overwrite a cell the user changed after the write', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: [] });
    fx.cell('附件3', 'G2')!.value = 8;
    fx.writes.length = 0;
    const e = await rejection(host.undo());
    expect(e.code).toBe('cellChanged');
    expect(fx.writes).toEqual([]);
    expect(host.canUndo()).toBe(true);
  });
});

describe('ExcelHost.clearMarks', () => {
  function withUserFormats(): FakeExcel {
    const fx = workbook();
    const s = fx.sheet('附件3');
    s.cfs.push({ id: 900, appliesTo: 'A1:G4', type: 'Custom', formula: '=$F2<0.6', fill: '#FF0000' });
    s.cfs.push({ id: 901, appliesTo: 'F2', type: 'CellValue' });
    s.notes.set('G2', '用户自己的批注');
    return fx;
  }

  test('removes only the add-in\'s conditional formats and notes, and leaves the user\'s as they were', async () => {
    const fx = withUserFormats();
    const host = await hostOf(fx);
    await host.applyPatch(marksPatch);
    expect(fx.sheets.flatMap((s) => s.cfs).filter((c) => isMarkFormula(c.formula))).toHaveLength(3);
    fx.syncs = 0;
    fx.writes.length = 0;
    await host.clearMarks();
    expect(fx.syncs).toBe(3);
    expect(fx.writes.map((w) => w.kind).sort()).toEqual(['cfDelete', 'cfDelete', 'cfDelete', 'noteDelete', 'noteDelete', 'setting']);
    expect(fx.sheet('附件3').cfs.map((c) => c.id)).toEqual([900, 901]);
    expect(fx.sheet('附件3').notes.get('G2')).toBe('用户自己的批注');
    expect(fx.sheet('附件3').notes.has('F2')).toBe(false);
    // No fill stays no fill, a white fill stays white: the host never wrote a fill or a font.
    expect(fx.cell('附件3', 'F2')!.fill).toBeNull();
    expect(fx.cell('附件3', 'G2')!.fill).toBe('#FFFFFF');
    expect(fx.settings.get(MARKS_KEY)).toEqual({ version: 1, cells: [] });
  });

  test('works after the workbook was closed and reopened (a new host reads the registry from the settings)', async () => {
    const fx = withUserFormats();
    await (await hostOf(fx)).applyPatch(marksPatch);
    const reopened = await hostOf(fx);
    await reopened.clearMarks();
    expect(fx.sheets.flatMap((s) => s.cfs).map((c) => c.id)).toEqual([900, 901]);
  });

  test('finds a renamed sheet by its id; skips a protected sheet, clears the rest, and names it', async () => {
    const fx = withUserFormats();
    const host = await hostOf(fx);
    await host.applyPatch(marksPatch);
    fx.sheet('附件3').name = '整体自评';
    fx.sheet('附件2').protected = true;
    fx.writes.length = 0;
    const e = await rejection(host.clearMarks());
    expect(e.code).toBe('marksPartial');
    expect(e.message).toContain('工作表“附件2”受保护');
    expect(fx.sheet('整体自评').cfs.map((c) => c.id)).toEqual([900, 901]);
    expect(fx.sheet('附件2').cfs).toHaveLength(1);
    // The protected sheet's mark stays registered, so a later clear finds it.
    expect((fx.settings.get(MARKS_KEY) as { cells: { cell: string }[] }).cells.map((c) => c.cell)).toEqual(['D3']);
    fx.sheet('附件2').protected = false;
    await host.clearMarks();
    expect(fx.sheets.flatMap((s) => s.cfs).map((c) => c.id)).toEqual([900, 901]);
  });

  test('with nothing recorded it reads the registry (one sync) and writes nothing', async () => {
    const fx = withUserFormats();
    const host = await hostOf(fx);
    await host.clearMarks();
    expect(fx.syncs).toBe(1);
    expect(fx.writes).toEqual([]);
  });
});

describe('ExcelHost: two runtimes (task pane and ribbon command) on one workbook', () => {
  test('the registry is read from the workbook for every write: no orphan marks from a stale cache', async () => {
    const fx = workbook();
    const pane = await ExcelHost.create(fx.env());
    const ribbon = await ExcelHost.create(fx.env());
    await ribbon.applyPatch({ values: [], marks: [marksPatch.marks[2]] });
    // The pane's cache still holds the registry from before; its write must not drop the ribbon's mark.
    await pane.applyPatch({ values: [], marks: [marksPatch.marks[0]] });
    expect((fx.settings.get(MARKS_KEY) as { cells: { cell: string }[] }).cells.map((c) => c.cell)).toEqual(['D3', 'F2']);
    await pane.clearMarks();
    expect(fx.sheets.flatMap((s) => s.cfs)).toEqual([]);
    expect(pane.getSetting(MARKS_KEY)).toEqual({ version: 1, cells: [] });
  });
});

describe('ExcelHost selection, text, settings and events', () => {
  test('select activates the sheet and selects the range in one sync; a missing sheet is a clear error', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.select({ sheet: '附件3', cell: 'A1:G4' });
    expect(fx.syncs).toBe(1);
    expect(fx.selected).toEqual({ sheet: '附件3', address: 'A1:G4' });
    expect(await host.activeCell()).toEqual({ sheet: '附件3', cell: 'A1' });
    const e = await rejection(host.select({ sheet: '附件9', cell: 'A1' }));
    expect(e.code).toBe('sheetMissing');
  });

  test('insertText writes into the active cell, never over a formula', async () => {
    const fx = workbook();
    fx.active = { sheet: 'Empty sheet', cell: 'B2' };
    const host = await hostOf(fx);
    const at = await host.insertText('2024 年度，……');
    expect(at).toEqual({ sheet: 'Empty sheet', cell: 'B2' });
    expect(fx.writes).toEqual([{ kind: 'value', sheet: 'Empty sheet', cell: 'B2', value: '2024 年度，……' }]);
    fx.active = { sheet: '附件2', cell: 'D4' };
    expect((await rejection(host.insertText('x'))).code).toBe('formulaCell');
    fx.sheet('Empty sheet').protected = true;
    expect((await rejection(host.insertText('x', { sheet: 'Empty sheet', cell: 'C3' }))).code).toBe('sheetProtected');
  });

  test('settings round-trip; another runtime\'s write reaches this one through Excel\'s settings-changed event', async () => {
    const fx = workbook();
    fx.settings.set('selfeval.profile', { reverseFormula: 'ratio' });
    const host = await hostOf(fx);
    expect(host.getSetting('selfeval.profile')).toEqual({ reverseFormula: 'ratio' });
    await host.setSetting('selfeval.report', { a: 1 });
    expect(fx.settings.get('selfeval.report')).toEqual({ a: 1 });
    const seen: number[] = [];
    host.onSettingsChanged(() => seen.push(1));
    await new Promise((r) => setImmediate(r));
    // Its own write is not news.
    await fx.fireSettingsChanged();
    expect(seen).toEqual([]);
    const ribbon = await ExcelHost.create(fx.env());
    await ribbon.setSetting('selfeval.report', { a: 2 });
    await fx.fireSettingsChanged();
    expect(seen).toEqual([1]);
    expect(host.getSetting('selfeval.report')).toEqual({ a: 2 });
  });

  test('the ribbon\'s write reaches an open pane through the localStorage ping, without Excel\'s event', async () => {
    const fx = workbook();
    // One origin's localStorage: a write fires `storage` in every other page.
    const listeners = new Map<string, (key: string | null) => void>();
    const bus = (page: string) => ({
      storage: { getItem: () => null, setItem: (key: string) => { for (const [p, l] of listeners) if (p !== page) l(key); } },
      onStorage: (cb: (key: string | null) => void) => { listeners.set(page, cb); return () => listeners.delete(page); },
    });
    const pane = await ExcelHost.create(fx.env(bus('pane')));
    const seen: unknown[] = [];
    const stop = pane.onSettingsChanged(() => seen.push(pane.getSetting('selfeval.report')));
    const ribbon = await ExcelHost.create(fx.env(bus('ribbon')));
    await ribbon.setSetting('selfeval.report', { from: 'ribbon' });
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([{ from: 'ribbon' }]);
    stop();
    await ribbon.setSetting('selfeval.report', { from: 'ribbon', again: true });
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
  });

  test('where neither the ping nor the event arrives, the once-a-second poll finds the new stamp', async () => {
    const fx = workbook();
    let tick: (() => void) | null = null;
    let cleared = false;
    const pane = await ExcelHost.create(fx.env({
      pollMs: 1000,
      setInterval: (fn, ms) => { expect(ms).toBe(1000); tick = fn; return 7; },
      clearInterval: (h) => { expect(h).toBe(7); cleared = true; },
    }));
    const seen: unknown[] = [];
    const stop = pane.onSettingsChanged(() => seen.push(pane.getSetting('selfeval.ribbonError')));
    const flush = async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); };
    tick!();
    await flush();
    expect(seen).toEqual([]); // nothing new: one small sync, no reload
    const ribbon = await ExcelHost.create(fx.env());
    await ribbon.setSetting('selfeval.ribbonError', { code: 'editMode', message: 'x', at: 't' });
    fx.syncs = 0;
    tick!();
    await flush();
    expect(seen).toEqual([{ code: 'editMode', message: 'x', at: 't' }]);
    expect(fx.syncs).toBe(2); // the stamp, then every setting
    stop();
    expect(cleared).toBe(true);
  });

  test('reports the user\'s edits and ignores the add-in\'s own (trigger source, ExcelApi 1.14)', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.readWorkbook();
    const edits: string[] = [];
    host.onUserEdit((s) => edits.push(s));
    await new Promise((r) => setImmediate(r));
    await fx.fireChange({ worksheetId: '{2}', triggerSource: 'ThisLocalAddin' });
    await fx.fireChange({ worksheetId: '{2}', triggerSource: 'Unknown' });
    await fx.fireChange({ worksheetId: '{1}', triggerSource: 'Unknown', source: 'Remote' });
    expect(edits).toEqual(['附件3', '附件2']);
  });

  test('before ExcelApi 1.14, changes within a window around the add-in\'s writes are its own', async () => {
    const fx = workbook();
    fx.supported.delete('1.14');
    const host = await hostOf(fx);
    const edits: string[] = [];
    host.onUserEdit((s) => edits.push(s));
    await new Promise((r) => setImmediate(r));
    await host.applyPatch(marksPatch);
    await fx.fireChange({ worksheetId: '{2}' });
    fx.nowMs += 5000;
    await fx.fireChange({ worksheetId: '{2}' });
    expect(edits).toEqual(['附件3']);
  });
});

describe('ExcelHost: big and odd workbooks', () => {
  function rows(n: number, cols: number, at = 0): number[][] {
    return Array.from({ length: n }, (_, r) => Array.from({ length: cols }, (_, c) => (at + r) * 1000 + c));
  }

  test('cells that hold only formatting do not widen the read (values-only used range)', async () => {
    const fx = workbook();
    // A fill over 200 whole rows, and an empty cell with a number format far away.
    fx.sheet('附件2').formatted.push('A1:XFD200');
    fx.sheet('附件2').cells.set('Z5000', { value: '', numberFormat: '0.00' });
    const host = await hostOf(fx);
    const snap = await host.readWorkbook();
    expect(snap.sheets[0].range).toBe('A1:D4');
    expect(fx.cellsLoaded).toBeLessThan(200);
    // The fake itself counts the formatted cells when not asked for values only.
    expect(fx.usedRange(fx.sheet('附件2'))).toEqual({ top: 0, left: 0, bottom: 4999, right: 16383 });
  });

  test('above the cell budget nothing is read and the message says why and what to do', async () => {
    const fx = new FakeExcel();
    fx.addSheet('小表', rows(5, 5));
    fx.addSheet('大表', rows(30, 10));
    const host = await ExcelHost.create(fx.env({ cellBudget: 200 }));
    fx.syncs = 0;
    const e = await rejection(host.readWorkbook());
    expect(e.code).toBe('tooManyCells');
    expect(e.message).toContain('共有 325 个单元格');
    expect(e.message).toContain('最大的是工作表“大表”');
    expect(e.message).toContain('200 个');
    expect(e.message).toContain('命令行');
    expect(fx.syncs).toBe(2); // the sheet list and the sizes: no values
    expect(fx.cellsLoaded).toBe(0);
  });

  test('values: null for a range Excel will not return whole: read again in blocks, same result', async () => {
    const data = rows(40, 6);
    const whole = new FakeExcel();
    whole.addSheet('表', data);
    const expected = await (await hostOf(whole)).readWorkbook();
    const fx = new FakeExcel();
    fx.addSheet('表', data);
    fx.nullValuesAbove = 100; // Excel's is 5,000,000 cells
    const host = await ExcelHost.create(fx.env({ chunkCells: 60 }));
    const snap = await host.readWorkbook();
    expect(snap).toEqual(expected);
  });

  test('more than 512 merged areas on one sheet: read by row bands, none lost, values still read', async () => {
    const fx = new FakeExcel();
    const merges = Array.from({ length: 600 }, (_, i) => `A${i + 1}:B${i + 1}`);
    fx.addSheet('多合并', rows(600, 3), { merges });
    fx.addSheet('另一表', rows(2, 2), { merges: ['A1:B1'] });
    const host = await hostOf(fx);
    const snap = await host.readWorkbook();
    expect(new Set(snap.sheets[0].merges)).toEqual(new Set(merges));
    expect(snap.sheets[0].values[599][2]).toBe(599002);
    expect(snap.sheets[1].merges).toEqual(['A1:B1']);
    expect(fx.syncs).toBeLessThan(12);
  });

  test('rows wider than a block are read in 2-D blocks (a row is cut, never refused whole)', async () => {
    const data = rows(4, 300);
    const whole = new FakeExcel();
    whole.addSheet('宽表', data);
    const expected = await (await hostOf(whole)).readWorkbook();
    const fx = new FakeExcel();
    fx.addSheet('宽表', data);
    fx.payloadLimitCells = 3 * 150; // a whole row (300 cells × 3 properties) is refused
    const host = await ExcelHost.create(fx.env({ chunkCells: 100 }));
    expect(await host.readWorkbook()).toEqual(expected);
  });

  test('narrow rows are packed many to a sync, not one sync per row', async () => {
    const fx = new FakeExcel();
    fx.addSheet('长表', rows(1000, 2));
    fx.payloadLimitCells = 3 * 1000;
    const host = await ExcelHost.create(fx.env({ chunkCells: 1000 }));
    fx.syncs = 0;
    const snap = await host.readWorkbook();
    expect(snap.sheets[0].values).toHaveLength(1000);
    expect(snap.sheets[0].values[999]).toEqual([999000, 999001]);
    // sheet list, sizes, the refused whole read, merges, then 2000 cells in blocks of 1000: 2 syncs.
    expect(fx.syncs).toBe(6);
  });
});

describe('Office error codes', () => {
  test('every code the add-in can meet has a Chinese message that says what to do', () => {
    const what = /请|重试|更新|改用|切换|删除|取消/;
    for (const code of Object.keys(OFFICE_ERROR_MAP)) {
      const e = toHostError(new FakeOfficeError(code, 'raw message'));
      expect([code, e.code === 'unknown']).toEqual([code, false]);
      expect([code, what.test(e.message)]).toEqual([code, true]);
      expect([code, /[\u4e00-\u9fff]/.test(e.message)]).toEqual([code, true]);
    }
    expect(toHostError(new FakeOfficeError('InvalidSelection')).code).toBe('inactiveWorkbook');
    expect(toHostError(new FakeOfficeError('InsertDeleteConflict')).code).toBe('rangeConflict');
    expect(toHostError(new FakeOfficeError('AccessDenied'), { sheet: '附件2' }).message).toContain('附件2');
    expect(toHostError(new FakeOfficeError('Conflict')).message).toContain('共同编辑');
    expect(toHostError(new FakeOfficeError('SomethingNew', 'x')).code).toBe('unknown');
  });

  test('another workbook active while reading (InvalidSelection) reaches the user as a clear message', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    const env = fx.env();
    const failing = await ExcelHost.create({ ...env, run: async () => { throw new FakeOfficeError('InvalidSelection', 'The current selection is invalid for this operation.'); } }).catch((e) => e);
    expect(failing).toBeInstanceOf(HostError);
    expect((failing as HostError).message).toContain('本工作簿当前不是活动工作簿');
    expect(host).toBeDefined();
  });
});

describe('block tiling and merge clipping', () => {
  test('tileBlock: whole rows while a row fits, else slices of the budget; every cell once', () => {
    const cover = (blocks: { row: number; col: number; rows: number; cols: number }[]) => {
      const seen = new Set<string>();
      for (const b of blocks) for (let r = 0; r < b.rows; r++) for (let c = 0; c < b.cols; c++) {
        const k = `${b.row + r},${b.col + c}`;
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
      return seen.size;
    };
    const narrow = tileBlock({ sheet: 0, row: 0, col: 0, rows: 1000, cols: 2 }, 500);
    expect(narrow).toHaveLength(4);
    expect(narrow[0]).toEqual({ sheet: 0, row: 0, col: 0, rows: 250, cols: 2 });
    expect(cover(narrow)).toBe(2000);
    const wide = tileBlock({ sheet: 1, row: 5, col: 3, rows: 3, cols: 16384 }, 5000);
    expect(wide.every((b) => b.rows * b.cols <= 5000)).toBe(true);
    expect(wide[0]).toEqual({ sheet: 1, row: 5, col: 3, rows: 1, cols: 5000 });
    expect(cover(wide)).toBe(3 * 16384);
  });

  test('clipMerges keeps the part inside the used range and drops the rest', () => {
    const bounds = { row: 0, col: 0, rows: 2, cols: 7 }; // A1:G2
    expect(clipMerges(['A1:H1', 'A3:A4', 'B2:C5', 'bad'], bounds)).toEqual(['A1:G1', 'B2:C2']);
  });
});
