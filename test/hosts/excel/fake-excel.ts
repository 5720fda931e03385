/**
 * A small typed fake of the Excel objects the Excel host uses (src/hosts/excel/xl.ts).
 *
 * Like Office.js, every read and write is queued and only happens at
 * `context.sync()`; reading a property that was not loaded throws
 * PropertyNotLoaded, and a missing sheet fails the batch with ItemNotFound at
 * sync time, after the operations queued before it ran. The fake counts syncs,
 * records every write (values, number formats, conditional formats, notes,
 * settings) and can fail a write part-way or refuse a request that reads too
 * many cells (RequestPayloadSizeLimitExceeded).
 *
 * It also behaves as Excel does where the add-in can go wrong:
 * - a used range counts cells that hold only formatting (`formatted` areas,
 *   merged areas, formatted empty cells) unless asked for values only;
 * - a range of more than 5,000,000 cells loads `values`/`formulas`/`numberFormat` as null;
 * - merged areas of a range holding more than 512 fail the whole sync;
 * - a protected sheet refuses every write to its cells, formats and notes (AccessDenied);
 * - in cell edit mode (`editing`) a batch fails with InvalidOperationInCellEditMode,
 *   unless it was run with `delayForCellEdit`: then it waits until `endEdit()`;
 * - a cell holding a threaded comment refuses a note;
 * - every `env()` is a runtime of its own (a task pane, a ribbon command): each
 *   host keeps its own cache of the settings, the workbook holds one copy.
 */
import type {
  XlRequestContext, XlWorkbook, XlWorksheetCollection, XlWorksheet, XlWorksheetProtection, XlRange, XlRangeAreas,
  XlConditionalFormatCollection, XlConditionalFormat, XlCustomConditionalFormat, XlNoteCollection, XlNote,
  XlSettingCollection, XlSetting, XlChangedEventArgs, XlEventHandlers, XlRun, XlCfBorder,
} from '../../../src/hosts/excel/xl';
import type { ExcelEnv } from '../../../src/hosts/excel/excel-host';
import { parseRange, toA1, rangeToA1, type RangePos } from '../../../src/core/address';

export class FakeOfficeError extends Error {
  constructor(readonly code: string, message = code) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export interface FakeCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  /** The user's own fill: not read or written by the host; the tests check it stays. */
  fill?: string | null;
}

export interface FakeCf {
  id: number;
  appliesTo: string;
  type: string;
  formula?: string;
  fill?: string;
  /** edge → "color style" */
  borders?: Record<string, string>;
}

export interface FakeSheet {
  id: string;
  name: string;
  protected: boolean;
  cells: Map<string, FakeCell>;
  merges: string[];
  cfs: FakeCf[];
  notes: Map<string, string>;
  /** Areas formatted without values (a fill over whole rows, say): part of the used range unless valuesOnly. */
  formatted: string[];
  /** Cells holding a threaded comment: a note cannot be added there. */
  comments: Set<string>;
}

/** Above this many cells Excel answers null for a range's cell-level properties. */
export const NULL_VALUES_ABOVE = 5_000_000;
/** Above this many merged areas in a range, getMergedAreasOrNullObject fails. */
export const MAX_MERGED_AREAS = 512;

export type FakeWrite =
  | { kind: 'value'; sheet: string; cell: string; value: unknown }
  | { kind: 'numberFormat'; sheet: string; cell: string; value: unknown }
  | { kind: 'cfAdd'; sheet: string; cell: string; id: number }
  | { kind: 'cfFormula'; sheet: string; cell: string; value: string }
  | { kind: 'cfFill'; sheet: string; cell: string; value: string }
  | { kind: 'cfBorder'; sheet: string; cell: string; edge: string; value: string }
  | { kind: 'cfDelete'; sheet: string; cell: string; id: number }
  | { kind: 'noteAdd'; sheet: string; cell: string; value: string }
  | { kind: 'noteDelete'; sheet: string; cell: string }
  | { kind: 'setting'; key: string; value: unknown };

