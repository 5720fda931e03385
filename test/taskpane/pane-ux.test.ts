/** The pane's journeys through the controller on the fake host: wording, insertion, findings, export. */
import { PaneController, summaryParagraphs } from '../../src/taskpane/controller';
import { IGNORED_KEY, REPORT_KEY } from '../../src/taskpane/keys';
import { cardValue, expectationText, expectedKindOf } from '../../src/taskpane/wording';
import { formatValue } from '../../src/taskpane/format';
import { derivedLabels, formatsOf } from '../../src/taskpane/roles';
import { checkWorkbook } from '../../src/taskpane/check';
import { translator } from '../../src/i18n';
import { analyze } from '../../src/core/engine';
import { resolveProfile } from '../../src/core/profile';
import type { Analyze } from '../../src/taskpane/check';
import type { Finding, Report } from '../../src/core/report';
import { FakeHost, fakeReport } from './fake-host';
import { hongjiang, edit } from '../support/rule-tester';

const t = translator('zh');
const NOW = new Date('2025-03-01T08:00:00.000Z');

function setup(reports: Report[] = [fakeReport()], host = new FakeHost()) {
  let i = 0;
  const analyze: Analyze = () => reports[Math.min(i++, reports.length - 1)];
  const ctrl = new PaneController(host, { analyze, now: () => NOW });
  ctrl.start();
  return { host, ctrl };
}

const finding = (x: Partial<Finding>): Finding => ({
  sheet: '附件3', cell: 'E8', rule: 'derived-value', severity: 'error', related: [], message: 'm', expected: null, actual: null, ...x,
});

describe('wording of a finding', () => {
  test('a cross-table mismatch names both sides and asks to check, never 应为', () => {
    const f = finding({ rule: 'project-vs-basic', related: [{ sheet: '附件2', cell: 'E17' }], expected: 110.26, actual: 110.3 });
    expect(expectedKindOf(f)).toBe('other');
    const text = expectationText(f, t, { '附件2!E17': '0.00', '附件3!E8': '0.00' });
    expect(text).toBe('本格 110.30 与 附件2!E17 的 110.26 不一致，请核对');
    expect(text).not.toContain('应为');
    // The engine's own expectedKind wins.
    expect(expectedKindOf({ ...f, rule: 'derived-value', expectedKind: 'other' })).toBe('other');
  });

  test('a derived value: 应为 with the cell\'s number format (percentages as percentages)', () => {
    const f = finding({ cell: 'G5', expected: 0.857142857, actual: 0.9 });
    expect(expectedKindOf(f)).toBe('value');
    expect(expectationText(f, t, { '附件3!G5': '0.00%' })).toBe('应为 85.71% · 表中为 90.00%');
    expect(formatValue(110.3, '0.00')).toBe('110.30');
    // A General cell: the number as the card's message writes it, so one card never shows 110.3 and 110.30.
    expect(expectationText(finding({ cell: 'E17', rule: 'basic-sums', expected: 110.3, actual: 110.26, message: '合计 19.05 + 91.25 = 110.30' }), t)).toBe('应为 110.30 · 表中为 110.26');
    expect(formatValue(110.3, '#,##0.00')).toBe('110.30');
    expect(formatValue(1234.5, '#,##0.00')).toBe('1,234.50');
  });

  test('a band in words; nothing where nothing can be expected (no 应为 （空）)', () => {
    expect(expectationText(finding({ expected: 4, actual: 5, expectedKind: 'range', expectedText: '不低于 3 分且低于 4 分' }), t)).toBe('不低于 3 分且低于 4 分 · 表中为 5');
    expect(expectationText(finding({ expected: null, actual: '91.2591.25' }), t)).toBe('');
    expect(expectationText(finding({ expected: 3, expectedKind: 'none' }), t)).toBe('');
  });

  test('the formats come from the snapshot the check read, and the 重算 rows get table, row and column', () => {
    const wb = edit(hongjiang('corrected'), { '附件3!H18': 5 });
    const r = analyze(wb);
    const rc = r.recalculated.find((x) => x.cell === 'H18')!;
    expect(rc).toBeDefined();
    const labels = derivedLabels(wb, resolveProfile({}));
    expect(labels['附件3!H18']).toMatchObject({ column: '得分' });
    expect(labels['附件3!H18'].table).toContain('整体支出绩效自评表');
    expect(labels['附件3!H18'].row.length).toBeGreaterThan(1);
    const rate = Object.entries(labels).find(([, l]) => l.column === '执行率')!;
    expect(rate).toBeDefined();
    expect(formatsOf(wb, [rate[0]])[rate[0]]).toMatch(/%/);
    // The check hands over the engine's own analysis: the same labels, without recognizing the tables again.
    expect(derivedLabels(r.analysis)).toEqual(labels);
  });
});

