import { WpsHost } from '../../../src/hosts/wps/wps-host';
import { toWpsError, ET_ERROR_PATTERNS } from '../../../src/hosts/wps/errors';
import { MARKS_KEY, NOTE_PREFIX } from '../../../src/hosts/marks';
import { XL, hexToBgr, bgrToHex, cvErrText } from '../../../src/hosts/wps/et';
import { PROPERTY_PREFIX } from '../../../src/hosts/wps/settings';
import { MARK_STYLE } from '../../../src/core/mark-style';
import { FakeEt, CVERR, WHITE, type BulkShape } from './fake-et';
import { fakeOf } from './harness';
import { BOOK, MARKS, rejection } from '../shared/host-contract';

function workbook(shape: BulkShape = '2d'): FakeEt {
  return fakeOf(BOOK.slice(0, 2), shape);
}

async function hostOf(fx: FakeEt, extra: Record<string, unknown> = {}): Promise<WpsHost> {
  return WpsHost.create(fx.env(extra));
}

const marks = MARKS;

describe('the ET fake behaves as ET where hosts go wrong', () => {
  test('1-based collections with Count; BGR colours; no fill reads as white with pattern xlNone', () => {
    const fx = workbook();
    const wb = fx.application.ActiveWorkbook!;
    expect(wb.Worksheets.Count).toBe(2);
    expect(wb.Worksheets.Item(1).Name).toBe('附件2');
    expect(() => wb.Worksheets.Item(0)).toThrow();
    expect(() => wb.Worksheets.Item(3)).toThrow();
    const r = wb.Worksheets.Item(2).Range('B2');
    expect([r.Interior.Color, r.Interior.Pattern]).toEqual([WHITE, XL.none]);
    r.Interior.Color = hexToBgr('#FF0000');
    expect(r.Interior.Color).toBe(0x0000ff);
    expect(r.Interior.Pattern).toBe(XL.solid);
    expect(() => r.Item(0, 1)).toThrow('下标越界');
  });

  test('mixed ranges answer null; a multi-cell Value2 comes in the shape the test picks', () => {
    const fx = workbook('flat');
    const ws = fx.application.ActiveWorkbook!.Worksheets.Item(1);
    expect(ws.Range('A3:D3').NumberFormat).toBeNull();
    expect(ws.Range('A1:B1').MergeCells).toBe(true);
    expect(ws.Range('A1:A2').MergeCells).toBeNull();
    expect(ws.Range('A3:B3').Value2).toEqual(['一、部门基本支出', 250]);
    fx.bulkShape = 'scalar';
    expect(ws.Range('A3:B3').Value2).toBe('一、部门基本支出');
    expect(ws.Range('B1').Value2).toBeUndefined();
  });
});

describe('WpsHost.readWorkbook', () => {
  test('a 2-D bulk Value2 is read in a few calls; any other shape falls back cell by cell to the same snapshot', async () => {
    const fx = workbook('2d');
    const host = await hostOf(fx);
    const bulk = await host.readWorkbook();
    expect(host.probe!.bulkValue2).toBe('2d');
    expect(host.probe!.cellByCell).toBe(0);
    const bulkCalls = fx.calls;
    for (const shape of ['flat', 'scalar', 'throws'] as BulkShape[]) {
      const other = workbook(shape);
      const h = await hostOf(other);
      expect(await h.readWorkbook()).toEqual(bulk);
      expect(h.probe!.cellByCell).toBeGreaterThan(0);
      expect(h.probe!.bulkValue2).not.toBe('2d');
      expect(other.calls).toBeGreaterThan(bulkCalls);
    }
  });

  test('cells holding only formatting do not widen the read; an error value reads as its text', async () => {
    const fx = workbook();
    fx.data('附件2', 'Z5000').fill = { color: 0, pattern: XL.solid };
    fx.data('附件2', 'B3').value = { error: CVERR.div0 };
    fx.data('附件2', 'C3').value = { error: CVERR.na };
    const host = await hostOf(fx);
    const snap = await host.readWorkbook();
    expect(snap.sheets[0].range).toBe('A1:D4');
    expect(snap.sheets[0].values[2].slice(1, 3)).toEqual(['#DIV/0!', '#N/A']);
    expect(cvErrText(-1)).toBeNull();
  });

  test('number formats by column where the range is mixed; merges found cell by cell only in columns with merges', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    const snap = await host.readWorkbook();
    expect(snap.sheets[0].numberFormats!.map((r) => r[3])).toEqual(['General', 'General', '0.00', '0.00']);
    expect(snap.sheets[1].merges).toEqual(['A1:G1']);
  });

  test('no workbook open, and a call that throws: clear Chinese messages naming WPS 表格', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    fx.hasWorkbook = false;
    expect((await rejection(host.readWorkbook())).message).toBe('WPS 表格 中没有打开的工作簿。请先打开要校验的工作簿，再重试。');
    fx.hasWorkbook = true;
    fx.failWhen = (op) => (op === 'Find' ? null : op === 'Value2' ? 'Automation error' : null);
    const e = await rejection(host.readWorkbook());
    expect(e.code).toBe('unknown');
    expect(e.message).toContain('Automation error');
    expect(host.failures.some((f) => f.startsWith('readWorkbook'))).toBe(true);
  });
});

