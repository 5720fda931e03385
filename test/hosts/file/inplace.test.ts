/**
 * `fix` edits the original package in place: on rich workbooks, every part
 * but the patched ones is byte-identical, and the patched parts differ only
 * where patched. Unzips both and compares.
 */
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../../src/hosts/file/read';
import { applyPatch, appendSheet, writeWorkbook, NOTE_PREFIX } from '../../../src/hosts/file/write';
import { analyze } from '../../../src/core/engine';
import { patchFromReport, type Patch } from '../../../src/core/patch';
import { MARK_STYLE } from '../../../src/core/mark-style';
import { tags } from '../../../src/hosts/file/xmledit';
import { richWorkbook, parts, text } from './rich';
import * as W from '../../../scripts/workbooks';

async function fix(bytes: Uint8Array): Promise<{ out: Uint8Array; patch: Patch }> {
  const fw = await readWorkbook(bytes);
  const patch = patchFromReport(analyze(fw.snapshot));
  applyPatch(fw, patch);
  return { out: await writeWorkbook(fw), patch };
}

/** The XML without the listed cells' elements (and, when asked, the legacyDrawing element). */
function withoutCells(xml: string, cells: Set<string>): string {
  return xml.replace(/<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g, (m, a1: string) => (cells.has(a1) ? '' : m));
}

/** Whether the tags of `a` appear in order in `b` (b only adds elements). */
function tagsKeptIn(a: string, b: string): boolean {
  const ta = [...tags(a)].map((t) => a.slice(t.start, t.end).replace(/\s+count="\d+"/, ''));
  const tb = [...tags(b)].map((t) => b.slice(t.start, t.end).replace(/\s+count="\d+"/, ''));
  let j = 0;
  for (const t of ta) {
    while (j < tb.length && tb[j] !== t) j++;
    if (j === tb.length) return false;
    j++;
  }
  return true;
}

