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
    expect(html).toContain('跨表');
    expect(html).toContain('重算 (3)');
  });

  test('falls back to English', () => {
    const host = new FakeHost();
    const ctrl = new PaneController(host, { analyze: () => fakeReport() });
    const html = renderToString(<App host={host} controller={ctrl} locale="en" />);
    expect(html).toContain('Not checked yet');
  });
});
