/**
 * The whole report: text and tables from one .docx, or text from a .docx and tables from a workbook
 * (EXPECTED.md), and lookalikes in another hand, units, tables-only and text-only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readDocumentSync } from '../../../src/hosts/file/docx';
import { readWorkbookSync } from '../../../src/hosts/file/read';
import { analyze } from '../../../src/core/engine';
import type { Finding } from '../../../src/core/report';
import { reportDocx, otherWording } from '../../../scripts/documents';
import { hongjiangWorkbook, toSnapshot, type Variant } from '../../../scripts/workbooks';

const textFindings = (fs: Finding[]) => fs.filter((f) => f.paragraph !== undefined);
const bad = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const brief = (f: Finding) => `¶${f.paragraph} ${f.related.map((r) => `${r.sheet}!${r.cell}`).join(',')}`;

/** EXPECTED.md's four text findings on the published report. */
const EXPECTED_TEXT = ['¶23 附件2!E6,附件3!E7', '¶32 附件2!E17,附件3!E8', '¶40 附件3!H29', '¶52 附件3!F20'];

function checkDoc(bytes: Uint8Array) {
  const d = readDocumentSync(bytes);
  return analyze(d.snapshot, { reportText: d.paragraphs });
}

describe('the seed report (generated .docx, as EXPECTED.md describes the fixtures)', () => {
  it('published: exactly the four text findings, quoting the sentence and naming the cells', () => {
    const a = checkDoc(reportDocx('published'));
    const t = textFindings(a.findings);
    expect(t.map(brief)).toEqual(EXPECTED_TEXT);
    expect(t.every((f) => f.severity === 'error')).toBe(true);
    expect(t[0].quote).toBe('2024 年基本支出总额 267.63 万元，基本支出全年预算数 267.63 万元，预算执行率为 100%。');
    expect(t[0].message).toBe('第 23 段：基本支出决算 267.63 万元 与 附件2!E6 一、部门基本支出 决算 255.51、附件3!E7 基本支出 267.59 不一致，请核对');
    expect(t[1].message).toMatch(/110\.27 万元 与 附件2!E17 二、部门项目支出 决算 110\.26、附件3!E8 项目支出 110\.3 不一致；其中所列 91\.25 \+ 19\.05 = 110\.30 万元，也不等于 110\.27 万元，请核对/);
    expect(t[2].message).toBe('第 40 段：自评得分 95 分 与 附件3!H29 总分 得分 96 不一致，请核对');
    expect(t[3].message).toMatch(/第 52 段：工业固定资产投资同比增长 实际完成值 0 与 附件3!F20 .* -47\.4% 不一致/);
    // The table findings are those of the workbook, unchanged.
    const wb = analyze(toSnapshot(hongjiangWorkbook('published')));
    expect(a.findings.filter((f) => f.paragraph === undefined).map((f) => `${f.sheet}!${f.cell} ${f.rule}`)).toEqual(wb.findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`));
    expect(a.text).toEqual({ paragraphs: 81, figures: expect.any(Number), checked: expect.any(Number), findings: 4 });
    expect(a.text!.checked).toBeGreaterThanOrEqual(15);
  });

  it('corrected: no error and no warning', () => {
    const a = checkDoc(reportDocx('corrected'));
    expect(bad(a.findings)).toEqual([]);
    expect(a.text!.checked).toBeGreaterThanOrEqual(15);
  });

  it('the text of the published report against the corrected workbook: only what the text itself gets wrong', () => {
    const d = readDocumentSync(reportDocx('published', { tables: false }));
    const a = analyze(toSnapshot(hongjiangWorkbook('corrected')), { reportText: d.paragraphs });
    // Against consistent tables 267.63 and 110.27 still disagree, and so do 95 and 0.
    expect(textFindings(a.findings).map((f) => f.paragraph)).toEqual([23, 32, 40, 52]);
  });
});

describe('another hand: 元 and 万元, full-width digits and ％, 达, 共计, parentheses, a bare 实际完成', () => {
  it('corrected: every figure that names a table value agrees', () => {
    const a = checkDoc(reportDocx('corrected', { text: 'other' }));
    expect(bad(a.findings)).toEqual([]);
    expect(a.text!.checked).toBeGreaterThanOrEqual(18);
  });
  it('published: the four slips found in this wording too', () => {
    const a = checkDoc(reportDocx('published', { text: 'other' }));
    const n = otherWording('published').length;
    expect(textFindings(a.findings).map(brief)).toEqual([
      '¶5 附件2!E6,附件3!E7', '¶5 附件2!E17,附件3!E8', '¶12 附件2!E17,附件3!E8', '¶14 附件3!H29', '¶16 附件3!F20',
    ]);
    expect(a.text!.paragraphs).toBe(n + 10);
  });
});

describe('documents with only tables or only text', () => {
  it('tables only: the table findings, no figure in the text', () => {
    const a = checkDoc(reportDocx('published', { text: 'none' }));
    expect(a.tables).toHaveLength(3);
    expect(textFindings(a.findings)).toEqual([]);
    expect(a.text!.checked).toBe(0);
  });
  it('text only: no table, so nothing is compared with a table; only the text\'s own sum is checked', () => {
    const a = checkDoc(reportDocx('published', { tables: false }));
    expect(a.tables).toEqual([]);
    expect(a.findings.map((f) => [f.rule, f.paragraph, f.sheet, f.related])).toEqual([['text-sum', 32, '', []]]);
    expect(a.text!.figures).toBeGreaterThan(30);
    expect(a.text!.checked).toBe(0);
  });
});

describe('the summary the pane inserts is one the text check agrees with', () => {
  it.each(['published', 'corrected', 'miscalculated'] as Variant[])('%s', (variant) => {
    const wb = toSnapshot(hongjiangWorkbook(variant));
    const summary = analyze(wb).summary;
    const a = analyze(wb, { reportText: summary.split('\n') });
    expect(textFindings(a.findings)).toEqual([]);
    expect(a.text!.checked).toBeGreaterThanOrEqual(15);
  });
});

const DIR = path.resolve(__dirname, '../../../../shared/fixtures');
(fs.existsSync(path.join(DIR, 'hongjiang-2024-report.docx')) ? describe : describe.skip)('the fixtures (EXPECTED.md)', () => {
  const doc = (f: string) => readDocumentSync(fs.readFileSync(path.join(DIR, f)), { name: f });
  const book = (f: string) => readWorkbookSync(fs.readFileSync(path.join(DIR, f)), { name: f });

  it('hongjiang-2024-report.docx: the table findings of the workbook and exactly the four text findings', () => {
    const d = doc('hongjiang-2024-report.docx');
    const a = analyze(d.snapshot, { reportText: d.paragraphs });
    expect(textFindings(a.findings).map(brief)).toEqual(EXPECTED_TEXT);
    const flagged = new Set(bad(a.findings).flatMap((f) => [`${f.sheet}!${f.cell}`, ...f.related.map((r) => `${r.sheet}!${r.cell}`)]));
    for (const c of ['附件2!E20', '附件2!E17', '附件2!E6', '附件3!E5', '附件4!C6', '附件4!E6', '附件3!I18']) expect(flagged).toContain(c);
  });

  it('hongjiang-2024-report-corrected.docx: no error and no warning', () => {
    const d = doc('hongjiang-2024-report-corrected.docx');
    expect(bad(analyze(d.snapshot, { reportText: d.paragraphs }).findings)).toEqual([]);
  });

  it('check hongjiang-2024.xlsx --report hongjiang-2024-report.docx: the same four, on the workbook\'s cells', () => {
    const d = doc('hongjiang-2024-report.docx');
    const a = analyze(book('hongjiang-2024.xlsx').snapshot, { reportText: d.paragraphs });
    expect(textFindings(a.findings).map(brief)).toEqual(EXPECTED_TEXT);
  });

  it('check hongjiang-2024-corrected.xlsx --report hongjiang-2024-report-corrected.docx: clean', () => {
    const d = doc('hongjiang-2024-report-corrected.docx');
    expect(bad(analyze(book('hongjiang-2024-corrected.xlsx').snapshot, { reportText: d.paragraphs }).findings)).toEqual([]);
  });

  it('"agree with the tables" (EXPECTED.md): no finding in ¶8, 20, 26, 29, 42–48, 50–56, 59; the figures named are compared', () => {
    const d = doc('hongjiang-2024-report.docx');
    const a = analyze(d.snapshot, { reportText: d.paragraphs });
    const paras = new Set(textFindings(a.findings).map((f) => f.paragraph));
    for (const p of [8, 20, 26, 29, 42, 43, 44, 45, 46, 47, 48, 50, 51, 53, 54, 55, 56, 59]) expect(paras.has(p)).toBe(false);
  });
});
