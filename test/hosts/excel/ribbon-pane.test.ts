import { ExcelHost } from '../../../src/hosts/excel/excel-host';
import { MARKS_KEY } from '../../../src/hosts/excel/marks';
import { PaneController } from '../../../src/taskpane/controller';
import { oneClick } from '../../../src/commands/one-click';
import { REPORT_KEY, RIBBON_ERROR_KEY } from '../../../src/taskpane/keys';
import type { Analyze } from '../../../src/taskpane/check';
import { fakeReport } from '../../taskpane/fake-host';
import { FakeExcel } from './fake-excel';

/**
 * The task pane and the ribbon command run in two runtimes over one workbook
 * (two ExcelHosts on one FakeExcel, each with its own cache of the settings),
 * joined by the localStorage ping of src/hosts/excel/channel.ts.
 */
function workbook(): FakeExcel {
  const fx = new FakeExcel();
  fx.addSheet('附件2', [['基础数据表'], ['项目', 1, 2, 3]]);
  fx.addSheet('附件3', [['整体支出绩效自评表'], ['年度资金总额', 238.83, 377.89, 377.89, 10, 0.95, 9.5]]);
  return fx;
}

function origin() {
  const listeners = new Map<string, (key: string | null) => void>();
  return (page: string) => ({
    storage: { getItem: () => null, setItem: (key: string) => { for (const [p, l] of listeners) if (p !== page) l(key); } },
    onStorage: (cb: (key: string | null) => void) => { listeners.set(page, cb); return () => listeners.delete(page); },
  });
}

const flush = async () => { for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r)); };
const analyze: Analyze = () => fakeReport();
const T1 = new Date('2025-03-01T08:00:00.000Z');
const T2 = new Date('2025-03-01T09:00:00.000Z');

