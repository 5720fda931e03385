import type { WorkbookHost, Progress, CellContent, CellWrite, ResultRow } from '../host';
import type { WorkbookSnapshot, CellValue } from '../../core/snapshot';
import type { Patch, Mark } from '../../core/patch';
import type { CellRef, Severity } from '../../core/report';
import { MARK_STYLE, markLook, type MarkLook } from '../../core/mark-style';
import { DEFAULT_CELL_BUDGET, checkCellBudget } from '../extent';
import { stillWritten, literalText, type CellBefore } from '../undo';
import { MARKS_KEY, NOTE_PREFIX, readRegistry, mergeRegistry, type MarkedCell, type MarkRegistry } from '../marks';
import { HostError, toWpsError, WPS_APP } from './errors';
import type { EtApplication, EtRange, EtWorkbook, EtWorksheet } from './et';
import { XL, EDGES, hexToBgr } from './et';
import { newProbe, sheetHead, readSheet, cellValue, type ReadProbe } from './read';
import { diagnose } from './diagnostics';
import { loadSettings, saveSettings, readStamp, writeStamp } from './settings';
import { newStamp, POLL_MS } from '../excel/channel';

/** What the WPS host needs: ET's Application (`window.Application` in a WPS 加载项), and clocks for tests. */
export interface WpsEnv {
  app: EtApplication;
  now?: () => number;
  /** Cells read at most, all used ranges together (default 2 000 000). */
  cellBudget?: number;
  /** Cells read one by one at most where a bulk read gives no 2-D array (default 200 000). */
  cellByCellBudget?: number;
  /** How often an open pane looks for the ribbon's stamp (default 1000 ms; 0: never). */
  pollMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** The add-in's version, for 自检. */
  version?: string;
  /** The page's user agent, for 自检. */
  userAgent?: string;
}

/** A cell's own fill and borders, as recorded before a mark and put back when it is cleared. */
export interface CellLook {
  pattern: unknown;
  color: unknown;
  colorIndex: unknown;
  /** [LineStyle, Weight, Color] of the top, bottom, left and right edges. */
  edges: [unknown, unknown, unknown][];
}

/** Writes of the host are not the user's edits for this long after they end. */
const SUPPRESS_MS = 2000;

/** ET border line style and weight of each line of the shared mark look. */
const ET_LINE: Record<MarkLook['line'], [number, number]> = {
  medium: [XL.continuous, XL.medium],
  thin: [XL.continuous, XL.thin],
  dashed: [XL.dash, XL.thin],
  dotted: [XL.dot, XL.thin],
};

/** The fills of every mark, as ET's BGR integers: a cell with one of them carries our mark. */
const MARK_FILLS = new Set(
  (Object.keys(MARK_STYLE) as Severity[]).flatMap((s) => [hexToBgr(MARK_STYLE[s].own.fill), hexToBgr(MARK_STYLE[s].related.fill)]),
);

/**
 * The WPS 表格 host: the same guarantees as the Excel host over ET's object
 * model. ET has no batches, no undo grouping and no conditional formats the
 * host could tell apart as its own, so:
 *  - marks are the cell's own fill and borders, written after recording what
 *    the cell had, and put back exactly when cleared (the record lives in the
 *    registry in the workbook's settings, so this works after reopening);
 *  - every write runs with ScreenUpdating and EnableEvents off, restored in
 *    `finally`; a write that throws part-way is rolled back from the record;
 *  - undo is the host's own snapshot of the values it wrote.
 */
export class WpsHost implements WorkbookHost {
  readonly name = 'WPS';
  private settings = new Map<string, unknown>();
  private book: string | null = null;
  private readonly undoStack: CellBefore[][] = [];
  private writing = 0;
  private ownWritesUntil = 0;
  private seenStamp: unknown = undefined;
  /** What the last read found out about this WPS (自检); null before the first read. */
  probe: ReadProbe | null = null;
  /** Calls that failed, newest last (自检). */
  readonly failures: string[] = [];

  private constructor(private readonly env: WpsEnv) {}

  static async create(env: WpsEnv): Promise<WpsHost> {
    const host = new WpsHost(env);
    await host.reloadSettings();
    const wb = env.app.ActiveWorkbook;
    host.seenStamp = wb ? readStamp(env.app, wb) : undefined;
    return host;
  }

