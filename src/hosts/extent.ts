/**
 * What every workbook host does with the size of what it reads: a cell budget
 * checked before any value is read, and merged areas clipped to the used range.
 * Shared by the Excel host (Office.js) and the WPS host (ET object model).
 */
import { HostError } from './errors';
import { parseRange, rangeToA1 } from '../core/address';

/** Cells a host reads at most (all used ranges together); above it, a clear message instead of a read. */
export const DEFAULT_CELL_BUDGET = 2_000_000;

/** A used range by 0-based indexes. */
export interface Bounds { row: number; col: number; rows: number; cols: number }

/**
 * Refuses, before reading any value, a workbook whose used ranges together hold
 * more than `limit` cells, naming the biggest sheet (HostError 'tooManyCells').
 */
export function checkCellBudget(sheets: { name: string; bounds: Bounds | null }[], limit: number, app?: string): void {
  let total = 0;
  let biggest: { name: string; cells: number } | null = null;
  for (const s of sheets) {
    if (!s.bounds) continue;
    const cells = s.bounds.rows * s.bounds.cols;
    total += cells;
    if (!biggest || cells > biggest.cells) biggest = { name: s.name, cells };
  }
  if (total > limit) throw new HostError('tooManyCells', { cells: total, limit, sheet: biggest?.name, app });
}

/** Merged areas as they matter to the snapshot: clipped to the used range, those outside dropped. */
export function clipMerges(areas: string[], b: Bounds): string[] {
  const out: string[] = [];
  for (const a of areas) {
    let p;
    try {
      p = parseRange(a);
    } catch {
      continue;
    }
    const top = Math.max(p.top, b.row);
    const left = Math.max(p.left, b.col);
    const bottom = Math.min(p.bottom, b.row + b.rows - 1);
    const right = Math.min(p.right, b.col + b.cols - 1);
    if (top > bottom || left > right) continue;
    out.push(rangeToA1({ top, left, bottom, right }));
  }
  return out;
}
