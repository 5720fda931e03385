/**
 * The .docx reader: paragraphs and tables read from word/document.xml, every
 * Word table the same snapshot a worksheet gives, bad input refused in Chinese.
 */
import * as fs from 'fs';
import * as path from 'path';
import { zipSync, strToU8 } from 'fflate';
import { readDocumentSync, isDocxBytes, documentWorkbook } from '../../../src/hosts/file/docx';
import { readWorkbookSync } from '../../../src/hosts/file/read';
import { InputError } from '../../../src/hosts/file/read';
import { analyze } from '../../../src/core/engine';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { formatNumber } from '../../../src/core/rules/rule';
import { docx, reportDocx, seedText, documentXml } from '../../../scripts/documents';
import { hongjiangWorkbook, toSnapshot, toXlsx, type Variant } from '../../../scripts/workbooks';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const body = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${inner}</w:body></w:document>`;
const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (t: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(t)}</w:tc>`;

/** A finding as a line, for comparing two reports. */
const lines = (wb: WorkbookSnapshot) => analyze(wb).findings.map((f) => `${f.severity} ${f.sheet}!${f.cell} ${f.message} [${f.rule}] ${f.related.map((r) => `${r.sheet}!${r.cell}`).join(',')}`);

describe('the seed report as a generated .docx', () => {
  it.each(['published', 'corrected', 'miscalculated'] as Variant[])('%s: its tables are the workbook\'s sheets, cell for cell', (variant) => {
    const doc = readDocumentSync(reportDocx(variant));
    const wb = toSnapshot(hongjiangWorkbook(variant));
    expect(doc.paragraphs.length).toBe(81);
    expect(doc.paragraphs.slice(0, 71)).toEqual(seedText(variant));
    expect(doc.tables.map((t) => [t.sheet, t.firstRow, t.after])).toEqual([['附件2', 3, 73], ['附件3', 3, 77], ['附件4', 3, 80]]);
    expect(doc.snapshot.sheets.map((s) => s.name)).toEqual(wb.sheets.map((s) => s.name));
    doc.snapshot.sheets.forEach((s, i) => {
      const w = wb.sheets[i];
      expect(s.range).toBe(w.range);
      expect([...s.merges].sort()).toEqual([...w.merges].sort());
      // Word holds text: a number shows as its format shows it (0.8571 under 0.00% → 85.71%).
      const shown = w.values.map((r, ri) => r.map((v, ci) => (typeof v === 'number' ? formatNumber(v, w.numberFormats?.[ri]?.[ci]) : v)));
      shown[0][0] = String(shown[0][0]).replace(/^附件(\d)$/, '附件 $1');
      expect(s.values).toEqual(shown);
    });
  });

  it.each(['published', 'corrected', 'miscalculated'] as Variant[])('%s: the engine finds in the Word tables exactly what it finds in the workbook', (variant) => {
    const doc = readDocumentSync(reportDocx(variant));
    const a = analyze(doc.snapshot);
    const b = analyze(toSnapshot(hongjiangWorkbook(variant)));
    expect(lines(doc.snapshot)).toEqual(lines(toSnapshot(hongjiangWorkbook(variant))));
    expect(a.recalculated.map((r) => `${r.sheet}!${r.cell}`)).toEqual(b.recalculated.map((r) => `${r.sheet}!${r.cell}`));
    expect(a.scores.map((s) => [s.sheet, s.total, s.grade])).toEqual(b.scores.map((s) => [s.sheet, s.total, s.grade]));
  });

  it('the tables as a workbook (how the web page opens a .docx): read back, the same snapshot and findings', () => {
    const doc = readDocumentSync(reportDocx('published'));
    const wb = readWorkbookSync(documentWorkbook(doc));
    expect(wb.snapshot.sheets.map((s) => [s.name, s.range, s.values, [...s.merges].sort()])).toEqual(doc.snapshot.sheets.map((s) => [s.name, s.range, s.values, [...s.merges].sort()]));
    expect(lines(wb.snapshot)).toEqual(lines(doc.snapshot));
    expect(readWorkbookSync(documentWorkbook(readDocumentSync(docx(['只有正文。'])))).snapshot.sheets.map((s) => s.name)).toEqual(['表格']);
  });

  it('a tables-only and a text-only document', () => {
    const t = readDocumentSync(reportDocx('published', { text: 'none' }));
    expect(t.tables).toHaveLength(3);
    expect(t.paragraphs).toHaveLength(10);
    const x = readDocumentSync(reportDocx('published', { tables: false }));
    expect(x.tables).toHaveLength(0);
    expect(x.snapshot.sheets).toEqual([]);
    expect(x.paragraphs).toEqual(seedText('published'));
  });
});

