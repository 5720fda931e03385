import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readWorkbook, type FileWorkbook } from '../../../src/hosts/file/read';
import { applyPatch, writeWorkbook, PatchError, MARK_FILLS, NOTE_PREFIX } from '../../../src/hosts/file/write';
import { writeWorkbookFile, readWorkbookFile } from '../../../src/hosts/file/node';
import type { Patch, Mark } from '../../../src/core/patch';
import * as W from '../../../scripts/workbooks';

async function miscalculated(): Promise<FileWorkbook> {
  const spec = W.hongjiangWorkbook('miscalculated');
  // 附件3 总分 as a formula, so that a patch can aim at a formula cell.
  spec.sheets[1] = W.sheet('附件3', W.hongjiangOverall('miscalculated', { formulas: { total: true } }));
  return readWorkbook(await W.toXlsx(spec));
}

function valueAt(fw: FileWorkbook, sheet: string, row: number, col: number) {
  return fw.snapshot.sheets.find((s) => s.name === sheet)!.values[row][col];
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
}

const mark = (sheet: string, cell: string, severity: Mark['severity'], message: string, related = false): Mark =>
  ({ sheet, cell, severity, message, related });

describe('applyPatch: values', () => {
  it('writes values, keeps or sets the number format, and refreshes the snapshot', async () => {
    const fw = await miscalculated();
    const patch: Patch = {
      values: [
        { sheet: '附件2', cell: 'E4', value: 0.8571, numberFormat: '0.00%' },
        { sheet: '附件4', cell: 'G6', value: 1 },
        { sheet: '附件4', cell: 'H6', value: 10 },
      ],
      marks: [],
    };
    applyPatch(fw, patch);
    const ws2 = fw.workbook.getWorksheet('附件2')!;
    const ws4 = fw.workbook.getWorksheet('附件4')!;
    expect(ws2.getCell('E4').value).toBe(0.8571);
    expect(ws2.getCell('E4').numFmt).toBe('0.00%');
    expect(ws4.getCell('G6').value).toBe(1);
    expect(ws4.getCell('G6').numFmt).toBe('0%');
    expect(valueAt(fw, '附件2', 3, 4)).toBe(0.8571);
    expect(valueAt(fw, '附件4', 5, 7)).toBe(10);
    // Untouched sheets keep their snapshot.
    expect(valueAt(fw, '附件3', 4, 7)).toBe(9.5);
  });

  it('refuses to write into a formula cell, and writes nothing then', async () => {
    const fw = await miscalculated();
    const ws3 = fw.workbook.getWorksheet('附件3')!;
    expect(ws3.getCell('H29').formula).toBe('H5+SUM(H17:H28)');
    const patch: Patch = {
      values: [{ sheet: '附件3', cell: 'H5', value: 10 }, { sheet: '附件3', cell: 'H29', value: 96 }],
      marks: [mark('附件3', 'H5', 'error', 'x')],
    };
    const e = (() => { try { applyPatch(fw, patch); return null; } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(PatchError);
    expect((e as PatchError).code).toBe('formula');
    expect((e as PatchError).message).toMatch(/附件3!H29.*公式（formula）/);
    expect(ws3.getCell('H5').value).toBe(9.5);
    expect(fillOf(ws3.getCell('H5'))).toBeUndefined();
    expect(ws3.getCell('H29').formula).toBe('H5+SUM(H17:H28)');
  });

  it('refuses a cell inside a merged area and an unknown sheet', async () => {
    const fw = await miscalculated();
    expect(() => applyPatch(fw, { values: [{ sheet: '附件2', cell: 'F4', value: 1 }], marks: [] })).toThrow(/合并单元格/);
    expect(() => applyPatch(fw, { values: [], marks: [mark('附件9', 'A1', 'info', 'x')] })).toThrow(/附件9/);
  });
});

describe('applyPatch: marks', () => {
  it('fills the marked cell only, though exceljs shares its style with the neighbours', async () => {
    const fw = await miscalculated();
    const ws = fw.workbook.getWorksheet('附件4')!;
    const [h6, g6, h7, f6] = ['H6', 'G6', 'H7', 'F6'].map((a) => ws.getCell(a));
    expect(h6.style).toBe(f6.style); // the precondition that makes this test meaningful
    const before = JSON.stringify(f6.style);
    applyPatch(fw, { values: [], marks: [mark('附件4', 'H6', 'error', '得分应为 10'), mark('附件4', 'G6', 'warning', 'w'), mark('附件4', 'H7', 'info', 'i', true)] });
    expect(fillOf(h6)).toBe(MARK_FILLS.error.cell);
    expect(fillOf(h6)).toBe('FFFFC7CE');
    expect(fillOf(g6)).toBe('FFFFEB9C');
    expect(fillOf(h7)).toBe(MARK_FILLS.info.related);
    expect(JSON.stringify(f6.style)).toBe(before);
    expect(fillOf(f6)).toBeUndefined();
    expect(fillOf(ws.getCell('H5'))).toBeUndefined();
    expect(h6.note).toBe(`${NOTE_PREFIX}得分应为 10`);
  });

  it('keeps a user\'s note and appends ours after a blank line; a second run replaces ours', async () => {
    const spec = W.hongjiangWorkbook('corrected');
    const wb = W.toExcelJS(spec);
    wb.getWorksheet('附件3')!.getCell('H18').note = '按局务会意见打分';
    const fw = await readWorkbook((await wb.xlsx.writeBuffer()) as unknown as Buffer);
    const cell = fw.workbook.getWorksheet('附件3')!.getCell('H18');
    expect(cell.note).toBe('按局务会意见打分');
    applyPatch(fw, { values: [], marks: [mark('附件3', 'H18', 'warning', '缺少偏差原因')] });
    expect(cell.note).toBe(`按局务会意见打分\n\n${NOTE_PREFIX}缺少偏差原因`);
    applyPatch(fw, { values: [], marks: [mark('附件3', 'H18', 'error', '得分应为 3')] });
    expect(cell.note).toBe(`按局务会意见打分\n\n${NOTE_PREFIX}得分应为 3`);
  });
});

describe('writeWorkbook', () => {
  it('round-trips values, formats, fills and notes through the bytes', async () => {
    const fw = await miscalculated();
    applyPatch(fw, {
      values: [{ sheet: '附件3', cell: 'G5', value: 1, numberFormat: '0.00%' }, { sheet: '附件3', cell: 'H5', value: 10 }],
      marks: [mark('附件3', 'H5', 'error', '得分应为 10'), mark('附件3', 'H29', 'error', '总分应为 96')],
    });
    const bytes = await writeWorkbook(fw);
    const again = await readWorkbook(bytes);
    expect(again.snapshot).toEqual(fw.snapshot);
    const ws = again.workbook.getWorksheet('附件3')!;
    expect(ws.getCell('G5').numFmt).toBe('0.00%');
    expect(fillOf(ws.getCell('H5'))).toBe('FFFFC7CE');
    expect(fillOf(ws.getCell('G5'))).toBeUndefined();
    expect(ws.getCell('H29').note).toBe(`${NOTE_PREFIX}总分应为 96`);
    expect(ws.getCell('H29').formula).toBe('H5+SUM(H17:H28)');
    // Excel recalculates the formulas that depend on the new values when it opens the file.
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('writes a file by path, replacing the old one whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-write-'));
    try {
      const file = path.join(dir, 'out.xlsx');
      fs.writeFileSync(file, 'old');
      const fw = await readWorkbook(await W.toXlsx(W.hongjiangWorkbook('corrected')));
      await writeWorkbookFile(fw, file);
      expect(fs.readdirSync(dir)).toEqual(['out.xlsx']);
      expect((await readWorkbookFile(file)).snapshot).toEqual(fw.snapshot);
      await expect(writeWorkbookFile(fw, path.join(dir, 'no', 'out.xlsx'))).rejects.toMatchObject({ code: 'no-folder' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
