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

  test('results that are current are written as checked (no second read)', async () => {
    const { host, ctrl } = await checked();
    host.calls.length = 0;
    await ctrl.applyRecalc();
    expect(host.calls.filter((c) => c === 'readWorkbook')).toHaveLength(1); // the check after the write only
    expect(ctrl.getState().notice?.key).toBe('applied');
  });
});
