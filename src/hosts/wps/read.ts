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
import { HostError } from '../errors';
import { WPS_APP } from './errors';

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

/**
 * Cells read one by one at most, all sheets together, where this WPS gives no
 * 2-D array (two calls each): above it the read stops with a clear message.
 */
export const DEFAULT_CELL_BY_CELL = 200_000;

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
function grid(range: EtRange, b: Bounds, prop: 'Value2' | 'Formula', probe: ReadProbe, sheet: string, cellByCellLimit: number): unknown[][] {
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
  // One call per cell: beyond the limit this would take minutes, so say so instead.
  if (probe.cellByCell + b.rows * b.cols > cellByCellLimit) {
    throw new HostError('tooManyCells', { cells: probe.cellByCell + b.rows * b.cols, limit: cellByCellLimit, sheet, app: WPS_APP });
  }
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
 * Visits the cells of column `c` (0-based in the bounds) in row bands: the
 * whole column first, then halves of a band `settle` could not settle, down
 * to single cells. A column with few runs of one format (or no merges) costs
 * a few calls instead of one per row: a 100,000-row sheet stays cheap.
 */
function bands(ws: EtWorksheet, b: Bounds, c: number, probe: ReadProbe, settle: (r: EtRange, top: number, bottom: number) => boolean): void {
  const stack: [number, number][] = [[0, b.rows - 1]];
  while (stack.length) {
    const [top, bottom] = stack.pop()!;
    const r = ws.Range(rangeToA1({ top: b.row + top, left: b.col + c, bottom: b.row + bottom, right: b.col + c }));
    probe.calls++;
    if (settle(r, top, bottom) || top === bottom) continue;
    const mid = Math.floor((top + bottom) / 2);
    stack.push([mid + 1, bottom], [top, mid]);
  }
}

/**
 * Number formats: one string for the whole range when it is uniform (ET gives
 * null for a mixed range), else by column, halving mixed bands.
 */
function numberFormats(ws: EtWorksheet, range: EtRange, b: Bounds, probe: ReadProbe): (string | null)[][] {
  const out: (string | null)[][] = Array.from({ length: b.rows }, () => new Array<string | null>(b.cols).fill('General'));
  probe.calls++;
  const whole = range.NumberFormat;
  if (typeof whole === 'string') {
    for (const row of out) row.fill(whole);
    return out;
  }
  for (let c = 0; c < b.cols; c++) {
    bands(ws, b, c, probe, (r, top, bottom) => {
      const f = r.NumberFormat;
      probe.calls++;
      if (typeof f !== 'string') return false;
      for (let i = top; i <= bottom; i++) out[i][c] = f;
      return true;
    });
  }
  return out;
}

/**
 * Merged areas: none when the range says MergeCells false; else by column,
 * halving bands that hold merges down to a merged cell, whose MergeArea is
 * read once (the other cells of the area are skipped).
 */
function mergedAreas(ws: EtWorksheet, range: EtRange, b: Bounds, probe: ReadProbe): string[] {
  probe.calls++;
  if (range.MergeCells === false) return [];
  const found: string[] = [];
  const covered = new Set<string>();
  for (let c = 0; c < b.cols; c++) {
    bands(ws, b, c, probe, (r, top, bottom) => {
      if (top === bottom && covered.has(toA1(b.row + top, b.col + c))) return true;
      const m = r.MergeCells;
      probe.calls++;
      if (m === false) return true;
      if (top !== bottom || m !== true) return false;
      const area = r.MergeArea.Address(false, false);
      probe.calls += 2;
      found.push(area);
      const p = parseRange(area);
      for (let rr = p.top; rr <= p.bottom; rr++) for (let cc = p.left; cc <= p.right; cc++) covered.add(toA1(rr, cc));
      return true;
    });
  }
  return clipMerges(found, b);
}

/** One sheet's snapshot (the sheet's head first: see sheetHead). */
export function readSheet(h: SheetHead, probe: ReadProbe, cellByCellLimit = DEFAULT_CELL_BY_CELL): SheetSnapshot {
  if (!h.bounds) return { name: h.name, ...emptyUsedRange(), merges: [] };
  const b = h.bounds;
  const address = rangeToA1({ top: b.row, left: b.col, bottom: b.row + b.rows - 1, right: b.col + b.cols - 1 });
  const range = h.ws.Range(address);
  probe.calls++;
  const values = grid(range, b, 'Value2', probe, h.name, cellByCellLimit).map((row) => row.map(cellValue));
  const rawFormulas = grid(range, b, 'Formula', probe, h.name, cellByCellLimit);
  const formulas = values.map((row, r) => row.map((v, c) => {
    const f = rawFormulas[r][c];
    return typeof f === 'string' && f.startsWith('=') ? f : v;
  }));
  return { name: h.name, range: address, values, formulas, numberFormats: numberFormats(h.ws, range, b, probe), merges: mergedAreas(h.ws, range, b, probe) };
}
