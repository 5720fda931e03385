/** Merge-aware, absolute-coordinate access to one sheet snapshot. */
import type { CellValue, SheetSnapshot } from './snapshot';
import { parseRange, toA1, type RangePos } from './address';
import { cellText, fold } from './values';

/** A short text cell (≤ 30 characters) of the row has 预 or 执 in it (a funds header candidate). */
export const HINT_FUNDS = 1;
/** A short text cell (≤ 40 characters) has 经费 or 决算 in it (a basic-data anchor candidate). */
export const HINT_BASIC = 2;
/** A short text cell (≤ 30 characters) has 值 in it (an indicator header candidate). */
export const HINT_INDICATORS = 4;
const HINT_DONE = 128;

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
  /** Merged areas; `mergeIdx` maps every cell of the used range to 1 + the index of its area (0: none). */
  private readonly areas: RangePos[] = [];
  private readonly mergeIdx: Int32Array;
  private readonly boxTop: number;
  private readonly boxLeft: number;
  private readonly boxWidth: number;
  private readonly boxHeight: number;
  private mergeOutside: Map<number, RangePos> | null = null;

  constructor(snap: SheetSnapshot) {
    this.snap = snap;
    this.name = snap.name;
    const r = parseRange(snap.range || 'A1');
    this.top = r.top;
    this.left = r.left;
    this.bottom = r.top + Math.max(snap.values.length, 1) - 1;
    const width = snap.values.reduce((w, row) => Math.max(w, row.length), 0);
    this.right = r.left + Math.max(width, 1) - 1;
    // The index covers the used range only (a stray merge far away must not size it); cells of
    // merged areas outside it are kept by key row*16384+col.
    this.boxTop = this.top;
    this.boxLeft = this.left;
    this.boxWidth = snap.merges.length ? this.right - this.left + 1 : 0;
    this.boxHeight = snap.merges.length ? this.bottom - this.top + 1 : 0;
    this.mergeIdx = new Int32Array(this.boxWidth * this.boxHeight);
    // A later area wins where areas overlap, as one map keyed by cell would.
    for (const m of snap.merges) {
      const a = parseMerge(m) ?? parseRange(m);
      this.areas.push(a);
      const idx = this.areas.length;
      for (let row = a.top; row <= a.bottom; row++) {
        const y = row - this.boxTop;
        for (let col = a.left; col <= a.right; col++) {
          const x = col - this.boxLeft;
          if (y >= 0 && x >= 0 && y < this.boxHeight && x < this.boxWidth) this.mergeIdx[y * this.boxWidth + x] = idx;
          else (this.mergeOutside ??= new Map()).set(row * 16384 + col, a);
        }
      }
    }
  }

  /** Cells of a row holding a value, with their trimmed text, made once per row (callers only read them). */
  private rowCellsCache: (readonly { col: number; text: string }[] | null)[] | null = null;

  /** Master cells (top-left of a merged area, or plain cells) with text in a row, over the whole width. */
  cellsOf(row: number): readonly { col: number; text: string }[] {
    const i = row - this.top;
    const cache = this.rowCellsCache ?? (this.rowCellsCache = new Array<readonly { col: number; text: string }[] | null>(this.snap.values.length).fill(null));
    const cached = i >= 0 ? cache[i] : undefined;
    if (cached) return cached;
    const out: { col: number; text: string }[] = [];
    const r = this.snap.values[i];
    if (r) {
      const n = Math.min(r.length, this.right - this.left + 1);
      for (let k = 0; k < n; k++) {
        const v = r[k];
        if (v === '' || v === null || v === undefined) continue;
        out.push({ col: k + this.left, text: typeof v === 'string' ? v.trim() : String(v) });
      }
    }
    if (i >= 0 && r) cache[i] = out;
    return out;
  }

  /** Per row: HINT_* bits | HINT_DONE once computed. */
  private hints: Uint8Array | null = null;

  /**
   * Which header words the row's short text cells (as `headerCells` keeps them) contain, as HINT_* bits,
   * worked out in one pass per row: the recognizers test most rows for a header, and most are none.
   */
  headerHints(row: number): number {
    const i = row - this.top;
    const r = this.snap.values[i];
    if (!r) return 0;
    const hints = this.hints ?? (this.hints = new Uint8Array(this.snap.values.length));
    let h = hints[i];
    if (h & HINT_DONE) return h;
    h = HINT_DONE;
    for (let k = 0; k < r.length; k++) {
      const v = r[k];
      if (typeof v !== 'string' || v === '' || v.length > 40) continue;
      if (v.includes('经费') || v.includes('决算')) h |= HINT_BASIC;
      if (v.length > 30) continue;
      if (v.includes('预') || v.includes('执')) h |= HINT_FUNDS;
      if (v.includes('值')) h |= HINT_INDICATORS;
    }
    hints[i] = h;
    return h;
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
    const r = row - this.boxTop;
    const c = col - this.boxLeft;
    if (r < 0 || c < 0 || r >= this.boxHeight || c >= this.boxWidth) return this.mergeOutside?.get(row * 16384 + col);
    const i = this.mergeIdx[r * this.boxWidth + c];
    return i ? this.areas[i - 1] : undefined;
  }

  /** Top-left of the merged area covering the cell, or the cell itself. */
  master(row: number, col: number): { row: number; col: number } {
    const m = this.mergeOf(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  /** The value shown in a cell: a merged area's value in every cell of it. */
  shown(row: number, col: number): CellValue {
    const m = this.mergeOf(row, col);
    return m ? this.raw(m.top, m.left) : this.raw(row, col);
  }

  /** Trimmed text of the shown value. */
  text(row: number, col: number): string {
    return cellText(this.shown(row, col));
  }

  /** Fields by row and column offset, made on first use. */
  private readonly fields: (Field | undefined)[][] = [];

  /** A cell as a field; a merged cell resolves to its area's top-left. One object per cell. */
  field(row: number, col: number): Field {
    const m = this.areas.length ? this.mergeOf(row, col) : undefined;
    if (m) { row = m.top; col = m.left; }
    const r = row - this.top;
    const line = this.fields[r] ?? (this.fields[r] = []);
    let f = line[col - this.left];
    if (!f) {
      f = this.makeField(row, col);
      line[col - this.left] = f;
    }
    return f;
  }

  private makeField(row: number, col: number): Field {
    return {
      sheet: this.name,
      cell: toA1(row, col),
      row,
      col,
      value: this.raw(row, col),
      formula: this.formula(row, col),
      numFmt: this.numFmt(row, col),
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

/** Reads one `A1` part of a plain `A1:C3` area from position i into out[k], out[k+1] (row, col); the end position, or -1. */
function cellAt(s: string, i: number, out: number[], k: number): number {
  let col = 0;
  const start = i;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === start || i - start > 3) return -1;
  const rowStart = i;
  let row = 0;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  if (i === rowStart || i - rowStart > 7 || row === 0) return -1;
  out[k] = row - 1;
  out[k + 1] = col - 1;
  return i;
}

const mergeParts = [0, 0, 0, 0];

/** A merged area written plainly (`B3:D4`, upper case, no `$` or sheet), or null for `parseRange` to read. */
function parseMerge(s: string): RangePos | null {
  const i = cellAt(s, 0, mergeParts, 0);
  if (i < 0 || s.charCodeAt(i) !== 58 /* : */) return null;
  if (cellAt(s, i + 1, mergeParts, 2) !== s.length) return null;
  const [r1, c1, r2, c2] = mergeParts;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
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
