/**
 * The pane never drops an action silently: while one runs, the buttons wait
 * and say why (the busy line, which names what runs), and an action that
 * still arrives (a click racing the busy state, an edit's automatic re-check,
 * the web page's 下载 re-checking first, a ribbon report) is queued and runs
 * when the running one ends.
 */
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import { PaneController } from '../../src/taskpane/controller';
import { REPORT_KEY } from '../../src/taskpane/keys';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import type { Progress } from '../../src/hosts/host';
import { FakeHost, fakeReport } from './fake-host';

/** A host whose reads wait until released: the pane stays busy in between. */
class SlowHost extends FakeHost {
  private gates: (() => void)[] = [];
  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    await new Promise<void>((r) => this.gates.push(r));
    return super.readWorkbook(onProgress);
  }
  /** Make 清除标记 wait too. */
  slowClear = false;
  async clearMarks(): Promise<void> {
    if (this.slowClear) await new Promise<void>((r) => this.gates.push(r));
    return super.clearMarks();
  }
  /** Lets the oldest waiting read go on; resolves once it is waiting (reads start on later turns). */
  async release(): Promise<void> {
    for (let i = 0; i < 50 && this.gates.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    this.gates.shift()?.();
  }
}

const NOW = new Date('2025-03-01T08:00:00.000Z');

function setup() {
  const host = new SlowHost();
  let n = 0;
  const ctrl = new PaneController(host, { analyze: () => { n++; return fakeReport(); }, now: () => NOW, debounceMs: 1 });
  ctrl.start();
  return { host, ctrl, analyses: () => n };
}

describe('the pane while it is busy', () => {
  test('an action asked for during a check is queued, named, and runs after it', async () => {
    const { host, ctrl } = setup();
    host.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T07:00:00.000Z', source: 'pane' });
    const checking = ctrl.check();
    expect(ctrl.getState().busy?.task).toBe('check');
    const exporting = ctrl.exportResults();
    const ignoring = ctrl.ignore(fakeReport().findings[2]);
    expect(ctrl.getState().queued).toEqual(['export', 'ignore']);
    expect(host.calls).not.toContain('writeResultsSheet 校验结果');
    await host.release();
    expect(await checking).toBe(true);
    expect(await exporting).toBe(true);
    expect(await ignoring).toBe(true);
    // In the order asked for, after the check.
    const order = host.calls.filter((c) => /^(readWorkbook|writeResultsSheet|setSetting selfeval\.ignored)/.test(c));
    expect(order[0]).toBe('readWorkbook');
    expect(order.slice(1)).toEqual(['writeResultsSheet 校验结果', expect.stringMatching(/^setSetting .*ignored/)]);
    expect(ctrl.getState().queued).toEqual([]);
    expect(ctrl.getState().busy).toBeNull();
    expect(ctrl.getState().ignored).toHaveLength(1);
  });

  test('a check asked for twice while busy runs once more, and both callers hear its outcome (the page\'s 下载)', async () => {
    const { host, ctrl, analyses } = setup();
    const first = ctrl.check();
    const again = ctrl.check();
    const third = ctrl.check();
    expect(ctrl.getState().queued).toEqual(['check']);
    await host.release();
    await first;
    await host.release();
    expect(await again).toBe(true);
    expect(await third).toBe(true);
    expect(analyses()).toBe(2);
  });

  test('an edit during a check is re-checked after it, not lost', async () => {
    const { host, ctrl, analyses } = setup();
    await ctrl.setAutoRecheck(true);
    const c = ctrl.check();
    await host.release();
    await c;
    expect(analyses()).toBe(1);
    // A slow check runs; the user edits a table meanwhile: the automatic re-check waits for it.
    const checking = ctrl.check();
    host.edit('附件3');
    await new Promise((r) => setTimeout(r, 10));
    expect(ctrl.getState().queued).toEqual(['check']);
    await host.release();
    await checking;
    await host.release();
    for (let i = 0; i < 50 && (ctrl.getState().busy || ctrl.getState().queued.length); i++) await new Promise((r) => setTimeout(r, 2));
    expect(analyses()).toBe(3);
    expect(ctrl.getState().staleSheets).toEqual([]);
  });

  test('a pane closed (another workbook opened) runs nothing it had queued', async () => {
    const { host, ctrl } = setup();
    host.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T07:00:00.000Z', source: 'pane' });
    const checking = ctrl.check();
    const exporting = ctrl.exportResults();
    ctrl.dispose();
    await host.release();
    await checking;
    expect(await exporting).toBe(false);
    expect(host.calls).not.toContain('writeResultsSheet 校验结果');
  });

  test('a report the ribbon stores while the pane is busy is shown when it is idle', async () => {
    const { host, ctrl } = setup();
    host.slowClear = true;
    const clearing = ctrl.clearMarks();
    const later = { ...fakeReport(), summary: '一键校验的摘要' };
    host.externalSetting(REPORT_KEY, { report: later, checkedAt: '2099-01-01T00:00:00.000Z', source: 'ribbon' });
    expect(ctrl.getState().report).toBeNull();
    await host.release();
    await clearing;
    await new Promise((r) => setTimeout(r, 0));
    expect(ctrl.getState().report?.summary).toBe('一键校验的摘要');
    expect(ctrl.getState().notice?.key).toBe('fromRibbon');
  });

  test('the pane says what runs and why the buttons wait; they stay focusable and are described by that line', async () => {
    const { host, ctrl } = setup();
    host.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T07:00:00.000Z', source: 'pane' });
    const ctrlIdle = new PaneController(host, { analyze: () => fakeReport() });
    const idle = renderToString(<App host={host} controller={ctrlIdle} locale="zh" />);
    expect(idle).not.toContain('请稍候');
    expect(idle).not.toContain('aria-disabled="true"');

    const checking = ctrl.check();
    void ctrl.exportResults();
    const html = renderToString(<App host={host} controller={ctrl} locale="zh" />).replace(/<!-- -->/g, '');
    expect(html).toContain('正在校验，请稍候……');
    expect(html).toContain('正在读取工作簿……');
    expect(html).toContain('完成前其他按钮暂不可用。完成后接着：导出。');
    // The 重新校验, 清除标记 and 导出 buttons (and the cards' 忽略) wait: aria-disabled, focusable, described by the busy line.
    const waiting = html.match(/<button[^>]*aria-disabled="true"[^>]*>/g) ?? [];
    expect(waiting.length).toBeGreaterThanOrEqual(4);
    for (const b of waiting) {
      expect(b).toContain('aria-describedby="pane-busy"');
      expect(b).not.toMatch(/\sdisabled=""/);
    }
    expect(html).toMatch(/id="pane-busy"[^>]*role="status"/);
    expect(renderToString(<App host={host} controller={ctrl} locale="en" />)).toContain('Checking, please wait…');
    await host.release();
    await checking;
  });
});
