import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbook, type FileWorkbook } from '../../../src/hosts/file/read';
import { applyPatch, writeWorkbook, setCells, getCellXml, PatchError, MARK_FILLS, NOTE_PREFIX } from '../../../src/hosts/file/write';
import { writeWorkbookFile, readWorkbookFile, OutputError } from '../../../src/hosts/file/node';
import type { Patch, Mark } from '../../../src/core/patch';
import { MARK_STYLE } from '../../../src/core/mark-style';
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

/** The patched package read back by exceljs. */
async function excel(fw: FileWorkbook): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeWorkbook(fw)) as unknown as ArrayBuffer);
  return wb;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
}

const noteOf = (cell: ExcelJS.Cell) => {
  const n = cell.note as string | ExcelJS.Comment | undefined;
  if (!n || typeof n === 'string') return n;
  return (n.texts ?? []).map((t) => t.text).join('');
};

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
        { sheet: '附件4', cell: 'K30', value: 7, numberFormat: '0.0"分"' },
      ],
      marks: [],
    };
    applyPatch(fw, patch);
    expect(valueAt(fw, '附件2', 3, 4)).toBe(0.8571);
    expect(valueAt(fw, '附件4', 5, 7)).toBe(10);
    // Untouched sheets keep their snapshot.
    expect(valueAt(fw, '附件3', 4, 7)).toBe(9.5);
    const wb = await excel(fw);
    const ws2 = wb.getWorksheet('附件2')!;
    const ws4 = wb.getWorksheet('附件4')!;
    expect(ws2.getCell('E4').value).toBe(0.8571);
    expect(ws2.getCell('E4').numFmt).toBe('0.00%');
    expect(ws4.getCell('G6').value).toBe(1);
    expect(ws4.getCell('G6').numFmt).toBe('0%');
    // A new cell in a new row, with a new number format.
    expect(ws4.getCell('K30').value).toBe(7);
    expect(ws4.getCell('K30').numFmt).toBe('0.0"分"');
    expect(fw.snapshot.sheets[2].range).toBe('A1:K30');
  });

  it('refuses to write into a formula cell, and writes nothing then', async () => {
    const fw = await miscalculated();
    const before = await writeWorkbook(fw);
    const patch: Patch = {
      values: [{ sheet: '附件3', cell: 'H5', value: 10 }, { sheet: '附件3', cell: 'H29', value: 96 }],
      marks: [mark('附件3', 'H5', 'error', 'x')],
    };
    const e = (() => { try { applyPatch(fw, patch); return null; } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(PatchError);
    expect((e as PatchError).code).toBe('formula');
    expect((e as PatchError).message).toMatch(/附件3!H29：该单元格含公式，/);
    expect(Buffer.from(await writeWorkbook(fw)).equals(Buffer.from(before))).toBe(true);
    expect(valueAt(fw, '附件3', 4, 7)).toBe(9.5);
  });

  it('refuses a cell inside a merged area and an unknown sheet', async () => {
    const fw = await miscalculated();
    expect(() => applyPatch(fw, { values: [{ sheet: '附件2', cell: 'F4', value: 1 }], marks: [] })).toThrow(/合并单元格/);
    expect(() => applyPatch(fw, { values: [], marks: [mark('附件9', 'A1', 'info', 'x')] })).toThrow(/附件9/);
  });
});