type Op = { run: () => void; cells?: () => number; mutation?: boolean };

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_\u4e00-\u9fff]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  readonly writes: FakeWrite[] = [];
  /** Writes grouped by the sync that carried them out (index = sync number - 1). */
  readonly writesBySync: FakeWrite[][] = [];
  syncs = 0;
  runs: { mergeUndoGroup?: boolean; delayForCellEdit?: boolean }[] = [];
  /** The user is editing a cell. */
  editing = false;
  /** Excel's limit (5,000,000 cells) above which a range's values load as null; lowered in tests to stay small. */
  nullValuesAbove = NULL_VALUES_ABOVE;
  /** Cells whose values, formulas or number formats were loaded (each property counts). */
  cellsLoaded = 0;
  private editEnded: (() => void)[] = [];
  supported = new Set(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20']);
  active: { sheet: string; cell: string } | null = null;
  selected: { sheet: string; address: string } | null = null;
  /** A request that would read more cells than this fails with RequestPayloadSizeLimitExceeded. */
  payloadLimitCells = Infinity;
  /** The n-th mutation from now (1-based) fails with GeneralException, after the earlier ones were applied. */
  failAtMutation: number | null = null;
  private mutationCount = 0;
  private nextCf = 1;
  readonly changeHandlers: ((a: XlChangedEventArgs) => Promise<any>)[] = [];
  readonly settingsHandlers: ((a: unknown) => Promise<any>)[] = [];
  nowMs = 1_000_000;

  addSheet(name: string, rows: (string | number | boolean | null | { v: string | number | boolean; f?: string; nf?: string; fill?: string | null })[][] = [], opts: { protected?: boolean; merges?: string[]; at?: string } = {}): FakeSheet {
    const sheet: FakeSheet = {
      id: `{${this.sheets.length + 1}}`, name, protected: !!opts.protected, cells: new Map(), merges: opts.merges ?? [], cfs: [], notes: new Map(),
      formatted: [], comments: new Set(),
    };
    const origin = parseRange(opts.at ?? 'A1');
    rows.forEach((row, r) => row.forEach((c, col) => {
      if (c === null || c === '') return;
      const addr = toA1(origin.top + r, origin.left + col);
      if (typeof c === 'object') sheet.cells.set(addr, { value: c.v, formula: c.f, numberFormat: c.nf, fill: c.fill });
      else sheet.cells.set(addr, { value: c });
    }));
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  cell(sheet: string, addr: string): FakeCell | undefined {
    return this.sheet(sheet).cells.get(addr);
  }

  /** A runtime (task pane or ribbon command): its own Excel.run; the workbook is shared. */
  env(extra: Partial<ExcelEnv> = {}): ExcelEnv {
    const run: XlRun = async (batch, options) => {
      this.runs.push({ ...(options ?? {}) });
      if (options?.delayForCellEdit && this.editing) await new Promise<void>((r) => this.editEnded.push(r));
      return batch(new FakeContext(this));
    };
    // No poll unless a test asks for one (pollMs and timers in `extra`).
    return { run, isExcelApiSupported: (v) => this.supported.has(v), now: () => this.nowMs, pollMs: 0, ...extra };
  }

  /** The user leaves cell edit mode (Enter or Esc): delayed batches run. */
  endEdit(): void {
    this.editing = false;
    for (const r of this.editEnded.splice(0)) r();
  }

  /** Simulates an edit event. */
  async fireChange(args: Partial<XlChangedEventArgs> & { worksheetId: string }): Promise<void> {
    const full: XlChangedEventArgs = { address: 'A1', source: 'Local', ...args };
    for (const h of this.changeHandlers) await h(full);
  }

  async fireSettingsChanged(): Promise<void> {
    for (const h of this.settingsHandlers) await h({});
  }

  // ---- used by the fake objects

  findSheet(key: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === key || s.id === key);
  }

  requireSheet(key: string): FakeSheet {
    const s = this.findSheet(key);
    if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${key}`);
    return s;
  }

  mutate(w: FakeWrite, apply: () => void): void {
    if (w.kind !== 'setting' && this.findSheet(w.sheet)?.protected) {
      throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${w.sheet}).`);
    }
    this.mutationCount++;
    if (this.failAtMutation !== null && this.mutationCount >= this.failAtMutation) {
      this.failAtMutation = null;
      throw new FakeOfficeError('GeneralException', 'An internal error has occurred.');
    }
    apply();
    this.writes.push(w);
    this.writesBySync[this.syncs - 1].push(w);
  }

  async runSync(ops: Op[]): Promise<void> {
    this.syncs++;
    if (this.editing) {
      this.writesBySync.push([]);
      throw new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    }
    this.writesBySync.push([]);
    this.mutationCount = 0;
    let cells = 0;
    for (const op of ops) {
      try {
        cells += op.cells ? op.cells() : 0;
      } catch {
        // a missing sheet: reported when the op runs
      }
    }
    if (cells > this.payloadLimitCells) throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    for (const op of ops) op.run();
  }

  /**
   * The used range as Excel gives it: every cell with a value, a formula or
   * formatting (number format, fill, a merged area, a formatted area); with
   * `valuesOnly`, only cells holding a value.
   */
  usedRange(s: FakeSheet, valuesOnly = false): RangePos | null {
    let r: RangePos | null = null;
    const grow = (p: RangePos) => {
      r = r ? { top: Math.min(r.top, p.top), left: Math.min(r.left, p.left), bottom: Math.max(r.bottom, p.bottom), right: Math.max(r.right, p.right) } : p;
    };
    for (const [addr, c] of s.cells) {
      const empty = (c.value === '' || c.value === null) && !c.formula;
      if (empty && (valuesOnly || (c.numberFormat === undefined && (c.fill === undefined || c.fill === null)))) continue;
      grow(parseRange(addr));
    }
    if (!valuesOnly) for (const m of [...s.merges, ...s.formatted]) grow(parseRange(m));
    return r;
  }

  newCfId(): number {
    return this.nextCf++;
  }
}

