/**
 * A small typed fake of WPS 表格's object model (the ET members in
 * src/hosts/wps/et.ts), modelled on WPS's documentation (open.wps.cn, the
 * wps-jsapi typings) and Excel's VBA model that ET follows. It behaves as ET
 * does where a host goes wrong:
 * - collections are 1-based: `Worksheets.Item(0)` and `Item(Count + 1)` throw,
 *   every collection has `Count`;
 * - colours are BGR integers; "no fill" reads as white (16777215) with
 *   Pattern xlNone (-4142), so white and no fill differ only in the pattern;
 * - an empty cell reads as `blank` (undefined unless a test sets null or "");
 * - a multi-cell `Value2` / `Formula` comes back as `bulkShape` says: a 2-D
 *   array (as documented for JS macros), a flat array, the top-left value only,
 *   or a throw — the host must check the shape;
 * - NumberFormat, MergeCells and HasFormula of a mixed range are null;
 * - `UsedRange` counts cells holding only formatting; `Cells.Find("*")` finds
 *   the last cell holding a value or formula;
 * - a protected sheet refuses every write to its cells (an Error, as ET throws);
 * - a text written to Value2 that starts with = + - @ becomes a formula, unless
 *   it starts with an apostrophe (which is kept out of the value);
 * - an error value reads as VBA's CVErr number (#DIV/0! → -2146826281);
 * - `AddComment` on a cell that has a comment throws;
 * - a text document property longer than 255 characters throws;
 * - any call can be made to throw (`failWhen`), and the n-th write from now can fail.
 * Every range access is counted (`calls`), so tests can tell a bulk read from a
 * cell-by-cell one.
 */
import type {
  EtApplication, EtWorkbook, EtSheets, EtWorksheet, EtRange, EtInterior, EtBorders, EtBorder, EtComment,
  EtDocumentProperties, EtDocumentProperty, EtPluginStorage, EtApiEvent, EtTaskPane,
} from '../../../src/hosts/wps/et';
import { XL } from '../../../src/hosts/wps/et';
import { parseRange, toA1, rangeToA1, type RangePos } from '../../../src/core/address';

export const WHITE = 0xffffff;
export const CVERR = { div0: -2146826281, na: -2146826246, value: -2146826273 } as const;

export interface FakeBorder { style: number; weight: number; color: number }

export interface FakeCellData {
  value?: string | number | boolean | { error: number };
  formula?: string;
  numberFormat?: string;
  /** Literal text typed with a leading apostrophe. */
  prefix?: boolean;
  fill?: { color: number; pattern: number };
  borders?: Partial<Record<number, FakeBorder>>;
  comment?: string;
}

export interface FakeSheet {
  name: string;
  protected: boolean;
  cells: Map<string, FakeCellData>;
  merges: string[];
}

export type CellSpec = string | number | boolean | null | { v?: string | number | boolean; f?: string; nf?: string; err?: number };

export type BulkShape = '2d' | 'flat' | 'scalar' | 'throws';

const NO_BORDER: FakeBorder = { style: XL.none, weight: XL.thin, color: 0 };

export class FakeEt {
  readonly sheets: FakeSheet[] = [];
  readonly properties: { name: string; value: unknown }[] = [];
  readonly storage = new Map<string, unknown>();
  readonly listeners: { event: string; handler: (...a: any[]) => void }[] = [];
  readonly taskPanes: FakeTaskPane[] = [];
  fullName = '/home/user/自评表.xlsx';
  hasWorkbook = true;
  bulkShape: BulkShape = '2d';
  blank: undefined | null | '' = undefined;
  /** ET calls made on ranges (property reads and writes, method calls). */
  calls = 0;
  screenUpdating = true;
  enableEvents = true;
  displayAlerts = true;
  /** Every value ScreenUpdating / EnableEvents was set to, in order. */
  readonly toggles: string[] = [];
  active: { sheet: string; cell: string } | null = null;
  selected: { sheet: string; address: string } | null = null;
  /** Throws an Error with `message` from a call when this returns a message. */
  failWhen: ((op: string, sheet: string, cell: string) => string | null) | null = null;
  /** The n-th cell write from now (1-based) throws, after the earlier ones were applied. */
  failAtWrite: number | null = null;
  private writeCount = 0;
  version = '12.1.0.17147';

