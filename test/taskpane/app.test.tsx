import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import { PaneController } from '../../src/taskpane/controller';
import { REPORT_KEY } from '../../src/taskpane/keys';
import { FakeHost, fakeReport } from './fake-host';

// A server render in the node environment: enough to check that the pane
// renders its states and texts without Office.js (the browser demo reuses it).
describe('App', () => {
  test('renders the empty state in Chinese without touching Office', () => {
    const html = renderToString(<App host={new FakeHost()} locale="zh" analyze={() => fakeReport()} />);
    expect(html).toContain('自评表校验助手');
    expect(html).toContain('尚未校验');
    expect(html).toContain('清除标记');
  });

  test('renders a stored report: tables, grouped findings with counts, related links', () => {
    const host = new FakeHost();
    host.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T08:00:00.000Z', source: 'ribbon' });
    const html = renderToString(<App host={host} locale="zh" analyze={() => fakeReport()} />).replace(/<!-- -->/g, '');
    expect(html).toContain('整体支出绩效自评表：洪江区科技和工业信息化局');
    expect(html).toContain('共 3 条：错误 2，警告 1，提示 0');
    expect(html).toContain('附件2!D8');
    // A cross-table mismatch states both sides and asks to check: no 应为.
    expect(html).toContain('本格 377.89 与 附件2!D8 的 365.77 不一致，请核对');
    expect(html).not.toContain('应为 365.77');
    // Counts on every tab.
    for (const tab of ['检查结果（3）', '重算（3）', '得分（1）', '摘要（1）', '评分规则（默认）']) expect(html).toContain(tab);
    expect(html).not.toMatch(/评分规则 ?[（(]0/);
    // Buttons named with severity and message; the legend of the marks.
    expect(html).toContain('aria-label="错误：附件3!G5 执行率应为 100.00%"');
    expect(html).toContain('错误：红色粗实线边框');
    // The one nested landmark problem: the pane is a plain region when the page has its own main.
    const embedded = renderToString(<App host={host} locale="zh" analyze={() => fakeReport()} landmark="region" />);
    expect(embedded).not.toContain('<main');
  });

  test('a workbook with no recognized table is not shown as a pass', () => {
    const host = new FakeHost();
    host.settings.set(REPORT_KEY, { report: fakeReport({ tables: [], findings: [], recalculated: [], scores: [], summary: '' }), checkedAt: '2025-03-01T08:00:00.000Z', source: 'pane' });
    const html = renderToString(<App host={host} locale="zh" analyze={() => fakeReport()} />);
    expect(html).toContain('没有识别到自评表');
    expect(html).not.toContain('没有发现问题');
    expect(html).not.toContain('intent="success"');
  });

  test('falls back to English', () => {
    const host = new FakeHost();
    const ctrl = new PaneController(host, { analyze: () => fakeReport() });
    const html = renderToString(<App host={host} controller={ctrl} locale="en" />);
    expect(html).toContain('Not checked yet');
  });
});
