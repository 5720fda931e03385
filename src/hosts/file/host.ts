/**
 * The file-backed WorkbookHost: the task pane runs on an .xlsx file held in
 * memory (this folder's lean reader and in-place patcher) instead of
 * Office.js; the web page (src/demo) draws what this host holds in its grid.
 *
 * - Values are written into the package's cells; the grid redraws from the
 *   file host's snapshot.
 * - Marks are kept apart from the cells' styles, so that `clearMarks` leaves
 *   the workbook exactly as it was; `exportBytes` writes them (fill and note,
 *   as the command line does) into a copy of the workbook for the download.
 * - Settings (ignored findings, scoring profile, last result) are read from
 *   the workbook's custom XML part when it is opened and written into every
 *   download (`settings.ts`), as Excel keeps them with the document.
 * - `dirty` says whether the workbook differs from what was opened or last
 *   downloaded, by content: undoing every change makes it clean again.
 */
import type { Progress, WorkbookHost, CellContent, CellWrite, ResultRow } from '../host';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import type { Mark, Patch } from '../../core/patch';
import type { CellRef } from '../../core/report';
import { parseCell, parseRange, toA1, type CellPos, type RangePos } from '../../core/address';
import { readWorkbook, refreshSheets, type FileWorkbook } from './read';
import { applyPatch as writePatch, writeWorkbook, setCells, getCellXml, appendSheet, resultCells, resultSheetWidths, removeResultsSheet } from './write';
import { sheetLook, type SheetLook } from './look';
import { readSettings, writeSettings } from './settings';
import { HostError } from '../errors';

export interface Selection {
  sheet: string;
  /** The selected range (a single cell: top = bottom, left = right). */
  range: RangePos;
  /** The active cell: the range's top-left cell. */
  active: CellPos;
}

/** What the grid draws. A new object on every change (for React's useSyncExternalStore). */
export interface FileHostState {
  fileName: string;
  sheets: SheetSnapshot[];
  activeSheet: string;
  selection: Selection;
  /** Key `${sheet}!${cell}`. */
  marks: ReadonlyMap<string, Mark>;
  /** Bumped when the host asks the grid to scroll the selection into view. */
  reveal: number;
  /** The workbook (cells, sheets or kept settings) differs from what was opened or last downloaded. */
  dirty: boolean;
}

/** One cell before a value write, to restore it exactly on undo (its XML in the package). */
interface CellBefore {
  sheet: string;
  cell: string;
  xml: string;
  written: number;
}

const markKey = (r: CellRef) => `${r.sheet}!${r.cell}`;

function clone<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

/**
 * Settings that describe the workbook's last check rather than the user's
 * work: kept in the download, but a change to them alone is nothing unsaved.
 */
const TRANSIENT_SETTINGS = new Set(['selfeval.report', 'selfeval.ribbonError']);

/** What a sheet holds, for comparing: every cell with a value or formula, with its number format. */
function sheetContent(s: SheetSnapshot): string {
  const top = parseRange(s.range);
  const out: string[] = [];
  for (let r = 0; r < s.values.length; r++) {
    const row = s.values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const f = s.formulas?.[r]?.[c];
      const formula = typeof f === 'string' && f.startsWith('=') ? f : null;
      if ((v === null || v === undefined || v === '') && !formula) continue;
      out.push(`${top.top + r},${top.left + c}\u0001${JSON.stringify([v, formula, s.numberFormats?.[r]?.[c] ?? null])}`);
    }
  }
  return `${s.merges.join(' ')}\u0002${out.join('\u0002')}`;
}

