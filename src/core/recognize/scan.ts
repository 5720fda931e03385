/** Shared helpers for the table parsers: scanning rows of a sheet grid. */
import type { SheetGrid } from '../grid';
import { rangeToA1 } from '../address';
import { isAttachmentLabel, yearIn } from './headers';

/** Master cells (top-left of a merged area, or plain cells) with text in a row. */
export function rowCells(g: SheetGrid, row: number, left = g.left, right = g.right): readonly { col: number; text: string }[] {
  if (left === g.left && right === g.right) return g.cellsOf(row);
  const out: { col: number; text: string }[] = [];
  for (let c = left; c <= right; c++) {
    const v = g.raw(row, c);
    if (v === '' || v === null) continue;
    out.push({ col: c, text: typeof v === 'string' ? v.trim() : String(v) });
  }
  return out;
}

/**
 * The columns of a two-row header band at rows `row` and `row + 1`: each sub-header with the header spanning
 * above it (`年度指标值` over `指标性质 | 指标值 | 度量单位`), and each header merged down over both rows with
 * no parent. Null when nothing in the row spans columns or rows (no band).
 */
export function bandCells(g: SheetGrid, row: number): { col: number; parent: string; child: string; down: boolean }[] | null {
  const out: { col: number; parent: string; child: string; down: boolean }[] = [];
  let spans = false;
  for (let c = g.left; c <= g.right; c++) {
    const top = g.master(row, c);
    const below = g.master(row + 1, c);
    if (below.row === row) {
      // A header merged down over both rows.
      spans = true;
      if (top.col === c) { const t = g.text(row, c); if (t) out.push({ col: c, parent: '', child: t, down: true }); }
      continue;
    }
    const sub = below.row === row + 1 && below.col === c ? g.text(row + 1, c) : '';
    if (sub) {
      const parent = top.row === row ? g.text(row, c) : '';
      if (parent && (top.col !== c || g.rightOf(row, c) > c)) spans = true;
      out.push({ col: c, parent, child: sub, down: false });
    } else if (top.row === row && top.col === c) {
      const t = g.text(row, c);
      if (t) out.push({ col: c, parent: '', child: t, down: false });
    }
  }
  return spans ? out : null;
}

/** The first cell right of `col` (past its merged area) holding a value. */
export function valueRightOf(g: SheetGrid, row: number, col: number, stop = g.right): { col: number; text: string } | null {
  for (let c = g.rightOf(row, col) + 1; c <= stop; c++) {
    const v = g.raw(row, c);
    if (v !== '' && v !== null) return { col: c, text: typeof v === 'string' ? v.trim() : String(v) };
  }
  return null;
}

/** Finds the title (a cell whose text matches) and an 附件 label right above it, within rows [from, to]. */
export function findHead(g: SheetGrid, from: number, to: number, isTitle: (t: string) => boolean): {
  titleRow: number | null; titleCol: number | null; top: number | null; year: number | null;
} {
  let titleRow: number | null = null;
  let titleCol: number | null = null;
  for (let r = to; r >= from && titleRow === null; r--) {
    for (const c of rowCells(g, r)) if (isTitle(c.text)) { titleRow = r; titleCol = c.col; break; }
  }
  let year: number | null = null;
  let top: number | null = titleRow;
  if (titleRow !== null && titleCol !== null) {
    year = yearIn(g.text(titleRow, titleCol));
    // The year may stand on the line below the title: （2024 年度）.
    if (year === null && titleRow + 1 <= to) for (const c of rowCells(g, titleRow + 1)) { year = yearIn(c.text); if (year) break; }
    for (let r = titleRow - 1; r >= Math.max(from, titleRow - 2); r--) {
      if (rowCells(g, r).some((c) => isAttachmentLabel(c.text))) { top = r; break; }
    }
  }
  return { titleRow, titleCol, top, year };
}

/** The A1 range of rows [top, bottom], columns from the leftmost to the rightmost used (merges included). */
export function tableRange(g: SheetGrid, top: number, bottom: number): string {
  let left = Infinity;
  let right = -1;
  for (let r = top; r <= bottom; r++) {
    for (let c = g.left; c <= g.right; c++) {
      const v = g.raw(r, c);
      if (v !== '' && v !== null) { left = Math.min(left, c); break; }
    }
    right = Math.max(right, g.rowRight(r));
  }
  if (!Number.isFinite(left)) left = g.left;
  if (right < left) right = left;
  return rangeToA1({ top, left, bottom, right });
}
