/**
 * `selfeval check 报告.docx`, `check 附件.xlsx --report 报告.docx`, folders with .docx, and bad Word input.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../support/cli';
import { reportDocx } from '../../scripts/documents';
import { hongjiangWorkbook, toXlsx } from '../../scripts/workbooks';

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-docx-'));
  fs.writeFileSync(file('report.docx'), reportDocx('published'));
  fs.writeFileSync(file('report-corrected.docx'), reportDocx('corrected'));
  fs.writeFileSync(file('text-only.docx'), reportDocx('published', { tables: false }));
  fs.writeFileSync(file('published.xlsx'), await toXlsx(hongjiangWorkbook('published')));
  fs.writeFileSync(file('corrected.xlsx'), await toXlsx(hongjiangWorkbook('corrected')));
  const ole = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  Buffer.from('WordDocument', 'utf16le').copy(ole, 512);
  fs.writeFileSync(file('old.doc'), ole);
  fs.writeFileSync(file('old.wps'), ole);
  const enc = Buffer.from(ole);
  Buffer.from('EncryptedPackage', 'utf16le').copy(enc, 512);
  fs.writeFileSync(file('locked.docx'), enc);
  fs.writeFileSync(file('damaged.docx'), Buffer.from(reportDocx('published')).subarray(0, 4000));
  fs.writeFileSync(file('empty.docx'), Buffer.alloc(0));
  fs.mkdirSync(file('folder'));
  fs.copyFileSync(file('report.docx'), path.join(file('folder'), 'a.docx'));
  fs.copyFileSync(file('corrected.xlsx'), path.join(file('folder'), 'b.xlsx'));
  fs.writeFileSync(path.join(file('folder'), '~$a.docx'), 'lock');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface JsonFinding { rule: string; severity: string; paragraph?: number; quote?: string; sheet: string; cell: string; related: { sheet: string; cell: string }[]; message: string }
interface JsonReport { file: string; tables: unknown[]; findings: JsonFinding[]; text?: { paragraphs: number; figures: number; checked: number; findings: number } }

describe('selfeval check 报告.docx', () => {
  it('--json: table findings as today, text findings with paragraph, quote, message and related cells', async () => {
    const r = await runCli('check', file('report.docx'), '--json');
    expect(r.status).toBe(1);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.tables).toHaveLength(3);
    const text = rep.findings.filter((f) => f.paragraph !== undefined);
    expect(text.map((f) => [f.paragraph, f.related.map((c) => `${c.sheet}!${c.cell}`)])).toEqual([
      [23, ['附件2!E6', '附件3!E7']], [32, ['附件2!E17', '附件3!E8']], [40, ['附件3!H29']], [52, ['附件3!F20']],
    ]);
    expect(text[2]).toEqual({
      rule: 'text-score', severity: 'error', paragraph: 40, quote: '部门整体支出绩效情况较好，基本能够达到预期效果，自评得分 95 分。',
      sheet: '附件3', cell: 'H29', related: [{ sheet: '附件3', cell: 'H29' }], message: '第 40 段：自评得分 95 分 与 附件3!H29 总分 得分 96 不一致，请核对',
      expected: 96, actual: '95 分',
    });
    // Table findings keep today's shape (no paragraph, no quote).
    const table = rep.findings.filter((f) => f.paragraph === undefined);
    expect(table.flatMap((f) => [`${f.sheet}!${f.cell}`, ...f.related.map((c) => `${c.sheet}!${c.cell}`)])).toEqual(expect.arrayContaining(['附件2!E20', '附件2!E17', '附件2!E6', '附件3!E5', '附件4!C6', '附件4!E6', '附件3!I18']));
    expect(table.every((f) => !('quote' in f))).toBe(true);
    expect(rep.text).toEqual({ paragraphs: 81, figures: expect.any(Number), checked: expect.any(Number), findings: 4 });
  });

  it('text: the 报告正文 part counts the figures checked and quotes each sentence', async () => {
    const r = await runCli('check', file('report.docx'));
    expect(r.stdout).toMatch(/报告正文：4 个错误，0 个警告，0 条提示\n\s+共 81 段，找到 \d+ 个数字，其中 \d+ 个与表格中的数字核对/);
    expect(r.stdout).toContain('原文：“部门整体支出绩效情况较好，基本能够达到预期效果，自评得分 95 分。”');
  });

  it('the corrected report: exit 0, no error or warning', async () => {
    const r = await runCli('check', file('report-corrected.docx'), '--json');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a text-only report: no table recognized, said in Chinese; the text\'s own sum is still checked', async () => {
    const r = await runCli('check', file('text-only.docx'));
    expect(r.stdout).toContain('未识别到基础数据表、整体支出绩效自评表或项目支出绩效自评表');
    expect(r.stdout).toMatch(/第 32 段：合计 110\.27 万元，但其中所列 91\.25 \+ 19\.05 = 110\.30 万元/);
    expect(r.status).toBe(1);
  });
});

describe('selfeval check 附件.xlsx --report 报告.docx', () => {
  it('the workbook\'s table findings and the text findings on the workbook\'s cells', async () => {
    const r = await runCli('check', file('published.xlsx'), '--report', file('text-only.docx'), '--json');
    expect(r.status).toBe(1);
    const rep = JSON.parse(r.stdout) as JsonReport;
    expect(rep.findings.filter((f) => f.paragraph !== undefined).map((f) => f.paragraph)).toEqual([23, 32, 40, 52]);
    expect(rep.findings.filter((f) => f.paragraph === undefined).length).toBeGreaterThanOrEqual(7);
  });
  it('corrected workbook and corrected report: exit 0', async () => {
    const r = await runCli('check', file('corrected.xlsx'), '--report', file('report-corrected.docx'), '--json');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  it('an unreadable --report: exit 2 and one Chinese line', async () => {
    const r = await runCli('check', file('corrected.xlsx'), '--report', file('old.doc'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^无法读取 .*old\.doc：这是旧版 Word 97-2003 文档（\.doc），请在 Word 或 WPS 文字中另存为 \.docx 后再试$/);
  });
});

describe('folders and bad Word input', () => {
  it('a folder gives its .xlsx and .docx files (lock files skipped)', async () => {
    const r = await runCli('check', file('folder'), '--json');
    const reps = JSON.parse(r.stdout) as JsonReport[];
    expect(reps.map((x) => path.basename(x.file))).toEqual(['a.docx', 'b.xlsx']);
    expect(r.status).toBe(1);
  });
  it.each([
    ['old.doc', /旧版 Word 97-2003 文档（\.doc）/],
    ['old.wps', /WPS 文字的 \.wps 文档/],
    ['locked.docx', /文档已加密/],
    ['damaged.docx', /文档已损坏或不完整/],
    ['empty.docx', /文件是空的/],
  ])('%s: exit 2, one line of Chinese, no stack', async (name, re) => {
    const r = await runCli('check', file(name));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const j = await runCli('check', file(name), '--json');
    expect(JSON.parse(j.stdout)).toEqual({ file: file(name), error: expect.stringMatching(re) });
  });
});
