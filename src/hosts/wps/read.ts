/**
 * Reading a workbook through ET into snapshots, in as few calls as ET allows:
 * one bulk `Value2` and one bulk `Formula` of each sheet's used range, checked
 * for shape (a 2-D array of the range's size) and read again cell by cell where
 * WPS gives anything else; number formats and merged areas by the range, then
 * by column, then by cell only where a column is mixed.
 */
import type { SheetSnapshot, CellValue } from '../../core/snapshot';
import { emptyUsedRange } from '../../core/snapshot';
import { toA1, rangeToA1, parseRange } from '../../core/address';
import { clipMerges, type Bounds } from '../extent';
import type { EtRange, EtWorksheet } from './et';
import { XL, cvErrText } from './et';

/** What a read found out about this WPS, for 自检 and the tests. */
export interface ReadProbe {
  /** Shape of the last bulk Value2 of a multi-cell range: '2d', or what came instead. */
  bulkValue2: string | null;
  bulkFormula: string | null;
  /** Cells read one by one because a bulk read was not a 2-D array. */
  cellByCell: number;
  /** ET calls the read made (property reads and method calls on ranges). */
  calls: number;
}

export function newProbe(): ReadProbe {
  return { bulkValue2: null, bulkFormula: null, cellByCell: 0, calls: 0 };
}

export interface SheetHead {
  name: string;
  ws: EtWorksheet;
  bounds: Bounds | null;
}

/**
 * A sheet's extent: the used range (which in ET counts formatted cells too),
 * cut at the last cell holding a value or formula (`Cells.Find("*")` backwards
 * by rows and by columns), so a fill over whole rows does not widen the read.
 */
