import * as path from 'path';
import { readWorkbookFile } from '../../src/hosts/file/node';
import { makeRibbon, TASKPANE_KEY } from '../../src/wps/ribbon';
import { WpsHost } from '../../src/hosts/wps/wps-host';
import { PaneController } from '../../src/taskpane/controller';
import { analyze } from '../../src/core/engine';
import { REPORT_KEY, RIBBON_ERROR_KEY, type StoredReport } from '../../src/taskpane/keys';
import { MARKS_KEY } from '../../src/hosts/marks';
import { hexToBgr } from '../../src/hosts/wps/et';
import { MARK_STYLE } from '../../src/core/mark-style';
import { fakeFromSnapshot } from '../hosts/wps/harness';
import { detectPlatform } from '../../src/hosts/detect';
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import { FakeHost } from '../taskpane/fake-host';
import { FakeEt } from '../hosts/wps/fake-et';

const SAMPLE = path.join(__dirname, '../../samples/hongjiang-2024.xlsx');

async function sample() {
  return fakeFromSnapshot((await readWorkbookFile(SAMPLE)).snapshot);
}

describe('WPS ribbon (index.html\'s window.ribbon)', () => {
  test('一键校验 without the pane: checks the real sample, marks it, selects the first error and stores the report', async () => {
    const fx = await sample();
    const alerts: string[] = [];
    const ribbon = makeRibbon({ app: fx.application, base: 'file:///jsaddons/selfeval_0.1.0/', alert: (t) => alerts.push(t) });
    expect(ribbon.OnAddinLoad()).toBe(true);
    ribbon.OnAction({ Id: 'selfevalCheck' });
    await ribbon.idle();
    expect(alerts).toEqual([]);
    // The README's first error of the sample: 附件2!E17 二、部门项目支出 110.26 ≠ 19.05 + 91.25.
    expect(fx.selected).toEqual({ sheet: '附件2', address: 'E17' });
    expect(fx.data('附件2', 'E17').fill!.color).toBe(hexToBgr(MARK_STYLE.error.own.fill));
    expect(fx.data('附件2', 'E17').comment).toContain('110.30');
    const host = await WpsHost.create(fx.env());
    const stored = host.getSetting<StoredReport>(REPORT_KEY)!;
    expect(stored.source).toBe('ribbon');
    expect(stored.report.findings.filter((f) => f.severity === 'error')).toHaveLength(7);
    expect(host.getSetting<{ cells: unknown[] }>(MARKS_KEY)!.cells.length).toBeGreaterThan(7);
  });

  test('the pane opened later shows the ribbon\'s result, and clears the ribbon\'s marks back to the user\'s formatting', async () => {
    const fx = await sample();
    const look = fx.look('附件2', 'E17');
    const ribbon = makeRibbon({ app: fx.application, base: 'file:///x/', alert: () => undefined });
    ribbon.OnAction({ Id: 'selfevalCheck' });
    await ribbon.idle();
    ribbon.OnAction({ Id: 'selfevalPane' });
    expect(fx.taskPanes).toHaveLength(1);
    expect(fx.taskPanes[0]).toMatchObject({ url: 'file:///x/taskpane.html', Visible: true });
    const pane = new PaneController(await WpsHost.create(fx.env()), { analyze });
    pane.start();
    expect(pane.getState().source).toBe('ribbon');
    expect(pane.getState().report!.findings.length).toBeGreaterThan(0);
    await pane.clearMarks();
    expect(fx.look('附件2', 'E17')).toBe(look);
    pane.dispose();
    // A second click shows the same pane again instead of making another.
    fx.taskPanes[0].Visible = false;
    ribbon.OnAction({ Id: 'selfevalPane' });
    expect(fx.taskPanes).toHaveLength(1);
    expect(fx.taskPanes[0].Visible).toBe(true);
    expect(fx.storage.get(TASKPANE_KEY)).toBe(1);
  });

  test('a check that fails (no workbook open) says so at once and stores nothing half-done', async () => {
    const fx = await sample();
    fx.hasWorkbook = false;
    const alerts: string[] = [];
    const ribbon = makeRibbon({ app: fx.application, base: 'file:///x/', alert: (t) => alerts.push(t) });
    ribbon.OnAction({ Id: 'selfevalCheck' });
    await ribbon.idle();
    expect(alerts).toEqual(['WPS 表格 中没有打开的工作簿。请先打开要校验的工作簿，再重试。']);
    fx.hasWorkbook = true;
    expect(fx.properties).toEqual([]);
  });

  test('a protected sheet is named, the others are marked, and the pane hears why', async () => {
    const fx = await sample();
    fx.sheet('附件3').protected = true;
    const ribbon = makeRibbon({ app: fx.application, base: 'file:///x/', alert: () => undefined });
    ribbon.OnAction({ Id: 'selfevalCheck' });
    await ribbon.idle();
    const host = await WpsHost.create(fx.env());
    expect(host.getSetting<{ message: string }>(RIBBON_ERROR_KEY)!.message).toContain('工作表“附件3”受保护');
    expect(fx.data('附件2', 'E17').fill).toBeDefined();
    expect(fx.sheet('附件3').cells.get('E8')?.fill).toBeUndefined();
  });

  test('a page knows where it runs: WPS, Office or a plain browser', () => {
    const fx = new FakeEt();
    expect(detectPlatform({ Application: fx.application })).toBe('wps');
    expect(detectPlatform({ Office: { onReady: () => undefined } })).toBe('office');
    expect(detectPlatform({ Application: {} })).toBe('browser');
    expect(detectPlatform(undefined)).toBe('browser');
  });
});

describe('关于与帮助 in the pane', () => {
  test('the WPS pane offers 自检; a host without diagnostics (Excel) shows no such section', async () => {
    const fx = await sample();
    const wps = await WpsHost.create(fx.env());
    const html = renderToString(React.createElement(App, { host: wps, locale: 'zh', analyze }));
    expect(html).toContain('关于与帮助');
    expect(html).toContain('>自检<');
    expect(renderToString(React.createElement(App, { host: new FakeHost(), locale: 'zh', analyze }))).not.toContain('关于与帮助');
  });
});
