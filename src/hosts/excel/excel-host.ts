import type { WorkbookHost, Progress, CellContent, CellWrite, ResultRow } from '../host';
import type { WorkbookSnapshot, SheetSnapshot, CellValue } from '../../core/snapshot';
import { emptyUsedRange } from '../../core/snapshot';
import type { Patch, Mark } from '../../core/patch';
import type { CellRef } from '../../core/report';
import type { XlRequestContext, XlRun, XlRunOptions, XlWorksheet, XlRange, XlChangedEventArgs, XlNote, XlCfBorder } from './xl';
import { HostError, toHostError, isPayloadTooLarge, officeErrorCode } from './errors';
import { markLook, type MarkLook } from '../../core/mark-style';
import {
  MARKS_KEY, NOTE_PREFIX, markFormula, isMarkFormula, readRegistry, mergeRegistry,
  type MarkedCell, type MarkRegistry,
} from './marks';
import { parseCellAddress, parseAreasAddress, stripSheet } from './address';
import { STAMP_KEY, PING_KEY, POLL_MS, newStamp, ping, type ChannelEnv } from './channel';
import { columnName } from '../../core/address';
import { RESULT_COLUMNS, WRAPPED_COLUMN, resultTexts, resultWidths } from '../results';
import { DEFAULT_CELL_BUDGET, checkCellBudget, clipMerges, type Bounds } from '../extent';
import { stillWritten, literalText, type CellBefore } from '../undo';

export { DEFAULT_CELL_BUDGET, clipMerges };

/** What the Excel host needs from Office.js; `officeEnv()` in env.ts builds it from the globals. */
export interface ExcelEnv extends ChannelEnv {
  run: XlRun;
  /** `Office.context.requirements.isSetSupported('ExcelApi', version)`. */
  isExcelApiSupported(version: string): boolean;
  /** Clock, for the suppression window around the add-in's own writes. */
  now?: () => number;
  /** Cells per sync when a workbook has to be read in chunks (default 20 000). */
  chunkCells?: number;
  /** Cells read at most, all used ranges together (default 2 000 000); above it, HostError 'tooManyCells'. */
  cellBudget?: number;
}

/** Writes of the host are ignored as user edits for this long after they end (ExcelApi < 1.14). */
const SUPPRESS_MS = 2000;

export class ExcelHost implements WorkbookHost {
  readonly name = 'Excel';
  private readonly settings = new Map<string, unknown>();
  private readonly undoStack: CellBefore[][] = [];
  private readonly sheetIds = new Map<string, string>();
  private ownWritesUntil = 0;
  private writing = 0;
  /** The last STAMP_KEY this host wrote or acted on. */
  private seenStamp: unknown = undefined;

  private constructor(private readonly env: ExcelEnv) {}

  /** Creates the host and reads the workbook's settings (one sync). */
  static async create(env: ExcelEnv): Promise<ExcelHost> {
    const host = new ExcelHost(env);
    await host.reloadSettings();
    host.seenStamp = host.settings.get(STAMP_KEY);
    return host;
  }

  private supports(version: string): boolean {
    try {
      return this.env.isExcelApiSupported(version);
    } catch {
      return false;
    }
  }

  private now(): number {
    return this.env.now ? this.env.now() : Date.now();
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads every sheet in three syncs: the sheet list; every used range's size
   * (values only: cells that hold only formatting do not count); then the
   * values, formulas, number formats and (ExcelApi 1.13) merged areas of all
   * sheets in one batch.
   * Above the cell budget nothing is read and the user is told why. When Excel
   * refuses the batch as too large (or answers `values: null`), the sheets are
   * read again in 2-D blocks of at most `chunkCells` cells.
   */
  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    const merges = this.supports('1.13');
    onProgress?.({ fraction: 0, label: 'sheets' });
    let heads: SheetHead[];
    try {
      heads = await this.run(async (context) => {
        const sheets = await this.loadSheets(context);
        onProgress?.({ fraction: 0.05, label: 'sizes' });
        return this.loadHeads(context, sheets);
      });
    } catch (e) {
      throw toHostError(e);
    }
    this.checkBudget(heads);
    onProgress?.({ fraction: 0.1, label: 'ranges' });
    let mergesRead = !merges;
    try {
      const whole = await this.run(async (context) => {
        const queue = (withMerges: boolean) =>
          heads.map((h) => {
            if (!h.bounds) return null;
            const r = context.workbook.worksheets.getItem(h.name).getRangeByIndexes(h.bounds.row, h.bounds.col, h.bounds.rows, h.bounds.cols);
            r.load('values,formulas,numberFormat');
            const areas = withMerges ? r.getMergedAreasOrNullObject() : null;
            areas?.load('address');
            return { r, areas };
          });
        let loaded = queue(merges);
        try {
          await context.sync();
          mergesRead = true;
        } catch (e) {
          // Excel refuses the merged areas of a range holding more than 512 of them, and with them
          // the whole batch: the merges are read apart, by row bands, then the values again.
          if (!merges || isPayloadTooLarge(e)) throw e;
          await this.readMerges(context, heads);
          mergesRead = true;
          loaded = queue(false);
          await context.sync();
        }
        // Excel answers null for cell-level properties of a range it will not return whole.
        if (loaded.some((x) => x && (!x.r.values || !x.r.formulas || !x.r.numberFormat))) return null;
        return loaded.map((x, i) => {
          if (!x) return null;
          if (x.areas) heads[i].merges = x.areas.isNullObject ? [] : clipMerges(parseAreasAddress(x.areas.address), heads[i].bounds!);
          return { values: x.r.values as CellValue[][], formulas: x.r.formulas as CellValue[][], numberFormats: x.r.numberFormat as (string | null)[][] };
        });
      });
      if (whole) {
        onProgress?.({ fraction: 1, label: 'done' });
        return { sheets: heads.map((h, i) => snapshotOf(h, whole[i])) };
      }
    } catch (e) {
      if (!isPayloadTooLarge(e)) throw toHostError(e);
    }
    return this.readChunked(heads, !mergesRead, onProgress);
  }

