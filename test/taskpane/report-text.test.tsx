import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../../src/taskpane/App';
import { PaneController } from '../../src/taskpane/controller';
import { REPORT_KEY } from '../../src/taskpane/keys';
import { pastedParagraphs } from '../../src/taskpane/components/ReportText';
import { analyze } from '../../src/core/engine';
import { hongjiangWorkbook, toSnapshot } from '../../scripts/workbooks';
import { seedText } from '../../scripts/documents';
import { FakeHost, fakeReport } from './fake-host';

function hongjiangHost(variant: 'published' | 'corrected'): FakeHost {
  const host = new FakeHost();
  host.snapshot = toSnapshot(hongjiangWorkbook(variant));
  return host;
}

describe('the 报告正文 tab', () => {
  test('renders its choices in Chinese: a .docx or pasted text', () => {
    const host = new FakeHost();
    host.settings.set(REPORT_KEY, { report: fakeReport(), checkedAt: '2025-03-01T08:00:00.000Z', source: 'pane' });
    const html = renderToString(<App host={host} locale="zh" analyze={() => fakeReport()} initialTab="text" />);
    for (const s of ['报告正文', '选择 Word 报告（.docx）', '或粘贴报告正文（每段一行）', '核对正文', 'accept=".docx']) expect(html).toContain(s);
    expect(renderToString(<App host={host} locale="en" analyze={() => fakeReport()} initialTab="text" />)).toContain('Report text');
  });

  test('the controller checks paragraphs against the workbook\'s tables: findings with quote and cells', async () => {
    const ctrl = new PaneController(hongjiangHost('published'), { analyze });
    const r = await ctrl.checkReportText(seedText('published'));
    expect(r.findings.map((f) => [f.paragraph, f.related.map((c) => `${c.sheet}!${c.cell}`)])).toEqual([
      [23, ['附件2!E6', '附件3!E7']], [32, ['附件2!E17', '附件3!E8']], [40, ['附件3!H29']], [52, ['附件3!F20']],
    ]);
    expect(r.findings[2].quote).toBe('部门整体支出绩效情况较好，基本能够达到预期效果，自评得分 95 分。');
    expect(r.summary.paragraphs).toBe(71);
    expect(r.summary.checked).toBeGreaterThanOrEqual(15);
  });

  test('the summary the pane inserts agrees with the check', async () => {
    for (const v of ['published', 'corrected'] as const) {
      const host = hongjiangHost(v);
      const ctrl = new PaneController(host, { analyze });
      const summary = analyze(host.snapshot, {}).summary;
      expect((await ctrl.checkReportText(pastedParagraphs(summary))).findings).toEqual([]);
    }
  });

  test('a report that came with the workbook (the web page opening a .docx) is the tab\'s starting point', () => {
    const ctrl = new PaneController(new FakeHost(), { analyze, reportText: { name: 'r.docx', paragraphs: ['a'] } });
    expect(ctrl.reportText()).toEqual({ name: 'r.docx', paragraphs: ['a'] });
    expect(new PaneController(new FakeHost(), { analyze }).reportText()).toBeNull();
  });

  test('pasted text: one paragraph a line, empty lines kept so that numbers match the text', () => {
    expect(pastedParagraphs('a\r\nb\n\nc')).toEqual(['a', 'b', '', 'c']);
  });
});