describe('ribbon ↔ pane over one workbook', () => {
  test('the ribbon\'s report reaches an open pane, and the pane\'s next check leaves no orphan marks', async () => {
    const fx = workbook();
    const page = origin();
    const paneHost = await ExcelHost.create(fx.env(page('pane')));
    const ctrl = new PaneController(paneHost, { analyze, now: () => T1 });
    ctrl.start();
    await ctrl.check();
    const marksAfterPane = fx.sheets.flatMap((s) => s.cfs).length;
    expect(marksAfterPane).toBe(4);

    // The ribbon, in its own runtime, checks with a report marking another cell.
    const ribbonHost = await ExcelHost.create(fx.env(page('ribbon')));
    const extra = fakeReport();
    extra.findings = [...extra.findings, { ...extra.findings[0], cell: 'B2', sheet: '附件2', related: [] }];
    await oneClick(ribbonHost, () => extra, () => T2);
    await flush();
    expect(ctrl.getState().checkedAt).toBe(T2.toISOString());
    expect(ctrl.getState().source).toBe('ribbon');
    expect(ctrl.getState().report!.findings).toHaveLength(4);

    // 清除标记 in the pane removes every mark, the ribbon's too.
    await ctrl.clearMarks();
    expect(fx.sheets.flatMap((s) => s.cfs)).toEqual([]);
    expect(fx.settings.get(MARKS_KEY)).toEqual({ version: 1, cells: [] });
    ctrl.dispose();
  });

  test('a ribbon failure reaches an open pane, and a pane opened later still shows it', async () => {
    const fx = workbook();
    const page = origin();
    const paneHost = await ExcelHost.create(fx.env(page('pane')));
    const ctrl = new PaneController(paneHost, { analyze, now: () => T1 });
    ctrl.start();
    const ribbonHost = await ExcelHost.create(fx.env(page('ribbon')));
    fx.sheet('附件3').protected = true;
    await oneClick(ribbonHost, analyze, () => T2);
    await flush();
    // The check itself worked; the protected sheet's cells could not be marked: a warning naming it.
    expect(ctrl.getState().notice).toMatchObject({ intent: 'warning', key: 'marksFailed', error: { code: 'marksPartial' } });
    expect(ctrl.getState().notice!.error!.message).toContain('附件3');
    ctrl.dispose();

    // A pane opened afterwards (a new runtime) shows the same, instead of hiding it.
    const later = new PaneController(await ExcelHost.create(fx.env(page('pane2'))), { analyze });
    expect(later.getState().report).not.toBeNull();
    expect(later.getState().notice).toMatchObject({ intent: 'warning', error: { code: 'marksPartial' } });

    // A failed ribbon run (cell edit mode never ends here: simulate with a read error) is an error notice.
    fx.settings.set(RIBBON_ERROR_KEY, { code: 'inactiveWorkbook', message: '本工作簿当前不是活动工作簿', at: '2025-03-01T10:00:00.000Z' });
    const third = new PaneController(await ExcelHost.create(fx.env()), { analyze });
    expect(third.getState().notice).toMatchObject({ intent: 'error', error: { code: 'inactiveWorkbook' } });
  });

  test('an error older than the last successful check is not shown again', async () => {
    const fx = workbook();
    fx.settings.set(RIBBON_ERROR_KEY, { code: 'editMode', message: 'x', at: '2025-03-01T07:00:00.000Z' });
    fx.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T08:00:00.000Z', source: 'pane' });
    const ctrl = new PaneController(await ExcelHost.create(fx.env()), { analyze });
    expect(ctrl.getState().notice).toBeNull();
  });

  test('the automatic re-check after an edit writes nothing: no marks, no settings', async () => {
    const fx = workbook();
    const host = await ExcelHost.create(fx.env());
    let clock = T1.getTime();
    const ctrl = new PaneController(host, { analyze, now: () => new Date((clock += 60_000)), debounceMs: 1 });
    ctrl.start();
    await ctrl.setAutoRecheck(true);
    await ctrl.check();
    await flush();
    fx.writes.length = 0;
    await fx.fireChange({ worksheetId: '{2}', triggerSource: 'Unknown' });
    // The re-check is debounced and runs on a timer: wait for its outcome, not a fixed time
    // (a fixed 20 ms failed on a loaded machine).
    for (let i = 0; i < 500 && ctrl.getState().notice?.key !== 'autoChecked'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await flush();
    }
    // The workbook still has errors: a warning, never a green pass.
    expect(ctrl.getState().notice).toMatchObject({ intent: 'warning', key: 'autoChecked' });
    expect(fx.writes).toEqual([]);
    // Another runtime then saves only the scoring rules: the pane keeps its newer, refreshed report.
    const refreshedAt = ctrl.getState().checkedAt;
    const other = await ExcelHost.create(fx.env());
    await other.setSetting('selfeval.profile', { reverseFormula: 'ratio' });
    await fx.fireSettingsChanged();
    await flush();
    expect(ctrl.getState().checkedAt).toBe(refreshedAt);
    expect(ctrl.getState().profile).toMatchObject({ reverseFormula: 'ratio' });
    ctrl.dispose();
  });

  test('every check, write, clear and insert reloads the settings first', async () => {
    const fx = workbook();
    fx.active = { sheet: '附件3', cell: 'B5' };
    const host = await ExcelHost.create(fx.env());
    let reloads = 0;
    const reload = host.reloadSettings.bind(host);
    host.reloadSettings = async () => { reloads++; await reload(); };
    const ctrl = new PaneController(host, { analyze, now: () => T1 });
    await ctrl.check();
    expect(reloads).toBe(1);
    await ctrl.applyRecalc();
    expect(reloads).toBe(3); // apply, then its check
    await ctrl.clearMarks();
    expect(reloads).toBe(4);
    await ctrl.insertSummary();
    expect(reloads).toBe(5);
    // A profile another runtime saved is used by the next check.
    fx.settings.set('selfeval.profile', { reverseFormula: 'ratio' });
    const seen: unknown[] = [];
    const ctrl2 = new PaneController(host, { analyze: (_w, o) => { seen.push(o.profile); return fakeReport(); }, now: () => T1 });
    await ctrl2.check();
    expect(seen[0]).toMatchObject({ reverseFormula: 'ratio' });
  });
});