function sameNumber(a: CellValue, b: number): boolean {
  return typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

export class FileHost implements WorkbookHost {
  readonly name = 'File';
  private state: FileHostState;
  private readonly listeners = new Set<() => void>();
  private readonly editListeners = new Set<(sheet: string) => void>();
  private readonly settings: Map<string, unknown>;
  /** The sheets and the kept settings as last opened or downloaded: what `dirty` compares against. */
  private saved: { sheets: Map<string, SheetSnapshot>; settings: string } = { sheets: new Map(), settings: '' };
  private readonly savedContent = new WeakMap<SheetSnapshot, string>();
  private readonly undoStack: CellBefore[][] = [];
  private readonly looks = new Map<string, SheetLook>();

  constructor(private readonly fw: FileWorkbook, fileName: string) {
    const first = fw.snapshot.sheets[0]?.name ?? '';
    this.state = {
      fileName,
      sheets: fw.snapshot.sheets,
      activeSheet: first,
      selection: { sheet: first, range: { top: 0, left: 0, bottom: 0, right: 0 }, active: { row: 0, col: 0 } },
      marks: new Map(),
      reveal: 0,
      dirty: false,
    };
    this.settings = new Map(Object.entries(readSettings(fw)));
    this.takeSaved();
  }

  /** Remembers the workbook as it is now as the saved state. */
  private takeSaved(): void {
    this.saved = { sheets: new Map(this.fw.snapshot.sheets.map((s) => [s.name, s])), settings: this.keptSettings() };
  }

  private keptSettings(): string {
    // An empty list (every ignored finding restored) is as good as none.
    const empty = (v: unknown) => (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
    return JSON.stringify([...this.settings.entries()].filter(([k, v]) => !TRANSIENT_SETTINGS.has(k) && !empty(v)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private content(s: SheetSnapshot): string {
    let c = this.savedContent.get(s);
    if (c === undefined) { c = sheetContent(s); this.savedContent.set(s, c); }
    return c;
  }

  /** Whether anything differs from the saved state (sheets compared only where their snapshot was replaced). */
  private isDirty(): boolean {
    if (this.keptSettings() !== this.saved.settings) return true;
    const now = this.fw.snapshot.sheets;
    if (now.length !== this.saved.sheets.size) return true;
    for (const s of now) {
      const was = this.saved.sheets.get(s.name);
      if (!was) return true;
      if (was !== s && this.content(was) !== this.content(s)) return true;
    }
    return false;
  }

  /** Reads an .xlsx file's bytes (throws the file host's InputError with a Chinese message). */
  static async open(bytes: Uint8Array | ArrayBuffer, fileName: string): Promise<FileHost> {
    return new FileHost(await readWorkbook(bytes, { name: fileName }), fileName);
  }

  /** Parts of the file that the download will not keep (charts, images, …), as display names. */
  get unsupported(): string[] {
    return this.fw.unsupported;
  }

  // ---------------------------------------------------------------- the grid's side

  getState = (): FileHostState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<FileHostState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /** Column widths, row heights and cell styles of a sheet (read once). */
  look(sheet: string): SheetLook {
    let look = this.looks.get(sheet);
    if (!look) {
      this.worksheet(sheet);
      look = sheetLook(this.fw, sheet);
      this.looks.set(sheet, look);
    }
    return look;
  }

  /** Shows a sheet, as a click on its tab does. */
  activateSheet(sheet: string): void {
    if (sheet === this.state.activeSheet) return;
    this.worksheet(sheet);
    this.update({
      activeSheet: sheet,
      selection: { sheet, range: { top: 0, left: 0, bottom: 0, right: 0 }, active: { row: 0, col: 0 } },
    });
  }

  /** Selects a cell or range of the active sheet, as a click in the grid does. */
  selectRange(sheet: string, range: RangePos, reveal = false): void {
    this.update({
      activeSheet: sheet,
      selection: { sheet, range: this.expandToMerges(sheet, range), active: { row: range.top, col: range.left } },
      reveal: reveal ? this.state.reveal + 1 : this.state.reveal,
    });
  }

  /**
   * Writes what the user typed into a cell (an edit in the grid): a number
   * when the text reads as one, otherwise text; empty clears the cell. Tells
   * the `onUserEdit` listeners.
   */
  editCell(ref: CellRef, input: string, parsed: { value: number; format?: string } | null): void {
    this.worksheet(ref.sheet);
    const { row, col } = parseCell(ref.cell);
    if (this.formulaAt(ref.sheet, row, col)) throw new HostError('formulaCell', ref);
    const fmt = this.numberFormatAt(ref.sheet, row, col);
    if (input.trim() === '') setCells(this.fw, ref.sheet, [{ row, col, value: null }]);
    else if (parsed) {
      const numberFormat = parsed.format && (!fmt || fmt === 'General') ? parsed.format : undefined;
      setCells(this.fw, ref.sheet, [{ row, col, value: parsed.value, numberFormat }]);
    } else setCells(this.fw, ref.sheet, [{ row, col, value: input }]);
    this.refreshSheets([ref.sheet]);
    this.update({ dirty: this.isDirty() });
    for (const cb of [...this.editListeners]) cb(ref.sheet);
  }

  /** The download took the workbook as it is now: nothing unsaved. */
  markSaved(): void {
    this.takeSaved();
    this.update({ dirty: false });
  }

  /**
   * The workbook as .xlsx bytes, with the current values and the kept settings
   * (ignored findings, scoring profile, last result). With `marks` (the
   * default) each marked cell gets its fill, border and note; without, the
   * copy has none of this tool's marks or notes, not even from an earlier run.
   */
  async exportBytes({ marks = true }: { marks?: boolean } = {}): Promise<Uint8Array<ArrayBuffer>> {
    // Marks and settings go into a copy, so the workbook in memory stays as the user made it.
    const copy = await readWorkbook(await writeWorkbook(this.fw));
    writeSettings(copy, Object.fromEntries(this.settings));
    // Replacing marks takes off those of an earlier run, and their notes, before the current ones go on.
    writePatch(copy, { values: [], marks: marks ? [...this.state.marks.values()] : [] });
    // Without marks (for submission): nor the 校验结果 sheet this tool wrote.
    if (!marks) removeResultsSheet(copy);
    const out = await writeWorkbook(copy);
    const ab = new ArrayBuffer(out.byteLength);
    new Uint8Array(ab).set(out);
    return new Uint8Array(ab);
  }

  // ---------------------------------------------------------------- helpers

  private worksheet(sheet: string): SheetSnapshot {
    const ws = this.fw.snapshot.sheets.find((s) => s.name === sheet);
    if (!ws) throw new HostError('sheetMissing', { sheet });
    return ws;
  }

  /** Where the cell sits in the sheet's snapshot (row and column offsets), or null outside the used range. */
  private at(sheet: string, row: number, col: number): { s: SheetSnapshot; r: number; c: number } | null {
    const s = this.worksheet(sheet);
    const top = parseRange(s.range);
    const r = row - top.top;
    const c = col - top.left;
    return r >= 0 && c >= 0 && r < s.values.length && c < (s.values[r]?.length ?? 0) ? { s, r, c } : null;
  }

  private formulaAt(sheet: string, row: number, col: number): boolean {
    const p = this.at(sheet, row, col);
    const f = p ? p.s.formulas?.[p.r]?.[p.c] : null;
    return typeof f === 'string' && f.startsWith('=');
  }

  private numberFormatAt(sheet: string, row: number, col: number): string | null {
    const p = this.at(sheet, row, col);
    return p ? p.s.numberFormats?.[p.r]?.[p.c] ?? null : null;
  }

  private valueAt(sheet: string, row: number, col: number): CellValue {
    const p = this.at(sheet, row, col);
    return p ? p.s.values[p.r][p.c] : null;
  }

  private merges(sheet: string): RangePos[] {
    return (this.state.sheets.find((s) => s.name === sheet)?.merges ?? []).map((m) => parseRange(m));
  }

  /** The range grown to cover every merged area it touches (as Excel selects). */
  private expandToMerges(sheet: string, range: RangePos): RangePos {
    const r = { ...range };
    const merges = this.merges(sheet);
    for (let grown = true; grown;) {
      grown = false;
      for (const m of merges) {
        const touches = m.top <= r.bottom && m.bottom >= r.top && m.left <= r.right && m.right >= r.left;
        if (!touches) continue;
        if (m.top < r.top || m.left < r.left || m.bottom > r.bottom || m.right > r.right) {
          r.top = Math.min(r.top, m.top); r.left = Math.min(r.left, m.left);
          r.bottom = Math.max(r.bottom, m.bottom); r.right = Math.max(r.right, m.right);
          grown = true;
        }
      }
    }
    return r;
  }

  /** The top-left cell of the merged area holding the cell, or the cell itself. */
  private masterCell(sheet: string, pos: CellPos): CellPos {
    const m = this.merges(sheet).find((a) => pos.row >= a.top && pos.row <= a.bottom && pos.col >= a.left && pos.col <= a.right);
    return m ? { row: m.top, col: m.left } : pos;
  }

  /** Takes the named sheets' snapshots again from the workbook, for the grid and for the next read. */
  private refreshSheets(names: string[]): void {
    refreshSheets(this.fw, names);
    for (const n of names) this.looks.delete(n);
    this.update({ sheets: this.fw.snapshot.sheets });
  }

  // ---------------------------------------------------------------- WorkbookHost

  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    onProgress?.({ fraction: 1, label: 'sheets' });
    // A copy of the list: later writes replace sheets in the host's snapshot, never inside this one.
    return { sheets: [...this.fw.snapshot.sheets] };
  }

  async applyPatch(patch: Patch): Promise<void> {
    if (patch.values.length === 0 && patch.marks.length === 0) return;
    for (const m of patch.marks) this.worksheet(m.sheet);
    const before: CellBefore[] = patch.values.map((v) => {
      const { row, col } = parseCell(v.cell);
      this.worksheet(v.sheet);
      return { sheet: v.sheet, cell: v.cell, xml: getCellXml(this.fw, v.sheet, row, col), written: v.value };
    });
    if (patch.values.length) {
      // The file host checks the whole patch first (formula cells, merged cells, sheets): nothing is half-written.
      writePatch(this.fw, { values: patch.values, marks: [] }, { replaceMarks: false });
      this.undoStack.push(before);
      this.refreshSheets([...new Set(patch.values.map((v) => v.sheet))]);
      this.update({ dirty: this.isDirty() });
    }
    if (patch.marks.length) {
      const marks = new Map(this.state.marks);
      for (const m of patch.marks) marks.set(markKey(m), { ...m });
      this.update({ marks });
    }
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  async undo(): Promise<void> {
    const entry = this.undoStack[this.undoStack.length - 1];
    if (!entry) throw new HostError('nothingToUndo');
    for (const c of entry) {
      const { row, col } = parseCell(c.cell);
      const now = this.formulaAt(c.sheet, row, col) ? null : this.valueAt(c.sheet, row, col);
      if (!sameNumber(now, c.written)) throw new HostError('cellChanged', { sheet: c.sheet, cell: c.cell });
    }
    for (const sheet of new Set(entry.map((c) => c.sheet))) {
      setCells(this.fw, sheet, entry.filter((c) => c.sheet === sheet).map((c) => ({ ...parseCell(c.cell), restore: c.xml })));
    }
    this.undoStack.pop();
    this.refreshSheets([...new Set(entry.map((c) => c.sheet))]);
    this.update({ dirty: this.isDirty() });
  }

  async clearMarks(): Promise<void> {
    if (this.state.marks.size) this.update({ marks: new Map() });
  }

  async select(ref: CellRef): Promise<void> {
    this.worksheet(ref.sheet);
    this.selectRange(ref.sheet, parseRange(ref.cell), true);
  }

  async activeCell(): Promise<CellRef | null> {
    const s = this.state.selection;
    return { sheet: s.sheet, cell: toA1(s.active.row, s.active.col) };
  }

  async insertText(text: string, at?: CellRef): Promise<CellRef> {
    const target = at ?? (await this.activeCell());
    if (!target) throw new HostError('noActiveCell');
    this.worksheet(target.sheet);
    const pos = this.masterCell(target.sheet, parseCell(target.cell));
    const ref = { sheet: target.sheet, cell: toA1(pos.row, pos.col) };
    if (this.formulaAt(target.sheet, pos.row, pos.col)) throw new HostError('formulaCell', ref);
    setCells(this.fw, target.sheet, [{ row: pos.row, col: pos.col, value: text }]);
    this.refreshSheets([ref.sheet]);
    this.update({ dirty: this.isDirty() });
    return ref;
  }

  async readCells(refs: CellRef[]): Promise<CellContent[]> {
    return refs.map((r) => {
      const pos = this.masterCell(r.sheet, parseCell(r.cell));
      const p = this.at(r.sheet, pos.row, pos.col);
      const v = p ? p.s.values[p.r][p.c] : null;
      const f = p ? p.s.formulas?.[p.r]?.[p.c] : null;
      const value = typeof v === 'number' || typeof v === 'string' ? (v === '' ? null : v) : typeof v === 'boolean' ? String(v).toUpperCase() : null;
      return { value, formula: typeof f === 'string' && f.startsWith('=') ? f : null };
    });
  }

  async writeCells(cells: CellWrite[]): Promise<void> {
    const targets = cells.map((c) => {
      const pos = this.masterCell(c.sheet, parseCell(c.cell));
      if (this.formulaAt(c.sheet, pos.row, pos.col)) throw new HostError('formulaCell', { sheet: c.sheet, cell: toA1(pos.row, pos.col) });
      return { sheet: c.sheet, row: pos.row, col: pos.col, value: c.value === '' ? null : c.value };
    });
    // Every target is checked before anything is written.
    for (const sheet of new Set(targets.map((t) => t.sheet))) {
      setCells(this.fw, sheet, targets.filter((t) => t.sheet === sheet).map(({ row, col, value }) => ({ row, col, value })));
    }
    this.refreshSheets([...new Set(cells.map((c) => c.sheet))]);
    this.update({ dirty: this.isDirty() });
  }

  async writeResultsSheet(name: string, rows: ResultRow[]): Promise<void> {
    appendSheet(this.fw, name, resultCells(rows), resultSheetWidths(rows));
    this.looks.delete(name);
    this.update({ sheets: this.fw.snapshot.sheets, dirty: this.isDirty() });
  }

  getSetting<T>(key: string): T | undefined {
    return clone(this.settings.get(key)) as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    if (value === undefined || value === null) this.settings.delete(key);
    else this.settings.set(key, clone(value));
    if (!TRANSIENT_SETTINGS.has(key) || this.state.dirty) this.update({ dirty: this.isDirty() });
  }

  onUserEdit(cb: (sheet: string) => void): () => void {
    this.editListeners.add(cb);
    return () => this.editListeners.delete(cb);
  }
}