class FakeContext implements XlRequestContext {
  readonly ops: Op[] = [];
  readonly workbook: XlWorkbook;
  constructor(readonly fx: FakeExcel) {
    this.workbook = new FakeWorkbookObj(this);
  }
  queue(op: Op): void {
    this.ops.push(op);
  }
  async sync(): Promise<void> {
    const ops = this.ops.splice(0);
    await this.fx.runSync(ops);
  }
}

/** Base: properties readable only after a load and a sync. */
class Loadable {
  protected loaded = new Set<string>();
  protected vals: Record<string, unknown> = {};
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new FakeOfficeError('PropertyNotLoaded', `The property '${prop}' is not available. Load it and call context.sync() first.`);
    return this.vals[prop] as T;
  }
  protected set(prop: string, v: unknown): void {
    this.loaded.add(prop);
    this.vals[prop] = v;
  }
}

class FakeWorkbookObj implements XlWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.settings = new FakeSettingCollection(ctx);
  }
  getActiveCell(): XlRange {
    const fx = this.ctx.fx;
    return new FakeRange(this.ctx, () => {
      if (!fx.active) throw new FakeOfficeError('ItemNotFound', 'No active cell');
      return { sheet: fx.requireSheet(fx.active.sheet), pos: parseRange(fx.active.cell) };
    });
  }
}

class FakeEvents<A> implements XlEventHandlers<A> {
  constructor(private readonly list: ((a: A) => Promise<any>)[]) {}
  add(handler: (args: A) => Promise<any>): unknown {
    this.list.push(handler);
    return {};
  }
}

class FakeWorksheetCollection extends Loadable implements XlWorksheetCollection {
  readonly onChanged: XlEventHandlers<XlChangedEventArgs>;
  constructor(private readonly ctx: FakeContext) {
    super();
    this.onChanged = new FakeEvents(ctx.fx.changeHandlers);
  }
  get items(): XlWorksheet[] {
    return this.get('items');
  }
  load(props?: string | string[]): unknown {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim().replace(/^items\//, ''));
    this.ctx.queue({
      run: () => {
        this.set('items', this.ctx.fx.sheets.map((s) => {
          const ws = new FakeWorksheet(this.ctx, s.id);
          ws.fill(s, list);
          return ws;
        }));
      },
    });
    return this;
  }
  getItem(key: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, key);
  }
  getItemOrNullObject(key: string): XlWorksheet {
    return new FakeWorksheet(this.ctx, key, true);
  }
}

