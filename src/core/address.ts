/** A1-style address helpers. Rows and columns are 0-based in code. */

export interface CellPos {
  row: number;
  col: number;
}

export interface RangePos {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const COLUMN_NAMES: string[] = Array.from({ length: 256 }, (_, i) => columnName(i));

export function toA1(row: number, col: number): string {
  return (col < 256 && col >= 0 ? COLUMN_NAMES[col] : columnName(col)) + (row + 1);
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export function parseCell(a1: string): CellPos {
  // Hand-parsed: this runs for every merged area and every finding.
  let i = 0;
  let col = 0;
  let row = 0;
  const n = a1.length;
  if (a1.charCodeAt(i) === 36) i++; // $
  const colStart = i;
  for (; i < n; i++) {
    const c = a1.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (a1.charCodeAt(i) === 36) i++;
  const rowStart = i;
  for (; i < n; i++) {
    const d = a1.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  if (i !== n || i === rowStart || rowStart === colStart || i - rowStart > 7 || row === 0) {
    const m = CELL_RE.exec(a1.trim());
    if (!m) throw new Error(`Not a cell address: ${a1}`);
    return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
  }
  return { row: row - 1, col: col - 1 };
}

/** Parses "A1:C3", "A1", or "Sheet1!A1:C3" (the sheet part is dropped). */
export function parseRange(a1: string): RangePos {
  const bare = a1.includes('!') ? a1.slice(a1.lastIndexOf('!') + 1) : a1;
  const [a, b] = bare.split(':');
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeToA1(r: RangePos): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** The smallest range holding every cell and area added: the used range of a sheet. */
export class Bounds {
  private top = Infinity;
  private left = Infinity;
  private bottom = -1;
  private right = -1;

  add(row: number, col: number): void {
    if (row < this.top) this.top = row;
    if (row > this.bottom) this.bottom = row;
    if (col < this.left) this.left = col;
    if (col > this.right) this.right = col;
  }

  addRange(r: RangePos): void {
    this.add(r.top, r.left);
    this.add(r.bottom, r.right);
  }

  /** The range, or null when nothing was added. */
  range(): RangePos | null {
    return this.bottom < 0 ? null : { top: this.top, left: this.left, bottom: this.bottom, right: this.right };
  }
}

