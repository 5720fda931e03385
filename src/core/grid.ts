/** Merge-aware, absolute-coordinate access to one sheet snapshot. */
import type { CellValue, SheetSnapshot } from './snapshot';
import { parseRange, toA1, type RangePos } from './address';
import { cellText, fold } from './values';

/** A located cell: what a rule sees of a field. */
export interface Field {
  sheet: string;
  /** A1 address without `$`. */
  cell: string;
  row: number;
  col: number;
  value: CellValue;
  /** Formula text starting with `=`, or null. */
  formula: string | null;
  numFmt: string | null;
}

export class SheetGrid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly snap: SheetSnapshot;
  /** Key row*16384+col of every merged cell → its area. */
  private readonly mergeAt = new Map<number, RangePos>();

  constructor(snap: SheetSnapshot) {
    this.snap = snap;
    this.name = snap.name;
    const r = parseRange(snap.range || 'A1');
    this.top = r.top;
    this.left = r.left;
    this.bottom = r.top + Math.max(snap.values.length, 1) - 1;
    const width = snap.values.reduce((w, row) => Math.max(w, row.length), 0);
    this.right = r.left + Math.max(width, 1) - 1;
    for (const m of snap.merges) {
      const a = parseRange(m);
      for (let row = a.top; row <= a.bottom; row++) {
        for (let col = a.left; col <= a.right; col++) this.mergeAt.set(row * 16384 + col, a);
      }
    }
  }

  /** The cell's own value ("" outside the used range and in non-top-left merged cells). */
  raw(row: number, col: number): CellValue {
    const r = this.snap.values[row - this.top];
    if (!r) return '';
    const v = r[col - this.left];
    return v === undefined || v === null ? '' : v;
  }

  formula(row: number, col: number): string | null {
    const f = this.snap.formulas?.[row - this.top]?.[col - this.left];
    return typeof f === 'string' && f.startsWith('=') ? f : null;
  }

  numFmt(row: number, col: number): string | null {
    return this.snap.numberFormats?.[row - this.top]?.[col - this.left] ?? null;
  }

  mergeOf(row: number, col: number): RangePos | undefined {
    return this.mergeAt.get(row * 16384 + col);
  }

  /** Top-left of the merged area covering the cell, or the cell itself. */
  master(row: number, col: number): { row: number; col: number } {
    const m = this.mergeOf(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  /** The value shown in a cell: a merged area's value in every cell of it. */
  shown(row: number, col: number): CellValue {
    const p = this.master(row, col);
    return this.raw(p.row, p.col);
  }

  /** Trimmed text of the shown value. */
  text(row: number, col: number): string {
    return cellText(this.shown(row, col));
  }

  /** Fields by row and column offset, made on first use. */
  private readonly fields: (Field | undefined)[][] = [];

  /** A cell as a field; a merged cell resolves to its area's top-left. One object per cell. */
  field(row: number, col: number): Field {
    const m = this.mergeAt.size ? this.mergeAt.get(row * 16384 + col) : undefined;
    if (m) { row = m.top; col = m.left; }
    const r = row - this.top;
    const line = this.fields[r] ?? (this.fields[r] = []);
    let f = line[col - this.left];
    if (!f) {
      f = this.makeField({ row, col });
      line[col - this.left] = f;
    }
    return f;
  }

  private makeField(p: { row: number; col: number }): Field {
    return {
      sheet: this.name,
      cell: toA1(p.row, p.col),
      row: p.row,
      col: p.col,
      value: this.raw(p.row, p.col),
      formula: this.formula(p.row, p.col),
      numFmt: this.numFmt(p.row, p.col),
    };
  }

  /** Rightmost column of the cell, counting its merged area. */
  rightOf(row: number, col: number): number {
    const m = this.mergeOf(row, col);
    return m ? m.right : col;
  }

  bottomOf(row: number, col: number): number {
    const m = this.mergeOf(row, col);
    return m ? m.bottom : row;
  }

  /** Short text cells of a row (header candidates): top-left cells only, numbers and long text skipped. */
  headerCells(row: number, maxLength = 30): { col: number; text: string }[] {
    const out: { col: number; text: string }[] = [];
    const r = this.snap.values[row - this.top];
    if (!r) return out;
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      if (typeof v !== 'string' || v === '' || v.length > maxLength) continue;
      out.push({ col: i + this.left, text: v.trim() });
    }
    return out;
  }

  /** Whether the row holds any value within [left, right]. */
  rowHasValue(row: number, left = this.left, right = this.right): boolean {
    const r = this.snap.values[row - this.top];
    if (!r) return false;
    for (let c = Math.max(left, this.left); c <= right; c++) {
      const v = r[c - this.left];
      if (v !== '' && v !== null && v !== undefined) return true;
    }
    return false;
  }

  /** Rightmost used column of the row, counting merged areas; -1 when empty. */
  rowRight(row: number): number {
    let right = -1;
    const r = this.snap.values[row - this.top];
    if (r) {
      for (let c = r.length - 1; c >= 0; c--) {
        const v = r[c];
        if (v !== '' && v !== null && v !== undefined) { right = this.rightOf(row, c + this.left); break; }
      }
    }
    for (let c = this.right; c > right; c--) {
      const m = this.mergeOf(row, c);
      if (m) { right = Math.max(right, m.right); break; }
    }
    return right;
  }
}

/**
 * Header normalization (RULES.md §1.4): fold width, drop spaces and line
 * breaks, drop a trailing formula note in brackets such as (A), (B/A), (20分*执行率).
 */
const headerCache = new Map<string, string>();

export function normalizeHeader(s: string): string {
  let t = headerCache.get(s);
  if (t !== undefined) return t;
  t = fold(s).replace(/\s+/g, '');
  // A trailing bracketed note: letters/operators/digits/分/执行率 only.
  t = t.replace(/\((?:[A-Za-z0-9+\-*/×÷.%]|分|执行率|万元|元)*\)$/, '');
  if (headerCache.size > 100_000) headerCache.clear();
  headerCache.set(s, t);
  return t;
}