class FakeWorksheet extends Loadable implements XlWorksheet {
  readonly protection: FakeProtection;
  readonly notes: XlNoteCollection;
  readonly onChanged: XlEventHandlers<XlChangedEventArgs>;
  constructor(private readonly ctx: FakeContext, private readonly key: string, private readonly orNull = false) {
    super();
    this.protection = new FakeProtection(ctx, () => this.sheet());
    this.notes = new FakeNoteCollection(ctx, () => this.sheet());
    this.onChanged = new FakeEvents(ctx.fx.changeHandlers);
  }
  sheet(): FakeSheet {
    return this.ctx.fx.requireSheet(this.key);
  }
  fill(s: FakeSheet, props: string[]): void {
    if (props.includes('name')) this.set('name', s.name);
    if (props.includes('id')) this.set('id', s.id);
    if (props.includes('protection/protected')) this.protection.setProtected(s.protected);
    this.set('isNullObject', false);
  }
  get id(): string {
    return this.get('id');
  }
  get name(): string {
    return this.get('name');
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  load(props?: string | string[]): unknown {
    const list = Array.isArray(props) ? props : (props ?? '').split(',').map((p) => p.trim());
    this.ctx.queue({
      run: () => {
        const s = this.ctx.fx.findSheet(this.key);
        if (!s) {
          if (!this.orNull) throw new FakeOfficeError('ItemNotFound');
          this.set('isNullObject', true);
          return;
        }
        this.fill(s, list);
      },
    });
    return this;
  }
  activate(): void {
    this.ctx.queue({ run: () => { const s = this.sheet(); this.ctx.fx.active = { sheet: s.name, cell: 'A1' }; } });
  }
  getRange(address?: string): XlRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.sheet(), pos: address ? parseRange(address) : { top: 0, left: 0, bottom: 1048575, right: 16383 } }));
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.sheet(), pos: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 } }));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange {
    return new FakeRange(this.ctx, () => {
      const s = this.sheet();
      const pos = this.ctx.fx.usedRange(s, valuesOnly);
      return pos ? { sheet: s, pos } : null;
    });
  }
}

class FakeProtection extends Loadable implements XlWorksheetProtection {
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheet) {
    super();
  }
  setProtected(v: boolean): void {
    this.set('protected', v);
  }
  get protected(): boolean {
    return this.get('protected');
  }
  load(): unknown {
    this.ctx.queue({ run: () => this.setProtected(this.sheet().protected) });
    return this;
  }
}

type Target = { sheet: FakeSheet; pos: RangePos } | null;