export function sheetHead(ws: EtWorksheet, probe: ReadProbe): SheetHead {
  const name = ws.Name;
  const used = ws.UsedRange;
  probe.calls += 5;
  const whole: Bounds = { row: used.Row - 1, col: used.Column - 1, rows: used.Rows.Count, cols: used.Columns.Count };
  let bounds: Bounds | null = whole;
  try {
    const cells = ws.Cells;
    const lastRow = cells.Find('*', undefined, XL.formulas, XL.part, XL.byRows, XL.previous);
    const lastCol = cells.Find('*', undefined, XL.formulas, XL.part, XL.byColumns, XL.previous);
    probe.calls += 2;
    if (!lastRow || !lastCol) {
      bounds = null;
    } else {
      const bottom = Math.min(whole.row + whole.rows, lastRow.Row) - 1;
      const right = Math.min(whole.col + whole.cols, lastCol.Column) - 1;
      probe.calls += 2;
      bounds = bottom < whole.row || right < whole.col ? null : { row: whole.row, col: whole.col, rows: bottom - whole.row + 1, cols: right - whole.col + 1 };
    }
  } catch {
    // No Find in this WPS: the used range as it is (a single empty cell is an empty sheet).
    bounds = whole.rows * whole.cols === 1 && isBlank(used.Value2) ? null : whole;
  }
  return { name, ws, bounds };
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A value as the snapshot holds it: blanks are "", error values their text (#DIV/0!). */
export function cellValue(v: unknown): CellValue {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return cvErrText(v) ?? v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

class ReadRefused {
  constructor(readonly message: string) {}
}

function shapeOf(v: unknown): string {
  if (v instanceof ReadRefused) return `threw: ${v.message}`;
  if (Array.isArray(v)) return Array.isArray(v[0]) ? `2d ${v.length}×${(v[0] as unknown[]).length}` : `1d ${v.length}`;
  return v === null ? 'null' : typeof v;
}

/** True for a 2-D array of exactly rows × cols. */
function is2d(v: unknown, rows: number, cols: number): v is unknown[][] {
  return Array.isArray(v) && v.length === rows && v.every((row) => Array.isArray(row) && row.length === cols);
}

/**
 * One property of every cell of the range: the bulk read when it is a 2-D array
 * of the right size, else cell by cell (`Cells.Item(r, c)`, 1-based).
 */
function grid(range: EtRange, b: Bounds, prop: 'Value2' | 'Formula', probe: ReadProbe): unknown[][] {
  probe.calls++;
  if (b.rows * b.cols === 1) return [[range[prop]]];
  let bulk: unknown;
  try {
    bulk = range[prop];
  } catch (e) {
    // Some WPS versions refuse a multi-cell read outright: cell by cell then.
    bulk = new ReadRefused(e instanceof Error ? e.message : String(e));
  }
  const key = prop === 'Value2' ? 'bulkValue2' : 'bulkFormula';
  if (is2d(bulk, b.rows, b.cols)) {
    probe[key] = '2d';
    return bulk;
  }
  probe[key] = shapeOf(bulk);
  const out: unknown[][] = [];
  for (let r = 1; r <= b.rows; r++) {
    const row: unknown[] = [];
    for (let c = 1; c <= b.cols; c++) row.push(range.Item(r, c)[prop]);
    out.push(row);
  }
  probe.cellByCell += b.rows * b.cols;
  probe.calls += 2 * b.rows * b.cols;
  return out;
}

/**
 * Number formats: one string for the whole range when it is uniform (ET gives
 * null for a mixed range), else by column, else by cell in a mixed column.
 */
function numberFormats(range: EtRange, b: Bounds, probe: ReadProbe): (string | null)[][] {
  const out: (string | null)[][] = Array.from({ length: b.rows }, () => new Array<string | null>(b.cols).fill('General'));
  probe.calls++;
  const whole = range.NumberFormat;
  if (typeof whole === 'string') {
    for (const row of out) row.fill(whole);
    return out;
  }
  for (let c = 1; c <= b.cols; c++) {
    const col = range.Columns.Item(c);
    probe.calls += 2;
    const f = col.NumberFormat;
    if (typeof f === 'string') {
      for (const row of out) row[c - 1] = f;
      continue;
    }
    for (let r = 1; r <= b.rows; r++) {
      const cf = range.Item(r, c).NumberFormat;
      out[r - 1][c - 1] = typeof cf === 'string' ? cf : 'General';
    }
    probe.calls += 2 * b.rows;
  }
  return out;
}

/**
 * Merged areas: none when the range says MergeCells false; else by column
 * (false: none there), and in a column with merges each cell's MergeArea,
 * skipping cells inside an area already found.
 */
function mergedAreas(range: EtRange, b: Bounds, probe: ReadProbe): string[] {
  probe.calls++;
  if (range.MergeCells === false) return [];
  const found: string[] = [];
  const covered = new Set<string>();
  for (let c = 1; c <= b.cols; c++) {
    probe.calls += 2;
    if (range.Columns.Item(c).MergeCells === false) continue;
    for (let r = 1; r <= b.rows; r++) {
      const at = toA1(b.row + r - 1, b.col + c - 1);
      if (covered.has(at)) continue;
      const cell = range.Item(r, c);
      probe.calls += 2;
      if (cell.MergeCells !== true) continue;
      const area = cell.MergeArea.Address(false, false);
      probe.calls += 2;
      found.push(area);
      const p = parseRange(area);
      for (let rr = p.top; rr <= p.bottom; rr++) for (let cc = p.left; cc <= p.right; cc++) covered.add(toA1(rr, cc));
    }
  }
  return clipMerges(found, b);
}

/** One sheet's snapshot (the sheet's head first: see sheetHead). */
export function readSheet(h: SheetHead, probe: ReadProbe): SheetSnapshot {
  if (!h.bounds) return { name: h.name, ...emptyUsedRange(), merges: [] };
  const b = h.bounds;
  const address = rangeToA1({ top: b.row, left: b.col, bottom: b.row + b.rows - 1, right: b.col + b.cols - 1 });
  const range = h.ws.Range(address);
  probe.calls++;
  const values = grid(range, b, 'Value2', probe).map((row) => row.map(cellValue));
  const rawFormulas = grid(range, b, 'Formula', probe);
  const formulas = values.map((row, r) => row.map((v, c) => {
    const f = rawFormulas[r][c];
    return typeof f === 'string' && f.startsWith('=') ? f : v;
  }));
  return { name: h.name, range: address, values, formulas, numberFormats: numberFormats(range, b, probe), merges: mergedAreas(range, b, probe) };
}