describe('WpsHost writes', () => {
  test('marks use the shared look as BGR colours and ET line styles, and are recorded with what the cell had', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.applyPatch(marks);
    const f2 = fx.data('附件3', 'F2');
    expect(f2.fill).toEqual({ color: hexToBgr(MARK_STYLE.error.own.fill), pattern: XL.solid });
    expect(bgrToHex(f2.fill!.color)).toBe(MARK_STYLE.error.own.fill);
    expect(f2.borders![XL.edgeTop]).toEqual({ style: XL.continuous, weight: XL.medium, color: hexToBgr('#C00000') });
    expect(fx.data('附件3', 'G2').borders![XL.edgeLeft]).toEqual({ style: XL.dash, weight: XL.thin, color: hexToBgr(MARK_STYLE.warning.own.border) });
    expect(fx.data('附件2', 'D3').borders![XL.edgeBottom]!.style).toBe(XL.continuous);
    expect(fx.data('附件2', 'D3').borders![XL.edgeBottom]!.weight).toBe(XL.thin);
    const registry = host.getSetting<{ cells: { cell: string; before: { pattern: number } }[] }>(MARKS_KEY)!;
    expect(registry.cells.map((c) => [c.cell, c.before.pattern])).toEqual([['F2', XL.none], ['G2', XL.none], ['D3', XL.none]]);
  });

  test('a white fill comes back white and no fill comes back as no fill; a cell the user refilled keeps the user\'s fill', async () => {
    const fx = workbook();
    fx.data('附件3', 'F2').fill = { color: WHITE, pattern: XL.solid };
    const host = await hostOf(fx);
    await host.applyPatch(marks);
    fx.data('附件2', 'D3').fill = { color: 0x00ff00, pattern: XL.solid }; // the user fills it green meanwhile
    await host.clearMarks();
    expect(fx.data('附件3', 'F2').fill).toEqual({ color: WHITE, pattern: XL.solid });
    expect(fx.data('附件3', 'G2').fill).toBeUndefined();
    expect(fx.data('附件2', 'D3').fill).toEqual({ color: 0x00ff00, pattern: XL.solid });
  });

  test('a second check without clearing keeps the first record of the user\'s look and replaces the note', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.applyPatch(marks);
    await host.applyPatch({ values: [], marks: [{ ...marks.marks[0], message: '新的说明' }] });
    expect(fx.data('附件3', 'F2').comment).toBe(`${NOTE_PREFIX}\n新的说明`);
    await host.clearMarks();
    expect(fx.look('附件3', 'F2')).toBe('none - - - -');
  });

  test('a refused note leaves the marks in place', async () => {
    const fx = workbook();
    fx.failWhen = (op, _s, cell) => (op === 'AddComment' && cell === 'F2' ? '不能添加批注' : null);
    const host = await hostOf(fx);
    await host.applyPatch(marks);
    expect(fx.data('附件3', 'F2').comment).toBeUndefined();
    expect(fx.data('附件3', 'F2').fill!.color).toBe(hexToBgr(MARK_STYLE.error.own.fill));
    expect(fx.data('附件3', 'G2').comment).toContain('得分应为 10');
    expect(host.failures.some((f) => f.includes('AddComment 附件3!F2'))).toBe(true);
  });

  test('ScreenUpdating and EnableEvents are off during writes and restored in finally, even when a write throws', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    await host.applyPatch(marks);
    expect(fx.toggles).toEqual(['ScreenUpdating=false', 'EnableEvents=false', 'ScreenUpdating=true', 'EnableEvents=true']);
    fx.toggles.length = 0;
    fx.failAtWrite = 5;
    const e = await rejection(host.applyPatch({ values: [{ sheet: '附件3', cell: 'G2', value: 10 }], marks: marks.marks }));
    expect(e.code).toBe('writeFailed');
    expect(fx.toggles.slice(-2)).toEqual(['ScreenUpdating=true', 'EnableEvents=true']);
    expect([fx.screenUpdating, fx.enableEvents]).toEqual([true, true]);
    expect(fx.data('附件3', 'G2').value).toBe(9.5);
    // A user who had switched screen updating off keeps it off.
    fx.screenUpdating = false;
    await host.clearMarks();
    expect(fx.screenUpdating).toBe(false);
  });

  test('the 校验结果 sheet: replaced on a re-run, every text literal, cells linked', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    const rows = [{ table: '附件3 整体支出绩效自评表', ref: { sheet: '附件3', cell: 'F2' }, severity: '错误', message: '=1+1 不是有效的数字', rule: 'unparseable-number' }];
    await host.writeResultsSheet('校验结果', rows);
    await host.writeResultsSheet('校验结果', [...rows, { ...rows[0], message: '@SUM(A1)', ref: { sheet: '附件2', cell: 'D3' } }]);
    expect(fx.sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '校验结果']);
    const s = fx.sheet('校验结果');
    expect(s.cells.get('A1')!.value).toBe('表格');
    expect([s.cells.get('D2')!.value, s.cells.get('D2')!.formula]).toEqual(['=1+1 不是有效的数字', undefined]);
    expect([s.cells.get('D3')!.value, s.cells.get('D3')!.formula]).toEqual(['@SUM(A1)', undefined]);
    expect((s.cells.get('B3') as { link?: string }).link).toBe("'附件2'!D3");
    expect(fx.displayAlerts).toBe(true);
  });

  test('reading a merged cell reads its area\'s top-left cell', async () => {
    const fx = workbook();
    const host = await hostOf(fx);
    expect(await host.readCells([{ sheet: '附件3', cell: 'C1' }])).toEqual([{ value: '2024 年度部门（单位）整体支出绩效自评表', formula: null }]);
  });
});

