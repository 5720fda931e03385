import { PaneController, recalcKey } from '../../src/taskpane/controller';
import { REPORT_KEY, PROFILE_KEY, RIBBON_ERROR_KEY } from '../../src/taskpane/keys';
import { HostError } from '../../src/hosts/errors';
import type { Analyze } from '../../src/taskpane/check';
import type { Report } from '../../src/core/report';
import { FakeHost, fakeReport } from './fake-host';
import { hongjiang } from '../support/rule-tester';
import { recognize } from '../../src/core/recognize';
import { analyze as analyzeTables } from '../../src/core/evaluate';
import { resolveProfile } from '../../src/core/profile';
import type { WorkbookSnapshot } from '../../src/core/snapshot';

/** The 得分 cell of the first qualitative indicator the engine sees. */
function qualitativeScoreCell(wb: WorkbookSnapshot): { sheet: string; cell: string } {
  const a = analyzeTables(recognize(wb), resolveProfile({}));
  for (const e of a.evals.values()) for (const i of e.indicators) if (i.type === 'qualitative' && i.row.score) return { sheet: i.row.score.sheet, cell: i.row.score.cell };
  throw new Error('no qualitative indicator');
}

const NOW = new Date('2025-03-01T08:00:00.000Z');

function setup(reports: Report[] = [fakeReport()]) {
  const host = new FakeHost();
  const profiles: unknown[] = [];
  let i = 0;
  const analyze: Analyze = (_wb, opts) => {
    profiles.push(opts.profile);
    return reports[Math.min(i++, reports.length - 1)];
  };
  const ctrl = new PaneController(host, { analyze, now: () => NOW, debounceMs: 100 });
  ctrl.start();
  return { host, ctrl, profiles };
}

describe('PaneController: check', () => {
  test('reads, analyzes with the saved profile, replaces the marks and stores the report', async () => {
    const { host, ctrl, profiles } = setup();
    const stages: string[] = [];
    ctrl.subscribe(() => {
      const b = ctrl.getState().busy;
      if (b && stages[stages.length - 1] !== b.stage) stages.push(b.stage);
    });
    expect(await ctrl.check()).toBe(true);
    expect(stages).toEqual(['progressReading', 'progressAnalyzing', 'progressMarking']);
    expect(host.calls).toEqual(['readWorkbook', 'clearMarks', 'applyPatch', `setSetting ${REPORT_KEY}`]);
    expect(profiles[0]).toMatchObject({ reverseFormula: 'linear' });
    // Marks only: never a value with the marks.
    expect(host.patches[0].values).toEqual([]);
    expect(host.patches[0].marks).toEqual([
      { sheet: '附件3', cell: 'G5', severity: 'error', message: '执行率应为 100.00%', related: false },
      { sheet: '附件3', cell: 'D5', severity: 'error', message: '全年执行数与基础数据表不一致', related: false },
      { sheet: '附件3', cell: 'H20', severity: 'warning', message: '缺少偏差原因', related: false },
      { sheet: '附件2', cell: 'D8', severity: 'error', message: '（相关）全年执行数与基础数据表不一致', related: true },
    ]);
    expect(host.settings.get(REPORT_KEY)).toEqual({ report: fakeReport(), checkedAt: NOW.toISOString(), source: 'pane', formats: {}, labels: {} });
    const s = ctrl.getState();
    expect(s.busy).toBeNull();
    expect(s.report).toEqual(fakeReport());
    expect(s.selected).toEqual(['附件3!G5', '附件3!H5', '附件3!G30']);
    expect(s.summaryDraft).toBe(fakeReport().summary);
    // Two errors are open: a warning that counts them, not a green pass.
    expect(s.notice).toEqual({ intent: 'warning', key: 'checkedErrors', params: { n: 2, f: 3, e: 2 } });
  });

  test('only a report without open errors is a green pass', async () => {
    const onlyWarnings = fakeReport();
    onlyWarnings.findings = onlyWarnings.findings.filter((f) => f.severity !== 'error');
    const { ctrl } = setup([onlyWarnings]);
    await ctrl.check();
    expect(onlyWarnings.findings.length).toBeGreaterThan(0);
    expect(ctrl.getState().notice).toEqual({ intent: 'success', key: 'checked', params: { n: 2, f: onlyWarnings.findings.length } });
  });

  test('a report the ribbon stored is shown when the pane opens', () => {
    const host = new FakeHost();
    host.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T07:00:00.000Z', source: 'ribbon' });
    const ctrl = new PaneController(host, { analyze: () => { throw new Error('not called'); } });
    expect(ctrl.getState().report?.findings).toHaveLength(3);
    expect(ctrl.getState().source).toBe('ribbon');
  });

  test('the ribbon\'s report (another runtime) reaches an open pane through the settings-changed event', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    const newer = fakeReport({ findings: [] });
    host.externalSetting(REPORT_KEY, { report: newer, checkedAt: '2025-03-01T09:00:00.000Z', source: 'ribbon' });
    expect(ctrl.getState().report?.findings).toEqual([]);
    expect(ctrl.getState().notice).toEqual({ intent: 'info', key: 'fromRibbon', params: { time: '2025-03-01T09:00:00.000Z' } });
    host.externalSetting(RIBBON_ERROR_KEY, { code: 'sheetProtected', message: '工作表“附件3”受保护', params: { sheet: '附件3' }, at: 'x' });
    expect(ctrl.getState().notice).toMatchObject({ intent: 'error', error: { code: 'sheetProtected' } });
  });

  test('the check still shows its results when the cells cannot be marked', async () => {
    const { host, ctrl } = setup();
    host.failNext.clearMarks = new HostError('sheetProtected', { sheet: '附件2' });
    await ctrl.check();
    expect(ctrl.getState().report).not.toBeNull();
    expect(ctrl.getState().notice).toMatchObject({ intent: 'warning', key: 'marksFailed', error: { code: 'sheetProtected', params: { sheet: '附件2' } } });
    expect(host.settings.has(REPORT_KEY)).toBe(true);
  });

  test('a failed read is a clear error and keeps the previous report', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    host.failNext.readWorkbook = new HostError('tooLarge');
    expect(await ctrl.check()).toBe(false);
    const s = ctrl.getState();
    expect(s.busy).toBeNull();
    expect(s.report).toEqual(fakeReport());
    expect(s.notice?.intent).toBe('error');
    expect(s.notice?.error?.message).toContain('上限');
  });

  test('a second action while one runs is queued, not dropped: it runs after the first (test/taskpane/busy.test.tsx)', async () => {
    const { host, ctrl } = setup();
    const a = ctrl.check();
    const b = ctrl.check();
    expect(ctrl.getState().queued).toEqual(['check']);
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    expect(host.calls.filter((c) => c === 'readWorkbook')).toHaveLength(2);
    expect(ctrl.getState().queued).toEqual([]);
  });
});

