import type { WorkbookHost, Progress, CellContent, CellWrite, ResultRow } from '../host';
import type { WorkbookSnapshot, SheetSnapshot, CellValue } from '../../core/snapshot';
import { emptyUsedRange } from '../../core/snapshot';
import type { Patch, Mark } from '../../core/patch';
import type { CellRef } from '../../core/report';
import type { XlRequestContext, XlRun, XlWorksheet, XlRange, XlChangedEventArgs, XlNote } from './xl';
import { HostError, toHostError, isPayloadTooLarge, officeErrorCode } from './errors';
import {
  MARKS_KEY, MARK_FILL, NOTE_PREFIX, markFormula, isMarkFormula, readRegistry, mergeRegistry,
  type MarkedCell, type MarkRegistry,
} from './marks';
import { parseCellAddress, parseAreasAddress, stripSheet } from './address';

/** What the Excel host needs from Office.js; `officeEnv()` in env.ts builds it from the globals. */
export interface ExcelEnv {
  run: XlRun;
  /** `Office.context.requirements.isSetSupported('ExcelApi', version)`. */
  isExcelApiSupported(version: string): boolean;
  /** Clock, for the suppression window around the add-in's own writes. */
  now?: () => number;
  /** Cells per sync when a workbook has to be read in chunks (default 20 000). */
  chunkCells?: number;
}

/** One cell as it was before the add-in wrote it, and what the add-in wrote. */
interface CellBefore {
  sheet: string;
  cell: string;
  value: CellValue;
  numberFormat: string;
  written: number;
  writtenFormat?: string;
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

  private constructor(private readonly env: ExcelEnv) {}

  /** Creates the host and reads the workbook's settings (one sync). */
  static async create(env: ExcelEnv): Promise<ExcelHost> {
    const host = new ExcelHost(env);
    await host.reloadSettings();
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
   * Two syncs whatever the number of sheets: the sheet list, then every used
   * range (values, formulas, number formats, merged areas where ExcelApi 1.13
   * allows) in one batch. A workbook beyond the request size limit is read
   * again in chunks of rows.
   */
  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    const merges = this.supports('1.13');
    onProgress?.({ fraction: 0, label: 'sheets' });
    try {
      return await this.env.run(async (ctx) => {
        const sheets = await this.loadSheets(ctx);
        onProgress?.({ fraction: 0.1, label: 'ranges' });
        const parts = sheets.map((ws) => {
          const used = ws.getUsedRangeOrNullObject();
          used.load('address,values,formulas,numberFormat');
          const areas = merges ? ws.getRange().getMergedAreasOrNullObject() : null;
          areas?.load('address');
          return { name: ws.name, used, areas };
        });
        await ctx.sync();
        onProgress?.({ fraction: 1, label: 'done' });
        return {
          sheets: parts.map(({ name, used, areas }): SheetSnapshot => {
            const sheetMerges = areas && !areas.isNullObject ? parseAreasAddress(areas.address) : [];
            if (used.isNullObject) return { name, ...emptyUsedRange(), merges: sheetMerges };
            return {
              name,
              range: stripSheet(used.address),
              values: used.values as CellValue[][],
              formulas: used.formulas as CellValue[][],
              numberFormats: used.numberFormat as (string | null)[][],
              merges: sheetMerges,
            };
          }),
        };
      });
    } catch (e) {
      if (!isPayloadTooLarge(e)) throw toHostError(e);
    }
    return this.readChunked(merges, onProgress);
  }

  /** The first sync of every read: the sheet list (names and ids, remembered to follow renames). */
  private async loadSheets(ctx: XlRequestContext): Promise<XlWorksheet[]> {
    const sheets = ctx.workbook.worksheets;
    sheets.load('items/name,items/id');
    await ctx.sync();
    this.rememberSheets(sheets.items);
    return sheets.items;
  }