describe('a check with no recognized table', () => {
  test('is a warning, not a green pass', async () => {
    const { ctrl } = setup([fakeReport({ tables: [], findings: [], recalculated: [], scores: [], summary: '' })]);
    await ctrl.check();
    expect(ctrl.getState().notice).toEqual({ intent: 'warning', key: 'checkedNoTables' });
  });
});

describe('inserting the summary', () => {
  const two = '2024 年度，某部门整体支出年初预算数 100.00 万元。\n\n某项目项目全年执行数 10.00 万元。';

  test('asks before writing over a non-empty cell; confirmed, writes one paragraph per cell; undo restores; results stale', async () => {
    const { host, ctrl } = setup([fakeReport({ findings: [], summary: two })]);
    await ctrl.check();
    host.active = { sheet: '附件3', cell: 'B40' };
    host.cells.set('附件3!B41', { value: '用户的备注', formula: null });
    expect(await ctrl.insertSummary()).toBe(false);
    expect(ctrl.getState().insertConfirm?.cells.map((c) => c.cell)).toEqual(['B40', 'B41']);
    expect(host.calls.some((c) => c.startsWith('writeCells'))).toBe(false);
    expect(await ctrl.insertSummary(true)).toBe(true);
    expect(host.cells.get('附件3!B40')?.value).toMatch(/^2024 年度/);
    expect(host.cells.get('附件3!B41')?.value).toMatch(/^某项目/);
    expect(ctrl.getState().staleSheets).toEqual(['附件3']);
    expect(ctrl.getState().canUndo).toBe(true);
    expect(await ctrl.undo()).toBe(true);
    expect(host.cells.get('附件3!B40')?.value).toBeNull();
    expect(host.cells.get('附件3!B41')?.value).toBe('用户的备注');
    expect(ctrl.getState().notice?.key).toBe('insertUndone');
    expect(ctrl.getState().canUndo).toBe(false);
  });

  test('asks before writing into a recognized table even when the cell is empty (the title row of 附件2)', async () => {
    const { host, ctrl } = setup([fakeReport({ findings: [] })]);
    await ctrl.check();
    host.active = { sheet: '附件2', cell: 'A1' };
    expect(await ctrl.insertSummary()).toBe(false);
    expect(ctrl.getState().insertConfirm?.table).toBe('附件2!A1:D40');
    ctrl.cancelInsert();
    expect(ctrl.getState().insertConfirm).toBeNull();
    expect(host.calls.some((c) => c.startsWith('writeCells'))).toBe(false);
  });

  test('refuses a formula cell; the user picks which paragraphs (overall and project separately)', async () => {
    const { host, ctrl } = setup([fakeReport({ findings: [], summary: two })]);
    await ctrl.check();
    host.active = { sheet: '附件3', cell: 'B40' };
    host.cells.set('附件3!B40', { value: 3, formula: '=1+2' });
    expect(await ctrl.insertSummary(true)).toBe(false);
    expect(ctrl.getState().notice?.key).toBe('insertFormula');
    host.cells.delete('附件3!B40');
    expect(ctrl.paragraphs().map((p) => p.kind)).toEqual(['overall', 'project']);
    ctrl.toggleParagraph('p0', false);
    expect(await ctrl.insertSummary()).toBe(true);
    expect(host.cells.get('附件3!B40')?.value).toMatch(/^某项目/);
    expect(host.cells.has('附件3!B41')).toBe(false);
  });

  test('while errors are open the summary says how many', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    const paras = ctrl.paragraphs();
    expect(paras[paras.length - 1]).toMatchObject({ kind: 'caveat', on: true });
    expect(paras[paras.length - 1].text).toContain('2处错误尚未更正');
    host.active = { sheet: '附件3', cell: 'B40' };
    await ctrl.insertSummary();
    expect(host.cells.get('附件3!B41')?.value).toContain('2处错误尚未更正');
    expect(summaryParagraphs('a', 0).map((p) => p.kind)).toEqual(['other']);
  });

  test('the target shown follows the ticked paragraphs (one cell each)', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    host.active = { sheet: '附件3', cell: 'B40' };
    await ctrl.refreshInsertTarget();
    expect(ctrl.getState().insertTarget?.cells.map((c) => c.cell)).toEqual(['B40', 'B41']);
    ctrl.toggleParagraph('caveat', false);
    await new Promise((r) => setTimeout(r, 0));
    expect(ctrl.getState().insertTarget?.cells.map((c) => c.cell)).toEqual(['B40']);
  });
});

