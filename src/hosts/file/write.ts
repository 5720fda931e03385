/**
 * File host, writing side: applies a patch (recalculated values and marks) to
 * the workbook read by read.ts and serializes it. Browser-safe: no Node API.
 */
import ExcelJS from 'exceljs';
import type { Patch, Mark } from '../../core/patch';
import type { Severity } from '../../core/report';
import { parseCell } from '../../core/address';
import { sheetSnapshot, type FileWorkbook } from './read';

/** Prefix of the note text the tool adds to a marked cell. */
export const NOTE_PREFIX = '自评表校验助手：';

/** Fill colours (ARGB) of marks: the cell of a finding, and a cell only related to one. */
export const MARK_FILLS: Record<Severity, { cell: string; related: string }> = {
  error: { cell: 'FFFFC7CE', related: 'FFFDE6E9' },
  warning: { cell: 'FFFFEB9C', related: 'FFFFF6D5' },
  info: { cell: 'FFDDEBF7', related: 'FFEEF5FB' },
};

/** A patch that cannot be applied (nothing has been changed when it is thrown). */
export class PatchError extends Error {
  readonly code: 'sheet' | 'formula' | 'merged';
  constructor(code: 'sheet' | 'formula' | 'merged', message: string) {
    super(message);
    this.name = 'PatchError';
    this.code = code;
  }
}

function sheetOf(fw: FileWorkbook, name: string): ExcelJS.Worksheet {
  const ws = fw.workbook.getWorksheet(name);
  if (!ws) throw new PatchError('sheet', `无法写入：找不到工作表（sheet）“${name}”`);
  return ws;
}

/** Gives the cell a style object of its own: exceljs shares style objects between cells. */
function ownStyle(cell: ExcelJS.Cell): void {
  cell.style = JSON.parse(JSON.stringify(cell.style ?? {}));
}

type NoteValue = string | ExcelJS.Comment | undefined;

function noteText(note: NoteValue): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text ?? '').join('');
}

/** The user's part of a note: everything before the section this tool added last time. */
function userPart(text: string): string {
  const at = text.indexOf(NOTE_PREFIX);
  return (at < 0 ? text : text.slice(0, at)).replace(/\s+$/, '');
}

function markNote(existing: NoteValue, message: string): NoteValue {
  const ours = `${NOTE_PREFIX}${message}`;
  const text = noteText(existing);
  const user = userPart(text);
  if (!user) return ours;
  // A formatted note without an earlier section of ours: keep its runs and formatting.
  if (existing && typeof existing !== 'string' && user === text.replace(/\s+$/, '')) {
    return { ...existing, texts: [...(existing.texts ?? []), { text: `\n\n${ours}` }] };
  }
  return `${user}\n\n${ours}`;
}

function applyMark(cell: ExcelJS.Cell, mark: Mark): void {
  ownStyle(cell);
  const colours = MARK_FILLS[mark.severity];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: mark.related ? colours.related : colours.cell } };
  cell.note = markNote(cell.note as NoteValue, mark.message) as string | ExcelJS.Comment;
}

/**
 * Writes the patch into the workbook: each value into its cell (keeping or
 * setting the number format), a fill and a note on each marked cell. Checks the
 * whole patch first, so nothing is written when it throws: a value aimed at a
 * formula cell, a merged cell other than the top-left one, or a missing sheet.
 * Updates `fw.snapshot` for the sheets whose values changed.
 */
export function applyPatch(fw: FileWorkbook, patch: Patch): void {
  for (const w of patch.values) {
    const ws = sheetOf(fw, w.sheet);
    const pos = parseCell(w.cell);
    const cell = ws.findCell(pos.row + 1, pos.col + 1);
    if (!cell) continue;
    if (cell.type === ExcelJS.ValueType.Formula) {
      throw new PatchError('formula', `不能写入 ${w.sheet}!${w.cell}：该单元格含公式（formula），工具不改写公式`);
    }
    if (cell.type === ExcelJS.ValueType.Merge) {
      throw new PatchError('merged', `不能写入 ${w.sheet}!${w.cell}：它在合并单元格（merged cell）内，不是左上角单元格`);
    }
  }
  for (const m of patch.marks) sheetOf(fw, m.sheet);

  const touched = new Set<string>();
  for (const w of patch.values) {
    const cell = sheetOf(fw, w.sheet).getCell(w.cell);
    ownStyle(cell);
    cell.value = w.value;
    if (w.numberFormat) cell.numFmt = w.numberFormat;
    touched.add(w.sheet);
  }
  for (const m of patch.marks) applyMark(sheetOf(fw, m.sheet).getCell(m.cell), m);

  if (touched.size > 0) {
    // Formulas that depend on the new values must be recalculated when Excel opens the file.
    fw.workbook.calcProperties = { ...(fw.workbook.calcProperties ?? {}), fullCalcOnLoad: true };
    const date1904 = !!(fw.workbook.properties as { date1904?: boolean }).date1904;
    fw.snapshot.sheets = fw.snapshot.sheets.map((s) => (touched.has(s.name) ? sheetSnapshot(sheetOf(fw, s.name), date1904) : s));
  }
}

/** Serializes the workbook to .xlsx bytes. */
export async function writeWorkbook(fw: FileWorkbook): Promise<Buffer> {
  return (await fw.workbook.xlsx.writeBuffer()) as unknown as Buffer;
}
