/**
 * The reader this project had before the lean reader (src/hosts/file/read.ts):
 * exceljs's whole-workbook parse turned into a snapshot. Kept here, dev-only,
 * as the reference of the differential test (read-diff.test.ts) and the bench.
 */
import ExcelJS from 'exceljs';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/snapshot';
import { Bounds, rangeToA1, type RangePos } from '../../../src/core/address';
import { emptyUsedRange } from '../../../src/core/snapshot';
import { dateToSerial } from '../../../src/hosts/file/read';
/** The plain value of an exceljs cell value, as Office.js `range.values` gives it. */
function plainValue(v: ExcelJS.CellValue | undefined, date1904 = false): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('error' in o) return String(o.error);
  if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result as ExcelJS.CellValue, date1904);
  if ('hyperlink' in o || 'text' in o) return plainValue(o.text as ExcelJS.CellValue, date1904);
  return '';
}

function isEmpty(v: CellValue): boolean {
  return v === null || v === '';
}

interface MergeArea extends RangePos {
  a1: string;
}

function sheetMerges(ws: ExcelJS.Worksheet): MergeArea[] {
  const raw = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  const areas = Object.values(raw).filter(Boolean).map((m) => {
    const r = { top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 };
    return { ...r, a1: rangeToA1(r) };
  });
  areas.sort((a, b) => a.top - b.top || a.left - b.left);
  return areas;
}

/** Snapshot of one worksheet: used range, values, formulas, number formats, merges. */
function sheetSnapshot(ws: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  const merges = sheetMerges(ws);
  const slave = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) slave.add(`${r},${c}`);
  }
  // Pass 1: the bounds of every non-empty cell and every merged area.
  const bounds = new Bounds();
  const grow = (r: number, c: number) => bounds.add(r, c);
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const isFormula = cell.type === ExcelJS.ValueType.Formula;
      if (isFormula || !isEmpty(plainValue(cell.value, date1904))) grow(rowNumber - 1, colNumber - 1);
    });
  });
  for (const m of merges) bounds.addRange(m);
  const names = { name: ws.name, merges: merges.map((m) => m.a1) };
  const used = bounds.range();
  if (!used) return { ...names, ...emptyUsedRange() };
  const { top, left, bottom, right } = used;
  // Pass 2: fill the grids; findCell never creates cells.
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const vr: CellValue[] = [];
    const fr: CellValue[] = [];
    const nr: string[] = [];
    for (let c = left; c <= right; c++) {
      const cell = ws.findCell(r + 1, c + 1);
      if (!cell) { vr.push(''); fr.push(''); nr.push('General'); continue; }
      nr.push(cell.numFmt || 'General');
      if (slave.has(`${r},${c}`) || cell.type === ExcelJS.ValueType.Merge) { vr.push(''); fr.push(''); continue; }
      const v = plainValue(cell.value, date1904);
      vr.push(v === null ? '' : v);
      const f = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
      fr.push(f ? `=${f}` : (v === null ? '' : v));
    }
    values.push(vr);
    formulas.push(fr);
    numberFormats.push(nr);
  }
  return { ...names, range: rangeToA1(used), values, formulas, numberFormats };
}

/** Snapshot of every worksheet in tab order. */
function workbookSnapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const date1904 = !!(wb.properties as { date1904?: boolean }).date1904;
  return { sheets: wb.worksheets.map((ws) => sheetSnapshot(ws, date1904)) };
}

/** Reads bytes through exceljs into a snapshot, as the file host did before. */
export async function exceljsSnapshot(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbookSnapshot(workbook);
}