describe('working through the findings', () => {
  test('previous / next walk the list, most severe first, selecting each cell; filters narrow the list', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    await ctrl.step(1);
    expect(ctrl.getState().current).toBe('funds-execution-rate|附件3!G5');
    expect(host.selected).toEqual(expect.objectContaining({ sheet: '附件3', cell: 'G5' }));
    await ctrl.step(1);
    await ctrl.step(1);
    expect(host.selected?.cell).toBe('H20');
    await ctrl.step(1); // wraps
    expect(host.selected?.cell).toBe('G5');
    await ctrl.step(-1);
    expect(host.selected?.cell).toBe('H20');
    ctrl.setFilter({ severity: 'warning' });
    expect(ctrl.visibleFindings().map((f) => f.cell)).toEqual(['H20']);
    ctrl.setFilter({ severity: 'all', table: '附件2!A1:D40' });
    expect(ctrl.visibleFindings()).toEqual([]);
  });

  test('忽略 hides a finding and its mark, is saved with the workbook and can be restored', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    const f = ctrl.visibleFindings()[0];
    await ctrl.ignore(f);
    expect(host.settings.get(IGNORED_KEY)).toEqual(['funds-execution-rate|附件3!G5']);
    expect(ctrl.visibleFindings().map((x) => x.cell)).toEqual(['D5', 'H20']);
    expect(host.patches[host.patches.length - 1].marks.map((m) => m.cell)).not.toContain('G5');
    // A new pane on the same workbook remembers it, and the next check does not mark it.
    const again = new PaneController(host, { analyze: () => fakeReport() });
    expect(again.getState().ignored).toEqual(['funds-execution-rate|附件3!G5']);
    await again.check();
    expect(host.patches[host.patches.length - 1].marks.map((m) => m.cell)).not.toContain('G5');
    await ctrl.restoreIgnored('funds-execution-rate|附件3!G5');
    expect(host.settings.get(IGNORED_KEY)).toEqual([]);
    expect(ctrl.visibleFindings()).toHaveLength(3);
  });

  test('fix one finding from its card: only that derived cell is written, then a record of it stays', async () => {
    const { host, ctrl } = setup([fakeReport(), fakeReport({ findings: [], recalculated: [] })]);
    await ctrl.check();
    const [g5, d5] = ctrl.visibleFindings();
    expect(ctrl.fixFor(d5)).toBeNull(); // a cross-table mismatch: the tool does not know which side is right
    expect(await ctrl.fixOne(g5)).toBe(true);
    expect(host.patches[1].values).toEqual([{ sheet: '附件3', cell: 'G5', value: 1, numberFormat: '0.00%' }]);
    expect(ctrl.getState().written).toEqual([expect.objectContaining({ sheet: '附件3', cell: 'G5', before: 0.95, after: 1 })]);
    expect(ctrl.getState().report?.recalculated).toEqual([]);
  });

  test('exports the findings to 校验结果: the rule\'s Chinese name beside its id, the ignored ones listed as 已忽略', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    await ctrl.ignore(ctrl.visibleFindings()[0]);
    expect(await ctrl.exportResults()).toBe(true);
    const rows = host.resultSheets.get('校验结果')!;
    expect(rows).toHaveLength(3);
    // Open findings first, most severe first; the ignored one last, never dropped in silence.
    expect(rows.map((r) => [r.ref.cell, r.status])).toEqual([['D5', ''], ['H20', ''], ['G5', '已忽略']]);
    expect(rows[0].table).toContain('整体支出绩效自评表');
    expect(rows[0].rule).toBe('整体全年执行数与基础数据表（overall-executed-vs-basic）');
    expect(ctrl.getState().notice).toMatchObject({ key: 'exportedIgnored', params: { n: 2, m: 1 } });
    expect(t('exportedIgnored', ctrl.getState().notice!.params)).toBe('已将 2 条问题写入工作表“校验结果”，另列出已忽略的 1 条。');
  });
});