describe('fix in place on a rich workbook', () => {
  let input: Uint8Array;
  let output: Uint8Array;
  let patch: Patch;
  beforeAll(async () => {
    input = await richWorkbook('miscalculated');
    ({ out: output, patch } = await fix(input));
  });

  test('the patch has values and marks on all three sheets (the precondition of this test)', () => {
    expect(new Set(patch.values.map((v) => v.sheet))).toEqual(new Set(['附件2', '附件3', '附件4']));
    expect(patch.marks.length).toBeGreaterThan(5);
    expect(patch.values.some((v) => v.sheet === '附件3' && v.cell === 'H18')).toBe(true);
  });

  test('every part that needs no patch is byte-identical', () => {
    const a = parts(input);
    const b = parts(output);
    const patched = new Set(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/styles.xml', 'xl/workbook.xml',
      'xl/comments/comment1.xml', 'xl/drawings/commentsDrawing1.vml', '[Content_Types].xml',
      'xl/worksheets/_rels/sheet1.xml.rels', 'xl/worksheets/_rels/sheet3.xml.rels']);
    for (const name of Object.keys(a)) {
      expect(b[name]).toBeDefined();
      if (!patched.has(name)) expect([name, Buffer.from(b[name]).equals(Buffer.from(a[name]))]).toEqual([name, true]);
    }
    // What the rich workbook carries, kept: protection, names, print area, validation, sparklines, custom XML, WPS, printer settings.
    const wb = text(b['xl/workbook.xml']);
    expect(wb).toContain('workbookHashValue="q1w2e3r4t5y6u7i8o9p0=="');
    expect(wb).toContain('<definedName name="控制率" localSheetId="0">');
    expect(wb).toContain('<definedName name="_xlnm.Print_Area" localSheetId="1">');
    const s2 = text(b['xl/worksheets/sheet2.xml']);
    for (const s of ['<sheetProtection password="CC3D" sheet="true"', '<dataValidations count="1">', '<conditionalFormatting sqref="H17:H28">', '<x14:sparklineGroups', '<ignoredErrors>', 'r:id="rIdP"']) expect(s2).toContain(s);
    expect(text(b['xl/worksheets/sheet3.xml'])).toContain('hashValue="aGFzaA=="');
  });

  test('patched parts differ only where patched', () => {
    const a = parts(input);
    const b = parts(output);
    const changed = new Map<string, Set<string>>();
    for (const x of [...patch.values, ...patch.marks]) {
      if (!changed.has(x.sheet)) changed.set(x.sheet, new Set());
      changed.get(x.sheet)!.add(x.cell);
    }
    const sheetPart: Record<string, string> = { 附件2: 'xl/worksheets/sheet1.xml', 附件3: 'xl/worksheets/sheet2.xml', 附件4: 'xl/worksheets/sheet3.xml' };
    for (const [sheet, part] of Object.entries(sheetPart)) {
      const cells = changed.get(sheet) ?? new Set();
      const before = withoutCells(text(a[part]), cells);
      // New rows hold only new cells; a new legacyDrawing holds the new notes' VML.
      const after = withoutCells(text(b[part]), cells).replace(/<row r="\d+"><\/row>/g, '').replace(/<legacyDrawing xmlns:r="[^"]*" r:id="rId\d+"\/>|<legacyDrawing r:id="rId\d+"\/>(?=<)/g, (m) => (text(a[part]).includes(m) ? m : ''));
      expect([part, after]).toEqual([part, before]);
    }
    // styles.xml: every element kept in order; only fills, borders, formats added (counts follow).
    expect(tagsKeptIn(text(a['xl/styles.xml']), text(b['xl/styles.xml']))).toBe(true);
    // workbook.xml: only calcPr's fullCalcOnLoad.
    expect(text(b['xl/workbook.xml']).replace(' fullCalcOnLoad="1"', '')).toBe(text(a['xl/workbook.xml']));
    for (const p of ['[Content_Types].xml', 'xl/comments/comment1.xml', 'xl/drawings/commentsDrawing1.vml']) expect([p, tagsKeptIn(text(a[p]), text(b[p]))]).toEqual([p, true]);
  });

  test('the mark: a new cell format cloned from the cell\'s own, with the fill and border of mark-style.ts', async () => {
    // exceljs cannot open the rich workbook (absolute relationship targets): this one is plain.
    const input = await W.toXlsx(W.hongjiangWorkbook('miscalculated'));
    const { out: output } = await fix(input);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    const src = new ExcelJS.Workbook();
    await src.xlsx.load(input as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('附件3')!;
    const h29 = ws.getCell('H29');
    const look = MARK_STYLE.error.own;
    expect((h29.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${look.fill.slice(1)}`);
    expect(h29.border.top?.style).toBe(look.line);
    expect(h29.border.left?.color?.argb).toBe(`FF${look.border.slice(1)}`);
    // Font and alignment come from the cell's own format.
    const before = src.getWorksheet('附件3')!.getCell('H29');
    expect(h29.font).toEqual(before.font);
    expect(h29.alignment).toEqual(before.alignment);
    // Unmarked cells keep their format.
    for (const a of ['C3', 'D17', 'G29', 'B18']) expect(ws.getCell(a).style).toEqual(src.getWorksheet('附件3')!.getCell(a).style);
  });

  test('notes: the user\'s text kept in both XML forms, ours after it; untouched notes stay', () => {
    const c = text(parts(output)['xl/comments/comment1.xml']);
    const note = (ref: string) => new RegExp(`<comment ref="${ref}"[^>]*>([\\s\\S]*?)</comment>`).exec(c)?.[1] ?? '';
    expect(note('H18')).toMatch(/^<text><t>按局务会意见打分<\/t><r>.*<t xml:space="preserve">\n\n【自评表校验助手】/);
    expect(note('H29')).toMatch(/^<text><r><rPr><b\/><sz val="9"\/><\/rPr><t>总分<\/t><\/r><r><rPr><sz val="9"\/><\/rPr><t xml:space="preserve"> 由公式计算<\/t><\/r><r>[\s\S]*【自评表校验助手】/);
    expect(note('C3')).toBe('<text><r><rPr><b/><sz val="9"/><rFont val="宋体"/></rPr><t>审核人:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/></rPr><t xml:space="preserve">\n单位名称以公章为准</t></r></text>');
  });

  test('a second run replaces its own marks and notes instead of stacking them', async () => {
    const { out: twice } = await fix(output);
    const p1 = parts(output);
    const p2 = parts(twice);
    const count = (s: string) => Number(/<cellXfs count="(\d+)"/.exec(s)![1]);
    expect(count(text(p2['xl/styles.xml']))).toBe(count(text(p1['xl/styles.xml'])));
    expect(Buffer.from(p2['xl/styles.xml']).equals(Buffer.from(p1['xl/styles.xml']))).toBe(true);
    const c2 = text(p2['xl/comments/comment1.xml']);
    for (const m of c2.matchAll(/<comment\b[\s\S]*?<\/comment>/g)) expect(m[0].split(NOTE_PREFIX).length).toBeLessThanOrEqual(2);
    expect(c2).toContain('<t>按局务会意见打分</t>');
    // The second run finds nothing to recalculate; the notes keep the user's text.
    const fw = await readWorkbook(twice);
    expect(analyze(fw.snapshot).recalculated).toEqual([]);
  });

  test('a run without findings takes the earlier marks and notes off', async () => {
    const fw = await readWorkbook(output);
    applyPatch(fw, { values: [], marks: [] });
    const out = await writeWorkbook(fw);
    const c = text(parts(out)['xl/comments/comment1.xml']);
    expect(c).not.toContain(NOTE_PREFIX);
    expect(c).toContain('<comment ref="H18" authorId="0"><text><t>按局务会意见打分</t></text></comment>');
    // Every cell's format index is back to the one it had before the marks.
    const sIndex = (bytes: Uint8Array, a1: string) => new RegExp(`<c r="${a1}"([^>]*?)/?>`).exec(text(parts(bytes)['xl/worksheets/sheet2.xml']))?.[1].match(/ s="(\d+)"/)?.[1];
    for (const a of ['H29', 'H18', 'C3', 'E8', 'I18']) expect([a, sIndex(out, a)]).toEqual([a, sIndex(input, a)]);
    expect(sIndex(output, 'H29')).not.toBe(sIndex(input, 'H29'));
    // Notes of ours only on cells without a user note: removed with their VML shapes.
    const vml1 = text(parts(output)['xl/drawings/vmlDrawing1.vml'] ?? new Uint8Array());
    const vml0 = text(parts(out)['xl/drawings/vmlDrawing1.vml'] ?? new Uint8Array());
    if (vml1) expect(vml0.split('<v:shape ').length).toBeLessThan(vml1.split('<v:shape ').length);
  });
});

describe('notes where the sheet has none: comments and VML parts created', () => {
  test('Excel finds the note: comments part, VML drawing, legacyDrawing, relationships, content types', async () => {
    const { out } = await fix(await W.toXlsx(W.hongjiangWorkbook('published')));
    const p = parts(out);
    const rels = text(p['xl/worksheets/_rels/sheet1.xml.rels']);
    expect(rels).toMatch(/relationships\/comments" Target="\.\.\/comments1\.xml"/);
    expect(rels).toMatch(/relationships\/vmlDrawing" Target="\.\.\/drawings\/vmlDrawing1\.vml"/);
    expect(text(p['xl/worksheets/sheet1.xml'])).toMatch(/<legacyDrawing (xmlns:r="[^"]+" )?r:id="rId\d+"\/>/);
    expect(text(p['[Content_Types].xml'])).toContain('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>');
    expect(text(p['xl/drawings/vmlDrawing1.vml'])).toContain('<x:ClientData ObjectType="Note">');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.getWorksheet('附件2')!.getCell('E20').note)).toContain('【自评表校验助手】');
  });
});

describe('appendSheet: a results sheet through the same patcher', () => {
  test('plain rows and internal hyperlinks; exceljs reads it back; a second call replaces it', async () => {
    const plain = await W.toXlsx(W.hongjiangWorkbook('published'));
    const fw = await readWorkbook(plain);
    appendSheet(fw, '校验结果', [
      ['单元格', '严重程度', '说明'],
      [{ text: '附件2!E17', link: { sheet: '附件2', cell: 'E17' } }, '错误', '附件3!E8 项目支出 110.3 与 附件2!E17 不一致 <&>'],
      [{ text: "It's!A1", link: { sheet: "It's", cell: 'A1' } }, 1.5, null],
    ]);
    const out = await writeWorkbook(fw);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('校验结果')!;
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件2', '附件3', '附件4', '校验结果']);
    expect(ws.getCell('A1').value).toBe('【自评表校验助手】校验结果');
    expect(ws.getCell('C3').value).toBe('附件3!E8 项目支出 110.3 与 附件2!E17 不一致 <&>');
    expect(ws.getCell('B4').value).toBe(1.5);
    const xml = text(parts(out)[fw.sheets[3].part]);
    expect(xml).toContain('<hyperlink ref="A3" location="\'附件2\'!E17" display="附件2!E17"/>');
    expect(xml).toContain('location="\'It\'\'s\'!A1"');
    // The other parts are as they were.
    const a = parts(plain);
    const b = parts(out);
    for (const n of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) expect(Buffer.from(b[n]).equals(Buffer.from(a[n]))).toBe(true);
    // The styles part only gains the sheet's formats (a bold font, top-aligned and wrapped cells), appended.
    const before = text(a['xl/styles.xml']);
    const after = text(b['xl/styles.xml']);
    const xfsOf = (x: string) => /<cellXfs[^>]*>([\s\S]*)<\/cellXfs>/.exec(x)![1];
    expect(xfsOf(after).startsWith(xfsOf(before))).toBe(true);
    expect(xfsOf(after).slice(xfsOf(before).length)).toMatch(/^(<xf [^>]*><alignment vertical="top"( wrapText="1")?\/><\/xf>){3}$/);
    expect(ws.getCell('A2').font?.bold).toBe(true);
    // Again: replaced, not a second sheet.
    const again = await readWorkbook(out);
    appendSheet(again, '校验结果', [['无问题']]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load((await writeWorkbook(again)) as unknown as ArrayBuffer);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['附件2', '附件3', '附件4', '校验结果']);
    expect(wb2.getWorksheet('校验结果')!.getCell('A2').value).toBe('无问题');
  });
});
