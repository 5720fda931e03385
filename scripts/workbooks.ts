/**
 * Workbook generator: a small spec language for workbooks, and builders that
 * place the three attachment tables (基础数据表, 整体支出绩效自评表, 项目支出绩效自评表)
 * anywhere on a sheet. Used by tests (snapshots without touching a file, or real
 * .xlsx bytes), by the benchmark and to make the bundled sample.
 *
 *   const spec = workbook(sheet('Sheet1', at(hongjiangProject('corrected'), 'C5')));
 *   toSnapshot(spec)          // WorkbookSnapshot, pure and fast
 *   await toXlsx(spec)        // .xlsx bytes (exceljs)
 *
 * Both follow the rules of src/hosts/file/read.ts: empty cells and the cells of
 * a merged area other than its top-left one are "", the used range spans every
 * non-empty cell and merged area, a merged area's cells share its top-left
 * cell's number format.
 */
import ExcelJS from 'exceljs';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/core/snapshot';
import { Bounds, parseCell, parseRange, rangeToA1, toA1, type RangePos } from '../src/core/address';
import { emptyUsedRange } from '../src/core/snapshot';
import { rng } from './rng';

// ===========================================================================
// Spec language

export type Scalar = string | number | boolean | null;
export type CellInput = Scalar | Date;
/** A cell: a value, or `{ v, f, fmt }` — cached value, formula (with or without "="), number format. */
export interface CellObject {
  v?: CellInput;
  f?: string;
  fmt?: string;
}
export type CellSpec = CellInput | CellObject;

/** Looks only; never part of a snapshot. Addresses are A1 without `$`. */
export interface SheetLayout {
  /** Column widths from column A (undefined: default width). */
  widths?: (number | undefined)[];
  /** Row heights by 1-based row number. */
  heights?: Record<number, number>;
  /** Cells drawn as titles: bold 16, centred. */
  titles?: string[];
  /** Cells drawn as labels (附件2): bold 10. */
  labels?: string[];
  /** Ranges drawn as a table body: thin borders, 宋体 10, wrapped. */
  boxes?: string[];
  /** Ranges in 宋体 10 centred, without borders (footers). */
  plain?: string[];
}

export interface SheetSpec {
  name: string;
  cells: Map<string, CellSpec> | Record<string, CellSpec>;
  merges: string[];
  layout?: SheetLayout;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
}

function isCellObject(c: CellSpec): c is CellObject {
  return c !== null && typeof c === 'object' && !(c instanceof Date);
}

function cellEntries(cells: SheetSpec['cells']): [string, CellSpec][] {
  return cells instanceof Map ? [...cells.entries()] : Object.entries(cells);
}

function serialOf(d: Date): number {
  return Math.round((25569 + d.getTime() / 86400000) * 1e9) / 1e9;
}

function plain(v: CellInput | undefined): CellValue {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return serialOf(v);
  return v;
}

interface Parsed {
  row: number;
  col: number;
  value: CellValue;
  formula?: string;
  fmt?: string;
}

function parseSpecCell(a1: string, c: CellSpec): Parsed {
  const { row, col } = parseCell(a1);
  if (isCellObject(c)) {
    const formula = c.f ? (c.f.startsWith('=') ? c.f : `=${c.f}`) : undefined;
    return { row, col, value: plain(c.v), formula, fmt: c.fmt };
  }
  return { row, col, value: plain(c) };
}

interface Merge extends RangePos {
  a1: string;
}

function sheetModel(s: SheetSpec): { cells: Parsed[]; merges: Merge[]; masterOf: Map<string, Merge> } {
  const merges = s.merges.map((m) => {
    const r = parseRange(m);
    return { ...r, a1: rangeToA1(r) };
  }).sort((a, b) => a.top - b.top || a.left - b.left);
  const masterOf = new Map<string, Merge>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const k = `${r},${c}`;
        if (masterOf.has(k)) throw new Error(`Sheet ${s.name}: merged areas overlap at ${toA1(r, c)}`);
        masterOf.set(k, m);
      }
    }
  }
  const cells = cellEntries(s.cells).map(([a1, c]) => parseSpecCell(a1, c));
  for (const p of cells) {
    const m = masterOf.get(`${p.row},${p.col}`);
    if (m && (m.top !== p.row || m.left !== p.col) && (p.value !== '' || p.formula)) {
      throw new Error(`Sheet ${s.name}: ${toA1(p.row, p.col)} is inside merged area ${m.a1} but is not its top-left cell`);
    }
  }
  return { cells, merges, masterOf };
}

/** The snapshot read.ts would make of `toXlsx(spec)`, without writing a file. */
export function toSnapshot(spec: WorkbookSpec): WorkbookSnapshot {
  return { sheets: spec.sheets.map(sheetToSnapshot) };
}

function sheetToSnapshot(s: SheetSpec): SheetSnapshot {
  const { cells, merges } = sheetModel(s);
  const bounds = new Bounds();
  const grow = (r: number, c: number) => bounds.add(r, c);
  for (const p of cells) if (p.formula || p.value !== '') grow(p.row, p.col);
  for (const m of merges) bounds.addRange(m);
  const base = { name: s.name, merges: merges.map((m) => m.a1) };
  const used = bounds.range();
  if (!used) return { ...base, ...emptyUsedRange() };
  const { top, left, bottom, right } = used;
  const h = bottom - top + 1;
  const w = right - left + 1;
  const grid = <T>(v: T): T[][] => Array.from({ length: h }, () => new Array<T>(w).fill(v));
  const values = grid<CellValue>('');
  const formulas = grid<CellValue>('');
  const numberFormats = grid<string>('General');
  const fmtAt = new Map<string, string>();
  for (const p of cells) if (p.fmt) fmtAt.set(`${p.row},${p.col}`, p.fmt);
  for (const p of cells) {
    if (p.row < top || p.row > bottom || p.col < left || p.col > right) continue;
    values[p.row - top][p.col - left] = p.value;
    formulas[p.row - top][p.col - left] = p.formula ?? p.value;
    if (p.fmt) numberFormats[p.row - top][p.col - left] = p.fmt;
  }
  // A merged area's cells take its top-left cell's number format.
  for (const m of merges) {
    const fmt = fmtAt.get(`${m.top},${m.left}`) ?? 'General';
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) numberFormats[r - top][c - left] = fmt;
  }
  return { ...base, range: rangeToA1(used), values, formulas, numberFormats };
}

// ---------------------------------------------------------------------------
// .xlsx

const FONT = { name: '宋体', size: 10 };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function cellsOfRanges(ranges: string[] | undefined, fn: (r: number, c: number) => void): void {
  for (const a1 of ranges ?? []) {
    const r = parseRange(a1);
    for (let i = r.top; i <= r.bottom; i++) for (let j = r.left; j <= r.right; j++) fn(i, j);
  }
}