describe('checkWorkbook', () => {
  test('stores the cells\' number formats and the derived cells\' labels with the report', async () => {
    const host = new FakeHost();
    host.snapshot = edit(hongjiang('corrected'), { '附件3!H18': 5, '附件2!E4': [0.9, '0.00%'] });
    const res = await checkWorkbook(host, (wb, o) => analyze(wb, o), resolveProfile({}), 'pane');
    expect(res.labels?.['附件3!H18']?.column).toBe('得分');
    expect(res.labels?.['附件2!E4']?.column).toBe('控制率');
    const stored = host.getSetting<{ formats: Record<string, string> }>(REPORT_KEY)!;
    expect(stored.formats['附件2!E4']).toBe('0.00%');
  });
});

describe('feedback on every action (issue 19)', () => {
  const afterFix = () => fakeReport({
    findings: fakeReport().findings.slice(1),
    recalculated: fakeReport().recalculated.slice(1),
  });

  test('改为 says what was written, moves to that cell and keeps the list where it was', async () => {
    const { host, ctrl } = setup([fakeReport(), afterFix()]);
    await ctrl.check();
    const [g5, d5] = ctrl.visibleFindings();
    await ctrl.focusFinding(g5);
    expect(await ctrl.fixOne(g5)).toBe(true);
    expect(ctrl.getState().notice).toEqual({ intent: 'success', key: 'fixedOne', params: { cell: '附件3!G5', before: '0.95', after: '1' } });
    expect(t('fixedOne', ctrl.getState().notice!.params)).toBe('已改为：附件3!G5 0.95 → 1');
    expect(host.selected).toEqual(g5);
    // The finding that took its place is the current one (not the top of the list, not none).
    expect(ctrl.getState().current).toBe(`${d5.rule}|附件3!D5`);
  });

  test('改为 shows values in the cell\'s own format', async () => {
    const report = fakeReport();
    const { ctrl } = setup([report, afterFix()]);
    await ctrl.check();
    // The check read the cell's format: the notice and the card agree (95.00% → 100.00%).
    ctrl['set']({ formats: { '附件3!G5': '0.00%' } });
    await ctrl.fixOne(ctrl.visibleFindings()[0]);
    expect(ctrl.getState().notice?.params).toEqual({ cell: '附件3!G5', before: '95.00%', after: '100.00%' });
  });

  test('忽略 keeps the list position: the next finding becomes the current one', async () => {
    const { ctrl } = setup();
    await ctrl.check();
    const [, d5, h20] = ctrl.visibleFindings();
    await ctrl.focusFinding(d5);
    await ctrl.ignore(d5);
    expect(ctrl.getState().current).toBe(`${h20.rule}|附件3!H20`);
    expect(ctrl.getState().notice?.key).toBe('ignoredOne');
    // The last one ignored: the one before it becomes current.
    await ctrl.ignore(h20);
    expect(ctrl.getState().current).toBe(`${ctrl.visibleFindings()[0].rule}|附件3!G5`);
  });

  test('an action\'s line stays until the next action: the automatic re-check after an edit does not wipe it', async () => {
    const host = new FakeHost();
    const ctrl = new PaneController(host, { analyze: () => fakeReport(), now: () => NOW, debounceMs: 5 });
    ctrl.start();
    await ctrl.setAutoRecheck(true);
    await ctrl.check();
    await ctrl.applyRecalc();
    expect(ctrl.getState().notice?.key).toBe('applied');
    let rechecked = false;
    ctrl.subscribe(() => { if (ctrl.getState().busy) rechecked = true; });
    host.edit('附件3');
    await new Promise((r) => setTimeout(r, 50));
    expect(rechecked).toBe(true);
    expect(ctrl.getState().busy).toBeNull();
    expect(ctrl.getState().notice?.key).toBe('applied');
    // The next action replaces it.
    await ctrl.ignore(ctrl.visibleFindings()[0]);
    expect(ctrl.getState().notice?.key).toBe('ignoredOne');
  });
});

describe('one number format per finding card', () => {
  test('应为, 表中为 and 改为 all in the cell\'s own format', () => {
    const f = finding({ cell: 'G5', message: '附件3!G5 执行率 95.00%，应为 100.00%', expected: 1, actual: 0.95 });
    const formats = { '附件3!G5': '0.00%' };
    expect(expectationText(f, t, formats)).toBe('应为 100.00% · 表中为 95.00%');
    // Not the format a recalculation would write (0.0% here): the card says 100.00% everywhere.
    expect(cardValue(f, 1, '附件3!G5', formats)).toBe('100.00%');
    // A General cell: a number as the message writes it.
    const g = finding({ message: '附件3!E8 项目支出 110.30', expected: 110.3, actual: 110.26 });
    expect(cardValue(g, 110.3, '附件3!E8', {})).toBe('110.30');
  });
});