  private get app(): EtApplication {
    return this.env.app;
  }

  private now(): number {
    return this.env.now ? this.env.now() : Date.now();
  }

  /** Runs ET calls, turning what they throw into a Chinese HostError and remembering the failure for 自检. */
  private call<T>(what: string, fn: () => T, context: { sheet?: string } = {}): T {
    try {
      return fn();
    } catch (e) {
      const err = toWpsError(e, context);
      this.failures.push(`${what}: ${err.params.reason ?? err.message}`);
      if (this.failures.length > 20) this.failures.shift();
      throw err;
    }
  }

  private workbook(): EtWorkbook {
    const wb = this.app.ActiveWorkbook;
    if (!wb) throw new HostError('noWorkbook', { app: WPS_APP });
    if (wb.FullName !== this.book) {
      // Another workbook came to the front: its settings, not the last one's.
      this.book = wb.FullName;
      this.settings = loadSettings(wb);
    }
    return wb;
  }

  private sheets(wb: EtWorkbook): EtWorksheet[] {
    const out: EtWorksheet[] = [];
    const n = wb.Worksheets.Count;
    for (let i = 1; i <= n; i++) out.push(wb.Worksheets.Item(i));
    return out;
  }

  private sheet(wb: EtWorkbook, name: string): EtWorksheet {
    const ws = this.sheets(wb).find((s) => s.Name === name);
    if (!ws) throw new HostError('sheetMissing', { sheet: name, app: WPS_APP });
    return ws;
  }

  /** Every sheet named must exist; unless `allowProtected`, none may be protected. */
  private checkSheets(wb: EtWorkbook, names: string[], allowProtected = false): Map<string, EtWorksheet> {
    const out = new Map<string, EtWorksheet>();
    for (const n of new Set(names)) {
      const ws = this.sheet(wb, n);
      if (!allowProtected && ws.ProtectContents) throw new HostError('sheetProtected', { sheet: n, app: WPS_APP });
      out.set(n, ws);
    }
    return out;
  }

  /**
   * Runs writes with screen updating and events off, both restored in
   * `finally`, even when a write throws.
   */
  private writes<T>(fn: () => T): T {
    const app = this.app;
    const screen = app.ScreenUpdating;
    const events = app.EnableEvents;
    this.writing++;
    try {
      app.ScreenUpdating = false;
      app.EnableEvents = false;
      return fn();
    } finally {
      try {
        app.ScreenUpdating = screen;
      } catch {
        // nothing more to do: the next write tries again
      }
      try {
        app.EnableEvents = events;
      } catch {
        // as above
      }
      this.writing = Math.max(0, this.writing - 1);
      this.ownWritesUntil = this.now() + SUPPRESS_MS;
    }
  }