describe('PaneController: recalculation in place', () => {
  test('writes exactly the ticked derived cells, then checks again; undo restores and checks again', async () => {
    const after = fakeReport({ recalculated: [], findings: [] });
    const { host, ctrl } = setup([fakeReport(), after, fakeReport()]);
    await ctrl.check();
    ctrl.toggleRecalc('附件3!H5'); // untick
    expect(ctrl.chosenRecalc().map(recalcKey)).toEqual(['附件3!G5', '附件3!G30']);
    host.calls.length = 0;
    expect(await ctrl.applyRecalc()).toBe(true);
    expect(host.patches[1]).toEqual({
      values: [
        { sheet: '附件3', cell: 'G5', value: 1, numberFormat: '0.00%' },
        { sheet: '附件3', cell: 'G30', value: 96 },
      ],
      marks: [],
    });
    expect(host.calls.slice(0, 2)).toEqual(['applyPatch', 'readWorkbook']);
    expect(ctrl.getState().report).toEqual(after);
    expect(ctrl.getState().canUndo).toBe(true);
    expect(ctrl.getState().notice).toEqual({ intent: 'success', key: 'applied', params: { n: 2 } });

    host.calls.length = 0;
    expect(await ctrl.undo()).toBe(true);
    expect(host.calls.slice(0, 2)).toEqual(['undo', 'readWorkbook']);
    expect(ctrl.getState().canUndo).toBe(false);
    expect(ctrl.getState().notice).toEqual({ intent: 'success', key: 'undone' });
  });

  test('nothing ticked: nothing written', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    ctrl.selectAllRecalc(false);
    expect(await ctrl.applyRecalc()).toBe(false);
    expect(host.patches).toHaveLength(1); // the marks only
    expect(ctrl.getState().notice?.key).toBe('nothingSelected');
    ctrl.selectAllRecalc(true);
    expect(ctrl.getState().selected).toHaveLength(3);
  });

  test('a refused write (formula cell, protected sheet) is shown and leaves no undo', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    host.failNext.applyPatch = new HostError('formulaCell', { sheet: '附件3', cell: 'G30' });
    expect(await ctrl.applyRecalc()).toBe(false);
    expect(ctrl.getState().notice).toMatchObject({ intent: 'error', error: { code: 'formulaCell' } });
    expect(ctrl.getState().canUndo).toBe(false);
  });
});