describe('WpsHost settings, the ribbon → pane hand-off and edits', () => {
  test('settings are pieces of at most 255 characters in document properties; the user\'s own properties stay', async () => {
    const fx = workbook();
    fx.properties.push({ name: '作者单位', value: '财政局' });
    const host = await hostOf(fx);
    await host.setSetting('selfeval.report', { text: '很长的报告'.repeat(200) });
    const ours = fx.properties.filter((p) => p.name.startsWith(PROPERTY_PREFIX));
    expect(ours.length).toBeGreaterThan(4);
    expect(ours.every((p) => String(p.value).length <= 255)).toBe(true);
    await host.setSetting('selfeval.report', null);
    expect(fx.property('作者单位')).toBe('财政局');
    expect(fx.properties.filter((p) => p.name.startsWith(PROPERTY_PREFIX))).toHaveLength(2);
  });

  test('the ribbon\'s report reaches an open pane within a poll, through the PluginStorage stamp', async () => {
    const fx = workbook();
    let tick: (() => void) | null = null;
    const pane = await hostOf(fx, { pollMs: 1000, setInterval: (fn: () => void) => { tick = fn; return 1; }, clearInterval: () => { tick = null; } });
    const seen: unknown[] = [];
    const stop = pane.onSettingsChanged(() => seen.push(pane.getSetting('selfeval.report')));
    const flush = async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); };
    tick!();
    await flush();
    expect(seen).toEqual([]);
    const ribbon = await hostOf(fx);
    await ribbon.setSetting('selfeval.report', { from: 'ribbon' });
    tick!();
    await flush();
    expect(seen).toEqual([{ from: 'ribbon' }]);
    // Its own write is not news.
    await pane.setSetting('selfeval.options', { autoRecheck: true });
    tick!();
    await flush();
    expect(seen).toHaveLength(1);
    stop();
    expect(tick).toBeNull();
  });

  test('reports the user\'s edits from SheetChange and not the host\'s own writes', async () => {
    const fx = workbook();
    let now = 1_000_000;
    const host = await hostOf(fx, { now: () => now });
    const edits: string[] = [];
    const stop = host.onUserEdit((s) => edits.push(s));
    await host.applyPatch(marks);
    fx.fireSheetChange('附件3');
    now += 5000;
    fx.fireSheetChange('附件2');
    stop();
    fx.fireSheetChange('附件2');
    expect(edits).toEqual(['附件2']);
  });
});