const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures');
(fs.existsSync(path.join(FIXTURES, 'hongjiang-2024-report.docx')) ? describe : describe.skip)('the fixtures (EXPECTED.md)', () => {
  const read = (f: string) => readDocumentSync(fs.readFileSync(path.join(FIXTURES, f)), { name: f });
  it.each([['hongjiang-2024-report.docx', 'hongjiang-2024.xlsx'], ['hongjiang-2024-report-corrected.docx', 'hongjiang-2024-corrected.xlsx']])('%s: 81 paragraphs, 3 tables, the findings of %s', (d, x) => {
    const doc = read(d);
    expect(doc.paragraphs).toHaveLength(81);
    expect(doc.paragraphs.every((t) => t.trim())).toBe(true);
    expect(doc.paragraphs[39]).toMatch(/^部门整体支出绩效情况较好/);
    expect(doc.tables.map((t) => `${t.sheet} ${t.firstRow} ${t.rows}`)).toEqual(['附件2 3 24', '附件3 3 27', '附件4 3 22']);
    expect(doc.snapshot.sheets.map((s) => s.range)).toEqual(['A1:G28', 'A1:I30', 'A1:I25']);
    const wb = readWorkbookSync(fs.readFileSync(path.join(FIXTURES, x)));
    expect(lines(doc.snapshot)).toEqual(lines(wb.snapshot));
  });
});

describe('WordprocessingML the reader must understand', () => {
  it('gridBefore, legacy hMerge, vMerge under a span, nested tables, text boxes, deletions, fields, content controls', () => {
    const xml = body([
      p('附件1'),
      '<w:sdt><w:sdtContent>' + p('表1 测试表') + '</w:sdtContent></w:sdt>',
      '<w:tbl><w:tr>', tc('a', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), tc('b'), '</w:tr>',
      '<w:tr>', tc('', '<w:gridSpan w:val="2"/><w:vMerge/>'), tc('c'), '</w:tr>',
      '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>', tc('d'), tc('e', '<w:hMerge w:val="restart"/>'), '</w:tr>',
      '<w:tr>', tc('f'), tc('g', '<w:hMerge w:val="restart"/>'), tc('', '<w:hMerge w:val="continue"/>'), '</w:tr>',
      '<w:tr><w:tc>', p('外'), '<w:tbl><w:tr>', tc('内'), '</w:tr></w:tbl>', '</w:tc>', tc('h'), tc('i'), '</w:tr>',
      '</w:tbl>',
      p('说明：无'),
      '<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:tab/><w:t>一</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins><w:r><w:t>二</w:t></w:r></w:ins>',
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>3</w:t></w:r>',
      '<w:r><w:drawing><wp:inline xmlns:wp="x"><w:txbxContent>' + p('文本框') + '</w:txbxContent></wp:inline></w:drawing></w:r><w:r><w:br/><w:t>末</w:t></w:r></w:p>',
      '<w:p/>',
    ].join(''));
    const doc = readDocumentSync(docx(xml));
    expect(doc.paragraphs).toEqual(['附件1', '表1 测试表', '说明：无', '正文\t一二3\n末', '']);
    expect(doc.tables).toEqual([{ sheet: '附件1', after: 2, firstRow: 3, rows: 5, cols: 3 }]);
    const s = doc.snapshot.sheets[0];
    expect(s.range).toBe('A1:C8');
    expect(s.values.slice(2, 7)).toEqual([['a', '', 'b'], ['', '', 'c'], ['', 'd', 'e'], ['f', 'g', ''], ['外\n内', 'h', 'i']]);
    expect(s.values[7][0]).toBe('说明：无');
    expect(s.merges.sort()).toEqual(['A2:C2', 'A3:B4', 'A8:C8', 'B6:C6'].sort());
  });

  it('names a table by its 附件 label, its 表 caption, its title, or its place', () => {
    const t = '<w:tbl><w:tr>' + tc('x') + tc('y') + '</w:tr></w:tbl>';
    const doc = readDocumentSync(docx(body([p('附件 三'), p('某某表'), t, p('表2 人员情况'), t, p('2024 年度项目支出绩效自评表'), t, p('正文结束。'), t, t, p('附件 3'), t].join(''))));
    expect(doc.tables.map((x) => x.sheet)).toEqual(['附件3', '表2', '2024年度项目支出绩效自评表', '表格4', '表格5', '附件3(2)']);
    expect(doc.tables.map((x) => x.firstRow)).toEqual([3, 2, 2, 1, 1, 2]);
  });

  it('a document without tables or figures reads as its paragraphs', () => {
    const doc = readDocumentSync(docx([]));
    expect(doc.paragraphs).toEqual([]);
    expect(doc.snapshot.sheets).toEqual([]);
  });

  it('tells a .docx from an .xlsx', async () => {
    expect(isDocxBytes(docx(['a']))).toBe(true);
    const x = await toXlsx(hongjiangWorkbook());
    expect(isDocxBytes(x)).toBe(false);
    expect(() => readDocumentSync(x, { name: 'a.xlsx' })).toThrow(/无法读取 a\.xlsx：这是 Excel 工作簿，不是 Word 文档/);
  });
});