  addSheet(name: string, rows: CellSpec[][] = [], opts: { protected?: boolean; merges?: string[]; at?: string } = {}): FakeSheet {
    const sheet: FakeSheet = { name, protected: !!opts.protected, cells: new Map(), merges: opts.merges ?? [] };
    const origin = parseRange(opts.at ?? 'A1');
    rows.forEach((row, r) => row.forEach((c, col) => {
      if (c === null || c === '') return;
      const addr = toA1(origin.top + r, origin.left + col);
      if (typeof c === 'object') sheet.cells.set(addr, { value: c.err !== undefined ? { error: c.err } : c.v, formula: c.f, numberFormat: c.nf });
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

  data(sheet: string, addr: string): FakeCellData {
    const s = this.sheet(sheet);
    let c = s.cells.get(addr);
    if (!c) {
      c = {};
      s.cells.set(addr, c);
    }
    return c;
  }

  /** The user's own formatting of a cell, as a comparable text: fill and the four edges. */
  look(sheet: string, addr: string): string {
    const c = this.sheet(sheet).cells.get(addr);
    const fill = c?.fill ? `${c.fill.pattern}/${c.fill.color}` : 'none';
    const edges = [XL.edgeTop, XL.edgeBottom, XL.edgeLeft, XL.edgeRight].map((e) => {
      const b = c?.borders?.[e];
      return b && b.style !== XL.none ? `${b.style}/${b.weight}/${b.color}` : '-';
    });
    return `${fill} ${edges.join(' ')}`;
  }

  /** A document property set to a value, as the user or another program would. */
  property(name: string): unknown {
    return this.properties.find((p) => p.name === name)?.value;
  }

  get application(): EtApplication {
    return new FakeApplication(this);
  }

  /** A page of the add-in (ribbon or pane): its own Application object, one WPS behind it. */
  env(extra: Record<string, unknown> = {}) {
    return { app: this.application, now: () => 1_000_000, pollMs: 0, ...extra };
  }

  fireSheetChange(sheet: string): void {
    for (const l of this.listeners.filter((x) => x.event === 'SheetChange')) l.handler({ Name: sheet }, null);
  }

  // ---- used by the fake objects

  fail(op: string, sheet = '', cell = ''): void {
    const msg = this.failWhen?.(op, sheet, cell);
    if (msg) throw new Error(msg);
  }

  write(sheet: FakeSheet, cell: string, op: string, apply: () => void): void {
    this.fail(op, sheet.name, cell);
    if (sheet.protected) throw new Error('您试图更改的单元格或图表位于受保护的工作表中。');
    this.writeCount++;
    if (this.failAtWrite !== null && this.writeCount >= this.failAtWrite) {
      this.failAtWrite = null;
      this.writeCount = 0;
      throw new Error('内部错误');
    }
    apply();
  }

  resetWriteCount(): void {
    this.writeCount = 0;
  }

  /** The used range as ET gives it: every cell with a value, formula or any formatting, and merged areas. */
  usedRange(s: FakeSheet): RangePos | null {
    let r: RangePos | null = null;
    const grow = (p: RangePos) => {
      r = r ? { top: Math.min(r.top, p.top), left: Math.min(r.left, p.left), bottom: Math.max(r.bottom, p.bottom), right: Math.max(r.right, p.right) } : p;
    };
    for (const [addr, c] of s.cells) {
      if (c.value === undefined && !c.formula && !c.numberFormat && !c.fill && !c.borders && c.comment === undefined) continue;
      grow(parseRange(addr));
    }
    for (const m of s.merges) grow(parseRange(m));
    return r;
  }

  mergeAt(s: FakeSheet, row: number, col: number): RangePos | null {
    for (const m of s.merges) {
      const p = parseRange(m);
      if (row >= p.top && row <= p.bottom && col >= p.left && col <= p.right) return p;
    }
    return null;
  }
}

class FakeApplication implements EtApplication {
  readonly PluginStorage: EtPluginStorage;
  readonly ApiEvent: EtApiEvent;
  constructor(private readonly fx: FakeEt) {
    this.PluginStorage = {
      getItem: (k) => fx.storage.get(k),
      setItem: (k, v) => { fx.storage.set(k, v); },
      removeItem: (k) => { fx.storage.delete(k); },
    };
    this.ApiEvent = {
      AddApiEventListener: (event, handler) => { fx.listeners.push({ event, handler }); },
      RemoveApiEventListener: (event, handler) => {
        const i = fx.listeners.findIndex((l) => l.event === event && l.handler === handler);
        if (i >= 0) fx.listeners.splice(i, 1);
      },
    };
  }
  get Name() { return 'WPS 表格'; }
  get Version() { return this.fx.version; }
  get Build() { return this.fx.version; }
  get ActiveWorkbook(): EtWorkbook | null {
    return this.fx.hasWorkbook ? new FakeWorkbook(this.fx) : null;
  }
  get ActiveCell(): EtRange | null {
    const a = this.fx.active;
    if (!a || !this.fx.hasWorkbook) return null;
    const s = this.fx.sheet(a.sheet);
    return new FakeRange(this.fx, s, parseRange(a.cell));
  }
  get ScreenUpdating() { return this.fx.screenUpdating; }
  set ScreenUpdating(v: boolean) { this.fx.toggles.push(`ScreenUpdating=${v}`); this.fx.screenUpdating = v; }
  get EnableEvents() { return this.fx.enableEvents; }
  set EnableEvents(v: boolean) { this.fx.toggles.push(`EnableEvents=${v}`); this.fx.enableEvents = v; }
  get DisplayAlerts() { return this.fx.displayAlerts; }
  set DisplayAlerts(v: boolean) { this.fx.displayAlerts = v; }
  CreateTaskPane(url: string): EtTaskPane {
    const pane = new FakeTaskPane(this.fx.taskPanes.length + 1, url);
    this.fx.taskPanes.push(pane);
    return pane;
  }
  GetTaskPane(id: unknown): EtTaskPane {
    const p = this.fx.taskPanes.find((x) => x.ID === id);
    if (!p) throw new Error('无效的任务窗格');
    return p;
  }
}

export class FakeTaskPane implements EtTaskPane {
  Visible = false;
  DockPosition = 2;
  constructor(readonly ID: number, readonly url: string) {}
}

class FakeWorkbook implements EtWorkbook {
  constructor(private readonly fx: FakeEt) {}
  get Name() { return this.fx.fullName.split('/').pop()!; }
  get FullName() { return this.fx.fullName; }
  get Worksheets(): EtSheets { return new FakeSheets(this.fx); }
  get CustomDocumentProperties(): EtDocumentProperties { return new FakeProperties(this.fx); }
}

class FakeSheets implements EtSheets {
  constructor(private readonly fx: FakeEt) {}
  get Count() { return this.fx.sheets.length; }
  Item(index: number | string): EtWorksheet {
    const s = typeof index === 'number' ? this.fx.sheets[index - 1] : this.fx.sheets.find((x) => x.name === index);
    if (!s || (typeof index === 'number' && index < 1)) throw new Error('下标越界');
    return new FakeWorksheet(this.fx, s);
  }
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet {
    this.fx.fail('Worksheets.Add');
    let n = this.fx.sheets.length + 1;
    while (this.fx.sheets.some((s) => s.name === `Sheet${n}`)) n++;
    const s: FakeSheet = { name: `Sheet${n}`, protected: false, cells: new Map(), merges: [] };
    const ref = (Before ?? After) as FakeWorksheet | undefined;
    const at = ref ? this.fx.sheets.indexOf(ref.s) + (After ? 1 : 0) : this.fx.sheets.length;
    this.fx.sheets.splice(at, 0, s);
    return new FakeWorksheet(this.fx, s);
  }
}

class FakeWorksheet implements EtWorksheet {
  constructor(private readonly fx: FakeEt, readonly s: FakeSheet) {}
  get Name() { return this.s.name; }
  set Name(v: string) {
    if (this.fx.sheets.some((x) => x !== this.s && x.name === v)) throw new Error('工作表名称已存在');
    this.s.name = v;
  }
  get ProtectContents() { return this.s.protected; }
  get UsedRange(): EtRange {
    this.fx.calls++;
    return new FakeRange(this.fx, this.s, this.fx.usedRange(this.s) ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }
  get Cells(): EtRange {
    return new FakeRange(this.fx, this.s, { top: 0, left: 0, bottom: 1048575, right: 16383 });
  }
  Range(address: string): EtRange {
    this.fx.calls++;
    return new FakeRange(this.fx, this.s, parseRange(address));
  }
  Activate(): void {
    this.fx.active = { sheet: this.s.name, cell: 'A1' };
  }
  Delete(): void {
    this.fx.fail('Worksheet.Delete', this.s.name);
    if (this.fx.displayAlerts) throw new Error('删除工作表需要确认');
    this.fx.sheets.splice(this.fx.sheets.indexOf(this.s), 1);
  }
  get Hyperlinks() {
    return { Add: (anchor: EtRange, _address: string, sub?: string) => { (anchor as FakeRange).setLink(sub ?? ''); return {}; } };
  }
  get PageSetup() {
    return { Orientation: 1, Zoom: 100 as unknown, FitToPagesWide: 1 as unknown, FitToPagesTall: 1 as unknown, PrintTitleRows: '' };
  }
}

function keyOf(pos: RangePos): string {
  return rangeToA1(pos);
}

export class FakeRange implements EtRange {
  constructor(private readonly fx: FakeEt, private readonly s: FakeSheet, readonly pos: RangePos) {}

  private get single(): boolean {
    return this.pos.top === this.pos.bottom && this.pos.left === this.pos.right;
  }
  private addr(): string {
    return toA1(this.pos.top, this.pos.left);
  }
  private each<T>(f: (addr: string) => T): T[][] {
    const out: T[][] = [];
    for (let r = this.pos.top; r <= this.pos.bottom; r++) {
      const row: T[] = [];
      for (let c = this.pos.left; c <= this.pos.right; c++) row.push(f(toA1(r, c)));
      out.push(row);
    }
    return out;
  }
  private cellValue(addr: string): unknown {
    const c = this.s.cells.get(addr);
    if (!c || c.value === undefined) return c?.formula ? 0 : this.fx.blank;
    if (typeof c.value === 'object') return c.value.error;
    return c.value;
  }
  private cellFormula(addr: string): unknown {
    const c = this.s.cells.get(addr);
    if (c?.formula) return c.formula;
    const v = this.cellValue(addr);
    return v === undefined || v === null ? '' : typeof v === 'number' && c?.value && typeof c.value === 'object' ? '#ERROR' : String(v);
  }
  /** What a multi-cell read returns, as `bulkShape` says. */
  private bulk(grid: unknown[][]): unknown {
    switch (this.fx.bulkShape) {
      case '2d': return grid;
      case 'flat': return grid.flat();
      case 'scalar': return grid[0][0];
      case 'throws': throw new Error('类型不匹配');
    }
  }
  private uniform<T>(grid: T[][]): T | null {
    const first = grid[0][0];
    return grid.every((row) => row.every((x) => x === first)) ? first : null;
  }

  get Row() { this.fx.calls++; return this.pos.top + 1; }
  get Column() { this.fx.calls++; return this.pos.left + 1; }
  get Rows() { this.fx.calls++; return { Count: this.pos.bottom - this.pos.top + 1 }; }
  get Columns() {
    this.fx.calls++;
    return {
      Count: this.pos.right - this.pos.left + 1,
      Item: (i: number): EtRange => {
        const col = this.pos.left + i - 1;
        if (i < 1 || col > this.pos.right) throw new Error('下标越界');
        return new FakeRange(this.fx, this.s, { top: this.pos.top, bottom: this.pos.bottom, left: col, right: col });
      },
    };
  }
  Address(rowAbs = true, colAbs = true): string {
    this.fx.calls++;
    const a = keyOf(this.pos);
    if (!rowAbs && !colAbs) return a;
    return a.replace(/([A-Z]+)(\d+)/g, (_, c: string, r: string) => `${colAbs ? '$' : ''}${c}${rowAbs ? '$' : ''}${r}`);
  }
  Item(row: number, column: number): EtRange {
    this.fx.calls++;
    if (row < 1 || column < 1) throw new Error('下标越界');
    const r = this.pos.top + row - 1;
    const c = this.pos.left + column - 1;
    return new FakeRange(this.fx, this.s, { top: r, bottom: r, left: c, right: c });
  }
  get Worksheet(): EtWorksheet { return new FakeWorksheet(this.fx, this.s); }

  get Value2(): unknown {
    this.fx.calls++;
    this.fx.fail('Value2', this.s.name, this.addr());
    if (this.single) return this.cellValue(this.addr());
    return this.bulk(this.each((a) => this.cellValue(a)));
  }
  set Value2(v: unknown) {
    this.fx.calls++;
    const grid = Array.isArray(v) ? v as unknown[][] : null;
    this.each((a) => {
      const pos = parseRange(a);
      const x = grid ? grid[pos.top - this.pos.top][pos.left - this.pos.left] : v;
      this.fx.write(this.s, a, 'Value2=', () => {
        const c = this.fx.data(this.s.name, a);
        delete c.prefix;
        if (typeof x === 'string' && x.startsWith("'")) {
          c.value = x.slice(1);
          c.prefix = true;
          delete c.formula;
        } else if (typeof x === 'string' && /^[=+\-@]/.test(x) && x.length > 1) {
          c.formula = x.startsWith('=') ? x : `=${x}`;
          c.value = 0;
        } else {
          delete c.formula;
          c.value = x === '' || x === null || x === undefined ? undefined : (x as string | number | boolean);
        }
      });
    });
    return;
  }
  get Formula(): unknown {
    this.fx.calls++;
    this.fx.fail('Formula', this.s.name, this.addr());
    if (this.single) return this.cellFormula(this.addr());
    return this.bulk(this.each((a) => this.cellFormula(a)));
  }
  set Formula(_v: unknown) {
    throw new Error('fake: Formula writes are not used by the host');
  }
  get HasFormula(): unknown {
    this.fx.calls++;
    return this.uniform(this.each((a) => !!this.s.cells.get(a)?.formula));
  }
  get NumberFormat(): unknown {
    this.fx.calls++;
    return this.uniform(this.each((a) => this.s.cells.get(a)?.numberFormat ?? 'General'));
  }
  set NumberFormat(v: unknown) {
    this.fx.calls++;
    this.each((a) => this.fx.write(this.s, a, 'NumberFormat=', () => { this.fx.data(this.s.name, a).numberFormat = String(v); }));
  }
  get Text(): unknown {
    return String(this.cellValue(this.addr()) ?? '');
  }
  get MergeCells(): unknown {
    this.fx.calls++;
    return this.uniform(this.each((a) => { const p = parseRange(a); return !!this.fx.mergeAt(this.s, p.top, p.left); }));
  }
  get MergeArea(): EtRange {
    this.fx.calls++;
    return new FakeRange(this.fx, this.s, this.fx.mergeAt(this.s, this.pos.top, this.pos.left) ?? { ...this.pos, bottom: this.pos.top, right: this.pos.left });
  }
  get Interior(): EtInterior {
    this.fx.calls++;
    const fx = this.fx;
    const s = this.s;
    const addr = this.addr();
    const fill = () => s.cells.get(addr)?.fill;
    const set = (f: (c: FakeCellData) => void) => this.each((a) => fx.write(s, a, 'Interior=', () => f(fx.data(s.name, a))));
    return {
      get Color() { return fill()?.pattern === XL.none || !fill() ? WHITE : fill()!.color; },
      set Color(v: unknown) { set((c) => { c.fill = { color: Number(v), pattern: XL.solid }; }); },
      get Pattern() { return fill()?.pattern ?? XL.none; },
      set Pattern(v: unknown) { set((c) => { c.fill = Number(v) === XL.none ? undefined : { color: c.fill?.color ?? WHITE, pattern: Number(v) }; }); },
      get ColorIndex() { return fill() ? 0 : XL.none; },
      set ColorIndex(v: unknown) { if (Number(v) === XL.none) set((c) => { c.fill = undefined; }); },
    };
  }
  get Borders(): EtBorders {
    this.fx.calls++;
    const fx = this.fx;
    const s = this.s;
    const addr = this.addr();
    const each = this.each.bind(this);
    return {
      Count: 6,
      Item(index: number): EtBorder {
        if (![5, 6, 7, 8, 9, 10, 11, 12].includes(index)) throw new Error('参数错误');
        const get = () => s.cells.get(addr)?.borders?.[index] ?? NO_BORDER;
        const set = (f: (b: FakeBorder) => void) => each((a) => fx.write(s, a, 'Borders=', () => {
          const c = fx.data(s.name, a);
          const b = { ...(c.borders?.[index] ?? NO_BORDER) };
          f(b);
          c.borders = { ...(c.borders ?? {}), [index]: b };
        }));
        return {
          get LineStyle() { return get().style; },
          set LineStyle(v: unknown) { set((b) => { b.style = Number(v); }); },
          get Weight() { return get().weight; },
          set Weight(v: unknown) { set((b) => { b.weight = Number(v); }); },
          get Color() { return get().color; },
          set Color(v: unknown) { set((b) => { b.color = Number(v); }); },
        };
      },
    };
  }
  get Comment(): EtComment | null {
    this.fx.calls++;
    const addr = this.addr();
    const c = this.s.cells.get(addr);
    if (c?.comment === undefined) return null;
    return {
      Text: () => c.comment ?? '',
      Delete: () => this.fx.write(this.s, addr, 'Comment.Delete', () => { delete c.comment; }),
    };
  }
  AddComment(text?: string): EtComment {
    this.fx.calls++;
    const addr = this.addr();
    this.fx.write(this.s, addr, 'AddComment', () => {
      const c = this.fx.data(this.s.name, addr);
      if (c.comment !== undefined) throw new Error('该单元格已有批注');
      c.comment = text ?? '';
    });
    return this.Comment!;
  }
  ClearComments(): void {
    this.each((a) => this.fx.write(this.s, a, 'ClearComments', () => { delete this.fx.data(this.s.name, a).comment; }));
  }
  Select(): void {
    this.fx.fail('Select', this.s.name, this.addr());
    this.fx.selected = { sheet: this.s.name, address: keyOf(this.pos) };
    this.fx.active = { sheet: this.s.name, cell: this.addr() };
  }
  Activate(): void {
    this.fx.active = { sheet: this.s.name, cell: this.addr() };
  }
  Find(What: string, _after?: EtRange, _lookIn?: number, _lookAt?: number, order?: number, direction?: number): EtRange | null {
    this.fx.calls++;
    this.fx.fail('Find', this.s.name);
    if (What !== '*' || direction !== XL.previous) throw new Error('fake: only Find("*") backwards is modelled');
    let best: RangePos | null = null;
    for (const [a, c] of this.s.cells) {
      if (c.value === undefined && !c.formula) continue;
      const p = parseRange(a);
      if (!best || (order === XL.byColumns ? p.left > best.left : p.top > best.top)) best = p;
    }
    return best ? new FakeRange(this.fx, this.s, best) : null;
  }
  get Font() {
    return { Bold: false };
  }
  WrapText: unknown = false;
  ColumnWidth: unknown = 8;

  setLink(sub: string): void {
    const c = this.fx.data(this.s.name, this.addr());
    (c as FakeCellData & { link?: string }).link = sub;
  }
}

class FakeProperties implements EtDocumentProperties {
  constructor(private readonly fx: FakeEt) {}
  get Count() { return this.fx.properties.length; }
  Item(index: number | string): EtDocumentProperty {
    const p = typeof index === 'number' ? this.fx.properties[index - 1] : this.fx.properties.find((x) => x.name === index);
    if (!p || (typeof index === 'number' && index < 1)) throw new Error('下标越界');
    const fx = this.fx;
    return {
      get Name() { return p.name; },
      get Value() { return p.value; },
      set Value(v: unknown) { p.value = v; },
      Delete: () => { fx.properties.splice(fx.properties.indexOf(p), 1); },
    };
  }
  Add(Name: string, _link: boolean, Type: number, Value: unknown): EtDocumentProperty {
    this.fx.fail('CustomDocumentProperties.Add');
    if (this.fx.properties.some((p) => p.name === Name)) throw new Error('属性已存在');
    if (Type === XL.stringProperty && String(Value).length > 255) throw new Error('值太长');
    this.fx.properties.push({ name: Name, value: Type === XL.stringProperty ? String(Value) : Value });
    return this.Item(Name);
  }
}