function styleSheet(ws: ExcelJS.Worksheet, s: SheetSpec, cells: Parsed[], merges: Merge[]): void {
  const layout = s.layout ?? {};
  const byPos = new Map<string, Parsed>();
  for (const p of cells) byPos.set(`${p.row},${p.col}`, p);
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleAt = (r: number, c: number) => {
    const k = `${r},${c}`;
    let st = styles.get(k);
    if (!st) { st = {}; styles.set(k, st); }
    return st;
  };
  const boxLeft = new Set<string>();
  for (const a1 of layout.boxes ?? []) {
    const r = parseRange(a1);
    for (let i = r.top; i <= r.bottom; i++) boxLeft.add(`${i},${r.left}`);
  }
  cellsOfRanges(layout.boxes, (r, c) => {
    const p = byPos.get(`${r},${c}`);
    const centred = boxLeft.has(`${r},${c}`) || (p !== undefined && typeof p.value === 'number');
    Object.assign(styleAt(r, c), {
      font: FONT, border: BORDER,
      alignment: { horizontal: centred ? 'center' : 'left', vertical: 'middle', wrapText: true },
    });
  });
  cellsOfRanges(layout.plain, (r, c) => Object.assign(styleAt(r, c), {
    font: FONT, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  }));
  for (const a1 of layout.labels ?? []) {
    const { row, col } = parseCell(a1);
    Object.assign(styleAt(row, col), { font: { ...FONT, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  }
  for (const a1 of layout.titles ?? []) {
    const { row, col } = parseCell(a1);
    Object.assign(styleAt(row, col), { font: { name: '宋体', size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  }
  for (const p of cells) if (p.fmt) styleAt(p.row, p.col).numFmt = p.fmt;
  for (const m of merges) {
    const fmt = byPos.get(`${m.top},${m.left}`)?.fmt;
    const master = styles.get(`${m.top},${m.left}`) ?? {};
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const st = styleAt(r, c);
        if (fmt) st.numFmt = fmt;
        if (master.font) st.font = master.font;
        if (master.alignment) st.alignment = master.alignment;
      }
    }
  }
  for (const [k, st] of styles) {
    const [r, c] = k.split(',').map(Number);
    // Each cell gets its own style object (exceljs would otherwise share them).
    ws.getCell(r + 1, c + 1).style = JSON.parse(JSON.stringify(st));
  }
  (layout.widths ?? []).forEach((w, i) => { if (w) ws.getColumn(i + 1).width = w; });
  for (const [r, h] of Object.entries(layout.heights ?? {})) ws.getRow(Number(r)).height = h;
}

/** Writes the spec as .xlsx bytes. A formula cell is written with its cached result. */
export async function toXlsx(spec: WorkbookSpec): Promise<Buffer> {
  const wb = toExcelJS(spec);
  return (await wb.xlsx.writeBuffer()) as unknown as Buffer;
}

/** The spec as an exceljs workbook (to add what the spec language lacks: images, notes). */
export function toExcelJS(spec: WorkbookSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'selfeval';
  wb.created = wb.modified = new Date(Date.UTC(2025, 3, 30));
  for (const s of spec.sheets) {
    const ws = wb.addWorksheet(s.name);
    const { cells, merges } = sheetModel(s);
    for (const p of cells) {
      if (!p.formula && p.value === '') continue;
      const cell = ws.getCell(p.row + 1, p.col + 1);
      if (p.formula) {
        const result = p.value === '' ? undefined : p.value;
        cell.value = { formula: p.formula.slice(1), result } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = p.value;
      }
    }
    for (const m of merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    styleSheet(ws, s, cells, merges);
  }
  return wb;
}

// ===========================================================================
// Blocks: tables built at A1 and placed anywhere

export type BlockKind = 'basic-data' | 'overall' | 'project' | 'other';

/** A rectangle of cells built at A1; `at()` and `sheet()` move it. */
export interface Block {
  kind: BlockKind;
  /** Project or unit name, where the table has one. */
  name: string | null;
  rows: number;
  cols: number;
  cells: Map<string, CellSpec>;
  merges: string[];
  layout: SheetLayout;
}

export interface Placed {
  block: Block;
  /** Top-left cell on the sheet. */
  at: string;
}

/** Places a block with its top-left cell at `a1` (e.g. "C5"). */
export function at(block: Block, a1: string): Placed {
  return { block, at: a1 };
}

const REF_RE = /(^|[^A-Za-z0-9_.$!'"])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g;

/** Moves the relative references of a formula by (dr, dc). String literals are left alone. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  const parts = formula.split(/("(?:[^"]|"")*")/);
  return parts.map((part, i) => (i % 2 === 1 ? part : part.replace(REF_RE, (_m, pre, cd, col, rd, row) => {
    const p = parseCell(`${col}${row}`);
    const r = rd ? p.row : p.row + dr;
    const c = cd ? p.col : p.col + dc;
    const moved = toA1(r, c).match(/^([A-Z]+)(\d+)$/)!;
    return `${pre}${cd}${moved[1]}${rd}${moved[2]}`;
  }))).join('');
}

function shiftA1(a1: string, dr: number, dc: number): string {
  const p = parseCell(a1);
  return toA1(p.row + dr, p.col + dc);
}

function shiftRange(a1: string, dr: number, dc: number): string {
  const r = parseRange(a1);
  return rangeToA1({ top: r.top + dr, left: r.left + dc, bottom: r.bottom + dr, right: r.right + dc });
}

/**
 * A sheet of blocks. A bare block goes below the previous one (column A,
 * `gap` blank rows between; the first at A1); a placed one goes where it says.
 */
export function sheet(name: string, ...items: (Block | Placed)[]): SheetSpec;
export function sheet(name: string, opts: { gap?: number }, ...items: (Block | Placed)[]): SheetSpec;
export function sheet(name: string, ...args: unknown[]): SheetSpec {
  let gap = 2;
  if (args.length && !isBlock(args[0]) && !isPlaced(args[0])) gap = (args.shift() as { gap?: number }).gap ?? 2;
  const items = args as (Block | Placed)[];
  const cells = new Map<string, CellSpec>();
  const merges: string[] = [];
  const layout: Required<SheetLayout> = { widths: [], heights: {}, titles: [], labels: [], boxes: [], plain: [] };
  let next = 0;
  for (const item of items) {
    const placed = isPlaced(item) ? item : { block: item, at: toA1(next === 0 ? 0 : next + gap, 0) };
    const { block } = placed;
    const o = parseCell(placed.at);
    for (const [a1, c] of block.cells) {
      const moved = isCellObject(c) && c.f ? { ...c, f: shiftFormula(c.f, o.row, o.col) } : c;
      const key = shiftA1(a1, o.row, o.col);
      if (cells.has(key)) throw new Error(`Sheet ${name}: blocks overlap at ${key}`);
      cells.set(key, moved);
    }
    merges.push(...block.merges.map((m) => shiftRange(m, o.row, o.col)));
    const l = block.layout;
    (l.widths ?? []).forEach((w, i) => {
      const c = i + o.col;
      if (w && (!layout.widths[c] || layout.widths[c]! < w)) layout.widths[c] = w;
    });
    for (const [r, h] of Object.entries(l.heights ?? {})) layout.heights[Number(r) + o.row] = h;
    layout.titles.push(...(l.titles ?? []).map((a) => shiftA1(a, o.row, o.col)));
    layout.labels.push(...(l.labels ?? []).map((a) => shiftA1(a, o.row, o.col)));
    layout.boxes.push(...(l.boxes ?? []).map((a) => shiftRange(a, o.row, o.col)));
    layout.plain.push(...(l.plain ?? []).map((a) => shiftRange(a, o.row, o.col)));
    next = Math.max(next, o.row + block.rows);
  }
  return { name, cells, merges, layout };
}

function isBlock(x: unknown): x is Block {
  return !!x && typeof x === 'object' && (x as Block).cells instanceof Map;
}

function isPlaced(x: unknown): x is Placed {
  return !!x && typeof x === 'object' && isBlock((x as Placed).block) && typeof (x as Placed).at === 'string';
}

export function workbook(...sheets: SheetSpec[]): WorkbookSpec {
  return { sheets };
}

/** Writes cells of a block being built; rows and columns are 0-based. */
class Grid {
  cells = new Map<string, CellSpec>();
  merges: string[] = [];
  layout: Required<SheetLayout> = { widths: [], heights: {}, titles: [], labels: [], boxes: [], plain: [] };
  rows = 0;
  constructor(readonly cols: number) {}

  set(r: number, c: number, v: CellSpec | undefined): void {
    if (v === undefined || v === null || v === '') return;
    this.cells.set(toA1(r, c), v);
    this.rows = Math.max(this.rows, r + 1);
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (top === bottom && left === right) return;
    this.merges.push(rangeToA1({ top, left, bottom, right }));
    this.rows = Math.max(this.rows, bottom + 1);
  }

  /** Sets the value in the top-left cell and merges the area. */
  put(top: number, left: number, bottom: number, right: number, v: CellSpec | undefined): void {
    this.set(top, left, v);
    this.merge(top, left, bottom, right);
  }

  box(top: number, bottom: number, left = 0, right = this.cols - 1): void {
    this.layout.boxes.push(rangeToA1({ top, left, bottom, right }));
  }

  block(kind: BlockKind, name: string | null, rows = this.rows): Block {
    return { kind, name, rows, cols: this.cols, cells: this.cells, merges: this.merges, layout: this.layout };
  }
}

// ===========================================================================
// Numbers

/** Half-up rounding to `digits` decimals, as the finance ministry's system does. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.sign(x) * Math.round(Math.abs(x) * f * (1 + Number.EPSILON)) / f;
}

function num(v: CellSpec | undefined): number | null {
  if (typeof v === 'number') return v;
  if (v !== null && v !== undefined && isCellObject(v) && typeof v.v === 'number') return v.v;
  return null;
}

function withFmt(v: CellSpec | undefined, fmt: string | undefined): CellSpec | undefined {
  if (v === undefined || !fmt) return v;
  if (isCellObject(v)) return { ...v, fmt: v.fmt ?? fmt };
  if (v === null || v === '') return v;
  return { v, fmt };
}

/** '0%' for a whole percentage (as the seed has), '0.00%' otherwise. */
function rateFormatOf(rate: CellSpec | undefined): string {
  const n = num(rate);
  return n !== null && Math.abs(n * 100 - Math.round(n * 100)) > 1e-9 ? '0.00%' : '0%';
}

// ===========================================================================
// 基础数据表 (basic-data)

export interface BasicRow {
  label: string;
  /** {Y-1} 年决算数 */
  prev?: CellSpec;
  /** {Y} 年预算数 */
  budget?: CellSpec;
  /** {Y} 年决算数 */
  final?: CellSpec;
}

export interface BasicDataOptions {
  year?: number;
  /** The 附件 label above the title; null for none. Default '附件2'. */
  label?: string | null;
  title?: string;
  staff?: { authorized?: CellSpec; actual?: CellSpec; rate?: CellSpec; rateFormat?: string };
  /** The 经费控制情况 rows, 一、部门基本支出 to 部门基本支出预算调整. */
  rows?: BasicRow[];
  buildings?: { label?: string; values?: CellSpec[] } | null;
  savings?: string | null;
  note?: string | null;
  footer?: string | null;
  headers?: Partial<{
    staff: string; authorized: string; actual: string; rate: string;
    funds: string; prev: string; budget: string; final: string;
    buildings: string[]; savings: string;
  }>;
  /** Formula for 控制率 (=actual/authorized) with its cached value. */
  formulas?: boolean;
}

export const HONGJIANG_BASIC_ROWS: BasicRow[] = [
  { label: '一、部门基本支出', prev: 313.93, budget: 219.78, final: 255.51 },
  { label: '其中：公用经费', prev: 71.88, budget: 15.16, final: 51.06 },
  { label: '其中：办公经费', prev: 6.05, budget: 0, final: 3.95 },
  { label: '水费、电费、差旅费', prev: 9.65, budget: 0, final: 7.49 },
  { label: '会议费、培训费', prev: 0.39, budget: 0, final: 0 },
  { label: '“三公”经费', prev: 2.14, budget: 1, final: 1.44 },
  { label: '1、公务用车购置和维护经费', prev: 0, budget: 0, final: 0 },
  { label: '其中：公交车购置', prev: 0, budget: 0, final: 0 },
  { label: '公交车运行维护', prev: 0, budget: 0, final: 0 },
  { label: '2、出国经费', prev: 0, budget: 0, final: 0 },
  { label: '3、公务接待', prev: 2.14, budget: 1, final: 1.44 },
  { label: '二、部门项目支出', prev: 435.13, budget: 19.05, final: 110.26 },
  { label: '1、业务工作经费', prev: 0, budget: 19.05, final: 19.05 },
  { label: '科技三项费产学研创新', prev: 0, budget: 19.05, final: 19.05 },
  { label: '2.专项工作经费', prev: 435.13, budget: 0, final: '91.2591.25' },
  { label: '中小企业发展专项', prev: 435.13, budget: 0, final: 91.25 },
  { label: '政府采购金额', prev: '——', budget: 0, final: 21.64 },
  { label: '部门基本支出预算调整', prev: '——', budget: 219.78, final: 255.51 },
];

/** A Hunan-layout 基础数据表 (seven columns, A..G), built from data. */
export function basicDataTable(o: BasicDataOptions = {}): Block {
  const year = o.year ?? 2024;
  const h = {
    staff: '财政供养人员情况(人)', authorized: '编制数', actual: `${year} 年实际在职人数`, rate: '控制率',
    funds: '经费控制情况(万元)', prev: `${year - 1} 年决算数`, budget: `${year} 年预算数`, final: `${year} 年决算数`,
    buildings: ['批复规模 (m²)', '实际规模 (m²)', '规模控制率', '预算投资 (万元)', '实际投资 (万元)', '投资概算控制率'],
    savings: '厉行节约保障措施',
    ...o.headers,
  };
  const g = new Grid(7);
  let r = 0;
  const label = o.label === undefined ? '附件2' : o.label;
  if (label) { g.set(r, 0, label); g.layout.labels.push(toA1(r, 0)); r++; }
  g.put(r, 0, r, 6, o.title ?? `${year} 年度部门（单位）整体支出绩效评价基础数据表`);
  g.layout.titles.push(toA1(r, 0));
  g.layout.heights[r + 1] = 30;
  r++;
  const top = r;
  // 财政供养人员情况
  const staff = o.staff ?? {};
  const authorized = staff.authorized ?? 21;
  const actual = staff.actual ?? 18;
  const a = num(authorized), b = num(actual);
  let rate: CellSpec | undefined = staff.rate ?? (a && b !== null ? round(b / a, 4) : undefined);
  if (o.formulas && !isCellObject(rate as CellSpec)) rate = { v: rate as CellInput, f: `=${toA1(r + 1, 2)}/${toA1(r + 1, 1)}` };
  g.put(r, 0, r + 1, 0, h.staff);
  g.set(r, 1, h.authorized);
  g.put(r, 2, r, 3, h.actual);
  g.put(r, 4, r, 5, h.rate);
  g.set(r + 1, 1, authorized);
  g.put(r + 1, 2, r + 1, 3, actual);
  g.put(r + 1, 4, r + 1, 5, withFmt(rate, staff.rateFormat ?? '0.00%'));
  r += 2;
  // 经费控制情况
  g.set(r, 0, h.funds);
  g.set(r, 1, h.prev);
  g.put(r, 2, r, 3, h.budget);
  g.put(r, 4, r, 5, h.final);
  r++;
  for (const row of o.rows ?? HONGJIANG_BASIC_ROWS) {
    g.set(r, 0, row.label);
    g.set(r, 1, row.prev);
    g.put(r, 2, r, 3, row.budget);
    g.put(r, 4, r, 5, row.final);
    r++;
  }
  // 楼堂馆所控制情况
  if (o.buildings !== null) {
    const bl = o.buildings ?? {};
    g.put(r, 0, r + 1, 0, bl.label ?? `楼堂馆所控制情况 (${year} 年完工项目)`);
    h.buildings.forEach((t, i) => g.set(r, 1 + i, t));
    const vals = bl.values ?? ['-', '-', '-', '-', '-', '-'];
    vals.forEach((v, i) => g.set(r + 1, 1 + i, v));
    r += 2;
  }
  if (o.savings !== null) {
    g.set(r, 0, h.savings);
    g.put(r, 1, r, 6, o.savings ?? '按时按点完成规定项目支出计划，提高资金使用率');
    r++;
  }
  if (o.note !== null) {
    g.put(r, 0, r, 6, o.note ?? '说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。');
    r++;
  }
  g.box(top, r - 1);
  if (o.footer !== null) {
    g.put(r, 0, r, 6, o.footer ?? '填表人：杨金花 填报日期：2025.4.30 联系电话：158****2934 单位负责人签字：梁思林');
    g.layout.plain.push(rangeToA1({ top: r, left: 0, bottom: r, right: 6 }));
    r++;
  }
  g.layout.widths = [30, 14, 12, 6, 12, 6, 16];
  return g.block('basic-data', null, r);
}

// ===========================================================================
// Evaluation tables: 整体支出绩效自评表 (overall) and 项目支出绩效自评表 (project)

export type FundsKey = 'initial' | 'budget' | 'executed' | 'weight' | 'rate' | 'score';
export type IndicatorKey = 'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'reason';

export interface Funds {
  /** 年初预算数 */
  initial?: CellSpec;
  /** 全年预算数 */
  budget?: CellSpec;
  /** 全年执行数 */
  executed?: CellSpec;
  /** 分值; default 10 */
  weight?: CellSpec;
  /** 执行率; default executed / budget, rounded to 4 decimals */
  rate?: CellSpec;
  /** 得分; default round(min(weight × rate, weight), 2) */
  score?: CellSpec;
}

/** Amounts of a 其中 row of a project table. */
export interface FundsPart {
  initial?: CellSpec;
  budget?: CellSpec;
  executed?: CellSpec;
}

export interface Indicator {
  /** 一级指标, e.g. '产出指标 (40分)'; consecutive equal values are merged. */
  level1: string;
  /** 二级指标; consecutive equal values within one 一级 are merged. */
  level2: string;
  /** 三级指标 */
  name: string;
  target?: CellSpec;
  actual?: CellSpec;
  weight?: CellSpec;
  score?: CellSpec;
  reason?: CellSpec;
}

export interface Goal {
  expected?: string;
  achieved?: string;
}

export interface EvalHeaders {
  /** 项目支出名称 (project) / 预算单位名称 (overall) */
  nameLabel: string;
  dept: string;
  unit: string;
  /** 项目资金 (万元) / 年度预算申请(万元) */
  funds: string;
  initial: string;
  budget: string;
  executed: string;
  weight: string;
  rate: string;
  score: string;
  /** 年度资金总额 */
  total: string;
  current: string;
  carryover: string;
  other: string;
  goals: string;
  expected: string;
  achieved: string;
  indicators: string;
  level1: string;
  level2: string;
  level3: string;
  target: string;
  actual: string;
  indWeight: string;
  indScore: string;
  reason: string;
  /** 总分 */
  sum: string;
}

const HUNAN_HEADERS: EvalHeaders = {
  nameLabel: '项目支出名称', dept: '主管部门', unit: '实施单位', funds: '项目资金 (万元)',
  initial: '年初预算数', budget: '全年预算数', executed: '全年执行数', weight: '分值', rate: '执行率', score: '得分',
  total: '年度资金总额', current: '其中：当年财政拨款', carryover: '上年结转资金', other: '其他资金',
  goals: '年度总体目标', expected: '预期目标', achieved: '实际完成情况',
  indicators: '绩效指标', level1: '一级指标', level2: '二级指标', level3: '三级指标',
  target: '年度指标值', actual: '实际完成值', indWeight: '分值', indScore: '得分', reason: '偏差原因分析及改进措施',
  sum: '总分',
};

/** Header wordings seen in real templates (RULES.md §1.4), to pass as `headers`. */
export const HEADER_VARIANTS = {
  synonyms: {
    budget: '调整后预算数', executed: '预算执行数', rate: '预算执行率', weight: '权重', indWeight: '分 值',
    target: '指标值', actual: '完成值', reason: '未完成原因分析', current: '其中：本年财政拨款', nameLabel: '项目名称',
  },
  formulaNotes: {
    budget: '全年预算数(A)', executed: '全年执行数(B)', rate: '执行率(B/A)', score: '得分(10分*执行率)',
    target: '年初目标值(A)', actual: '全年实际值(B)',
  },
  fullWidth: {
    funds: '项目资金（万元）', budget: '全年预算数（Ａ）', executed: '全年执行数（Ｂ）', rate: '执行率（Ｂ/Ａ）',
    score: '得分（１０分*执行率）',
  },
  lineBreaks: {
    initial: '年初\n预算数', budget: '全年\n预算数', executed: '全年\n执行数', target: '年度\n指标值',
    actual: '实际\n完成值', reason: '偏差原因分析\n及改进措施', level1: '一级\n指标',
  },
} satisfies Record<string, Partial<EvalHeaders>>;

export const HUNAN_FUNDS_COLUMNS: FundsKey[] = ['initial', 'budget', 'executed', 'weight', 'rate', 'score'];
export const HUNAN_INDICATOR_COLUMNS: IndicatorKey[] = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'reason'];

/** Formula cells with cached values, for the derived cells of a funds row and the 总分 row. */
export interface FormulaOptions {
  /** 执行率 = 全年执行数 / 全年预算数 */
  rate?: boolean;
  /** 得分 = MIN(分值 × 执行率, 分值) */
  score?: boolean;
  /** 总分: 分值 = funds 分值 + SUM(indicator 分值), 得分 likewise */
  total?: boolean;
}

interface EvalCommon {
  year?: number;
  /** The 附件 label above the title; null for none. */
  label?: string | null;
  /** Title row(s), each merged across the table. */
  title?: string | string[];
  funds?: Funds;
  goals?: Goal[];
  indicators?: Indicator[];
  /** 总分 row; default: sums of 分值 and 得分 (funds row included). False leaves the row out (a table cut short). */
  total?: { weight?: CellSpec; score?: CellSpec } | false;
  formulas?: boolean | FormulaOptions;
  headers?: Partial<EvalHeaders>;
  /** Column order of the funds row, from column C. */
  fundsColumns?: FundsKey[];
  /** Column order of the indicator rows, from column B. */
  indicatorColumns?: IndicatorKey[];
  footer?: string | null;
  /** Number format of 执行率; default '0%' for a whole percentage, else '0.00%'. */
  rateFormat?: string;
  /** Column widths from column A. */
  widths?: number[];
}

export interface ProjectTableOptions extends EvalCommon {
  /** 项目支出名称 */
  name?: string;
  /** 主管部门 */
  dept?: string;
  /** 实施单位 */
  unit?: string;
  /** 其中：当年财政拨款 */
  current?: FundsPart;
  /** 上年结转资金 */
  carryover?: FundsPart;
  /** 其他资金 */
  other?: FundsPart;
  /** Text for the 分值/执行率/得分 cells of the 其中 rows (the national template has '—'). */
  partFiller?: string;
}

export interface OverallTableOptions extends EvalCommon {
  /** 预算单位名称 */
  unit?: string;
  /** 按收入性质分, amounts of 全年执行数; written as `label：amount` text (null: label only). */
  income?: { public?: Scalar; fund?: Scalar; specialNonTax?: Scalar; other?: Scalar };
  /** 按支出性质分 */
  expense?: { basic?: Scalar; project?: Scalar };
}

function fundsDefaults(f: Funds): Required<Omit<Funds, 'initial'>> & { initial?: CellSpec } {
  const weight = f.weight ?? 10;
  const budget = num(f.budget), executed = num(f.executed), w = num(weight);
  let rate = f.rate;
  if (rate === undefined && budget !== null && executed !== null) rate = budget === 0 ? 0 : round(executed / budget, 4);
  let score = f.score;
  const r = num(rate ?? null);
  if (score === undefined && r !== null && w !== null) score = round(Math.min(w * r, w), 2);
  return { initial: f.initial, budget: f.budget ?? null, executed: f.executed ?? null, weight, rate: rate ?? null, score: score ?? null };
}

function formulaOpts(f: EvalCommon['formulas']): FormulaOptions {
  if (f === true) return { rate: true, score: true, total: true };
  return f || {};
}

function asFormula(v: CellSpec | undefined, f: string): CellSpec {
  if (v !== undefined && v !== null && isCellObject(v)) return v.f ? v : { ...v, f };
  return { v: (v ?? null) as CellInput, f };
}

function addScores(xs: (CellSpec | undefined)[]): number | null {
  let sum = 0;
  for (const x of xs) {
    const n = num(x);
    if (n === null) {
      if (x === undefined || x === null || x === '') continue;
      return null;
    }
    sum += n;
  }
  return round(sum, 2);
}

interface EvalBody {
  kind: 'overall' | 'project';
  name: string | null;
  h: EvalHeaders;
  width: number;
  /** Rows between the title and the funds block: [label, value] rows. */
  head: (g: Grid, r: number) => number;
  /** Rows after 年度资金总额 in the funds block. */
  fundsExtra: (g: Grid, r: number, colOf: (k: FundsKey) => number) => number;
  fundsExtraRows: number;
}

function evalTable(o: EvalCommon, body: EvalBody, defaults: { label: string | null; title: string[]; goals: Goal[]; indicators: Indicator[]; footer: string | null; widths: number[] }): Block {
  const { h, width } = body;
  const fundsCols = o.fundsColumns ?? HUNAN_FUNDS_COLUMNS;
  const indCols = o.indicatorColumns ?? HUNAN_INDICATOR_COLUMNS;
  const last = width - 1;
  const fx = formulaOpts(o.formulas);
  const g = new Grid(width);
  let r = 0;
  const label = o.label === undefined ? defaults.label : o.label;
  if (label) { g.set(r, 0, label); g.layout.labels.push(toA1(r, 0)); r++; }
  const titles = o.title === undefined ? defaults.title : (Array.isArray(o.title) ? o.title : [o.title]);
  titles.forEach((t, i) => {
    g.put(r, 0, r, last, t);
    if (i === 0) { g.layout.titles.push(toA1(r, 0)); g.layout.heights[r + 1] = 30; } else g.layout.plain.push(toA1(r, 0));
    r++;
  });
  const top = r;
  r = body.head(g, r);

  // Funds block
  const colOf = (k: FundsKey) => {
    const i = fundsCols.indexOf(k);
    return i < 0 ? -1 : 2 + i;
  };
  const fundsTop = r;
  g.put(r, 0, r + 1 + body.fundsExtraRows, 0, h.funds);
  for (const k of fundsCols) g.set(r, colOf(k), h[k]);
  r++;
  const f = fundsDefaults(o.funds ?? {});
  const fundsRow = r;
  g.set(r, 1, h.total);
  const cell = (k: FundsKey) => toA1(fundsRow, colOf(k));
  let rate: CellSpec | undefined = f.rate;
  if (fx.rate && colOf('rate') >= 0 && colOf('budget') >= 0 && colOf('executed') >= 0) {
    rate = asFormula(rate, `${cell('executed')}/${cell('budget')}`);
  }
  let score: CellSpec | undefined = f.score;
  if (fx.score && colOf('score') >= 0 && colOf('weight') >= 0 && colOf('rate') >= 0) {
    score = asFormula(score, `MIN(${cell('weight')}*${cell('rate')},${cell('weight')})`);
  }
  const values: Record<FundsKey, CellSpec | undefined> = {
    initial: f.initial, budget: f.budget, executed: f.executed, weight: f.weight,
    rate: withFmt(rate, o.rateFormat ?? rateFormatOf(rate)), score,
  };
  for (const k of fundsCols) g.set(r, colOf(k), values[k]);
  r++;
  r = body.fundsExtra(g, r, colOf);
  void fundsTop;

  // Goals
  const goals = o.goals ?? defaults.goals;
  const half = 1 + Math.floor((width - 1) / 2);
  g.put(r, 0, r + goals.length, 0, h.goals);
  g.put(r, 1, r, half - 1, h.expected);
  g.put(r, half, r, last, h.achieved);
  r++;
  for (const goal of goals) {
    g.put(r, 1, r, half - 1, goal.expected);
    g.put(r, half, r, last, goal.achieved);
    r++;
  }

  // Indicators
  const inds = o.indicators ?? defaults.indicators;
  const ic = (k: IndicatorKey) => {
    const i = indCols.indexOf(k);
    return i < 0 ? -1 : 1 + i;
  };
  const headerOf: Record<IndicatorKey, string> = {
    level1: h.level1, level2: h.level2, name: h.level3, target: h.target, actual: h.actual,
    weight: h.indWeight, score: h.indScore, reason: h.reason,
  };
  g.put(r, 0, r + inds.length, 0, h.indicators);
  for (const k of indCols) g.set(r, ic(k), headerOf[k]);
  r++;
  const first = r;
  inds.forEach((ind, i) => {
    const row = first + i;
    for (const k of indCols) {
      if (k === 'level1' || k === 'level2') continue;
      g.set(row, ic(k), ind[k] as CellSpec | undefined);
    }
  });
  // 一级 and 二级 cells: consecutive equal values are merged downward.
  for (let i = 0; i < inds.length;) {
    let j = i;
    while (j + 1 < inds.length && inds[j + 1].level1 === inds[i].level1) j++;
    if (ic('level1') >= 0) g.put(first + i, ic('level1'), first + j, ic('level1'), inds[i].level1);
    for (let k = i; k <= j && ic('level2') >= 0;) {
      let m = k;
      while (m + 1 <= j && inds[m + 1].level2 === inds[k].level2) m++;
      g.put(first + k, ic('level2'), first + m, ic('level2'), inds[k].level2);
      k = m + 1;
    }
    i = j + 1;
  }
  r = first + inds.length;

  // 总分
  if (o.total !== false) {
    const wCol = ic('weight'), sCol = ic('score');
    const sumEnd = Math.min(wCol, sCol) - 1;
    g.put(r, 0, r, sumEnd, h.sum);
    let totalWeight: CellSpec | undefined = o.total?.weight ?? addScores([f.weight, ...inds.map((x) => x.weight)]) ?? undefined;
    let totalScore: CellSpec | undefined = o.total?.score ?? addScores([f.score, ...inds.map((x) => x.score)]) ?? undefined;
    if (fx.total && inds.length) {
      const span = (c: number) => `${toA1(first, c)}:${toA1(first + inds.length - 1, c)}`;
      if (colOf('weight') >= 0) totalWeight = asFormula(totalWeight, `${cell('weight')}+SUM(${span(wCol)})`);
      if (colOf('score') >= 0) totalScore = asFormula(totalScore, `${cell('score')}+SUM(${span(sCol)})`);
    }
    g.set(r, wCol, totalWeight);
    g.set(r, sCol, totalScore);
    r++;
  }
  g.box(top, r - 1);
  const footer = o.footer === undefined ? defaults.footer : o.footer;
  if (footer) {
    g.put(r, 0, r, last, footer);
    g.layout.plain.push(rangeToA1({ top: r, left: 0, bottom: r, right: last }));
    r++;
  }
  g.layout.widths = o.widths ?? defaults.widths;
  return g.block(body.kind, body.name, r);
}

const FOOTER = '填表人：杨金花 填报日期：2025.4.30 联系电话：158****2934 单位负责人签字：梁思林';

export function hongjiangProjectIndicators(variant: Variant = 'corrected', year = 2024): Indicator[] {
  const amount = variant === 'published' ? '19.5' : '19.05';
  const cost = '成本指标 (20分)', out = '产出指标 (40分)', eff = '效益指标 (20分)', sat = '满意度指标 (10分)';
  const due = `${year} 年 12 月 31 日前完成`;
  return [
    { level1: cost, level2: '经济成本指标', name: '项目成本', target: `≤${amount} 万元`, actual: `${amount} 万元`, weight: 10, score: 10 },
    { level1: cost, level2: '社会成本指标', name: '社会成本节约率', target: '100%', actual: '100%', weight: 5, score: 5 },
    { level1: cost, level2: '生态成本指标', name: '生态环境成本节约率', target: '100%', actual: '100%', weight: 5, score: 5 },
    { level1: out, level2: '数量指标', name: '项目工作完成率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { level1: out, level2: '质量指标', name: '项目绩效目标达成率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { level1: out, level2: '时效指标', name: '完成及时性', target: due, actual: due, weight: 20, score: 20 },
    { level1: eff, level2: '经济效益指标', name: '促进经济有序健康发展', target: '效果显著', actual: '效果显著', weight: 5, score: 5 },
    { level1: eff, level2: '社会效益指标', name: '增加就业机会，激发创新意识', target: '效果显著', actual: '效果显著', weight: 5, score: 5 },
    { level1: eff, level2: '生态效益指标', name: '生态效益情况', target: '效果显著', actual: '效果显著', weight: 5, score: 5 },
    { level1: eff, level2: '可持续影响指标', name: '推进科技服务体系发展可持续', target: '效果显著', actual: '效果显著', weight: 5, score: 5 },
    { level1: sat, level2: '服务对象满意度指标', name: '社会公众满意度', target: '≥95%', actual: '95%', weight: 10, score: 10 },
  ];
}

const PROJECT_GOAL: Goal = {
  expected: '组织重大科技成果应用示范，加强科技成果转化和推广，推动企业技术创新能力建设；拟订促进技术市场、科技中介组织发展政策，负责全区技术市场体系建设和管理，推进科技服务体系发展。',
  achieved: '每年按时完成资金使用率',
};

/** Year, headers, column orders and width shared by the Hunan-layout evaluation tables. */
function evalLayout(o: EvalCommon, kindHeaders: Partial<EvalHeaders>) {
  const fundsCols = o.fundsColumns ?? HUNAN_FUNDS_COLUMNS;
  const indCols = o.indicatorColumns ?? HUNAN_INDICATOR_COLUMNS;
  const width = Math.max(2 + fundsCols.length, 1 + indCols.length);
  const h: EvalHeaders = { ...HUNAN_HEADERS, ...kindHeaders, ...o.headers };
  return { year: o.year ?? 2024, h, fundsCols, indCols, width, last: width - 1 };
}

/**
 * A Hunan-layout 项目支出绩效自评表 (nine columns A..I) built from data.
 * Unset fields take the corrected Hongjiang project's values; 执行率, 得分 and
 * 总分 default to the correct values computed from the inputs.
 */
export function projectTable(o: ProjectTableOptions = {}): Block {
  const { year, h, width, last } = evalLayout(o, {});
  const name = o.name ?? '科技三项费产学研创新（含无委办经费）';
  const funds: Funds = o.funds ?? { initial: 19.05, budget: 19.05, executed: 19.05 };
  const parts: [string, FundsPart | undefined][] = [
    [h.current, o.current ?? (o.funds ? undefined : { initial: 19.05 })],
    [h.carryover, o.carryover],
    [h.other, o.other],
  ];
  return evalTable({ ...o, funds }, {
    kind: 'project', name, h, width,
    head: (g, r) => {
      g.put(r, 0, r, 1, h.nameLabel);
      g.put(r, 2, r, last, name);
      r++;
      const deptEnd = 2 + Math.floor((width - 3) / 2) - 1;
      g.put(r, 0, r, 1, h.dept);
      g.put(r, 2, r, deptEnd, o.dept ?? '洪江区科技和工业信息化局');
      g.set(r, deptEnd + 1, h.unit);
      g.put(r, deptEnd + 2, r, last, o.unit ?? '洪江区科技和工业信息化局');
      return r + 1;
    },
    fundsExtraRows: 3,
    fundsExtra: (g, r, colOf) => {
      for (const [label, part] of parts) {
        g.set(r, 1, label);
        for (const k of ['initial', 'budget', 'executed'] as const) if (colOf(k) >= 0) g.set(r, colOf(k), part?.[k]);
        if (o.partFiller) for (const k of ['weight', 'rate', 'score'] as const) if (colOf(k) >= 0) g.set(r, colOf(k), o.partFiller);
        r++;
      }
      return r;
    },
  }, {
    label: '附件4', title: [`${year} 年度项目支出绩效自评表`], goals: [PROJECT_GOAL],
    indicators: hongjiangProjectIndicators('corrected', year), footer: FOOTER,
    widths: [12, 18, 14, 22, 18, 18, 8, 8, 30].slice(0, width),
  });
}

export function hongjiangOverallIndicators(variant: Variant = 'corrected'): Indicator[] {
  const cost = '成本指标(20分)', out = '产出指标(40分)', eff = '效益指标(20分)', sat = '满意度指标(10分)';
  const effect = { target: '效果明显', actual: '效果明显', weight: 5, score: 5 };
  return [
    { level1: cost, level2: '经济成本指标', name: '项目成本', target: '≤377.89 万元', actual: '377.89 万元', weight: 20, score: 20 },
    {
      level1: out, level2: '数量指标', name: '新增规模以上工业企业', target: '5 家', actual: '3 家', weight: 5,
      score: variant === 'miscalculated' ? 5 : 3,
      reason: variant === 'published' ? undefined : '受国际经济形势影响，企业产值产能下滑，储备企业不足；下一步加大企业培育和政策宣传力度',
    },
    { level1: out, level2: '数量指标', name: '新增高新技术企业', target: '1 家', actual: '1 家', weight: 3, score: 3 },
    {
      level1: out, level2: '数量指标', name: '工业固定资产投资同比增长', target: '≥1%', actual: '-47.4%', weight: 2, score: 0,
      reason: `企业投入与产出不成正比，丧失对申报的信心，今后${variant === 'published' ? '加加大' : '加大'}宣传政策力度，确保企业应享尽享`,
    },
    { level1: out, level2: '质量指标', name: '资金使用合规率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { level1: out, level2: '质量指标', name: '高新技术企业认定完成率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { level1: out, level2: '时效指标', name: '各项工作及时完成率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { level1: eff, level2: '经济效益指标', name: '经济效益情况', ...effect },
    { level1: eff, level2: '社会效益指标', name: '增加就业机会,激发创新意识', ...effect },
    { level1: eff, level2: '生态效益指标', name: '生态效益情况', ...effect },
    { level1: eff, level2: '可持续影响指标', name: '可持续影响情况', ...effect },
    { level1: sat, level2: '服务对象满意度指标', name: '社会公众满意度', target: '≥90%', actual: '90%', weight: 10, score: 10 },
  ];
}

const SAME_GOAL = '推进企业技术创新体系建设，指导行业技术创新和技术进步，以先进适用技术改造提升传统产业；组织实施相关科技重大专项，推进产学研结合和科研成果转化产业化。';
const OVERALL_GOALS: Goal[] = [
  { expected: SAME_GOAL, achieved: SAME_GOAL },
  { expected: '目标 1：规模工业总产值同比增长 8%，新增规模以上工业企业 5 家，', achieved: '目标 1：规模工业总产值同比增长 8%，新增规模以上工业企业 3 家，' },
  { expected: '目标 2：高新技术产业产值同比增长 10%，新增高新技术企业 1 家；', achieved: '目标 2：高新技术产业产值同比增长 18.4%，新增高新技术企业 1 家；' },
  { expected: '目标 3：工业固定资产投资同比增长 1%，工业技术改造投资同比 12%', achieved: '目标 3：工业固定资产投资同比增长 0，工业技术改造投资同比下降 47.4%。' },
];

function labelled(label: string, v: Scalar | undefined): string {
  return `${label}：${v === undefined || v === null ? '' : String(v)}`;
}

/**
 * A Hunan-layout 整体支出绩效自评表 (nine columns A..I) built from data. Unset
 * fields take the corrected Hongjiang values.
 */
export function overallTable(o: OverallTableOptions = {}): Block {
  const { year, h, width, last } = evalLayout(o, { nameLabel: '预算单位名称', funds: '年度预算申请(万元)' });
  const unit = o.unit ?? '洪江区科技和工业信息化局';
  const funds: Funds = o.funds ?? { initial: 238.83, budget: 377.89, executed: 377.89 };
  const income = o.income ?? { public: 377.89, fund: 0, specialNonTax: null, other: null };
  const expense = o.expense ?? { basic: 267.59, project: 110.3 };
  const split = Math.min(4, last - 1);
  return evalTable({ ...o, funds }, {
    kind: 'overall', name: unit, h, width,
    head: (g, r) => {
      g.put(r, 0, r, 1, h.nameLabel);
      g.put(r, 2, r, last, unit);
      return r + 1;
    },
    fundsExtraRows: 5,
    fundsExtra: (g, r) => {
      const left = (row: number, v: string | undefined) => g.put(row, 1, row, split - 1, v);
      const right = (row: number, v: string | undefined) => g.put(row, split, row, last - 1, v);
      left(r, '按收入性质分：');
      right(r, '按支出性质分：');
      left(r + 1, labelled('其中：一般公共预算', income.public));
      right(r + 1, labelled('其中：基本支出', expense.basic));
      left(r + 2, labelled('政府性基金拨款', income.fund));
      right(r + 2, labelled('项目支出', expense.project));
      left(r + 3, labelled('纳入专户管理的非税收入拨款', income.specialNonTax));
      right(r + 3, undefined);
      left(r + 4, labelled('其他资金', income.other));
      right(r + 4, undefined);
      return r + 5;
    },
  }, {
    label: '附件3', title: [`${year} 年度部门（单位）整体支出绩效自评表`], goals: OVERALL_GOALS,
    indicators: hongjiangOverallIndicators('corrected'),
    footer: '填表人: 杨金花 填报日期: 2025.4.30 联系电话: 158****2934 单位负责人签字: 梁思林',
    widths: [12, 18, 14, 22, 16, 16, 8, 8, 30].slice(0, width),
  });
}

// ===========================================================================
// The seed's tables (the fixtures in ../shared/fixtures)

export type Variant = 'published' | 'corrected' | 'miscalculated';

/** The 经费控制情况 rows of the seed's 附件2 (the corrections applied unless published). */
export function hongjiangBasicRows(variant: Variant = 'published'): BasicRow[] {
  const fixed = variant !== 'published';
  const rows = HONGJIANG_BASIC_ROWS.map((r) => ({ ...r }));
  const set = (label: string, patch: Partial<BasicRow>) => Object.assign(rows.find((r) => r.label === label)!, patch);
  if (fixed) {
    set('一、部门基本支出', { final: 267.59 });
    set('其中：公交车购置', { label: '其中：公车购置' });
    set('公交车运行维护', { label: '公车运行维护' });
    set('二、部门项目支出', { final: 110.3 });
    set('2.专项工作经费', { final: 91.25 });
    set('部门基本支出预算调整', { final: 267.59 });
  }
  return rows;
}

/** 附件2 of the seed, A1:G28. */
export function hongjiangBasicData(variant: Variant = 'published', overrides: BasicDataOptions = {}): Block {
  const fixed = variant !== 'published';
  return basicDataTable({
    rows: hongjiangBasicRows(variant),
    staff: { authorized: 21, actual: 18, rate: variant === 'miscalculated' ? 0.9 : 0.8571 },
    buildings: { label: `${fixed ? '楼堂馆所' : '殿堂馆所'}控制情况 (2024 年完工项目)` },
    ...overrides,
  });
}

/** 附件3 of the seed, A1:I30. */
export function hongjiangOverall(variant: Variant = 'published', overrides: OverallTableOptions = {}): Block {
  const mis = variant === 'miscalculated';
  return overallTable({
    funds: { initial: 238.83, budget: 377.89, executed: 377.89, weight: 10, rate: mis ? 0.95 : 1, score: mis ? 9.5 : 10 },
    rateFormat: mis ? '0.00%' : '0%',
    indicators: hongjiangOverallIndicators(variant),
    total: { weight: 100, score: mis ? 98 : 96 },
    ...overrides,
  });
}

/** 附件4 of the seed, A1:I25. */
export function hongjiangProject(variant: Variant = 'published', overrides: ProjectTableOptions = {}): Block {
  const mis = variant === 'miscalculated';
  const amount = variant === 'published' ? 19.5 : 19.05;
  return projectTable({
    funds: { initial: amount, budget: amount, executed: amount, weight: 10, rate: mis ? 0.95 : 1, score: mis ? 9.5 : 10 },
    current: { initial: amount },
    indicators: hongjiangProjectIndicators(variant),
    total: { weight: 100, score: mis ? 99.5 : 100 },
    ...overrides,
  });
}

/**
 * The seed's 附件2 as templates of other provinces write it, 基本支出 split into
 * `其中：人员经费` (row 7, = 基本支出 − 公用经费: 预算 204.62, 决算 216.53 when
 * corrected) and `其中：公用经费`; the Hunan template has no 人员经费 row.
 */
export function personnelSplitBasicData(variant: Variant = 'corrected', overrides: BasicDataOptions = {}): Block {
  const rows = hongjiangBasicRows(variant);
  const basic = rows[0];
  const pub = rows[1];
  const minus = (a: CellSpec | undefined, b: CellSpec | undefined): CellSpec => {
    const x = num(a);
    const y = num(b);
    return x === null || y === null ? '——' : round(x - y);
  };
  rows.splice(1, 0, { label: '其中：人员经费', prev: minus(basic.prev, pub.prev), budget: minus(basic.budget, pub.budget), final: minus(basic.final, pub.final) });
  return hongjiangBasicData(variant, { rows, ...overrides });
}

/** The seed's three tables with the 基础数据表 that has a 人员经费 row (personnelSplitBasicData). */
export function personnelSplitWorkbook(variant: Variant = 'corrected'): WorkbookSpec {
  return workbook(
    sheet('附件2', personnelSplitBasicData(variant)),
    sheet('附件3', hongjiangOverall(variant)),
    sheet('附件4', hongjiangProject(variant)),
  );
}

/** The three fixtures: sheets 附件2, 附件3, 附件4. */
export function hongjiangWorkbook(variant: Variant = 'published'): WorkbookSpec {
  return workbook(
    sheet('附件2', hongjiangBasicData(variant)),
    sheet('附件3', hongjiangOverall(variant)),
    sheet('附件4', hongjiangProject(variant)),
  );
}

/** The three tables one under another on one sheet. */
export function hongjiangOneSheet(variant: Variant = 'published', name = 'Sheet1', gap = 2): WorkbookSpec {
  return workbook(sheet(name, { gap }, hongjiangBasicData(variant), hongjiangOverall(variant), hongjiangProject(variant)));
}

// ===========================================================================
// The 2020 national template (财预〔2020〕10号) and its county variants

export interface NationalProjectOptions extends ProjectTableOptions {
  /** County variant title `绩效目标自评表(2022年度)` on one row. */
  countyTitle?: boolean;
  /** Include the 年初预算数 column (default true). */
  initialColumn?: boolean;
  /** Put 分值 before 年度指标值 in the indicator rows. */
  weightBeforeTarget?: boolean;
}

export function nationalIndicators(year = 2024): Indicator[] {
  const out = '产出指标(50分)', eff = '效益指标(30分)', sat = '满意度指标(10分)';
  return [
    { level1: out, level2: '数量指标', name: '培训人次', target: '≥200 人次', actual: '230 人次', weight: 15, score: 15 },
    { level1: out, level2: '质量指标', name: '培训合格率', target: '≥95%', actual: '97%', weight: 15, score: 15 },
    { level1: out, level2: '时效指标', name: '完成时间', target: `${year} 年 12 月 31 日前完成`, actual: `${year} 年 11 月 30 日前完成`, weight: 10, score: 10 },
    { level1: out, level2: '成本指标', name: '项目成本', target: '≤50 万元', actual: '48.6 万元', weight: 10, score: 10 },
    { level1: eff, level2: '经济效益指标', name: '带动企业增收', target: '效果明显', actual: '效果明显', weight: 5, score: 5 },
    { level1: eff, level2: '社会效益指标', name: '提升从业人员技能', target: '效果明显', actual: '效果明显', weight: 10, score: 10 },
    { level1: eff, level2: '生态效益指标', name: '减少资源浪费', target: '效果明显', actual: '效果明显', weight: 5, score: 5 },
    { level1: eff, level2: '可持续影响指标', name: '培训机制长效运行', target: '长期', actual: '长期', weight: 10, score: 10 },
    { level1: sat, level2: '服务对象满意度指标', name: '参训人员满意度', target: '≥90%', actual: '93%', weight: 10, score: 10 },
  ];
}

/**
 * The 2020 national 项目支出绩效自评表: title `项目支出绩效自评表`, `（2024 年度）` on the
 * next row, first label 项目名称, 产出/效益/满意度 indicator tree, funds weight 10.
 */
export function nationalProjectTable(o: NationalProjectOptions = {}): Block {
  const year = o.year ?? 2024;
  const fundsColumns = o.fundsColumns ?? (o.initialColumn === false ? HUNAN_FUNDS_COLUMNS.filter((k) => k !== 'initial') : HUNAN_FUNDS_COLUMNS);
  const indicatorColumns = o.indicatorColumns ?? (o.weightBeforeTarget
    ? ['level1', 'level2', 'name', 'weight', 'target', 'actual', 'score', 'reason'] as IndicatorKey[]
    : HUNAN_INDICATOR_COLUMNS);
  const funds = o.funds ?? { initial: 50, budget: 50, executed: 48.6 };
  return projectTable({
    label: null,
    title: o.countyTitle ? `绩效目标自评表(${year}年度)` : ['项目支出绩效自评表', `（${year} 年度）`],
    name: '职业技能提升培训项目',
    dept: '某县人力资源和社会保障局',
    unit: '某县职业技能培训中心',
    funds,
    current: { initial: funds.initial, budget: funds.budget, executed: funds.executed },
    partFiller: '—',
    goals: [{ expected: `${year} 年完成职业技能培训 200 人次以上，培训合格率不低于 95%。`, achieved: `完成培训 230 人次，合格率 97%。` }],
    indicators: nationalIndicators(year),
    footer: null,
    ...o,
    headers: { nameLabel: '项目名称', funds: '项目资金（万元）', ...o.headers },
    fundsColumns,
    indicatorColumns,
  });
}

// ===========================================================================
// Workbooks with no table, big sheets, many projects

/** A list that is no attachment table (sales, names), `rows` long. */
export function fillerBlock(rows: number, opts: { header?: boolean } = {}): Block {
  const g = new Grid(6);
  let r = 0;
  if (opts.header !== false) {
    ['序号', '日期', '摘要', '数量', '单价', '金额'].forEach((t, c) => g.set(0, c, t));
    r = 1;
  }
  const goods = ['打印纸', '墨盒', '办公椅', '文件柜', '签字笔', '笔记本'];
  for (let i = 0; i < rows; i++, r++) {
    const qty = (i % 17) + 1;
    const price = ((i * 7) % 50) + 0.5;
    g.set(r, 0, i + 1);
    g.set(r, 1, { v: 45292 + (i % 366), fmt: 'yyyy-mm-dd' });
    g.set(r, 2, goods[i % goods.length]);
    g.set(r, 3, qty);
    g.set(r, 4, price);
    g.set(r, 5, round(qty * price, 2));
  }
  return g.block('other', null, r);
}

/** Sheets with no attachment table at all. */
export function unrelatedWorkbook(): WorkbookSpec {
  const people = new Grid(4);
  ['姓名', '科室', '职务', '入职年份'].forEach((t, c) => people.set(0, c, t));
  [['张三', '办公室', '科员', 2015], ['李四', '科技管理股', '股长', 2010], ['王五', '信息化股', '科员', 2020]]
    .forEach((row, i) => row.forEach((v, c) => people.set(i + 1, c, v)));
  const note = new Grid(6);
  note.put(0, 0, 0, 5, '2024 年度工作计划');
  note.set(1, 0, '一、推进企业技术创新体系建设');
  note.set(2, 0, '二、加强科技成果转化');
  return workbook(
    sheet('销售明细', fillerBlock(30)),
    sheet('人员名单', people.block('other', null)),
    sheet('说明', note.block('other', null)),
    { name: 'Sheet4', cells: new Map(), merges: [] },
  );
}

/** A project table followed by `rows` rows of filler data on the same sheet (for the slow test). */
export function bigSheetWorkbook(rows = 100_000, variant: Variant = 'corrected'): WorkbookSpec {
  return workbook(sheet('附件4', hongjiangProject(variant), fillerBlock(rows)));
}


const TOPICS = ['产学研创新', '中小企业发展', '工业园区建设', '信息化推进', '安全生产监管', '节能降耗', '技术改造', '人才培训', '科技成果转化', '企业帮扶'];

/**
 * `n` consistent project tables' data: 执行率, 得分 and 总分 right, a reason
 * wherever an indicator is below its weight. Names are distinct and none
 * contains another (`科技项目0001：…`).
 */
export function generatedProjects(n: number, year = 2024, seed = 1): ProjectTableOptions[] {
  const rand = rng(seed);
  const out: ProjectTableOptions[] = [];
  for (let i = 1; i <= n; i++) {
    const budget = round(5 + rand() * 495, 2);
    const initial = rand() < 0.7 ? budget : round(budget * (0.6 + rand() * 0.4), 2);
    const executed = round(budget * (rand() < 0.6 ? 1 : 0.75 + rand() * 0.25), 2);
    const target = 5 + Math.floor(rand() * 20);
    const actual = rand() < 0.8 ? target : Math.max(1, target - 1 - Math.floor(rand() * 3));
    const qty = actual >= target ? 10 : round(actual / target * 10, 2);
    const name = `科技项目${String(i).padStart(4, '0')}：${TOPICS[i % TOPICS.length]}`;
    const out1 = '产出指标 (40分)', cost = '成本指标 (20分)', eff = '效益指标 (20分)', sat = '满意度指标 (10分)';
    const indicators: Indicator[] = [
      { level1: cost, level2: '经济成本指标', name: '项目成本', target: `≤${budget} 万元`, actual: `${executed} 万元`, weight: 20, score: 20 },
      {
        level1: out1, level2: '数量指标', name: '服务企业数', target: `${target} 家`, actual: `${actual} 家`, weight: 10, score: qty,
        reason: qty < 10 ? '部分企业未按期申报；下一步加强政策宣传和跟踪服务' : undefined,
      },
      { level1: out1, level2: '质量指标', name: '资金使用合规率', target: '100%', actual: '100%', weight: 10, score: 10 },
      { level1: out1, level2: '时效指标', name: '完成及时性', target: `${year} 年 12 月 31 日前完成`, actual: `${year} 年 12 月 31 日前完成`, weight: 20, score: 20 },
      { level1: eff, level2: '经济效益指标', name: '促进经济发展', target: '效果显著', actual: '效果显著', weight: 10, score: 10 },
      { level1: eff, level2: '社会效益指标', name: '增加就业机会', target: '效果显著', actual: '效果显著', weight: 10, score: 10 },
      { level1: sat, level2: '服务对象满意度指标', name: '服务对象满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
    ];
    out.push({
      year, name, label: `附件4-${i}`,
      funds: { initial, budget, executed },
      current: { initial, budget, executed },
      indicators,
      goals: [{ expected: `完成${TOPICS[i % TOPICS.length]}年度任务`, achieved: '已按计划完成' }],
    });
  }
  return out;
}

function sumOf(xs: number[]): number {
  return round(xs.reduce((a, b) => a + b, 0), 2);
}

/** 经费控制情况 rows consistent with the given projects (one group, 1、业务工作经费). */
export function basicRowsFor(projects: ProjectTableOptions[]): BasicRow[] {
  const budgets = projects.map((p) => num(p.funds?.initial) ?? 0);
  const finals = projects.map((p) => num(p.funds?.executed) ?? 0);
  return [
    { label: '一、部门基本支出', prev: 300, budget: 280, final: 275.5 },
    { label: '其中：公用经费', prev: 60, budget: 50, final: 48.2 },
    { label: '其中：办公经费', prev: 6, budget: 5, final: 4.5 },
    { label: '水费、电费、差旅费', prev: 9, budget: 8, final: 7.6 },
    { label: '会议费、培训费', prev: 1, budget: 1, final: 0.8 },
    { label: '“三公”经费', prev: 2, budget: 1.5, final: 1.2 },
    { label: '1、公务用车购置和维护经费', prev: 1, budget: 1, final: 0.8 },
    { label: '其中：公车购置', prev: 0, budget: 0, final: 0 },
    { label: '公车运行维护', prev: 1, budget: 1, final: 0.8 },
    { label: '2、出国经费', prev: 0, budget: 0, final: 0 },
    { label: '3、公务接待', prev: 1, budget: 0.5, final: 0.4 },
    { label: '二、部门项目支出', prev: 0, budget: sumOf(budgets), final: sumOf(finals) },
    { label: '1、业务工作经费', prev: 0, budget: sumOf(budgets), final: sumOf(finals) },
    ...projects.map((p, i) => ({ label: p.name!, prev: 0, budget: budgets[i], final: finals[i] })),
    { label: '政府采购金额', prev: '——', budget: 0, final: 0 },
    { label: '部门基本支出预算调整', prev: '——', budget: 280, final: 275.5 },
  ];
}

/**
 * A workbook for the benchmark: 附件2 (basic data listing every project),
 * 附件3 (overall) and `n` project tables, ten to a sheet (`perSheet`). Consistent throughout.
 */
export function benchWorkbook(n: number, year = 2024, perSheet = 10): WorkbookSpec {
  const projects = generatedProjects(n, year);
  const rows = basicRowsFor(projects);
  const basicFinal = 275.5, basicBudget = 280;
  const projFinal = sumOf(projects.map((p) => num(p.funds?.executed) ?? 0));
  const projBudget = sumOf(projects.map((p) => num(p.funds?.initial) ?? 0));
  const executed = round(basicFinal + projFinal, 2);
  const initial = round(basicBudget + projBudget, 2);
  const overallIndicators = hongjiangOverallIndicators('corrected').map((x, i) => (i === 0
    ? { ...x, target: `≤${executed} 万元`, actual: `${executed} 万元` } : x));
  const sheets: SheetSpec[] = [
    sheet('附件2', basicDataTable({ year, rows })),
    sheet('附件3', overallTable({
      year, funds: { initial, budget: executed, executed },
      income: { public: executed, fund: 0, specialNonTax: null, other: null },
      expense: { basic: basicFinal, project: projFinal },
      indicators: overallIndicators,
    })),
  ];
  for (let i = 0; i < projects.length; i += perSheet) {
    const chunk = projects.slice(i, i + perSheet).map((p) => projectTable(p));
    sheets.push(sheet(n <= 1 ? '附件4' : `附件4-${i / perSheet + 1}`, ...chunk));
  }
  return workbook(...sheets);
}

// ===========================================================================
// Layouts of tables counties actually publish (RULES.md §1.5): synthetic lookalikes, made-up data

/**
 * 经费控制情况 rows in the 2018/2023 Hunan order: no 一、部门基本支出 row, tops written
 * `三公经费:` / `项目支出:` / `公用经费`, the 公用经费 tree after the project block, and the
 * template's own rows (`3、省级专项资金(每个专项一行`, `……`) left blank. Consistent throughout.
 */
export function hunan2018BasicRows(): BasicRow[] {
  return [
    { label: '三公经费:', prev: 3.2, budget: 3, final: 2.6 },
    { label: '1、公务用车购置和维护经费', prev: 2, budget: 2, final: 1.8 },
    { label: '其中：公车购置', prev: 0, budget: 0, final: 0 },
    { label: '公车运行维护', prev: 2, budget: 2, final: 1.8 },
    { label: '2、出国经费', prev: 0, budget: 0, final: 0 },
    { label: '3、公务接待', prev: 1.2, budget: 1, final: 0.8 },
    { label: '项目支出:', prev: 120, budget: 95.5, final: 93.3 },
    { label: '1、业务工作经费', prev: 70, budget: 60, final: 58.3 },
    { label: '乡村道路养护', prev: 40, budget: 35, final: 34.1 },
    { label: '河道保洁', prev: 30, budget: 25, final: 24.2 },
    { label: '2、运行维护经费', prev: 50, budget: 35.5, final: 35 },
    { label: '办公设备购置', prev: 50, budget: 35.5, final: 35 },
    { label: '3、省级专项资金(每个专项一行', prev: '', budget: '', final: '' },
    { label: '……', prev: '', budget: '', final: '' },
    { label: '公用经费', prev: 40, budget: 38, final: 36.5 },
    { label: '其中：办公经费', prev: 12, budget: 10, final: 9.6 },
    { label: '水费、电费、差旅费', prev: 8, budget: 8, final: 7.7 },
    { label: '会议费、培训费', prev: 2, budget: 2, final: 1.5 },
    { label: '政府采购金额', prev: '——', budget: 20, final: 18.4 },
  ];
}

/** A 2018-style Hunan 基础数据表 (RULES.md §1.1): the rows above, title and headers of that year. */
export function hunan2018BasicData(year = 2018): Block {
  return basicDataTable({ year, rows: hunan2018BasicRows(), staff: { authorized: 30, actual: 27 }, label: '附件1', note: null });
}

export interface GoalBlockSpec {
  /** `年度绩效目标1(40分)` */
  label: string;
  indicators: Indicator[];
}

export interface GoalBlockTableOptions {
  year?: number;
  name?: string;
  /** Funds weight, written only in the headers. Default 20. */
  fundsWeight?: number;
  funds?: { budget: number; executed: number; rate?: CellSpec; score?: CellSpec };
  blocks?: GoalBlockSpec[];
  total?: CellSpec;
  /** Text of the one 偏差原因 block for the whole table ('' for empty). */
  reason?: string;
  /** Each block label in a row of its own above its header row (merged across), not in a column beside it. */
  labelRows?: boolean;
}

/** Two goal blocks of 40 each; every target met. */
export function defaultGoalBlocks(year = 2022): GoalBlockSpec[] {
  return [
    {
      label: '年度绩效目标1(40分)',
      indicators: [
        { level1: '产出指标', level2: '数量指标', name: '改造农村危房户数', target: '≥120 户', actual: '126 户', score: 15 },
        { level1: '产出指标', level2: '质量指标', name: '竣工验收合格率', target: '100%', actual: '100%', score: 15 },
        { level1: '产出指标', level2: '时效指标', name: '完工时间', target: `${year} 年 11 月 30 日前完成`, actual: '完成', score: 10 },
      ],
    },
    {
      label: '年度绩效目标2(40分)',
      indicators: [
        { level1: '效益指标', level2: '社会效益指标', name: '住房安全保障水平', target: '明显提升', actual: '达成预期指标', score: 20 },
        { level1: '满意度指标', level2: '服务对象满意度指标', name: '受益农户满意度', target: '≥90%', actual: '96%', score: 20 },
      ],
    },
  ];
}

/**
 * A county project table with no 分值 column (RULES.md §1.5): funds weight only in the headers
 * (`预算执行情况(万元)(20分)`, `得分(20分*执行率)`), indicators in goal blocks whose label carries
 * the weight, each block with its own header row, one 偏差原因 block for the whole table.
 * Seven columns A..G.
 */
export function goalBlockProjectTable(o: GoalBlockTableOptions = {}): Block {
  const year = o.year ?? 2022;
  const w = o.fundsWeight ?? 20;
  const name = o.name ?? '农村危房改造补助项目';
  const f = o.funds ?? { budget: 180, executed: 171 };
  const rate = f.rate ?? round(f.executed / f.budget, 4);
  const fundsScore = f.score ?? round(Math.min(w * (num(rate) ?? 0), w), 2);
  const blocks = o.blocks ?? defaultGoalBlocks(year);
  const g = new Grid(7);
  let r = 0;
  g.put(r, 0, r, 6, `${year}年度项目支出绩效自评表`);
  g.layout.titles.push(toA1(r, 0));
  r++;
  const top = r;
  g.set(r, 0, '项目名称');
  g.put(r, 1, r, 6, name);
  r++;
  g.set(r, 0, '主管部门');
  g.put(r, 1, r, 3, '某县住房和城乡建设局');
  g.set(r, 4, '实施单位');
  g.put(r, 5, r, 6, '某县农村住房建设服务中心');
  r++;
  g.put(r, 0, r + 1, 0, `预算执行情况(万元)(${w}分)`);
  g.set(r, 1, '预算数(A)');
  g.set(r, 2, '执行数(B)');
  g.set(r, 3, '执行率(B/A)');
  g.set(r, 4, `得分(${w}分*执行率)`);
  r++;
  g.set(r, 1, f.budget);
  g.set(r, 2, f.executed);
  g.set(r, 3, withFmt(rate, rateFormatOf(rate)));
  g.set(r, 4, fundsScore);
  r++;
  g.set(r, 0, '年度总体目标');
  g.put(r, 1, r, 6, '完成年度农村危房改造任务，保障困难群众住房安全。');
  r++;
  const scores: CellSpec[] = [fundsScore];
  for (const b of blocks) {
    if (o.labelRows) {
      g.put(r, 0, r, 6, b.label);
      r++;
      g.set(r, 0, '绩效指标');
    } else {
      g.put(r, 0, r + b.indicators.length, 0, b.label);
    }
    ['一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '得分'].forEach((t, i) => g.set(r, 1 + i, t));
    r++;
    const first = r;
    b.indicators.forEach((ind, i) => {
      g.set(first + i, 3, ind.name);
      g.set(first + i, 4, ind.target);
      g.set(first + i, 5, ind.actual);
      g.set(first + i, 6, ind.score);
      scores.push(ind.score ?? null);
    });
    for (let i = 0; i < b.indicators.length;) {
      let j = i;
      while (j + 1 < b.indicators.length && b.indicators[j + 1].level1 === b.indicators[i].level1) j++;
      g.put(first + i, 1, first + j, 1, b.indicators[i].level1);
      for (let k = i; k <= j;) {
        let m = k;
        while (m + 1 <= j && b.indicators[m + 1].level2 === b.indicators[k].level2) m++;
        g.put(first + k, 2, first + m, 2, b.indicators[k].level2);
        k = m + 1;
      }
      i = j + 1;
    }
    r = first + b.indicators.length;
  }
  g.put(r, 0, r, 5, '总分');
  g.set(r, 6, o.total ?? addScores(scores) ?? undefined);
  r++;
  g.set(r, 0, '偏差大或目标未完成原因分析');
  g.put(r, 1, r, 6, o.reason ?? '部分工程因雨季施工推迟，资金按进度拨付，执行率未达 100%。');
  r++;
  g.set(r, 0, '改进措施及结果应用方案');
  g.put(r, 1, r, 6, '加强项目调度，按月通报进度。');
  r++;
  g.box(top, r - 1);
  g.layout.widths = [22, 12, 14, 20, 14, 14, 8];
  return g.block('project', name, r);
}

export interface CountySpecialFundOptions {
  year?: number;
  /** 专项资金名称; '' leaves it blank (the `单位：万元` note beside it is never a name). */
  name?: string;
  budget?: number;
  executed?: number;
  rate?: CellSpec;
  indicators?: Indicator[];
}

/**
 * A 县级专项资金绩效目标自评表 (RULES.md §1.5): no 分值, 得分 or 总分 at all; 年度指标值,
 * 全年完成值, 未完成原因和改进措施; name label 专项资金名称, a `单位：万元` note. Seven columns A..G.
 */
export function countySpecialFundTable(o: CountySpecialFundOptions = {}): Block {
  const year = o.year ?? 2020;
  const name = o.name ?? '县级储备粮管理专项';
  const budget = o.budget ?? 210.6;
  const executed = o.executed ?? 210.6;
  const rate = o.rate ?? round(executed / budget, 4);
  const inds = o.indicators ?? [
    { level1: '产出指标', level2: '数量指标', name: '储备粮规模到位率', target: '100%', actual: '100%' },
    { level1: '产出指标', level2: '质量指标', name: '储备粮库存数量真实率', target: '100%', actual: '100%' },
    { level1: '产出指标', level2: '时效指标', name: '贷款利息支付及时率', target: '100%', actual: '100%' },
    { level1: '产出指标', level2: '成本指标', name: '储备费用补贴', target: '210.6 万', actual: '210.6 万元' },
    { level1: '效益指标', level2: '社会效益指标', name: '粮食应急保障能力', target: '明显增强', actual: '达成' },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '粮食安全事件发生数', target: '0 起', actual: '0 起' },
  ];
  const g = new Grid(7);
  let r = 0;
  g.put(r, 0, r, 6, `${year}年度县级专项资金绩效目标自评表`);
  g.layout.titles.push(toA1(r, 0));
  r++;
  g.set(r, 6, '单位：万元');
  r++;
  const top = r;
  g.set(r, 0, '专项资金名称');
  g.put(r, 1, r, 3, name || undefined);
  g.set(r, 4, '负责人及电话');
  g.put(r, 5, r, 6, '王某 0734-*******');
  r++;
  g.set(r, 0, '县级主管部门');
  g.put(r, 1, r, 3, '某县商务和粮食局');
  g.set(r, 4, '实施单位');
  g.put(r, 5, r, 6, '某县粮食调控储备股');
  r++;
  g.put(r, 0, r + 3, 0, '项目资金(万元)');
  g.set(r, 2, '全年预算数(A)');
  g.set(r, 3, '全年执行数(B)');
  g.set(r, 4, '执行率(B/A)');
  r++;
  g.set(r, 1, '年度资金总额');
  g.set(r, 2, budget);
  g.set(r, 3, executed);
  g.set(r, 4, withFmt(rate, rateFormatOf(rate)));
  r++;
  g.set(r, 1, '其中:中央、省、市补助县级资金');
  g.set(r, 2, budget);
  g.set(r, 3, executed);
  r++;
  g.set(r, 1, '其他资金');
  r++;
  g.put(r, 0, r + 1, 0, '年度总体目标');
  g.put(r, 1, r, 3, '年初设定目标');
  g.put(r, 4, r, 6, '全年实际完成情况');
  r++;
  g.put(r, 1, r, 3, '保持和稳定地方粮食储备机制');
  g.put(r, 4, r, 6, '地方储备粮规模达标');
  r++;
  g.put(r, 0, r + inds.length, 0, '绩效指标');
  ['一级指标', '二级指标', '三级指标', '年度指标值', '全年完成值', '未完成原因和改进措施'].forEach((t, i) => g.set(r, 1 + i, t));
  r++;
  const first = r;
  inds.forEach((ind, i) => {
    g.set(first + i, 3, ind.name);
    g.set(first + i, 4, ind.target);
    g.set(first + i, 5, ind.actual);
    g.set(first + i, 6, ind.reason);
  });
  for (let i = 0; i < inds.length;) {
    let j = i;
    while (j + 1 < inds.length && inds[j + 1].level1 === inds[i].level1) j++;
    g.put(first + i, 1, first + j, 1, inds[i].level1);
    for (let k = i; k <= j;) {
      let m = k;
      while (m + 1 <= j && inds[m + 1].level2 === inds[k].level2) m++;
      g.put(first + k, 2, first + m, 2, inds[k].level2);
      k = m + 1;
    }
    i = j + 1;
  }
  r = first + inds.length;
  g.set(r, 0, '说明');
  g.put(r, 1, r, 6, '无');
  r++;
  g.box(top, r - 1);
  g.layout.widths = [16, 14, 14, 22, 14, 14, 20];
  return g.block('project', name || null, r);
}

/**
 * The 2020 national project template with the template's placeholder rows left in (`指标1：`,
 * `……`, a 二级 with no 三级) and 一级 weights 50 + 30 + 10 with the funds 10: consistent.
 */
export function nationalWithPlaceholders(o: NationalProjectOptions = {}): Block {
  const year = o.year ?? 2024;
  const base = nationalIndicators(year);
  const out = '产出指标(50分)', eff = '效益指标(30分)';
  const indicators: Indicator[] = [
    ...base.slice(0, 4),
    { level1: out, level2: '数量指标', name: '指标2:' },
    { level1: out, level2: '数量指标', name: '……' },
    ...base.slice(4, 8),
    { level1: eff, level2: '可持续影响指标', name: '指标1:', target: '/', actual: '/', weight: '/', score: '/' },
    ...base.slice(8),
  ];
  const funds = fundsDefaults(o.funds ?? { initial: 50, budget: 50, executed: 48.6 });
  const total = { weight: addScores([funds.weight, ...base.map((x) => x.weight)]), score: addScores([funds.score, ...base.map((x) => x.score)]) };
  return nationalProjectTable({ total, ...o, indicators });
}

/** Issue class 1 (a real failure): the national template, 70 + 20 + 10 + funds 10, 总分 100 / 100, and a …… row. */
const class1Indicators: Indicator[] = [
  { level1: '产出指标(70分)', level2: '数量指标', name: '培训人次', target: '≥200 人次', actual: '230 人次', weight: 20, score: 20 },
  { level1: '产出指标(70分)', level2: '质量指标', name: '培训合格率', target: '≥95%', actual: '97%', weight: 20, score: 20 },
  { level1: '产出指标(70分)', level2: '时效指标', name: '完成时间', target: '2024 年 12 月 31 日前完成', actual: '2024 年 11 月 30 日前完成', weight: 15, score: 15 },
  { level1: '产出指标(70分)', level2: '成本指标', name: '项目成本', target: '≤50 万元', actual: '48.6 万元', weight: 15, score: 15 },
  { level1: '产出指标(70分)', level2: '成本指标', name: '……' },
  { level1: '效益指标(20分)', level2: '社会效益指标', name: '提升从业人员技能', target: '效果明显', actual: '效果明显', weight: 10, score: 10 },
  { level1: '效益指标(20分)', level2: '可持续影响指标', name: '培训机制长效运行', target: '长期', actual: '长期', weight: 10, score: 10 },
  { level1: '满意度指标(10分)', level2: '服务对象满意度指标', name: '参训人员满意度', target: '≥90%', actual: '93%', weight: 10, score: 10 },
];
export function nationalOverweightWorkbook(): WorkbookSpec {
  return workbook(sheet('Sheet1', nationalProjectTable({ funds: { initial: 50, budget: 50, executed: 50 }, indicators: class1Indicators, total: { weight: 100, score: 100 } })));
}


/**
 * Issue 17 classes 4 and 5: a Hunan project table whose 时效指标 are deadlines written as months
 * (`7月`, `9月前`, `年底前`, `12月底`, all met) and whose unused fund rows read `—` (not applicable).
 * 完成及时性 (20) is split into four deadlines of 5. Consistent.
 */
export function deadlineProjectTable(o: ProjectTableOptions = {}): Block {
  const out = '产出指标 (40分)';
  const deadlines: Indicator[] = [
    { level1: out, level2: '时效指标', name: '项目申报完成时间', target: '7月', actual: '6月', weight: 5, score: 5 },
    { level1: out, level2: '时效指标', name: '资金拨付时间', target: '9月前', actual: '8月底', weight: 5, score: 5 },
    { level1: out, level2: '时效指标', name: '项目验收时间', target: '年底前', actual: '12月', weight: 5, score: 5 },
    { level1: out, level2: '时效指标', name: '绩效自评完成时间', target: '12月底', actual: '2024年12月20日', weight: 5, score: 5 },
  ];
  const base = hongjiangProjectIndicators('corrected');
  const at = base.findIndex((i) => i.name === '完成及时性');
  const indicators = [...base.slice(0, at), ...deadlines, ...base.slice(at + 1)];
  return projectTable({ indicators, carryover: { initial: '—', budget: '—', executed: '—' }, other: { initial: '/', budget: '/', executed: '/' }, ...o });
}

/**
 * Issue 17 class 3: a flat indicator list numbered as an outline (Sichuan-style exports): subtotal rows
 * `一、产出指标` (分值 50) over `1、数量指标` (20) over `（1）培训人次` (10) …, no 一级/二级 columns. Consistent:
 * funds 10 + 50 + 30 + 10 = 100 (subtotals are not added again).
 */
export function outlinedIndicators(year = 2024): Indicator[] {
  const leaf = (name: string, target: string, actual: string, w: number): Indicator => ({ level1: '', level2: '', name, target, actual, weight: w, score: w });
  const sub = (name: string, w: number): Indicator => ({ level1: '', level2: '', name, weight: w, score: w });
  return [
    sub('一、产出指标', 50),
    sub('1、数量指标', 20),
    leaf('（1）培训人次', '≥200 人次', '230 人次', 10),
    leaf('（2）培训班次', '≥8 期', '8 期', 10),
    sub('2、质量指标', 15),
    leaf('（1）培训合格率', '≥95%', '97%', 15),
    sub('3、时效指标', 15),
    leaf('（1）完成时间', `${year}年12月31日前完成`, `${year}年11月30日`, 15),
    sub('二、效益指标', 30),
    sub('1、社会效益指标', 20),
    leaf('（1）提升从业人员技能', '效果明显', '效果明显', 20),
    sub('2、可持续影响指标', 10),
    leaf('（1）培训机制长效运行', '长期', '长期', 10),
    sub('三、满意度指标', 10),
    leaf('（1）参训人员满意度', '≥90%', '93%', 10),
  ];
}

export function outlinedProjectTable(o: NationalProjectOptions = {}): Block {
  return nationalProjectTable({
    indicators: outlinedIndicators(o.year), total: { weight: 100, score: 100 },
    indicatorColumns: ['name', 'target', 'actual', 'weight', 'score', 'reason'],
    headers: { level3: '绩效指标名称' }, funds: { initial: 50, budget: 50, executed: 50 },
    ...o,
  });
}

/**
 * Issue 17 class 3: a Hunan project table whose 产出指标 二级 rows carry their own 分值/得分 as subtotals
 * over their 三级 rows (the 二级 cell merged down over the subtotal row and its children). Consistent.
 */
export function level2SubtotalProjectTable(): Block {
  const out = '产出指标 (40分)';
  const base = hongjiangProjectIndicators('corrected');
  const s = (level2: string, w: number): Indicator => ({ level1: out, level2, name: '', weight: w, score: w });
  const produce: Indicator[] = [
    s('数量指标', 20),
    { level1: out, level2: '数量指标', name: '项目工作完成率', target: '100%', actual: '100%', weight: 10, score: 10 },
    { level1: out, level2: '数量指标', name: '服务企业数', target: '≥20 家', actual: '22 家', weight: 10, score: 10 },
    s('质量指标', 10),
    { level1: out, level2: '质量指标', name: '项目绩效目标达成率', target: '100%', actual: '100%', weight: 10, score: 10 },
    s('时效指标', 10),
    { level1: out, level2: '时效指标', name: '完成及时性', target: '2024 年 12 月 31 日前完成', actual: '2024 年 12 月 31 日前完成', weight: 10, score: 10 },
  ];
  const indicators = [...base.filter((i) => !i.level1.startsWith('产出')).slice(0, 3), ...produce, ...base.filter((i) => !i.level1.startsWith('产出')).slice(3)];
  return projectTable({ indicators, total: { weight: 100, score: 100 } });
}

export interface SplitIndicator extends Indicator {
  /** 指标性质: `﹦`, `≥`, `≧`, `≤`, `≦`, `＝`, `定性`. */
  op?: string;
  /** 度量单位, applying to 指标值 and 实际完成值. */
  unit?: string;
}

/**
 * Issue 17 class 1: a 云南/四川 system export of the 项目支出绩效自评表 with two-row header bands:
 * `资金（万元）` over `年初 | 全年 | 执行` (分值, 执行率, 得分 merged down), and `绩效指标` over
 * `一级指标 | 二级指标 | 三级指标`, `年度指标值` over `指标性质 | 指标值 | 度量单位` (实际完成值, 分值, 得分,
 * 偏差原因 merged down). Ten columns A..J. Consistent.
 */
export function splitHeaderProjectTable(o: { indicators?: SplitIndicator[]; year?: number } = {}): Block {
  const year = o.year ?? 2024;
  const inds: SplitIndicator[] = o.indicators ?? [
    { level1: '产出指标', level2: '数量指标', name: '卫片执法补助经费', op: '﹦', target: 72890, unit: '元', actual: 72890, weight: 10, score: 10 },
    { level1: '产出指标', level2: '质量指标', name: '项目验收合格率', op: '≧', target: 100, unit: '%', actual: 100, weight: 20, score: 20 },
    { level1: '产出指标', level2: '时效指标', name: '项目完成及时率', op: '＝', target: 100, unit: '%', actual: 100, weight: 20, score: 20 },
    { level1: '产出指标', level2: '成本指标', name: '项目成本', op: '≦', target: 19.05, unit: '万元', actual: 18.6, weight: 10, score: 10 },
    { level1: '效益指标', level2: '社会效益指标', name: '违法行为责停率', op: '≥', target: 95, unit: '%', actual: 96, weight: 20, score: 20 },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', op: '≥', target: 90, unit: '%', actual: 95, weight: 10, score: 10 },
  ];
  const g = new Grid(10);
  let r = 0;
  g.put(r, 0, r, 9, `${year}年度项目支出绩效自评表`);
  g.layout.titles.push(toA1(r, 0));
  r++;
  const top = r;
  g.set(r, 0, '项目名称');
  g.put(r, 1, r, 9, '自然资源卫片执法补助经费');
  r++;
  g.set(r, 0, '主管部门');
  g.put(r, 1, r, 4, '某县自然资源局');
  g.set(r, 5, '实施单位');
  g.put(r, 6, r, 9, '某县自然资源执法大队');
  r++;
  g.put(r, 0, r + 4, 0, '项目资金（万元）');
  g.put(r, 2, r, 4, '资金（万元）');
  g.put(r, 5, r + 1, 5, '分值');
  g.put(r, 6, r + 1, 6, '执行率');
  g.put(r, 7, r + 1, 7, '得分');
  r++;
  ['年初', '全年', '执行'].forEach((t, i) => g.set(r, 2 + i, t));
  r++;
  g.set(r, 1, '年度资金总额');
  [19.05, 19.05, 18.6, 10, { v: 0.9764, fmt: '0.00%' }, 9.76].forEach((v, i) => g.set(r, 2 + i, v));
  r++;
  g.set(r, 1, '其中：当年财政拨款');
  [19.05, 19.05, 18.6].forEach((v, i) => g.set(r, 2 + i, v));
  r++;
  g.set(r, 1, '上年结转资金');
  ['—', '—', '—'].forEach((v, i) => g.set(r, 2 + i, v));
  r++;
  g.put(r, 0, r + 1, 0, '年度总体目标');
  g.put(r, 1, r, 4, '预期目标');
  g.put(r, 5, r, 9, '实际完成情况');
  r++;
  g.put(r, 1, r, 4, '按时拨付卫片执法补助经费，完成年度卫片执法任务');
  g.put(r, 5, r, 9, '已按时拨付，完成年度卫片执法任务');
  r++;
  g.put(r, 0, r, 2, '绩效指标');
  g.put(r, 3, r, 5, '年度指标值');
  g.put(r, 6, r + 1, 6, '实际完成值');
  g.put(r, 7, r + 1, 7, '分值');
  g.put(r, 8, r + 1, 8, '得分');
  g.put(r, 9, r + 1, 9, '偏差原因分析及改进措施');
  r++;
  ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'].forEach((t, i) => g.set(r, i, t));
  r++;
  const first = r;
  inds.forEach((ind, i) => {
    const row = first + i;
    g.set(row, 2, ind.name);
    g.set(row, 3, ind.op);
    g.set(row, 4, ind.target);
    g.set(row, 5, ind.unit);
    g.set(row, 6, ind.actual);
    g.set(row, 7, ind.weight);
    g.set(row, 8, ind.score);
    g.set(row, 9, ind.reason);
  });
  for (let i = 0; i < inds.length;) {
    let j = i;
    while (j + 1 < inds.length && inds[j + 1].level1 === inds[i].level1) j++;
    g.put(first + i, 0, first + j, 0, inds[i].level1);
    for (let k = i; k <= j; k++) g.set(first + k, 1, inds[k].level2);
    i = j + 1;
  }
  r = first + inds.length;
  g.put(r, 0, r, 6, '总分');
  g.set(r, 7, addScores([10, ...inds.map((x) => x.weight)]) ?? undefined);
  g.set(r, 8, addScores([9.76, ...inds.map((x) => x.score)]) ?? undefined);
  r++;
  g.box(top, r - 1);
  g.layout.widths = [12, 14, 20, 8, 10, 8, 12, 8, 8, 24];
  return g.block('project', '自然资源卫片执法补助经费', r);
}

/** Every consistent layout the generator builds, by name, for the no-false-alarm and §4.14 tests. */
export function consistentLayouts(): Record<string, WorkbookSpec> {
  const headerWeightProject = projectTable({
    fundsColumns: ['initial', 'budget', 'executed', 'rate', 'score'],
    funds: { initial: 19.05, budget: 19.05, executed: 19.05, weight: 10 },
    current: { initial: 19.05, budget: 19.05, executed: 19.05 },
    headers: { funds: '预算执行情况(万元)(10分)', score: '得分(10分*执行率)' },
  });
  return {
    'hongjiang, three sheets': hongjiangWorkbook('corrected'),
    'hongjiang, one sheet': hongjiangOneSheet('corrected'),
    'national 2020 template': workbook(sheet('Sheet1', nationalProjectTable())),
    'national, county title, no 年初预算数, 分值 before 指标值': workbook(sheet('Sheet1', nationalProjectTable({ countyTitle: true, initialColumn: false, weightBeforeTarget: true }))),
    'national with placeholder rows': workbook(sheet('Sheet1', nationalWithPlaceholders())),
    'funds weight only in the header': workbook(sheet('附件4', headerWeightProject)),
    'goal blocks without a 分值 column': workbook(sheet('Sheet1', goalBlockProjectTable())),
    'goal blocks, each label in a row of its own (年度目标1:(40分))': workbook(sheet('Sheet1', goalBlockProjectTable({
      labelRows: true,
      blocks: defaultGoalBlocks().map((b, i) => ({ ...b, label: `年度目标${i + 1}:(40分)` })),
    }))),
    'county special fund, no scores': workbook(sheet('Sheet1', countySpecialFundTable())),
    'hunan 2018 basic data': workbook(sheet('附件1', hunan2018BasicData())),
    'bench workbook of 3 projects': benchWorkbook(3),
    'numbered outline: 一、 / 1、 / （1） subtotals over indicators': workbook(sheet('Sheet1', outlinedProjectTable())),
    '二级 subtotal rows over their 三级 rows': workbook(sheet('附件4', level2SubtotalProjectTable())),
    'two-row header bands (资金 over 年初|全年|执行; 年度指标值 over 指标性质|指标值|度量单位)': workbook(sheet('Sheet1', splitHeaderProjectTable())),
    'deadlines written as months (7月, 9月前, 年底前, 12月底); unused fund rows —': workbook(sheet('附件4', deadlineProjectTable())),
  };
}