describe('ET errors', () => {
  test('each known text becomes its own code with a Chinese message that names WPS 表格 and says what to do', () => {
    const cases: [string, string, string | undefined][] = [
      ['您试图更改的单元格或图表位于受保护的工作表中。', 'sheetProtected', '附件3'],
      ['The cell is on a protected sheet', 'readOnly', undefined],
      ['文件为只读', 'readOnly', undefined],
      ['正处于编辑状态', 'editMode', undefined],
      ['不能对合并单元格进行部分更改', 'rangeConflict', undefined],
      ['app.Foo is not a function', 'unsupported', undefined],
      ['下标越界', 'sheetMissing', '附件9'],
      ['内存不足', 'tooLarge', undefined],
    ];
    expect(cases).toHaveLength(ET_ERROR_PATTERNS.length + 1);
    for (const [text, code, sheet] of cases) {
      const e = toWpsError(new Error(text), sheet ? { sheet } : {});
      expect([text, e.code]).toEqual([text, code]);
      expect(/[\u4e00-\u9fff]/.test(e.message)).toBe(true);
      expect(/请|重试|更新|删除|取消|命令行/.test(e.message)).toBe(true);
      expect(e.message).not.toContain('Excel');
    }
    expect(toWpsError('odd').message).toBe('操作失败：odd');
  });
});

describe('自检', () => {
  test('reports the version, the engine, how bulk reads answer and which calls failed, without writing the workbook', async () => {
    const fx = workbook('flat');
    const host = await WpsHost.create({ ...fx.env(), version: '0.1.0', userAgent: 'Mozilla/5.0 Chrome/98 WPS' });
    const first = await host.diagnostics();
    expect(first).toContain('上次校验：本窗格中还没有校验过');
    await host.readWorkbook();
    fx.failWhen = (op) => (op === 'Select' ? '选择失败' : null);
    await host.select({ sheet: '附件3', cell: 'F2' }).catch(() => undefined);
    const cellsBefore = JSON.stringify([...fx.sheets.map((s) => [...s.cells])]);
    const text = await host.diagnostics();
    expect(text).toContain('自评表校验助手 0.1.0 自检报告');
    expect(text).toContain('WPS 表格 版本 12.1.0.17147');
    expect(text).toContain('Chrome/98 WPS');
    expect(text).toContain('多单元格 Value2（A1:B2）：一维数组（4 项）');
    expect(text).toContain('单个空单元格的 Value2：undefined');
    expect(text).toContain('批量 Value2 1d');
    expect(text).toContain('PluginStorage：可读写');
    expect(text).toMatch(/失败的调用（最近 1 次）：\n {2}- select: 选择失败/);
    expect(JSON.stringify([...fx.sheets.map((s) => [...s.cells])])).toBe(cellsBefore);
    expect(fx.storage.has('selfeval.selftest')).toBe(false);
    fx.bulkShape = '2d';
    expect(await host.diagnostics()).toContain('二维数组 2×2');
  });
});

describe('WpsHost: a long sheet', () => {
  test('20,000 rows with mixed formats and merges: number formats and merges by halving bands, a few hundred calls, not one per cell', async () => {
    const rows = 20_000;
    const fx = new FakeEt();
    const sheet = fx.addSheet('长表', [], { merges: ['A1:C1', 'B15000:C15001'] });
    for (let r = 1; r <= rows; r++) {
      sheet.cells.set(`A${r}`, { value: `项目${r}` });
      sheet.cells.set(`B${r}`, { value: r, numberFormat: r % 5000 === 0 ? '0.00%' : '0.00' });
      sheet.cells.set(`C${r}`, { value: r * 2 });
    }
    const host = await hostOf(fx);
    fx.calls = 0;
    const snap = await host.readWorkbook();
    const s = snap.sheets[0];
    expect(s.range).toBe('A1:C20000');
    expect(s.values[19_999]).toEqual(['项目20000', 20000, 40000]);
    expect(s.numberFormats![4999][1]).toBe('0.00%');
    expect(s.numberFormats![5000][1]).toBe('0.00');
    expect(s.numberFormats![0][0]).toBe('General');
    expect(new Set(s.merges)).toEqual(new Set(['A1:C1', 'B15000:C15001']));
    expect(host.probe!.cellByCell).toBe(0);
    expect(fx.calls).toBeLessThan(1500);
  });
});

test('where a bulk read gives no 2-D array, a sheet too big to read cell by cell is refused with a clear message', async () => {
  const fx = workbook('flat');
  const host = await hostOf(fx, { cellByCellBudget: 30 });
  const e = await rejection(host.readWorkbook());
  expect(e.code).toBe('tooManyCells');
  expect(e.message).toContain('WPS 表格 中一次能检查的 30 个');
  expect(e.message).toContain('命令行');
  fx.bulkShape = '2d';
  expect((await host.readWorkbook()).sheets).toHaveLength(2);
});