  // ---------------------------------------------------------------- reading

  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    return this.call('readWorkbook', () => {
      const probe = newProbe();
      onProgress?.({ fraction: 0, label: 'sheets' });
      const wb = this.workbook();
      const heads = this.sheets(wb).map((ws) => sheetHead(ws, probe));
      checkCellBudget(heads, this.env.cellBudget ?? DEFAULT_CELL_BUDGET, WPS_APP);
      onProgress?.({ fraction: 0.1, label: 'ranges' });
      const sheets = heads.map((h, i) => {
        const s = readSheet(h, probe, this.env.cellByCellBudget);
        onProgress?.({ fraction: 0.1 + (0.9 * (i + 1)) / heads.length, label: 'ranges' });
        return s;
      });
      this.probe = probe;
      onProgress?.({ fraction: 1, label: 'done' });
      return { sheets };
    });
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes values and marks. Values are all or nothing: a protected sheet or a
   * formula cell refuses the whole patch before anything is written. Marks on
   * a protected sheet are skipped and the sheet named afterwards (marksPartial).
   * Each marked cell's fill and borders are recorded before the mark; a note is
   * added where the cell has none and replaces ours from an earlier run; a
   * user's comment stays. If a write throws part-way, every value, mark and
   * note written so far is taken back.
   */
  async applyPatch(patch: Patch): Promise<void> {
    if (patch.values.length === 0 && patch.marks.length === 0) return;
    let skipped: string[] = [];
    let added = 0;
    const before = this.call('applyPatch', () => {
      const wb = this.workbook();
      this.settings = loadSettings(wb);
      const registry = readRegistry(this.settings.get(MARKS_KEY));
      const known = new Set(registry.cells.map((c) => `${c.sheet}!${c.cell}`));
      const valueSheets = this.checkSheets(wb, patch.values.map((v) => v.sheet));
      const markSheets = this.checkSheets(wb, patch.marks.map((m) => m.sheet), true);
      skipped = [...markSheets].filter(([, ws]) => ws.ProtectContents).map(([n]) => n);
      const kept = patch.marks.filter((m) => !skipped.includes(m.sheet));
      const targets = patch.values.map((v) => ({ v, r: valueSheets.get(v.sheet)!.Range(v.cell) }));
      for (const { v, r } of targets) if (r.HasFormula === true) throw new HostError('formulaCell', { sheet: v.sheet, cell: v.cell, app: WPS_APP });
      const taken: CellBefore[] = targets.map(({ v, r }) => ({
        sheet: v.sheet, cell: v.cell, value: cellValue(r.Value2), numberFormat: String(r.NumberFormat ?? 'General'), written: v.value, writtenFormat: v.numberFormat,
      }));
      const marked: { m: Mark; r: EtRange; look: CellLook; note: string | null }[] = [];
      const notes: { r: EtRange; old: string | null }[] = [];
      const records: MarkedCell[] = [];
      this.writes(() => {
        try {
          for (const { v, r } of targets) {
            if (v.numberFormat !== undefined) r.NumberFormat = v.numberFormat;
            r.Value2 = v.value;
          }
          for (const m of kept) {
            const r = markSheets.get(m.sheet)!.Range(m.cell);
            const look = readLook(r);
            marked.push({ m, r, look, note: null });
            writeMark(r, m.severity, m.related);
            const record: MarkedCell = { sheet: m.sheet, cell: m.cell, note: false };
            if (!known.has(`${m.sheet}!${m.cell}`)) record.before = look;
            records.push(record);
          }
          for (const [i, { m, r }] of marked.entries()) {
            const old = commentText(r);
            if (old !== null && !old.startsWith(NOTE_PREFIX)) continue; // the user's own comment stays
            try {
              if (old !== null) r.Comment!.Delete();
              r.AddComment(`${NOTE_PREFIX}\n${m.message}`);
              notes.push({ r, old });
              records[i].note = true;
            } catch (e) {
              // A refused note leaves the mark in place.
              this.failures.push(`AddComment ${m.sheet}!${m.cell}: ${e instanceof Error ? e.message : String(e)}`);
            }
          }
          if (records.length) {
            this.settings.set(MARKS_KEY, mergeRegistry(registry, records));
            saveSettings(wb, this.settings);
          }
        } catch (e) {
          this.settings = loadSettings(wb);
          this.rollback(targets.map((t, i) => ({ r: t.r, b: taken[i] })), marked, notes, e);
        }
      });
      added = records.length;
      return taken;
    });
    if (before.length) this.undoStack.push(before);
    if (skipped.length) throw new HostError('marksPartial', { sheets: skipped.join('、'), marked: added, app: WPS_APP });
  }