  /** Reads sheet sizes (one sync), then row blocks of at most `chunkCells` cells per sync, halving on a size error. */
  private async readChunked(merges: boolean, onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    try {
      return await this.env.run(async (ctx) => {
        const sheets = await this.loadSheets(ctx);
        const heads = sheets.map((ws) => {
          const used = ws.getUsedRangeOrNullObject();
          used.load('address,rowIndex,columnIndex,rowCount,columnCount');
          const areas = merges ? ws.getRange().getMergedAreasOrNullObject() : null;
          areas?.load('address');
          return { ws, used, areas };
        });
        await ctx.sync();

        interface Block { sheet: number; row: number; rows: number }
        const out: SheetSnapshot[] = heads.map(({ ws, used, areas }) => ({
          name: ws.name,
          range: used.isNullObject ? 'A1' : stripSheet(used.address),
          values: used.isNullObject ? [['']] : [],
          formulas: used.isNullObject ? [['']] : [],
          numberFormats: used.isNullObject ? [['General']] : [],
          merges: areas && !areas.isNullObject ? parseAreasAddress(areas.address) : [],
        }));
        const totalCells = heads.reduce((n, h) => n + (h.used.isNullObject ? 0 : h.used.rowCount * h.used.columnCount), 0);
        let budget = Math.max(1, this.env.chunkCells ?? 20000);
        let done = 0;
        // Pending row blocks, in order.
        const pending: Block[] = [];
        heads.forEach((h, i) => {
          if (!h.used.isNullObject) pending.push({ sheet: i, row: 0, rows: h.used.rowCount });
        });
        while (pending.length) {
          // Fill one batch up to the budget, splitting blocks by rows.
          const batch: { block: Block; range: XlRange }[] = [];
          let cells = 0;
          while (pending.length && cells < budget) {
            const b = pending[0];
            const u = heads[b.sheet].used;
            let rowsFit = Math.floor((budget - cells) / Math.max(1, u.columnCount));
            if (rowsFit < 1) {
              if (cells > 0) break;
              rowsFit = 1;
            }
            const rows = Math.min(b.rows, rowsFit);
            const range = heads[b.sheet].ws.getRangeByIndexes(u.rowIndex + b.row, u.columnIndex, rows, u.columnCount);
            range.load('values,formulas,numberFormat');
            batch.push({ block: { sheet: b.sheet, row: b.row, rows }, range });
            cells += rows * u.columnCount;
            if (rows === b.rows) pending.shift();
            else pending[0] = { sheet: b.sheet, row: b.row + rows, rows: b.rows - rows };
          }
          try {
            await ctx.sync();
          } catch (e) {
            const single = batch.length === 1 && batch[0].block.rows === 1;
            if (!isPayloadTooLarge(e) || single) throw e;
            // Put the blocks back and try again with half the budget.
            const all = [...batch.map((x) => x.block), ...pending];
            pending.length = 0;
            pending.push(...all.reduceRight<Block[]>((acc, blk) => mergeBlocks(blk, acc), []));
            budget = Math.max(1, Math.floor(budget / 2));
            continue;
          }
          for (const { block, range } of batch) {
            const s = out[block.sheet];
            s.values.push(...(range.values as CellValue[][]));
            s.formulas!.push(...(range.formulas as CellValue[][]));
            s.numberFormats!.push(...(range.numberFormat as (string | null)[][]));
            done += block.rows * heads[block.sheet].used.columnCount;
          }
          onProgress?.({ fraction: totalCells ? done / totalCells : 1, label: 'chunks' });
        }
        return { sheets: out };
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
   * cells' values, formulas and formats, existing notes); nothing is written
   * unless every check passes. A second sync writes every value and mark and
   * the registry of marks. If that batch fails part-way, the cells are rolled
   * back from the snapshot.
   */
  async applyPatch(patch: Patch): Promise<void> {
    if (patch.values.length === 0 && patch.marks.length === 0) return;
    const notes = this.supports('1.18');
    const mergeUndo = this.supports('1.20') && patch.values.length > 0 && patch.marks.length === 0;
    let before: CellBefore[] = [];
    let added: MarkedCell[] = [];
    let sheetIdOf = new Map<string, string>();
    const registry = readRegistry(this.settings.get(MARKS_KEY));
    this.beginWrite();
    try {
      await this.env.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const sheetNames = unique([...patch.values, ...patch.marks].map((c) => c.sheet));
        const valueRanges = patch.values.map((v) => {
          const r = ctx.workbook.worksheets.getItem(v.sheet).getRange(v.cell);
          r.load('values,formulas,numberFormat');
          return r;
        });
        const existingNotes: (XlNote | null)[] = patch.marks.map((m) => {
          if (!notes) return null;
          const n = ctx.workbook.worksheets.getItem(m.sheet).notes.getItemOrNullObject(m.cell);
          n.load('content');
          return n;
        });
        await this.syncNamingMissingSheet(ctx, sheetNames);
        this.rememberSheets(sheets.items);
        sheetIdOf = new Map(sheets.items.map((ws) => [ws.name, ws.id]));
        checkSheets(sheets.items, sheetNames);
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
        for (const v of patch.values) writeValue(ctx, v.sheet, v.cell, v.value, v.numberFormat);
        added = patch.marks.map((m, i) => {
          const n = existingNotes[i];
          const addNote = !!n && n.isNullObject;
          writeMark(ctx, m, addNote);
          return { sheet: m.sheet, sheetId: sheetIdOf.get(m.sheet), cell: m.cell, note: addNote };
        });
        const next = mergeRegistry(registry, added);
        if (added.length) ctx.workbook.settings.add(MARKS_KEY, next);
        try {
          await ctx.sync();
        } catch (e) {
          throw new PartialWriteError(e);
        }
        if (added.length) this.settings.set(MARKS_KEY, next);
      }, mergeUndo ? { mergeUndoGroup: true } : undefined);
    } catch (e) {
      if (e instanceof PartialWriteError) {
        await this.rollback(before, added, e.cause);
      }
      throw toHostError(e);
    } finally {
      this.endWrite();
    }
    if (before.length) this.undoStack.push(before);
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
      await this.env.run(async (ctx) => {
        const cfs = added.map((m) => {
          const c = ctx.workbook.worksheets.getItem(m.sheet).getRange(m.cell).conditionalFormats;
          c.load('items/type,items/customOrNullObject/rule/formula');
          return c;
        });
        const notes = added.map((m) => {
          if (!m.note) return null;
          const n = ctx.workbook.worksheets.getItem(m.sheet).notes.getItemOrNullObject(m.cell);
          n.load('content');
          return n;
        });
        await ctx.sync();
        for (const b of before) restoreValue(ctx, b);
        // A format added just before the failure may have no rule yet: that one is ours too.
        cfs.forEach((c) => deleteOwnConditionalFormats(c.items, true));
        notes.forEach((n) => {
          if (n && !n.isNullObject && n.content.startsWith(NOTE_PREFIX)) n.delete();
        });
        await ctx.sync();
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
      await this.env.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const names = unique(entry.map((c) => c.sheet));
        const ranges = entry.map((c) => {
          const r = ctx.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
          r.load('values,formulas');
          return r;
        });
        await this.syncNamingMissingSheet(ctx, names);
        checkSheets(sheets.items, names);
        entry.forEach((c, i) => {
          const now = ranges[i].values[0][0];
          const f = ranges[i].formulas[0][0];
          const same = typeof now === 'number' && Math.abs(now - c.written) <= 1e-9 * Math.max(1, Math.abs(c.written));
          if (!same || (typeof f === 'string' && f.startsWith('='))) throw new HostError('cellChanged', { sheet: c.sheet, cell: c.cell });
        });
        for (const c of entry) restoreValue(ctx, c);
        try {
          await ctx.sync();
        } catch (e) {
          // Put back what had been written, so the cells are not left half-restored.
          for (const c of entry) writeValue(ctx, c.sheet, c.cell, c.written, c.writtenFormat);
          await ctx.sync().catch(() => undefined);
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
   * in the workbook's settings (so this works after closing and reopening):
   * one sync for the sheets, one to read the cells' conditional formats and
   * notes, one to delete ours and empty the registry.
   */
  async clearMarks(): Promise<void> {
    const registry = readRegistry(this.settings.get(MARKS_KEY));
    if (registry.cells.length === 0) return;
    this.beginWrite();
    try {
      await this.env.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        await ctx.sync();
        this.rememberSheets(sheets.items);
        const byId = new Map(sheets.items.map((ws) => [ws.id, ws]));
        const byName = new Map(sheets.items.map((ws) => [ws.name, ws]));
        const targets = registry.cells
          .map((c) => ({ c, ws: (c.sheetId && byId.get(c.sheetId)) || byName.get(c.sheet) }))
          .filter((t): t is { c: MarkedCell; ws: XlWorksheet } => !!t.ws);
        for (const t of targets) {
          if (t.ws.protection.protected) throw new HostError('sheetProtected', { sheet: t.ws.name });
        }
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
        await ctx.sync();
        for (const { cfs, note } of loaded) {
          deleteOwnConditionalFormats(cfs.items);
          if (note && !note.isNullObject && note.content.startsWith(NOTE_PREFIX)) note.delete();
        }
        const empty: MarkRegistry = { version: 1, cells: [] };
        ctx.workbook.settings.add(MARKS_KEY, empty);
        await ctx.sync();
        this.settings.set(MARKS_KEY, empty);
      });
    } catch (e) {
      throw toHostError(e);
    } finally {
      this.endWrite();
    }
  }

  // ---------------------------------------------------------------- selection and text

  async select(ref: CellRef): Promise<void> {
    try {
      await this.env.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(ref.sheet);
        ws.activate();
        ws.getRange(ref.cell).select();
        await ctx.sync();
      });
    } catch (e) {
      throw toHostError(e, { sheet: ref.sheet });
    }
  }

  async activeCell(): Promise<CellRef | null> {
    try {
      return await this.env.run(async (ctx) => {
        const r = ctx.workbook.getActiveCell();
        r.load('address');
        await ctx.sync();
        return parseCellAddress(r.address);
      });
    } catch (e) {
      throw toHostError(e);
    }
  }

  /** Writes text into one cell (the active one by default); refuses a protected sheet or a formula cell. */
  async insertText(text: string, at?: CellRef): Promise<CellRef> {
    // A leading = + - @ would turn the text into a formula: an apostrophe keeps it text.
    const value = /^[=+\-@]/.test(text) ? `'${text}` : text;
    this.beginWrite();
    try {
      return await this.env.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const target = at ? ctx.workbook.worksheets.getItem(at.sheet).getRange(at.cell) : ctx.workbook.getActiveCell();
        target.load('address,formulas');
        await this.syncNamingMissingSheet(ctx, at ? [at.sheet] : []);
        const ref = parseCellAddress(target.address);
        if (!ref) throw new HostError('noActiveCell');
        checkSheets(sheets.items, [ref.sheet]);
        const f = target.formulas[0][0];
        if (typeof f === 'string' && f.startsWith('=')) throw new HostError('formulaCell', ref);
        ctx.workbook.worksheets.getItem(ref.sheet).getRange(ref.cell).values = [[value]];
        await ctx.sync();
        return ref;
      });
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
      return await this.env.run(async (ctx) => {
        const ranges = refs.map((r) => {
          const range = ctx.workbook.worksheets.getItem(r.sheet).getRange(r.cell);
          range.load('values,formulas');
          return range;
        });
        await this.syncNamingMissingSheet(ctx, unique(refs.map((r) => r.sheet)));
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
      await this.env.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name,items/id,items/protection/protected');
        const ranges = cells.map((c) => {
          const range = ctx.workbook.worksheets.getItem(c.sheet).getRange(c.cell);
          range.load('formulas');
          return range;
        });
        const names = unique(cells.map((c) => c.sheet));
        await this.syncNamingMissingSheet(ctx, names);
        checkSheets(sheets.items, names);
        cells.forEach((c, i) => {
          const f: unknown = ranges[i].formulas[0][0];
          if (typeof f === 'string' && f.startsWith('=')) throw new HostError('formulaCell', { sheet: c.sheet, cell: c.cell });
        });
        cells.forEach((c, i) => {
          // A leading = + - @ would make text a formula: an apostrophe keeps it text.
          const v = typeof c.value === 'string' && /^[=+\-@]/.test(c.value) ? `'${c.value}` : c.value ?? '';
          ranges[i].values = [[v]];
        });
        await ctx.sync();
      });
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
    const head = ['表格', '单元格', '级别', '问题', '规则'];
    this.beginWrite();
    try {
      await this.env.run(async (ctx) => {
        const old = ctx.workbook.worksheets.getItemOrNullObject(name) as unknown as XlExtraSheet;
        await ctx.sync();
        if (!old.isNullObject) old.delete();
        const ws = (ctx.workbook as unknown as XlExtra).worksheets.add(name);
        const body = rows.length ? rows.map((r) => [r.table, `${r.ref.sheet}!${r.ref.cell}`, r.severity, r.message, r.rule]) : [['', '', '', '没有发现问题。', '']];
        ws.getRange(`A1:E${body.length + 1}`).values = [head, ...body];
        ws.getRange('A1:E1').format.font.bold = true;
        ws.getRange('A1:E1').format.fill.color = '#D9D9D9';
        ws.getRange(`A2:E${body.length + 1}`).format.wrapText = true;
        ws.getRange(`A2:E${body.length + 1}`).format.verticalAlignment = 'Top';
        [['A', 180], ['B', 80], ['C', 40], ['D', 420], ['E', 240]].forEach(([c, w]) => { ws.getRange(`${c}:${c}`).format.columnWidth = w as number; });
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
        await ctx.sync();
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

  async setSetting(key: string, value: unknown): Promise<void> {
    try {
      await this.env.run(async (ctx) => {
        ctx.workbook.settings.add(key, value === undefined ? null : value);
        await ctx.sync();
      });
    } catch (e) {
      throw toHostError(e);
    }
    this.settings.set(key, value);
  }

  /** Reloads every setting into the cache (one sync). */
  async reloadSettings(): Promise<void> {
    try {
      await this.env.run(async (ctx) => {
        const s = ctx.workbook.settings;
        s.load('items/key,items/value');
        await ctx.sync();
        this.settings.clear();
        for (const item of s.items) this.settings.set(item.key, item.value);
      });
    } catch (e) {
      throw toHostError(e);
    }
  }

  onSettingsChanged(cb: () => void): () => void {
    let active = true;
    this.env
      .run(async (ctx) => {
        ctx.workbook.settings.onSettingsChanged.add(async () => {
          if (!active) return;
          await this.reloadSettings().catch(() => undefined);
          if (active) cb();
        });
        await ctx.sync();
      })
      .catch(() => undefined);
    return () => {
      active = false;
    };
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
        name = await this.env
          .run(async (ctx) => {
            const ws = ctx.workbook.worksheets.getItem(args.worksheetId);
            ws.load('name');
            await ctx.sync();
            return ws.name;
          })
          .catch(() => '');
        if (name) this.sheetIds.set(args.worksheetId, name);
      }
      if (active) cb(name ?? '');
    };
    this.env
      .run(async (ctx) => {
        if (this.supports('1.9')) {
          ctx.workbook.worksheets.onChanged.add(handler);
        } else {
          const sheets = ctx.workbook.worksheets;
          sheets.load('items/name,items/id');
          await ctx.sync();
          this.rememberSheets(sheets.items);
          for (const ws of sheets.items) ws.onChanged.add(handler);
        }
        await ctx.sync();
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

  /** Syncs; when a sheet named in the batch is missing (ItemNotFound), finds which and says so. */
  private async syncNamingMissingSheet(ctx: XlRequestContext, names: string[]): Promise<void> {
    try {
      await ctx.sync();
    } catch (e) {
      if (officeErrorCode(e) !== 'ItemNotFound' || names.length === 0) throw e;
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const have = new Set(sheets.items.map((ws) => ws.name));
      const missing = names.find((n) => !have.has(n));
      throw missing !== undefined ? new HostError('sheetMissing', { sheet: missing }, e) : e;
    }
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

function mergeBlocks(b: { sheet: number; row: number; rows: number }, acc: { sheet: number; row: number; rows: number }[]) {
  const next = acc[0];
  if (next && next.sheet === b.sheet && b.row + b.rows === next.row) return [{ sheet: b.sheet, row: b.row, rows: b.rows + next.rows }, ...acc.slice(1)];
  return [b, ...acc];
}

function checkSheets(items: { name: string; protection: { protected: boolean } }[], names: string[]): void {
  const byName = new Map(items.map((ws) => [ws.name, ws]));
  for (const n of names) {
    const ws = byName.get(n);
    if (!ws) throw new HostError('sheetMissing', { sheet: n });
    if (ws.protection.protected) throw new HostError('sheetProtected', { sheet: n });
  }
}

function writeValue(ctx: XlRequestContext, sheet: string, cell: string, value: CellValue, numberFormat?: string): void {
  const r = ctx.workbook.worksheets.getItem(sheet).getRange(cell);
  if (numberFormat !== undefined) r.numberFormat = [[numberFormat]];
  r.values = [[value ?? '']];
}

function restoreValue(ctx: XlRequestContext, b: CellBefore): void {
  writeValue(ctx, b.sheet, b.cell, b.value, b.numberFormat);
}

function writeMark(ctx: XlRequestContext, m: Mark, addNote: boolean): void {
  const ws = ctx.workbook.worksheets.getItem(m.sheet);
  const cf = ws.getRange(m.cell).conditionalFormats.add('Custom');
  cf.custom.rule.formula = markFormula(m.severity, m.related);
  cf.custom.format.fill.color = m.related ? MARK_FILL[m.severity].related : MARK_FILL[m.severity].own;
  if (addNote) ws.notes.add(m.cell, `${NOTE_PREFIX}\n${m.message}`);
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