/** A report whose word/document.xml does not inflate (its compressed bytes overwritten). */
function damagedPart(): Uint8Array {
  const z = zipSync({ 'word/document.xml': strToU8(documentXml(Array.from({ length: 200 }, (_, i) => `第 ${i} 段 ${i * 7}`))) }, { level: 6 });
  const nameLen = z[26] | (z[27] << 8);
  const extraLen = z[28] | (z[29] << 8);
  const data = 30 + nameLen + extraLen;
  z.fill(0xff, data, data + 16);
  return z;
}

describe('bad input: one line of Chinese, never a stack', () => {
  const ole = (stream: string) => {
    const b = new Uint8Array(2048);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    [...stream].forEach((c, i) => { b[512 + 2 * i] = c.charCodeAt(0); });
    return b;
  };
  const fails = (bytes: Uint8Array, name: string, re: RegExp) => {
    let err: unknown;
    try { readDocumentSync(bytes, { name }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toMatch(/\n/);
    // Chinese only: beside the file's and the part's names and the programs' names, no English (the parser's detail stays off the message).
    const rest = (err as Error).message.replace(name, '').replace(/word\/[\w./]+/g, '').replace(/Microsoft|Word|WPS|Excel|\.(docx?|xlsx|wps)\b/g, '');
    expect(rest).not.toMatch(/[A-Za-z]{2,}/);
  };
  it.each([
    ['empty', new Uint8Array(0), 'a.docx', /a\.docx：文件是空的/],
    ['old .doc', ole('WordDocument'), 'a.doc', /旧版 Word 97-2003 文档（\.doc）/],
    ['.wps', ole('WpsContent'), 'a.wps', /WPS 文字的 \.wps 文档/],
    ['encrypted', ole('EncryptedPackage'), 'a.docx', /文档已加密/],
    ['plain text', strToU8('hello'), 'a.docx', /不是 Word 文档/],
    ['damaged zip', reportDocx().slice(0, 3000), 'a.docx', /已损坏或不完整/],
    ['a zip without a document', zipSync({ 'a.txt': strToU8('x') }), 'a.docx', /不是 Word 文档/],
    ['malformed XML', docx(body('<w:p><w:r><w:t>x</w:r></w:p>')), 'a.docx', /部件 word\/document\.xml 已损坏，请在 Word 或 WPS 文字中打开并另存后再试$/],
    ['a damaged part in the zip', damagedPart(), 'a.docx', /部件 word\/document\.xml 已损坏，请在 Word 或 WPS 文字中打开并另存后再试$/],
  ])('%s', (_, bytes, name, re) => fails(bytes, name, re));

  it('a workbook chosen as the report is named as one, in Chinese', async () => {
    fails(await toXlsx(hongjiangWorkbook()), '表.docx', /无法读取 表\.docx：这是 Excel 工作簿，不是 Word 文档：请把它作为附件表格文件校验$/);
  });

  it('the unpacking budget of workbooks applies (a zip bomb stops)', () => {
    const big = documentXml([`${'零'.repeat(1000)}`.repeat(2000)]);
    let err: unknown;
    try { readDocumentSync(docx(big), { name: 'b.docx', budget: 1 << 20 }); } catch (e) { err = e; }
    expect((err as Error).message).toMatch(/b\.docx：文档解压后过大/);
  });
});