  /** Puts back what a failed write changed; always throws (writeFailed, or rollbackFailed when that fails too). */
  private rollback(values: { r: EtRange; b: CellBefore }[], marks: { r: EtRange; look: CellLook }[], notes: { r: EtRange; old: string | null }[], cause: unknown): never {
    const reason = cause instanceof Error ? cause.message : String(cause);
    try {
      for (const { r, old } of notes.reverse()) {
        r.Comment?.Delete();
        if (old !== null) r.AddComment(old);
      }
      for (const { r, look } of marks.reverse()) writeLook(r, look);
      for (const { r, b } of values) {
        r.NumberFormat = b.numberFormat;
        r.Value2 = restorable(b.value);
      }
    } catch (e2) {
      throw new HostError('rollbackFailed', { reason: `${reason}; ${e2 instanceof Error ? e2.message : String(e2)}`, app: WPS_APP }, cause);
    }
    throw new HostError('writeFailed', { reason, app: WPS_APP }, cause);
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Restores the values and number formats the last value write changed, unless the user changed a cell since. */
  async undo(): Promise<void> {
    const entry = this.undoStack[this.undoStack.length - 1];
    if (!entry) throw new HostError('nothingToUndo', { app: WPS_APP });
    this.call('undo', () => {
      const wb = this.workbook();
      const sheets = this.checkSheets(wb, entry.map((c) => c.sheet));
      const cells = entry.map((c) => ({ c, r: sheets.get(c.sheet)!.Range(c.cell) }));
      for (const { c, r } of cells) {
        if (!stillWritten(r.Value2, r.HasFormula === true, c.written)) throw new HostError('cellChanged', { sheet: c.sheet, cell: c.cell, app: WPS_APP });
      }
      this.writes(() => {
        const done: typeof cells = [];
        try {
          for (const x of cells) {
            x.r.NumberFormat = x.c.numberFormat;
            x.r.Value2 = restorable(x.c.value);
            done.push(x);
          }
        } catch (e) {
          // Put back what had been written, so the cells are not left half-restored.
          for (const { c, r } of done) {
            try {
              if (c.writtenFormat !== undefined) r.NumberFormat = c.writtenFormat;
              r.Value2 = c.written;
            } catch {
              // reported below
            }
          }
          throw e;
        }
      });
    });
    this.undoStack.pop();
  }

  /**
   * Clears every mark recorded in the workbook's settings: where the cell
   * still has a mark's fill, its own fill and borders are put back as they
   * were; a note is deleted only when it is ours. Cells on a protected sheet
   * stay marked and recorded, and the sheets are named (marksPartial).
   */
  async clearMarks(): Promise<void> {
    const kept = this.call('clearMarks', () => {
      const wb = this.workbook();
      this.settings = loadSettings(wb);
      const registry = readRegistry(this.settings.get(MARKS_KEY));
      if (registry.cells.length === 0) return [];
      const byName = new Map(this.sheets(wb).map((ws) => [ws.Name, ws]));
      const remaining: MarkedCell[] = [];
      this.writes(() => {
        for (const c of registry.cells) {
          const ws = byName.get(c.sheet);
          if (!ws) continue; // the sheet is gone, and its marks with it
          if (ws.ProtectContents) {
            remaining.push(c);
            continue;
          }
          const r = ws.Range(c.cell);
          if (isMarked(r) && c.before) writeLook(r, c.before as CellLook);
          if (commentText(r)?.startsWith(NOTE_PREFIX)) r.Comment!.Delete();
        }
        const next: MarkRegistry = { version: 1, cells: remaining };
        this.settings.set(MARKS_KEY, next);
        saveSettings(wb, this.settings);
      });
      return [...new Set(remaining.map((c) => c.sheet))];
    });
    if (kept.length) throw new HostError('marksPartial', { sheets: kept.join('、'), app: WPS_APP });
  }

  // ---------------------------------------------------------------- selection and text

  async select(ref: CellRef): Promise<void> {
    this.call('select', () => {
      const ws = this.sheet(this.workbook(), ref.sheet);
      ws.Activate();
      ws.Range(ref.cell).Select();
    }, { sheet: ref.sheet });
  }

  async activeCell(): Promise<CellRef | null> {
    return this.call('activeCell', () => {
      const r = this.app.ActiveCell;
      if (!r) return null;
      return { sheet: r.Worksheet.Name, cell: r.Address(false, false).split(':')[0] };
    });
  }

  async insertText(text: string, at?: CellRef): Promise<CellRef> {
    const ref = at ?? (await this.activeCell());
    if (!ref) throw new HostError('noActiveCell', { app: WPS_APP });
    await this.writeCells([{ ...ref, value: text }]);
    return ref;
  }

  async readCells(refs: CellRef[]): Promise<CellContent[]> {
    return this.call('readCells', () => {
      const wb = this.workbook();
      return refs.map((ref) => {
        const ws = this.sheet(wb, ref.sheet);
        let r = ws.Range(ref.cell);
        if (r.MergeCells === true) {
          const area = r.MergeArea;
          r = ws.Cells.Item(area.Row, area.Column);
        }
        const f = r.HasFormula === true ? r.Formula : null;
        const v = cellValue(r.Value2);
        return { value: typeof v === 'boolean' ? String(v) : v, formula: typeof f === 'string' && f.startsWith('=') ? f : null };
      });
    });
  }

  /** Writes text or numbers as they are: text that starts with = + - @ lands as literal text, never a formula. */
  async writeCells(cells: CellWrite[]): Promise<void> {
    this.call('writeCells', () => {
      const wb = this.workbook();
      const sheets = this.checkSheets(wb, cells.map((c) => c.sheet));
      const targets = cells.map((c) => ({ c, r: sheets.get(c.sheet)!.Range(c.cell) }));
      for (const { c, r } of targets) if (r.HasFormula === true) throw new HostError('formulaCell', { sheet: c.sheet, cell: c.cell, app: WPS_APP });
      this.writes(() => {
        for (const { c, r } of targets) r.Value2 = literalText(c.value ?? '');
      });
    });
  }

  /** The 校验结果 sheet: replaced when it exists; every text literal; links and print setup where this WPS has them. */
  async writeResultsSheet(name: string, rows: ResultRow[]): Promise<void> {
    this.call('writeResultsSheet', () => {
      const wb = this.workbook();
      const app = this.app;
      this.writes(() => {
        const alerts = app.DisplayAlerts;
        app.DisplayAlerts = false;
        try {
          const all = this.sheets(wb);
          const old = all.find((s) => s.Name === name);
          if (old) old.Delete();
          const rest = this.sheets(wb);
          const ws = wb.Worksheets.Add(undefined, rest[rest.length - 1]);
          ws.Name = name;
          const head = ['表格', '单元格', '级别', '问题', '规则'];
          const body = rows.length ? rows.map((r) => [r.table, `${r.ref.sheet}!${r.ref.cell}`, r.severity, r.message, r.rule]) : [['', '', '', '没有发现问题。', '']];
          [head, ...body].forEach((row, i) => row.forEach((text, c) => {
            if (text !== '') ws.Cells.Item(i + 1, c + 1).Value2 = literalText(text);
          }));
          optional(() => {
            const h = ws.Range('A1:E1');
            h.Font!.Bold = true;
            h.Interior.Color = hexToBgr('#D9D9D9');
            ws.Range(`A2:E${body.length + 1}`).WrapText = true;
            [18, 10, 6, 60, 34].forEach((w, c) => { ws.Cells.Item(1, c + 1).ColumnWidth = w; });
          });
          optional(() => rows.forEach((r, i) => {
            ws.Hyperlinks!.Add(ws.Range(`B${i + 2}`), '', `'${r.ref.sheet.replace(/'/g, "''")}'!${r.ref.cell}`, '', literalText(`${r.ref.sheet}!${r.ref.cell}`));
          }));
          optional(() => {
            const p = ws.PageSetup!;
            p.Orientation = XL.landscape;
            p.Zoom = false;
            p.FitToPagesWide = 1;
            p.FitToPagesTall = false;
            p.PrintTitleRows = '$1:$1';
          });
        } finally {
          app.DisplayAlerts = alerts;
        }
      });
    }, { sheet: name });
  }

  // ---------------------------------------------------------------- settings

  getSetting<T>(key: string): T | undefined {
    return this.settings.get(key) as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    this.call('setSetting', () => {
      const wb = this.workbook();
      const next = loadSettings(wb);
      next.set(key, value === undefined ? null : value);
      saveSettings(wb, next);
      this.settings = next;
      const stamp = newStamp(this.now());
      writeStamp(this.app, wb, stamp);
      this.seenStamp = stamp;
    });
  }

  async reloadSettings(): Promise<void> {
    this.call('reloadSettings', () => {
      const wb = this.app.ActiveWorkbook;
      if (!wb) return;
      this.book = wb.FullName;
      this.settings = loadSettings(wb);
    });
  }

  /**
   * Calls `cb` after reloading the settings when another page of the add-in
   * (the ribbon's) wrote them: it finds the workbook's stamp in PluginStorage
   * changed, looking once a second.
   */
  onSettingsChanged(cb: () => void): () => void {
    const pollMs = this.env.pollMs ?? POLL_MS;
    if (pollMs <= 0) return () => undefined;
    const set = this.env.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    const clear = this.env.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
    let active = true;
    const handle = set(() => {
      const wb = this.app.ActiveWorkbook;
      if (!active || !wb) return;
      const stamp = readStamp(this.app, wb);
      if (stamp === this.seenStamp) return;
      this.seenStamp = stamp;
      this.reloadSettings().then(() => active && cb(), () => undefined);
    }, pollMs);
    return () => {
      active = false;
      clear(handle);
    };
  }

  /** 自检: what this WPS offers (see diagnostics.ts). */
  async diagnostics(): Promise<string> {
    return diagnose({
      app: this.app,
      userAgent: this.env.userAgent ?? (typeof navigator === 'undefined' ? '?' : navigator.userAgent),
      probe: this.probe,
      failures: this.failures,
      version: this.env.version ?? '?',
      now: new Date(this.now()),
    });
  }

  // ---------------------------------------------------------------- edits

  /** The user's edits, from ET's SheetChange event; the host's own writes are not reported. */
  onUserEdit(cb: (sheet: string) => void): () => void {
    const events = this.app.ApiEvent;
    if (!events) return () => undefined;
    const handler = (sh?: { Name?: string }) => {
      if (this.writing > 0 || this.now() < this.ownWritesUntil) return;
      cb(typeof sh?.Name === 'string' ? sh.Name : '');
    };
    try {
      events.AddApiEventListener('SheetChange', handler);
    } catch (e) {
      this.failures.push(`ApiEvent SheetChange: ${e instanceof Error ? e.message : String(e)}`);
      return () => undefined;
    }
    return () => {
      try {
        events.RemoveApiEventListener?.('SheetChange', handler);
      } catch {
        // the page is going away
      }
    };
  }
}

/** A value as it can be written back: text that looked like a formula stays text. */
function restorable(v: CellValue): unknown {
  return literalText(v ?? '');
}

/** Optional formatting: a WPS without it still gets the sheet. */
function optional(fn: () => void): void {
  try {
    fn();
  } catch {
    // the sheet is written; this part of its look is not available here
  }
}

function commentText(r: EtRange): string | null {
  const c = r.Comment;
  return c ? String(c.Text() ?? '') : null;
}

export function readLook(r: EtRange): CellLook {
  const i = r.Interior;
  return {
    pattern: i.Pattern,
    color: i.Color,
    colorIndex: i.ColorIndex,
    edges: EDGES.map((e) => {
      const b = r.Borders.Item(e);
      return [b.LineStyle, b.Weight, b.Color] as [unknown, unknown, unknown];
    }),
  };
}

/** Puts a recorded look back: no fill as no fill (not white), each edge as it was. */
export function writeLook(r: EtRange, look: CellLook): void {
  const i = r.Interior;
  if (look.pattern === XL.none || look.colorIndex === XL.none) {
    i.Pattern = XL.none;
  } else {
    i.Color = look.color;
    i.Pattern = look.pattern;
  }
  EDGES.forEach((e, k) => {
    const b = r.Borders.Item(e);
    const [style, weight, color] = look.edges[k] ?? [XL.none, XL.thin, 0];
    if (style === XL.none || style === null || style === undefined) {
      b.LineStyle = XL.none;
      return;
    }
    b.LineStyle = style;
    b.Weight = weight;
    b.Color = color;
  });
}

/** A mark: the fill and the four borders of the shared look (src/core/mark-style.ts), colours as BGR. */
function writeMark(r: EtRange, severity: Severity, related: boolean): void {
  const look = markLook(severity, related);
  r.Interior.Color = hexToBgr(look.fill);
  const [style, weight] = ET_LINE[look.line];
  for (const e of EDGES) {
    const b = r.Borders.Item(e);
    b.LineStyle = style;
    b.Weight = weight;
    b.Color = hexToBgr(look.border);
  }
}

/** True when the cell still has one of the marks' fills (the user did not refill it since). */
export function isMarked(r: EtRange): boolean {
  return r.Interior.Pattern !== XL.none && MARK_FILLS.has(Number(r.Interior.Color));
}
