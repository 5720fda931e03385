/**
 * A finance clerk corrects an input by hand after the check (附件3 全年执行数),
 * then clicks 写入 on the 重算 tab or 改为 on a card: the value written is worked
 * out from the workbook as it is now, never the one the old check computed
 * (which would put a wrong 执行率 into the table in silence).
 */
import { PaneController } from '../../src/taskpane/controller';
import { analyze } from '../../src/core/engine';
import { hongjiang, edit } from '../support/rule-tester';
import { FakeHost } from './fake-host';
import { translator } from '../../src/i18n';

const t = translator('zh');

/** The miscalculated seed: 附件3!G5 执行率 0.95 where 377.89 / 377.89 gives 100%. */
async function checked(): Promise<{ host: FakeHost; ctrl: PaneController }> {
  const host = new FakeHost();
  host.snapshot = hongjiang('miscalculated');
  const ctrl = new PaneController(host, { analyze });
  ctrl.start();
  await ctrl.check();
  return { host, ctrl };
}

/** The clerk types 全年执行数 340.1 into 附件3!E5 (the sheet now gives 执行率 90.00%). */
function editExecuted(host: FakeHost, value: number | string = 340.1): void {
  host.snapshot = edit(host.snapshot, { '附件3!E5': value });
  host.edit('附件3');
}

const written = (host: FakeHost, cell: string) => host.patches.flatMap((p) => p.values).filter((v) => v.cell === cell).map((v) => v.value);