class FakeRange extends Loadable implements XlRange {
  readonly conditionalFormats: XlConditionalFormatCollection;
  constructor(private readonly ctx: FakeContext, private readonly resolve: () => Target) {
    super();
    this.conditionalFormats = new FakeCfCollection(ctx, () => this.target());
  }
  target(): { sheet: FakeSheet; pos: RangePos } {
    const t = this.resolve();
    if (!t) throw new FakeOfficeError('ItemNotFound', 'null range');
    return t;
  }
  get address(): string { return this.get('address'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get values(): any[][] { return this.get('values'); }
  get formulas(): any[][] { return this.get('formulas'); }
  get numberFormat(): any[][] { return this.get('numberFormat'); }
  set values(v: any[][]) { this.write('values', v); }
  set formulas(v: any[][]) { this.write('formulas', v); }
  set numberFormat(v: any[][]) { this.write('numberFormat', v); }

  private write(prop: 'values' | 'formulas' | 'numberFormat', v: any[][]): void {
    const vv = clone(v);
    this.ctx.queue({
      mutation: true,
      run: () => {
        const { sheet, pos } = this.target();
        for (let r = pos.top; r <= pos.bottom; r++) {
          for (let c = pos.left; c <= pos.right; c++) {
            const x = vv[r - pos.top][c - pos.left];
            const addr = toA1(r, c);
            const kind = prop === 'numberFormat' ? 'numberFormat' : 'value';
            this.ctx.fx.mutate({ kind, sheet: sheet.name, cell: addr, value: x }, () => {
              const cell = sheet.cells.get(addr) ?? { value: '' };
              if (prop === 'numberFormat') cell.numberFormat = String(x);
              else if (typeof x === 'string' && x.startsWith('=')) { cell.formula = x; cell.value = 0; }
              else { cell.value = typeof x === 'string' && x.startsWith("'") ? x.slice(1) : x; delete cell.formula; }
              sheet.cells.set(addr, cell);
            });
          }
        }
      },
    });
  }

  load(props?: string | string[]): unknown {
    const list = Array.isArray(props) ? props : (props ?? '').split(',').map((p) => p.trim());
    const heavy = list.filter((p) => p === 'values' || p === 'formulas' || p === 'numberFormat').length;
    this.ctx.queue({
      cells: () => {
        const t = this.resolve();
        const n = t ? (t.pos.bottom - t.pos.top + 1) * (t.pos.right - t.pos.left + 1) : 0;
        return n > this.ctx.fx.nullValuesAbove ? 0 : heavy * n;
      },
      run: () => {
        const t = this.resolve();
        this.set('isNullObject', !t);
        if (!t) return;
        const { sheet, pos } = t;
        const n = (pos.bottom - pos.top + 1) * (pos.right - pos.left + 1);
        const huge = n > this.ctx.fx.nullValuesAbove;
        if (!huge) this.ctx.fx.cellsLoaded += heavy * n;
        const grid = (f: (c: FakeCell | undefined) => unknown) => {
          const out: unknown[][] = [];
          for (let r = pos.top; r <= pos.bottom; r++) {
            const row: unknown[] = [];
            for (let c = pos.left; c <= pos.right; c++) row.push(f(sheet.cells.get(toA1(r, c))));
            out.push(row);
          }
          return out;
        };
        for (const p of list) {
          switch (p) {
            case 'address': this.set('address', `${quoteSheet(sheet.name)}!${rangeToA1(pos)}`); break;
            case 'rowCount': this.set('rowCount', pos.bottom - pos.top + 1); break;
            case 'columnCount': this.set('columnCount', pos.right - pos.left + 1); break;
            case 'rowIndex': this.set('rowIndex', pos.top); break;
            case 'columnIndex': this.set('columnIndex', pos.left); break;
            case 'values': this.set('values', huge ? null : grid((c) => c?.value ?? '')); break;
            case 'formulas': this.set('formulas', huge ? null : grid((c) => c?.formula ?? c?.value ?? '')); break;
            case 'numberFormat': this.set('numberFormat', huge ? null : grid((c) => c?.numberFormat ?? 'General')); break;
            default: throw new Error(`fake: load of ${p} not supported`);
          }
        }
      },
    });
    return this;
  }

  getMergedAreasOrNullObject(): XlRangeAreas {
    return new FakeAreas(this.ctx, () => this.target());
  }

  select(): void {
    this.ctx.queue({
      run: () => {
        const { sheet, pos } = this.target();
        this.ctx.fx.selected = { sheet: sheet.name, address: rangeToA1(pos) };
        this.ctx.fx.active = { sheet: sheet.name, cell: toA1(pos.top, pos.left) };
      },
    });
  }
}

class FakeAreas extends Loadable implements XlRangeAreas {
  constructor(private readonly ctx: FakeContext, private readonly target: () => { sheet: FakeSheet; pos: RangePos }) {
    super();
  }
  get address(): string { return this.get('address'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  /** The merged areas that intersect the range, whole; more than 512 fail the sync. */
  load(): unknown {
    this.ctx.queue({
      run: () => {
        const { sheet, pos } = this.target();
        const hit = sheet.merges.filter((m) => {
          const a = parseRange(m);
          return !(a.bottom < pos.top || a.top > pos.bottom || a.right < pos.left || a.left > pos.right);
        });
        if (hit.length > MAX_MERGED_AREAS) throw new FakeOfficeError('GeneralException', 'There were too many merged areas in the range.');
        this.set('isNullObject', hit.length === 0);
        this.set('address', hit.map((m) => `${quoteSheet(sheet.name)}!${m}`).join(','));
      },
    });
    return this;
  }
}

class FakeCfCollection extends Loadable implements XlConditionalFormatCollection {
  constructor(private readonly ctx: FakeContext, private readonly target: () => { sheet: FakeSheet; pos: RangePos }) {
    super();
  }
  get items(): XlConditionalFormat[] { return this.get('items'); }
  load(): unknown {
    this.ctx.queue({
      run: () => {
        const { sheet, pos } = this.target();
        const hit = sheet.cfs.filter((cf) => {
          const a = parseRange(cf.appliesTo);
          return !(a.bottom < pos.top || a.top > pos.bottom || a.right < pos.left || a.left > pos.right);
        });
        this.set('items', hit.map((cf) => new FakeCfObj(this.ctx, () => ({ sheet, cf }), true)));
      },
    });
    return this;
  }
  add(type: 'Custom'): XlConditionalFormat {
    let created: { sheet: FakeSheet; cf: FakeCf0 } | null = null;
    this.ctx.queue({
      mutation: true,
      run: () => {
        const { sheet, pos } = this.target();
        const cf: FakeCf0 = { id: this.ctx.fx.newCfId(), appliesTo: rangeToA1(pos), type };
        this.ctx.fx.mutate({ kind: 'cfAdd', sheet: sheet.name, cell: cf.appliesTo, id: cf.id }, () => sheet.cfs.unshift(cf));
        created = { sheet, cf };
      },
    });
    return new FakeCfObj(this.ctx, () => {
      if (!created) throw new Error('fake: conditional format used before it was added');
      return created;
    }, false);
  }
}

type FakeCf0 = FakeCf;

class FakeCfObj implements XlConditionalFormat {
  readonly custom: XlCustomConditionalFormat;
  readonly customOrNullObject: XlCustomConditionalFormat;
  constructor(private readonly ctx: FakeContext, private readonly ref: () => { sheet: FakeSheet; cf: FakeCf0 }, private readonly loaded: boolean) {
    this.custom = new FakeCustom(ctx, ref, loaded);
    this.customOrNullObject = this.custom;
  }
  get type(): string {
    if (!this.loaded) throw new FakeOfficeError('PropertyNotLoaded');
    return this.ref().cf.type;
  }
  delete(): void {
    this.ctx.queue({
      mutation: true,
      run: () => {
        const { sheet, cf } = this.ref();
        this.ctx.fx.mutate({ kind: 'cfDelete', sheet: sheet.name, cell: cf.appliesTo, id: cf.id }, () => {
          sheet.cfs = sheet.cfs.filter((x) => x !== cf);
        });
      },
    });
  }
}

class FakeCustom implements XlCustomConditionalFormat {
  readonly rule: { formula: string };
  readonly format: XlCustomConditionalFormat['format'];
  constructor(ctx: FakeContext, ref: () => { sheet: FakeSheet; cf: FakeCf0 }, private readonly loaded: boolean, private readonly refFn = ref) {
    const queueSet = (kind: 'cfFormula' | 'cfFill', v: string) => ctx.queue({
      mutation: true,
      run: () => {
        const { sheet, cf } = ref();
        ctx.fx.mutate({ kind, sheet: sheet.name, cell: cf.appliesTo, value: v }, () => {
          if (kind === 'cfFormula') cf.formula = v; else cf.fill = v;
        });
      },
    });
    const isLoaded = () => this.loaded;
    this.rule = {
      get formula(): string {
        if (!isLoaded()) throw new FakeOfficeError('PropertyNotLoaded');
        return ref().cf.formula ?? '';
      },
      set formula(v: string) { queueSet('cfFormula', v); },
    };
    const fill = {
      get color(): string { return ref().cf.fill ?? ''; },
      set color(v: string) { queueSet('cfFill', v); },
    };
    const border = (edge: string): XlCfBorder => {
      const set = (part: 'color' | 'style', v: string) => ctx.queue({
        mutation: true,
        run: () => {
          const { sheet, cf } = ref();
          ctx.fx.mutate({ kind: 'cfBorder', sheet: sheet.name, cell: cf.appliesTo, edge, value: `${part}=${v}` }, () => {
            const b = (cf.borders ??= {});
            const [color, style] = (b[edge] ?? ' ').split(' ');
            b[edge] = part === 'color' ? `${v} ${style}` : `${color} ${v}`;
          });
        },
      });
      return {
        get color(): string { return (ref().cf.borders?.[edge] ?? ' ').split(' ')[0]; },
        set color(v: string) { set('color', v); },
        get style(): XlCfBorder['style'] { return ((ref().cf.borders?.[edge] ?? ' ').split(' ')[1] || 'None') as XlCfBorder['style']; },
        set style(v: XlCfBorder['style']) { set('style', v); },
      };
    };
    this.format = { fill, borders: { top: border('top'), bottom: border('bottom'), left: border('left'), right: border('right') } };
  }
  get isNullObject(): boolean {
    if (!this.loaded) throw new FakeOfficeError('PropertyNotLoaded');
    return this.refFn().cf.type !== 'Custom';
  }
}

class FakeNoteCollection implements XlNoteCollection {
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheet) {}
  add(cellAddress: string, content: any): unknown {
    this.ctx.queue({
      mutation: true,
      run: () => {
        const s = this.sheet();
        if (s.notes.has(cellAddress)) throw new FakeOfficeError('InvalidArgument', 'The cell already has a note.');
        if (s.comments.has(cellAddress)) throw new FakeOfficeError('InvalidArgument', 'A cell with a threaded comment cannot have a note.');
        this.ctx.fx.mutate({ kind: 'noteAdd', sheet: s.name, cell: cellAddress, value: String(content) }, () => s.notes.set(cellAddress, String(content)));
      },
    });
    return {};
  }
  getItemOrNullObject(key: string): XlNote {
    return new FakeNote(this.ctx, this.sheet, key);
  }
}

class FakeNote extends Loadable implements XlNote {
  constructor(private readonly ctx: FakeContext, private readonly sheet: () => FakeSheet, private readonly key: string) {
    super();
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get content(): string { return this.get('content'); }
  set content(_v: string) { throw new Error('fake: note content writes not supported'); }
  load(): unknown {
    this.ctx.queue({
      run: () => {
        const s = this.sheet();
        this.set('isNullObject', !s.notes.has(this.key));
        this.set('content', s.notes.get(this.key) ?? '');
      },
    });
    return this;
  }
  delete(): void {
    this.ctx.queue({
      mutation: true,
      run: () => {
        const s = this.sheet();
        this.ctx.fx.mutate({ kind: 'noteDelete', sheet: s.name, cell: this.key }, () => s.notes.delete(this.key));
      },
    });
  }
}

class FakeSettingCollection extends Loadable implements XlSettingCollection {
  readonly onSettingsChanged: XlEventHandlers<unknown>;
  constructor(private readonly ctx: FakeContext) {
    super();
    this.onSettingsChanged = new FakeEvents(ctx.fx.settingsHandlers);
  }
  get items(): XlSetting[] { return this.get('items'); }
  load(): unknown {
    this.ctx.queue({
      run: () => this.set('items', [...this.ctx.fx.settings.entries()].map(([k, v]) => new FakeSetting(this.ctx, k, true, clone(v)))),
    });
    return this;
  }
  add(key: string, value: any): unknown {
    const v = clone(value);
    this.ctx.queue({
      mutation: true,
      run: () => this.ctx.fx.mutate({ kind: 'setting', key, value: v }, () => this.ctx.fx.settings.set(key, v)),
    });
    return {};
  }
  getItemOrNullObject(key: string): XlSetting {
    return new FakeSetting(this.ctx, key, false, undefined);
  }
}

class FakeSetting extends Loadable implements XlSetting {
  constructor(private readonly ctx: FakeContext, readonly key: string, exists: boolean, value: unknown) {
    super();
    if (exists) {
      this.set('isNullObject', false);
      this.set('value', value);
    }
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get value(): any { return this.get('value'); }
  set value(_v: any) { throw new Error('fake: use settings.add'); }
  load(): unknown {
    this.ctx.queue({
      run: () => {
        this.set('isNullObject', !this.ctx.fx.settings.has(this.key));
        this.set('value', clone(this.ctx.fx.settings.get(this.key)));
      },
    });
    return this;
  }
  delete(): void {
    this.ctx.queue({ mutation: true, run: () => this.ctx.fx.mutate({ kind: 'setting', key: this.key, value: undefined }, () => this.ctx.fx.settings.delete(this.key)) });
  }
}