describe('PaneController: edits make the report stale', () => {
  test('an edit of a recognized sheet marks the report out of date; other sheets do not', async () => {
    const { host, ctrl } = setup();
    host.edit('附件3'); // before any report: nothing to mark
    expect(ctrl.getState().staleSheets).toEqual([]);
    await ctrl.check();
    host.edit('Sheet9');
    expect(ctrl.getState().staleSheets).toEqual([]);
    host.edit('附件3');
    host.edit('附件3');
    expect(ctrl.getState().staleSheets).toEqual(['附件3']);
    await ctrl.check();
    expect(ctrl.getState().staleSheets).toEqual([]);
  });

  test('with automatic re-check on, edits are debounced into one check', async () => {
    jest.useFakeTimers();
    try {
      const { host, ctrl } = setup();
      const checking = ctrl.check();
      await jest.runAllTimersAsync();
      await checking;
      await ctrl.setAutoRecheck(true);
      host.calls.length = 0;
      host.edit('附件3');
      jest.advanceTimersByTime(50);
      host.edit('附件2');
      await jest.advanceTimersByTimeAsync(200);
      expect(host.calls.filter((c) => c === 'readWorkbook')).toHaveLength(1);
      expect(ctrl.getState().staleSheets).toEqual([]);
      ctrl.dispose();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('PaneController: navigation, summary, marks', () => {
  test('clicking a finding or a table selects it; a missing sheet is an error notice', async () => {
    const { host, ctrl } = setup();
    await ctrl.check();
    await ctrl.select({ sheet: '附件2', cell: 'D8' });
    expect(host.selected).toEqual({ sheet: '附件2', cell: 'D8' });
    await ctrl.selectTable(fakeReport().tables[1]);
    expect(host.selected).toEqual({ sheet: '附件3', cell: 'A1:H30' });
    host.failNext.select = new HostError('sheetMissing', { sheet: '附件2' });
    await ctrl.select({ sheet: '附件2', cell: 'D8' });
    expect(ctrl.getState().notice).toMatchObject({ intent: 'error', error: { code: 'sheetMissing' } });
  });

  test('the edited summary goes into the selected empty cell below the tables; reset restores the report\'s text', async () => {
    const { host, ctrl } = setup([fakeReport({ findings: [] })]);
    await ctrl.check();
    host.active = { sheet: '附件3', cell: 'B33' };
    ctrl.setSummaryDraft('修改后的摘要');
    expect(await ctrl.insertSummary()).toBe(true);
    expect(host.cells.get('附件3!B33')).toEqual({ value: '修改后的摘要', formula: null });
    expect(ctrl.getState().notice).toEqual({ intent: 'success', key: 'inserted', params: { cell: '附件3!B33' } });
    ctrl.resetSummary();
    expect(ctrl.getState().summaryDraft).toBe(fakeReport().summary);
  });

  test('clear marks asks the host and confirms', async () => {
    const { host, ctrl } = setup();
    await ctrl.clearMarks();
    expect(host.calls).toEqual(['clearMarks']);
    expect(ctrl.getState().notice?.key).toBe('cleared');
  });
});

describe('PaneController: scoring profile', () => {
  test('a valid profile is saved with the workbook and the results are checked again under it at once', async () => {
    const { host, ctrl, profiles } = setup();
    await ctrl.check();
    await ctrl.saveProfile({ ...ctrl.getState().profile, reverseFormula: 'ratio', qualitativeBands: { achieved: 0.8, partial: 0.5 } });
    expect(host.settings.get(PROFILE_KEY)).toMatchObject({ reverseFormula: 'ratio', qualitativeBands: { achieved: 0.8, partial: 0.5 } });
    expect(profiles[1]).toMatchObject({ reverseFormula: 'ratio' });
    expect(ctrl.getState().profileStale).toBe(false);
    expect(ctrl.getState().notice).toMatchObject({ key: 'profileRecheckedErrors', params: { n: 2, f: 3, e: 2 } });
    // Before any check there is nothing to re-check: saved, and said so.
    const fresh = setup();
    await fresh.ctrl.saveProfile({ ...fresh.ctrl.getState().profile, reverseFormula: 'ratio' });
    expect(fresh.profiles).toHaveLength(0);
    expect(fresh.ctrl.getState().notice?.key).toBe('profileSaved');
  });

  test('an invalid profile is refused with a message', async () => {
    const { host, ctrl } = setup();
    expect(await ctrl.saveProfile({ ...ctrl.getState().profile, fundsWeight: -3 })).toBe(false);
    expect(ctrl.getState().notice?.key).toBe('profileInvalid');
    expect(host.settings.has(PROFILE_KEY)).toBe(false);
  });

  test('the achievement level of a qualitative row is picked for the selected 得分 cell', async () => {
    const { host, ctrl } = setup();
    host.snapshot = hongjiang('published');
    const cell = qualitativeScoreCell(host.snapshot);
    host.active = cell;
    await ctrl.setAchievementLevelForActiveCell('部分达成');
    const key = `${cell.sheet}!${cell.cell}`;
    expect(ctrl.getState().profile.achievementLevels).toEqual({ [key]: '部分达成' });
    expect(host.settings.get(PROFILE_KEY)).toMatchObject({ achievementLevels: { [key]: '部分达成' } });
    await ctrl.setAchievementLevel(key, null);
    expect(ctrl.getState().profile.achievementLevels).toEqual({});
  });

  test('a 达成等级 is refused on a cell that is not a qualitative 得分 cell (e.g. 全年预算数), naming the cell\'s role', async () => {
    const { host, ctrl } = setup();
    host.snapshot = hongjiang('published');
    const t = recognize(host.snapshot).overall[0];
    host.active = { sheet: t.funds!.budget!.sheet, cell: t.funds!.budget!.cell };
    expect(await ctrl.setAchievementLevelForActiveCell('达成')).toBe(false);
    expect(ctrl.getState().notice).toMatchObject({ intent: 'error', key: 'levelWrongCell', params: { cell: `${t.sheet}!${t.funds!.budget!.cell}` } });
    expect(String(ctrl.getState().notice?.params?.role)).toContain('全年预算数');
    expect(ctrl.getState().profile.achievementLevels).toEqual({});
    expect(host.settings.has(PROFILE_KEY)).toBe(false);
    host.active = { sheet: '附件3', cell: 'Z99' };
    expect(await ctrl.setAchievementLevelForActiveCell('达成')).toBe(false);
    expect(ctrl.getState().notice?.key).toBe('levelNotScore');
  });

  test('the form\'s unsaved edits survive leaving the tab; 恢复默认 replaces the 已保存 notice; errors use Chinese names', async () => {
    const { host, ctrl } = setup();
    const form = ctrl.profileForm();
    ctrl.editProfile({ ...form, weight: '20' });
    // The Profile component unmounts on a tab switch; the draft is the controller's.
    expect(ctrl.profileForm().weight).toBe('20');
    expect(ctrl.getState().profileDraft).not.toBeNull();
    expect(await ctrl.saveProfileForm()).toBe(true);
    expect(host.settings.get(PROFILE_KEY)).toMatchObject({ fundsWeight: 20 });
    expect(ctrl.getState().notice?.key).toBe('profileSaved');
    expect(ctrl.getState().profileDraft).toBeNull();
    ctrl.resetProfileDraft();
    expect(ctrl.getState().notice?.key).toBe('profileDefaultsUnsaved');
    expect(ctrl.profileForm().weight).toBe('');
    ctrl.editProfile({ ...ctrl.profileForm(), weight: 'abc' });
    expect(await ctrl.saveProfileForm()).toBe(false);
    const msg = ctrl.getState().notice?.error?.message ?? '';
    expect(msg).toContain('预算执行分值');
    expect(msg).not.toMatch(/fundsWeight|null/);
    expect(await ctrl.saveProfile({ ...ctrl.getState().profile, fundsWeight: -3 })).toBe(false);
    expect(ctrl.getState().notice?.error?.message).not.toMatch(/fundsWeight|null/);
  });

  test('a profile saved in the workbook is loaded when the pane opens', () => {
    const host = new FakeHost();
    host.settings.set(PROFILE_KEY, { capTotalByExecutionRate: true });
    const ctrl = new PaneController(host, { analyze: () => fakeReport() });
    expect(ctrl.getState().profile.capTotalByExecutionRate).toBe(true);
    expect(ctrl.getState().profile.reverseFormula).toBe('linear');
  });
});