describe('写入 and 改为 after the sheet was edited', () => {
  test('写入 works the ticked cells out again from the sheet as it is now', async () => {
    const { host, ctrl } = await checked();
    const g5 = ctrl.getState().report!.recalculated.find((r) => r.sheet === '附件3' && r.cell === 'G5')!;
    expect(g5.after).toBe(1);
    editExecuted(host);
    expect(ctrl.getState().staleSheets).toEqual(['附件3']);
    ctrl.selectAllRecalc(false);
    ctrl.toggleRecalc('附件3!G5', true);
    expect(await ctrl.applyRecalc()).toBe(true);
    const now = analyze(host.snapshot).recalculated.find((r) => r.sheet === '附件3' && r.cell === 'G5')!;
    expect(now.after).toBeCloseTo(0.9, 4);
    expect(written(host, 'G5')).toEqual([now.after]);
    expect(ctrl.getState().notice).toMatchObject({ key: 'appliedAfterRecheck', params: { n: 1 } });
    // Only what was ticked: the other recalculations of the stale report were not written.
    expect(host.patches.flatMap((p) => p.values).map((v) => `${v.sheet}!${v.cell}`)).toEqual(['附件3!G5']);
  });

  test('改为 on a card writes the value for the sheet as it is now', async () => {
    const { host, ctrl } = await checked();
    const card = ctrl.getState().report!.findings.find((f) => f.sheet === '附件3' && f.cell === 'G5' && ctrl.fixFor(f))!;
    editExecuted(host);
    expect(await ctrl.fixOne(card)).toBe(true);
    const now = analyze(host.snapshot).recalculated.find((r) => r.sheet === '附件3' && r.cell === 'G5')!;
    expect(written(host, 'G5')).toEqual([now.after]);
    // The card said 100.00%: the notice says the value was worked out again and the listed one no longer applies.
    expect(ctrl.getState().notice?.key).toBe('fixedOneAfterRecheck');
    expect(String(ctrl.getState().notice?.params?.after)).toMatch(/^90/);
    expect(t('fixedOneAfterRecheck', ctrl.getState().notice!.params)).toBe('表格在校验后被修改过：已按表格现状重新计算，附件3!G5 95.00% → 90.00%（列表中的 100.00% 已不适用）');
  });

  test('a cell that no longer needs a change is not written, and the pane says so', async () => {
    // 全年执行数 such that the stored 95.00% is right: 359 / 377.89 = 95.00%.
    const fix = await checked();
    const card = fix.ctrl.getState().report!.findings.find((f) => f.sheet === '附件3' && f.cell === 'G5' && fix.ctrl.fixFor(f))!;
    editExecuted(fix.host, 359);
    expect(analyze(fix.host.snapshot).recalculated.find((r) => r.sheet === '附件3' && r.cell === 'G5')).toBeUndefined();
    expect(await fix.ctrl.fixOne(card)).toBe(true);
    expect(written(fix.host, 'G5')).toEqual([]);
    expect(fix.ctrl.getState().notice).toMatchObject({ key: 'fixNoLongerNeeded', params: { cell: '附件3!G5' } });

    const all = await checked();
    all.ctrl.selectAllRecalc(false);
    all.ctrl.toggleRecalc('附件3!G5', true);
    editExecuted(all.host, 359);
    expect(await all.ctrl.applyRecalc()).toBe(true);
    expect(written(all.host, 'G5')).toEqual([]);
    expect(all.ctrl.getState().notice?.key).toBe('recalcNoLongerNeeded');
  });

  test('导出 after an edit lists the problems as they are now, not a corrected one', async () => {
    // The published seed: 附件2!E20 reads “91.2591.25”; the clerk types 91.25.
    const host = new FakeHost();
    host.snapshot = hongjiang('published');
    const ctrl = new PaneController(host, { analyze });
    ctrl.start();
    await ctrl.check();
    expect(ctrl.getState().report!.findings.some((f) => f.sheet === '附件2' && f.cell === 'E20')).toBe(true);
    host.snapshot = edit(host.snapshot, { '附件2!E20': 91.25 });
    host.edit('附件2');
    expect(await ctrl.exportResults()).toBe(true);
    const rows = host.resultSheets.get('校验结果')!;
    expect(rows.map((r) => `${r.ref.sheet}!${r.ref.cell}`)).not.toContain('附件2!E20');
    expect(rows).toHaveLength(analyze(host.snapshot).findings.length);
    expect(ctrl.getState().staleSheets).toEqual([]);
    expect(t('exportedAfterRecheck', ctrl.getState().notice!.params)).toBe(`表格在校验后被修改过：已按表格现状重新校验，将 ${rows.length} 条问题写入工作表“校验结果”。`);
  });

  test('插入摘要 after an edit inserts the figures as they are now; a draft the clerk rewrote stays theirs', async () => {
    // The corrected seed; the clerk then types 基本支出 250 into 附件3!E7: the summary no longer says 267.59.
    const setup = async () => {
      const host = new FakeHost();
      host.snapshot = hongjiang('corrected');
      const ctrl = new PaneController(host, { analyze });
      ctrl.start();
      await ctrl.check();
      expect(ctrl.getState().summaryDraft).toContain('其中基本支出267.59万元');
      host.snapshot = edit(host.snapshot, { '附件3!E7': 250 });
      host.edit('附件3');
      host.active = { sheet: '附件3', cell: 'B40' };
      return { host, ctrl };
    };
    const { host, ctrl } = await setup();
    expect(await ctrl.insertSummary(true)).toBe(true);
    const inserted = [...host.cells.entries()].filter(([k]) => k.startsWith('附件3!B')).map(([, c]) => String(c.value)).join('\n');
    expect(inserted).not.toContain('267.59');
    // What a check of the workbook as it is now would insert.
    const fresh = new PaneController(Object.assign(new FakeHost(), { snapshot: host.snapshot }), { analyze });
    await fresh.check();
    expect(host.cells.get('附件3!B40')?.value).toBe(fresh.paragraphs()[0].text);
    expect(ctrl.getState().notice?.key).toBe('insertedAfterRecheck');
    expect(t('insertedAfterRecheck', ctrl.getState().notice!.params)).toMatch(/^表格在校验后被修改过：已按表格现状重新校验并生成摘要，插入到 附件3!B40/);

    const own = await setup();
    own.ctrl.setSummaryDraft('整体支出：本单位自拟的说明。');
    expect(await own.ctrl.insertSummary(true)).toBe(true);
    expect(own.host.cells.get('附件3!B40')?.value).toContain('本单位自拟的说明。');
    expect(own.ctrl.getState().summaryDraft).toBe('整体支出：本单位自拟的说明。');
  });

  test('a summary the clerk rewrote survives 重新校验; 恢复原文 then takes the text of the new check', async () => {
    const host = new FakeHost();
    host.snapshot = hongjiang('published');
    const ctrl = new PaneController(host, { analyze });
    ctrl.start();
    await ctrl.check();
    ctrl.setSummaryDraft('整体支出：本单位自拟的说明。');
    host.snapshot = edit(host.snapshot, { '附件2!E20': 91.25 });
    host.edit('附件2');
    expect(await ctrl.check()).toBe(true);
    expect(ctrl.getState().summaryDraft).toBe('整体支出：本单位自拟的说明。');
    expect(t('summaryKept')).toMatch(/^摘要文字已修改：重新校验不会替换它/);
    ctrl.resetSummary();
    expect(ctrl.getState().summaryDraft).toBe(analyze(host.snapshot).summary);
    // Not rewritten: a new check brings its own text.
    host.snapshot = edit(host.snapshot, { '附件3!H29': 95 });
    host.edit('附件3');
    await ctrl.check();
    expect(ctrl.getState().summaryDraft).toBe(analyze(host.snapshot).summary);
  });

  test('results that are current are written as checked (no second read)', async () => {
    const { host, ctrl } = await checked();
    host.calls.length = 0;
    await ctrl.applyRecalc();
    expect(host.calls.filter((c) => c === 'readWorkbook')).toHaveLength(1); // the check after the write only
    expect(ctrl.getState().notice?.key).toBe('applied');
  });
});