describe('applyPatch: marks', () => {
  it('marks the cell only, though it shares its cell format with its neighbours', async () => {
    const fw = await miscalculated();
    const src = await excel(fw);
    applyPatch(fw, { values: [], marks: [mark('附件4', 'H6', 'error', '得分应为 10'), mark('附件4', 'G6', 'warning', 'w'), mark('附件4', 'H7', 'info', 'i', true)] });
    const ws = (await excel(fw)).getWorksheet('附件4')!;
    const before = src.getWorksheet('附件4')!;
    expect(before.getCell('H6').style).toEqual(before.getCell('F6').style); // the precondition that makes this test meaningful
    expect(fillOf(ws.getCell('H6'))).toBe(MARK_FILLS.error.cell);
    expect(fillOf(ws.getCell('H6'))).toBe(`FF${MARK_STYLE.error.own.fill.slice(1)}`);
    expect(ws.getCell('H6').border.bottom).toEqual({ style: 'medium', color: { argb: `FF${MARK_STYLE.error.own.border.slice(1)}` } });
    expect(fillOf(ws.getCell('G6'))).toBe(MARK_FILLS.warning.cell);
    expect(ws.getCell('G6').border.top?.style).toBe('dashed');
    expect(fillOf(ws.getCell('H7'))).toBe(MARK_FILLS.info.related);
    expect(ws.getCell('H7').border.top?.style).toBe('thin');
    expect(ws.getCell('F6').style).toEqual(before.getCell('F6').style);
    expect(ws.getCell('H5').style).toEqual(before.getCell('H5').style);
    expect(noteOf(ws.getCell('H6'))).toBe(`${NOTE_PREFIX}得分应为 10`);
    expect(ws.getCell('H6').numFmt).toBe(before.getCell('H6').numFmt);
  });

  it('keeps a user\'s note and appends ours after a blank line; a second run replaces ours', async () => {
    const wb = W.toExcelJS(W.hongjiangWorkbook('corrected'));
    wb.getWorksheet('附件3')!.getCell('H18').note = '按局务会意见打分';
    const fw = await readWorkbook((await wb.xlsx.writeBuffer()) as unknown as Buffer);
    applyPatch(fw, { values: [], marks: [mark('附件3', 'H18', 'warning', '缺少偏差原因')] });
    expect(noteOf((await excel(fw)).getWorksheet('附件3')!.getCell('H18'))).toBe(`按局务会意见打分\n\n${NOTE_PREFIX}缺少偏差原因`);
    const again = await readWorkbook(await writeWorkbook(fw));
    applyPatch(again, { values: [], marks: [mark('附件3', 'H18', 'error', '得分应为 3')] });
    expect(noteOf((await excel(again)).getWorksheet('附件3')!.getCell('H18'))).toBe(`按局务会意见打分\n\n${NOTE_PREFIX}得分应为 3`);
  });
});

describe('setCells and getCellXml (the demo\'s edits and undo)', () => {
  it('writes text, numbers and blanks, and puts a cell back exactly', async () => {
    const fw = await miscalculated();
    const before = getCellXml(fw, '附件4', 5, 7);
    expect(before).toMatch(/^<c r="H6"/);
    setCells(fw, '附件4', [{ row: 5, col: 7, value: 10 }, { row: 40, col: 2, value: '备注 <1>' }, { row: 5, col: 6, value: null }]);
    expect(valueAt(fw, '附件4', 5, 7)).toBe(10);
    expect(valueAt(fw, '附件4', 40, 2)).toBe('备注 <1>');
    expect(valueAt(fw, '附件4', 5, 6)).toBe('');
    setCells(fw, '附件4', [{ row: 5, col: 7, restore: before }, { row: 40, col: 2, restore: '' }]);
    expect(getCellXml(fw, '附件4', 5, 7)).toBe(before);
    expect(getCellXml(fw, '附件4', 40, 2)).toBe('');
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
    const ws = (await excel(again)).getWorksheet('附件3')!;
    expect(ws.getCell('G5').numFmt).toBe('0.00%');
    expect(fillOf(ws.getCell('H5'))).toBe(MARK_FILLS.error.cell);
    expect(fillOf(ws.getCell('G5'))).toBeUndefined();
    expect(noteOf(ws.getCell('H29'))).toBe(`${NOTE_PREFIX}总分应为 96`);
    expect(ws.getCell('H29').formula).toBe('H5+SUM(H17:H28)');
    // Excel recalculates the formulas that depend on the new values when it opens the file.
    expect(again.pkg.text('xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
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
      await expect(writeWorkbookFile(fw, dir)).rejects.toBeInstanceOf(OutputError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