  /** The first sync of every read: the sheet list (names and ids, remembered to follow renames). */
  private async loadSheets(context: XlRequestContext): Promise<XlWorksheet[]> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    await context.sync();
    this.rememberSheets(sheets.items);
    return sheets.items;
  }

  /** One sync: each sheet's used range, values only (cells that hold only formatting do not count). */
  private async loadHeads(context: XlRequestContext, sheets: XlWorksheet[]): Promise<SheetHead[]> {
    const parts = sheets.map((ws) => {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('address,rowIndex,columnIndex,rowCount,columnCount');
      return { ws, used };
    });
    await context.sync();
    return parts.map(({ ws, used }) => {
      const bounds = used.isNullObject ? null : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
      return { name: ws.name, bounds, range: bounds ? stripSheet(used.address) : 'A1', merges: [] };
    });
  }

  /**
   * Merged areas by row bands: all bands of all sheets in one sync; when Excel
   * refuses (more than 512 areas in a band), every band is halved and read
   * again, down to single rows. A single row still refused keeps no merges.
   */
  private async readMerges(context: XlRequestContext, heads: SheetHead[]): Promise<void> {
    let bands: { sheet: number; row: number; rows: number }[] = [];
    heads.forEach((h, i) => {
      if (h.bounds) bands.push({ sheet: i, row: h.bounds.row, rows: h.bounds.rows });
    });
    const found = heads.map(() => new Set<string>());
    while (bands.length) {
      const loaded = bands.map((b) => {
        const h = heads[b.sheet];
        const areas = context.workbook.worksheets.getItem(h.name).getRangeByIndexes(b.row, h.bounds!.col, b.rows, h.bounds!.cols).getMergedAreasOrNullObject();
        areas.load('address');
        return areas;
      });
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per round of bands; more only when Excel refuses
        await context.sync();
      } catch (e) {
        if (NOT_A_MERGE_LIMIT.has(officeErrorCode(e) ?? '')) throw e;
        const split = bands.flatMap((b) => (b.rows <= 1 ? [] : [
          { sheet: b.sheet, row: b.row, rows: Math.ceil(b.rows / 2) },
          { sheet: b.sheet, row: b.row + Math.ceil(b.rows / 2), rows: b.rows - Math.ceil(b.rows / 2) },
        ]));
        bands = split;
        continue;
      }
      loaded.forEach((areas, i) => {
        if (!areas.isNullObject) for (const m of parseAreasAddress(areas.address)) found[bands[i].sheet].add(m);
      });
      bands = [];
    }
    heads.forEach((h, i) => {
      if (h.bounds) h.merges = clipMerges([...found[i]], h.bounds);
    });
  }

  /** Refuses, before reading any value, a workbook whose used ranges exceed the cell budget. */
  private checkBudget(heads: SheetHead[]): void {
    checkCellBudget(heads, this.env.cellBudget ?? DEFAULT_CELL_BUDGET);
  }

  /**
   * Reads the sheets in 2-D blocks of at most `chunkCells` cells (whole rows
   * where a row fits, else column slices of one row band), several blocks per
   * sync up to the same number of cells, so that a wide sheet never turns into
   * one sync per row. A block Excel refuses halves the budget and is cut again.
   */
  private async readChunked(heads: SheetHead[], readMerges: boolean, onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    try {
      return await this.run(async (context) => {
        if (readMerges) await this.readMerges(context, heads);
        const grids = heads.map((h) => (h.bounds ? emptyGrids(h.bounds.rows) : null));
        const total = heads.reduce((n, h) => n + cellsOf(h), 0);
        let budget = Math.max(1, this.env.chunkCells ?? DEFAULT_CHUNK_CELLS);
        let pending: Block[] = [];
        heads.forEach((h, i) => {
          if (h.bounds) pending.push(...tileBlock({ sheet: i, row: 0, col: 0, rows: h.bounds.rows, cols: h.bounds.cols }, budget));
        });
        let done = 0;
        while (pending.length) {
          // As many blocks as fit into the budget (at least one) go into one sync.
          const batch: { block: Block; range: XlRange }[] = [];
          let cells = 0;
          while (pending.length && (batch.length === 0 || cells + pending[0].rows * pending[0].cols <= budget)) {
            const block = pending.shift()!;
            const b = heads[block.sheet].bounds!;
            const range = context.workbook.worksheets.getItem(heads[block.sheet].name).getRangeByIndexes(b.row + block.row, b.col + block.col, block.rows, block.cols);
            range.load('values,formulas,numberFormat');
            batch.push({ block, range });
            cells += block.rows * block.cols;
          }
          let refused = false;
          try {
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the chunked read: one sync per batch of blocks, by design
            await context.sync();
            refused = batch.some(({ range }) => !range.values || !range.formulas || !range.numberFormat);
          } catch (e) {
            if (!isPayloadTooLarge(e)) throw e;
            refused = true;
          }
          if (refused) {
            if (budget === 1) throw new HostError('tooLarge');
            budget = Math.max(1, Math.floor(budget / 2));
            pending = [...batch.map((x) => x.block), ...pending].flatMap((blk) => tileBlock(blk, budget));
            continue;
          }
          for (const { block, range } of batch) {
            const g = grids[block.sheet]!;
            for (let r = 0; r < block.rows; r++) {
              const row = block.row + r;
              place(g.values[row], block.col, range.values[r] as CellValue[]);
              place(g.formulas[row], block.col, range.formulas[r] as CellValue[]);
              place(g.numberFormats[row], block.col, range.numberFormat[r] as (string | null)[]);
            }
            done += block.rows * block.cols;
          }
          onProgress?.({ fraction: total ? done / total : 1, label: 'chunks' });
        }
        return { sheets: heads.map((h, i) => snapshotOf(h, grids[i])) };
      });
    } catch (e) {
      throw toHostError(e);
    }
  }

  private rememberSheets(items: { id: string; name: string }[]): void {
    this.sheetIds.clear();
    for (const ws of items) this.sheetIds.set(ws.id, ws.name);
  }

  // ---------------------------------------------------------------- writing

  /**
   * One sync reads what must be checked and kept (sheets, protection, the
   * cells' values, formulas and formats, existing notes, and the registry of
   * marks as the workbook holds it now, never a cached copy); a second writes
   * every value, every mark (a conditional format with the shared mark look)
   * and the registry. Values are all or nothing: a protected sheet or a formula
   * cell refuses the whole patch before anything is written. Marks on a
   * protected sheet are skipped, the others written, and the skipped sheets
   * named (HostError 'marksPartial') afterwards. Notes go in a sync of their
   * own, so a refused note (e.g. a cell holding a threaded comment) leaves the
   * marks in place. If the write sync fails part-way, the cells are rolled back.
   */
  async applyPatch(patch: Patch): Promise<void> {
    if (patch.values.length === 0 && patch.marks.length === 0) return;
    const notes = this.supports('1.18');
    // Marks stay out of Excel's undo: Ctrl+Z removing a mark would leave the mark registry stale.
    const mergeUndo = patch.values.length > 0 && patch.marks.length === 0;
    let before: CellBefore[] = [];
    let added: MarkedCell[] = [];
    let skipped: string[] = [];
    this.beginWrite();
    try {
      await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const stored = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
        stored.load('value');
        const valueSheets = unique(patch.values.map((c) => c.sheet));
        const markSheets = unique(patch.marks.map((c) => c.sheet));
        const valueRanges = patch.values.map((v) => {
          const r = context.workbook.worksheets.getItem(v.sheet).getRange(v.cell);
          r.load('values,formulas,numberFormat');
          return r;
        });
        // The notes already on the marked cells: a cell's own note is kept.
        const existingNotes: (XlNote | null)[] = patch.marks.map((m) => {
          if (!notes) return null;
          const n = context.workbook.worksheets.getItem(m.sheet).notes.getItemOrNullObject(m.cell);
          n.load('content');
          return n;
        });
        try {
          await context.sync();
        } catch (e) {
          await this.nameMissingSheet(context, unique([...valueSheets, ...markSheets]), e);
        }
        this.rememberSheets(sheets.items);
        const registry = readRegistry(stored.isNullObject ? undefined : stored.value);
        const sheetIdOf = new Map(sheets.items.map((ws) => [ws.name, ws.id]));
        checkSheets(sheets.items, valueSheets);
        checkSheets(sheets.items, markSheets, true);
        const protectedSheets = new Set(sheets.items.filter((ws) => ws.protection.protected).map((ws) => ws.name));
        skipped = markSheets.filter((n) => protectedSheets.has(n));
        const kept = patch.marks.map((m, i) => ({ m, note: existingNotes[i] })).filter((x) => !protectedSheets.has(x.m.sheet));
        patch.values.forEach((v, i) => {
          const f = valueRanges[i].formulas[0][0];
          if (typeof f === 'string' && f.startsWith('=')) throw new HostError('formulaCell', { sheet: v.sheet, cell: v.cell });
        });
        before = patch.values.map((v, i) => ({
          sheet: v.sheet,
          cell: v.cell,
          value: valueRanges[i].values[0][0] as CellValue,
          numberFormat: String(valueRanges[i].numberFormat[0][0] ?? 'General'),
          written: v.value,
          writtenFormat: v.numberFormat,
        }));
        // All checks passed: queue every write, then one sync.
        for (const v of patch.values) writeValue(context, v.sheet, v.cell, v.value, v.numberFormat);
        const noteWrites: Mark[] = [];
        added = kept.map(({ m, note: n }) => {
          const addNote = !!n && n.isNullObject;
          writeMark(context, m);
          if (addNote) noteWrites.push(m);
          // A note the workbook refuses is recorded anyway: clearing deletes only notes that carry NOTE_PREFIX.
          return { sheet: m.sheet, sheetId: sheetIdOf.get(m.sheet), cell: m.cell, note: addNote };
        });
        const next = mergeRegistry(registry, added);
        if (added.length) context.workbook.settings.add(MARKS_KEY, next);
        try {
          await context.sync();
        } catch (e) {
          throw new PartialWriteError(e);
        }
        if (added.length) this.settings.set(MARKS_KEY, next);
        if (noteWrites.length) await addNotes(context, noteWrites);
      }, mergeUndo ? this.undoGroup() : undefined);
    } catch (e) {
      if (e instanceof PartialWriteError) {
        await this.rollback(before, added, e.cause);
      }
      throw toHostError(e);
    } finally {
      this.endWrite();
    }
    if (before.length) this.undoStack.push(before);
    if (skipped.length) throw new HostError('marksPartial', { sheets: skipped.join('、'), marked: added.length });
  }

  /**
   * ExcelApi 1.20: the batch's writes join one entry of Excel's own undo, so Ctrl+Z
   * undoes a whole 写入 or 插入; older builds rely on the pane's 撤销 alone.
   */
  private undoGroup(): XlRunOptions | undefined {
    return this.supports('1.20') ? { mergeUndoGroup: true } : undefined;
  }

  /** Runs a batch; every batch waits for the user to leave cell edit mode instead of failing. */
  private run<T>(batch: (context: XlRequestContext) => Promise<T>, options: XlRunOptions = {}): Promise<T> {
    return this.env.run(batch, { delayForCellEdit: true, ...options });
  }

  /** Restores the cells and removes the marks of a write batch that failed part-way; always throws. */
  private async rollback(before: CellBefore[], added: MarkedCell[], cause: unknown): Promise<never> {
    const reason = cause instanceof Error ? cause.message : String(cause);
    if (isPayloadTooLarge(cause)) {
      // Excel refused the whole request: nothing was written.
      throw new HostError('tooLarge', {}, cause);
    }
    this.beginWrite();
    try {
      await this.run(async (context) => {
        const cfs = added.map((m) => {
          const c = context.workbook.worksheets.getItem(m.sheet).getRange(m.cell).conditionalFormats;
          c.load('items/type,items/customOrNullObject/rule/formula');
          return c;
        });
        await context.sync();
        for (const b of before) restoreValue(context, b);
        // A format added just before the failure may have no rule yet: that one is ours too.
        cfs.forEach((c) => deleteOwnConditionalFormats(c.items, true));
        await context.sync();
      });
    } catch (e2) {
      throw new HostError('rollbackFailed', { reason: `${reason}; ${e2 instanceof Error ? e2.message : String(e2)}` }, cause);
    } finally {
      this.endWrite();
    }
    throw new HostError('writeFailed', { reason }, cause);
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /**
   * Restores the values and number formats of the last `applyPatch` that
   * wrote values: one sync to check (protection, and that nobody changed the
   * cells since), one to write.
   */
  async undo(): Promise<void> {
    const entry = this.undoStack[this.undoStack.length - 1];
    if (!entry) throw new HostError('nothingToUndo');
    this.beginWrite();
    try {
      await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const names = unique(entry.map((c) => c.sheet));
        const ranges = entry.map((c) => {
          const r = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
          r.load('values,formulas');
          return r;
        });
        try {
          await context.sync();
        } catch (e) {
          await this.nameMissingSheet(context, names, e);
        }
        checkSheets(sheets.items, names);
        entry.forEach((c, i) => {
          const now = ranges[i].values[0][0];
          const f = ranges[i].formulas[0][0];
          if (!stillWritten(now, typeof f === 'string' && f.startsWith('='), c.written)) throw new HostError('cellChanged', { sheet: c.sheet, cell: c.cell });
        });
        for (const c of entry) restoreValue(context, c);
        try {
          await context.sync();
        } catch (e) {
          // Put back what had been written, so the cells are not left half-restored.
          for (const c of entry) writeValue(context, c.sheet, c.cell, c.written, c.writtenFormat);
          await context.sync().catch(() => undefined);
          throw e;
        }
      });
    } catch (e) {
      throw toHostError(e);
    } finally {
      this.endWrite();
    }
    this.undoStack.pop();
  }

  /**
   * Deletes the add-in's conditional formats and notes on every cell recorded
   * in the workbook's settings (read from the workbook in the first sync, so a
   * mark another runtime made is cleared too, and this works after closing and
   * reopening): one sync for the sheets and the registry, one to read the
   * cells' conditional formats and notes, one to delete ours and write back
   * the registry. Cells on a protected sheet stay marked and registered; the
   * sheets are named afterwards (HostError 'marksPartial').
   */
  async clearMarks(): Promise<void> {
    let kept: string[] = [];
    this.beginWrite();
    try {
      await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const stored = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
        stored.load('value');
        await context.sync();
        const registry = readRegistry(stored.isNullObject ? undefined : stored.value);
        this.settings.set(MARKS_KEY, registry);
        if (registry.cells.length === 0) return;
        this.rememberSheets(sheets.items);
        const byId = new Map(sheets.items.map((ws) => [ws.id, ws]));
        const byName = new Map(sheets.items.map((ws) => [ws.name, ws]));
        const remaining: MarkedCell[] = [];
        const targets: { c: MarkedCell; ws: XlWorksheet }[] = [];
        for (const c of registry.cells) {
          const ws = (c.sheetId && byId.get(c.sheetId)) || byName.get(c.sheet);
          if (!ws) continue; // the sheet is gone, and its marks with it
          if (ws.protection.protected) remaining.push(c);
          else targets.push({ c, ws });
        }
        kept = unique(remaining.map((c) => (c.sheetId && byId.get(c.sheetId)?.name) || c.sheet));
        const loaded = targets.map(({ c, ws }) => {
          const cfs = ws.getRange(c.cell).conditionalFormats;
          cfs.load('items/type,items/customOrNullObject/rule/formula');
          let note: XlNote | null = null;
          if (c.note && this.supports('1.18')) {
            note = ws.notes.getItemOrNullObject(c.cell);
            note.load('content');
          }
          return { cfs, note };
        });
        await context.sync();
        for (const { cfs, note } of loaded) {
          deleteOwnConditionalFormats(cfs.items);
          if (note && !note.isNullObject && note.content.startsWith(NOTE_PREFIX)) note.delete();
        }
        const next: MarkRegistry = { version: 1, cells: remaining };
        context.workbook.settings.add(MARKS_KEY, next);
        await context.sync();
        this.settings.set(MARKS_KEY, next);
      });
    } catch (e) {
      throw toHostError(e);
    } finally {
      this.endWrite();
    }
    if (kept.length) throw new HostError('marksPartial', { sheets: kept.join('、') });
  }

  // ---------------------------------------------------------------- selection and text

  async select(ref: CellRef): Promise<void> {
    try {
      await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(ref.sheet);
        ws.activate();
        ws.getRange(ref.cell).select();
        await context.sync();
      });
    } catch (e) {
      throw toHostError(e, { sheet: ref.sheet });
    }
  }

  async activeCell(): Promise<CellRef | null> {
    try {
      return await this.run(async (context) => {
        const r = context.workbook.getActiveCell();
        r.load('address');
        await context.sync();
        return parseCellAddress(r.address);
      });
    } catch (e) {
      throw toHostError(e);
    }
  }

  /** Writes text into one cell (the active one by default); refuses a protected sheet or a formula cell. */
  async insertText(text: string, at?: CellRef): Promise<CellRef> {
    const value = literalText(text);
    this.beginWrite();
    try {
      return await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const target = at ? context.workbook.worksheets.getItem(at.sheet).getRange(at.cell) : context.workbook.getActiveCell();
        target.load('address,formulas');
        try {
          await context.sync();
        } catch (e) {
          await this.nameMissingSheet(context, at ? [at.sheet] : [], e);
        }
        const ref = parseCellAddress(target.address);
        if (!ref) throw new HostError('noActiveCell');
        checkSheets(sheets.items, [ref.sheet]);
        const f = target.formulas[0][0];
        if (typeof f === 'string' && f.startsWith('=')) throw new HostError('formulaCell', ref);
        context.workbook.worksheets.getItem(ref.sheet).getRange(ref.cell).values = [[value]];
        await context.sync();
        return ref;
      }, this.undoGroup());
    } catch (e) {
      throw toHostError(e, at ? { sheet: at.sheet } : {});
    } finally {
      this.endWrite();
    }
  }

  // ---------------------------------------------------------------- issue 10 (task pane): cells and the 校验结果 sheet
  // The smallest Office.js versions of the three WorkbookHost methods the pane's
  // insertion and export need. The extra Office.js members they use are typed
  // locally (XlExtra) rather than in xl.ts.

  async readCells(refs: CellRef[]): Promise<CellContent[]> {
    try {
      return await this.env.run(async (context) => {
        const ranges = refs.map((r) => {
          const range = context.workbook.worksheets.getItem(r.sheet).getRange(r.cell);
          range.load('values,formulas');
          return range;
        });
        try {
          await context.sync();
        } catch (e) {
          await this.nameMissingSheet(context, unique(refs.map((r) => r.sheet)), e);
        }
        return ranges.map((range) => {
          const v: unknown = range.values[0][0];
          const f: unknown = range.formulas[0][0];
          return {
            value: typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : String(v),
            formula: typeof f === 'string' && f.startsWith('=') ? f : null,
          };
        });
      });
    } catch (e) {
      throw toHostError(e);
    }
  }

  async writeCells(cells: CellWrite[]): Promise<void> {
    this.beginWrite();
    try {
      await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const ranges = cells.map((c) => {
          const range = context.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
          range.load('formulas');
          return range;
        });
        const names = unique(cells.map((c) => c.sheet));
        try {
          await context.sync();
        } catch (e) {
          await this.nameMissingSheet(context, names, e);
        }
        checkSheets(sheets.items, names);
        cells.forEach((c, i) => {
          const f: unknown = ranges[i].formulas[0][0];
          if (typeof f === 'string' && f.startsWith('=')) throw new HostError('formulaCell', { sheet: c.sheet, cell: c.cell });
        });
        cells.forEach((c, i) => {
          ranges[i].values = [[literalText(c.value ?? '')]];
        });
        await context.sync();
      }, this.undoGroup());
    } catch (e) {
      throw toHostError(e);
    } finally {
      this.endWrite();
    }
  }

  async writeResultsSheet(name: string, rows: ResultRow[]): Promise<void> {
    type XlExtra = {
      worksheets: { add(name: string): XlExtraSheet };
    };
    type XlExtraSheet = {
      delete(): void;
      isNullObject: boolean;
      freezePanes: { freezeRows(n: number): void };
      pageLayout?: { orientation: string; zoom: { horizontalFitToPages?: number; verticalFitToPages?: number }; setPrintTitleRows(address: string): void };
      getRange(address: string): {
        values: unknown[][];
        format: { font: { bold: boolean; color: string; underline: string }; wrapText: boolean; columnWidth: number; fill: { color: string }; verticalAlignment: string };
        hyperlink: { documentReference: string; textToDisplay: string };
      };
    };
    const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
    const body = resultTexts(rows);
    const widths = resultWidths(body);
    const last = columnName(RESULT_COLUMNS.length - 1);
    const wrapped = columnName(WRAPPED_COLUMN);
    this.beginWrite();
    try {
      await this.env.run(async (context) => {
        const old = context.workbook.worksheets.getItemOrNullObject(name) as unknown as XlExtraSheet;
        await context.sync();
        if (!old.isNullObject) old.delete();
        const ws = (context.workbook as unknown as XlExtra).worksheets.add(name);
        // A sheet name or a message from the workbook lands as text, never as a formula (literalText, src/hosts/undo.ts).
        ws.getRange(`A1:${last}${body.length + 1}`).values = [[...RESULT_COLUMNS], ...body.map((r) => r.map(literalText))];
        ws.getRange(`A1:${last}1`).format.font.bold = true;
        ws.getRange(`A1:${last}1`).format.fill.color = '#D9D9D9';
        ws.getRange(`A2:${last}${body.length + 1}`).format.verticalAlignment = 'Top';
        // The message column wraps at its width; the others fit what they hold.
        ws.getRange(`${wrapped}2:${wrapped}${body.length + 1}`).format.wrapText = true;
        // Widths in characters → points (Excel's columnWidth): about 6 points a character of the default font.
        widths.forEach((w, c) => { ws.getRange(`${columnName(c)}:${columnName(c)}`).format.columnWidth = Math.round(w * 6); });
        if (this.supports('1.7')) {
          rows.forEach((r, i) => {
            ws.getRange(`B${i + 2}`).hyperlink = { documentReference: `${quote(r.ref.sheet)}!${r.ref.cell}`, textToDisplay: `${r.ref.sheet}!${r.ref.cell}` };
          });
        }
        ws.freezePanes.freezeRows(1);
        if (this.supports('1.9') && ws.pageLayout) {
          ws.pageLayout.orientation = 'Landscape';
          ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
          ws.pageLayout.setPrintTitleRows('$1:$1');
        }
        await context.sync();
      });
    } catch (e) {
      throw toHostError(e, { sheet: name });
    } finally {
      this.endWrite();
    }
  }
  // ---------------------------------------------------------------- end of issue 10's block

  // ---------------------------------------------------------------- settings

  getSetting<T>(key: string): T | undefined {
    return this.settings.get(key) as T | undefined;
  }

  /**
   * Writes one setting, and a new STAMP_KEY in the same batch, then pings the
   * other pages (channel.ts): an open pane hears a ribbon command's report
   * within a second.
   */
  async setSetting(key: string, value: unknown): Promise<void> {
    const stamp = newStamp(this.now());
    try {
      await this.run(async (context) => {
        context.workbook.settings.add(key, value === undefined ? null : value);
        context.workbook.settings.add(STAMP_KEY, stamp);
        await context.sync();
      });
    } catch (e) {
      throw toHostError(e);
    }
    this.settings.set(key, value);
    this.settings.set(STAMP_KEY, stamp);
    this.seenStamp = stamp;
    ping(this.env, stamp);
  }

  /** Reloads every setting into the cache (one sync). */
  async reloadSettings(): Promise<void> {
    try {
      await this.run(async (context) => {
        const s = context.workbook.settings;
        s.load('items/key,items/value');
        await context.sync();
        this.settings.clear();
        for (const item of s.items) this.settings.set(item.key, item.value);
      });
    } catch (e) {
      throw toHostError(e);
    }
  }

  /**
   * Calls `cb` (after reloading every setting) when another runtime wrote the
   * settings: on the `storage` ping, on Excel's settings-changed event, or
   * when the once-a-second poll of STAMP_KEY finds a stamp this host has not
   * seen. Returns an unsubscribe function.
   */
  onSettingsChanged(cb: () => void): () => void {
    let active = true;
    let running = false;
    let again = false;
    const check = async (stampKnownNew = false): Promise<void> => {
      if (!active) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await this.reloadSettings().catch(() => undefined);
          const stamp = this.settings.get(STAMP_KEY);
          if (active && (stampKnownNew || stamp !== this.seenStamp)) {
            this.seenStamp = stamp;
            stampKnownNew = false;
            cb();
          }
        } while (again && active);
      } finally {
        running = false;
      }
    };
    const unsubscribe: (() => void)[] = [];
    this.run(async (context) => {
      context.workbook.settings.onSettingsChanged.add(async () => check());
      await context.sync();
    }).catch(() => undefined);
    if (this.env.onStorage) unsubscribe.push(this.env.onStorage((key) => {
      if (key === PING_KEY || key === null) void check();
    }));
    const pollMs = this.env.pollMs ?? POLL_MS;
    if (pollMs > 0) {
      const set = this.env.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
      const clear = this.env.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
      let polling = false;
      const handle = set(() => {
        if (!active || polling || running || (this.env.isVisible && !this.env.isVisible())) return;
        polling = true;
        this.pollStamp()
          .then((stamp) => {
            if (stamp !== this.seenStamp) return check();
          })
          .catch(() => undefined)
          .finally(() => {
            polling = false;
          });
      }, pollMs);
      unsubscribe.push(() => clear(handle));
    }
    return () => {
      active = false;
      for (const u of unsubscribe.splice(0)) u();
    };
  }

  /** The workbook's STAMP_KEY now (one small sync). */
  private pollStamp(): Promise<unknown> {
    return this.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(STAMP_KEY);
      item.load('value');
      await context.sync();
      return item.isNullObject ? undefined : item.value;
    });
  }

  // ---------------------------------------------------------------- edits

  /**
   * Reports the user's edits. The add-in's own writes are ignored: by the
   * event's trigger source where ExcelApi 1.14 gives it, else by a window
   * around the host's writes.
   */
  onUserEdit(cb: (sheet: string) => void): () => void {
    let active = true;
    const handler = async (args: XlChangedEventArgs) => {
      if (!active || this.isOwnChange(args)) return;
      let name = this.sheetIds.get(args.worksheetId);
      if (name === undefined) {
        name = await this
          .run(async (context) => {
            const ws = context.workbook.worksheets.getItem(args.worksheetId);
            ws.load('name');
            await context.sync();
            return ws.name;
          })
          .catch(() => '');
        if (name) this.sheetIds.set(args.worksheetId, name);
      }
      if (active) cb(name ?? '');
    };
    this
      .run(async (context) => {
        if (this.supports('1.9')) {
          context.workbook.worksheets.onChanged.add(handler);
        } else {
          const sheets = context.workbook.worksheets;
          sheets.load('items/name,items/id');
          await context.sync();
          this.rememberSheets(sheets.items);
          for (const ws of sheets.items) ws.onChanged.add(handler);
        }
        await context.sync();
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }

  private isOwnChange(args: XlChangedEventArgs): boolean {
    if (args.triggerSource !== undefined && this.supports('1.14')) return args.triggerSource === 'ThisLocalAddin';
    return this.writing > 0 || this.now() < this.ownWritesUntil;
  }

  private beginWrite(): void {
    this.writing++;
  }

  private endWrite(): void {
    this.writing = Math.max(0, this.writing - 1);
    this.ownWritesUntil = this.now() + SUPPRESS_MS;
  }

  /** After a failed sync: when a sheet named in the batch is missing (ItemNotFound), finds which and says so; always throws. */
  private async nameMissingSheet(context: XlRequestContext, names: string[], e: unknown): Promise<never> {
    if (officeErrorCode(e) !== 'ItemNotFound' || names.length === 0) throw e;
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const have = new Set(sheets.items.map((ws) => ws.name));
    const missing = names.find((n) => !have.has(n));
    throw missing !== undefined ? new HostError('sheetMissing', { sheet: missing }, e) : e;
  }

}

class PartialWriteError extends Error {
  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}


/** Every sheet must exist; unless `allowProtected`, none may be protected. */
function checkSheets(items: { name: string; protection: { protected: boolean } }[], names: string[], allowProtected = false): void {
  const byName = new Map(items.map((ws) => [ws.name, ws]));
  for (const n of names) {
    const ws = byName.get(n);
    if (!ws) throw new HostError('sheetMissing', { sheet: n });
    if (!allowProtected && ws.protection.protected) throw new HostError('sheetProtected', { sheet: n });
  }
}

function writeValue(context: XlRequestContext, sheet: string, cell: string, value: CellValue, numberFormat?: string): void {
  const r = context.workbook.worksheets.getItem(sheet).getRange(cell);
  if (numberFormat !== undefined) r.numberFormat = [[numberFormat]];
  r.values = [[value ?? '']];
}

function restoreValue(context: XlRequestContext, b: CellBefore): void {
  writeValue(context, b.sheet, b.cell, b.value, b.numberFormat);
}

/** Conditional-format border styles for the shared mark look (conditional formats have no border weight). */
const CF_LINE: Record<MarkLook['line'], XlCfBorder['style']> = { medium: 'Continuous', thin: 'Continuous', dashed: 'Dash', dotted: 'Dot' };

/** A mark: the add-in's own conditional format on the cell, with the fill and border of src/core/mark-style.ts. */
function writeMark(context: XlRequestContext, m: Mark): void {
  const ws = context.workbook.worksheets.getItem(m.sheet);
  const cf = ws.getRange(m.cell).conditionalFormats.add('Custom');
  const look = markLook(m.severity, m.related);
  cf.custom.rule.formula = markFormula(m.severity, m.related);
  cf.custom.format.fill.color = look.fill;
  const b = cf.custom.format.borders;
  for (const edge of [b.top, b.bottom, b.left, b.right]) {
    edge.color = look.border;
    edge.style = CF_LINE[look.line];
  }
}

/**
 * Adds the notes in one sync; when the workbook refuses it (a cell holding a
 * threaded comment cannot take a note), the notes are split in halves and
 * tried again, so every note that can be written is, and a refused one is
 * left out. The marks were written before and stay.
 */
async function addNotes(context: XlRequestContext, marks: Mark[]): Promise<void> {
  for (const m of marks) context.workbook.worksheets.getItem(m.sheet).notes.add(m.cell, `${NOTE_PREFIX}\n${m.message}`);
  try {
    await context.sync();
  } catch {
    if (marks.length === 1) return;
    const half = Math.ceil(marks.length / 2);
    await addNotes(context, marks.slice(0, half));
    await addNotes(context, marks.slice(half));
  }
}

function deleteOwnConditionalFormats(
  items: { type: string; customOrNullObject: { isNullObject: boolean; rule: { formula: string } }; delete(): void }[],
  includeIncomplete = false,
): void {
  for (const cf of items) {
    if (cf.type !== 'Custom' || cf.customOrNullObject.isNullObject) continue;
    const formula = cf.customOrNullObject.rule.formula;
    if (isMarkFormula(formula) || (includeIncomplete && !formula)) cf.delete();
  }
}


/** Errors that say something else than "too many merged areas": reading the merges in bands would not help. */
const NOT_A_MERGE_LIMIT = new Set(['InvalidOperationInCellEditMode', 'ItemNotFound', 'InvalidSelection', 'InactiveWorkbook', 'AccessDenied', 'Unauthenticated']);

/** Cells per sync of the chunked read. */
export const DEFAULT_CHUNK_CELLS = 20_000;

interface SheetHead {
  name: string;
  /** The used range (values only), or null for an empty sheet. */
  bounds: Bounds | null;
  range: string;
  merges: string[];
}

/** A block of a sheet's used range, relative to its top-left cell. */
interface Block { sheet: number; row: number; col: number; rows: number; cols: number }

function cellsOf(h: SheetHead): number {
  return h.bounds ? h.bounds.rows * h.bounds.cols : 0;
}

function emptyGrids(rows: number) {
  const make = <T>() => Array.from({ length: rows }, () => [] as T[]);
  return { values: make<CellValue>(), formulas: make<CellValue>(), numberFormats: make<string | null>() };
}

function place<T>(row: T[], at: number, part: T[]): void {
  for (let i = 0; i < part.length; i++) row[at + i] = part[i];
}

function snapshotOf(h: SheetHead, data: { values: CellValue[][]; formulas: CellValue[][]; numberFormats: (string | null)[][] } | null): SheetSnapshot {
  if (!h.bounds || !data) return { name: h.name, ...emptyUsedRange(), merges: [] };
  return { name: h.name, range: h.range, values: data.values, formulas: data.formulas, numberFormats: data.numberFormats, merges: h.merges };
}

/**
 * Tiles a block into 2-D blocks of at most `budget` cells: as wide as the block
 * (or `budget` columns when a row is wider), as many rows as fit.
 */
export function tileBlock(b: Block, budget: number): Block[] {
  const width = Math.max(1, Math.min(b.cols, budget));
  const height = Math.max(1, Math.floor(budget / width));
  const out: Block[] = [];
  for (let r = 0; r < b.rows; r += height) {
    for (let c = 0; c < b.cols; c += width) {
      out.push({ sheet: b.sheet, row: b.row + r, col: b.col + c, rows: Math.min(height, b.rows - r), cols: Math.min(width, b.cols - c) });
    }
  }
  return out;
}
