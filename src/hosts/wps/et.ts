/**
 * The few members of WPS 表格's object model (ET, on `window.Application` in a
 * WPS 加载项) the WPS host uses, as narrow structural types.
 *
 * ET follows Excel's VBA object model, called synchronously from JavaScript:
 * collections are 1-based (`Item(1)` is the first sheet, `Item(0)` throws) and
 * have `Count`; a property that takes arguments in VBA is a method here
 * (`Address(false, false)`); colours are BGR integers (0xBBGGRR); a failed call
 * throws. The sources are WPS's own documentation (open.wps.cn 加载项 / ET API),
 * the `wps-jsapi` typings (lib.et.d.ts) and public WPS add-ins; docs/wps.md says
 * which behaviours are verified only against those and the typed fake
 * (test/hosts/wps/fake-et.ts), never against a running WPS.
 *
 * Where the documentation is silent or WPS versions differ the types say
 * `unknown` and the host checks the shape at run time: a multi-cell `Value2`
 * may or may not be a 2-D array, `NumberFormat` and `MergeCells` of a mixed
 * range are null, an empty cell may read as undefined, null or "".
 */

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ActiveCell: EtRange | null;
  ScreenUpdating: boolean;
  EnableEvents: boolean;
  DisplayAlerts: boolean;
  /** The add-in's key-value store, shared by all its pages for the session (not saved with a workbook). */
  readonly PluginStorage: EtPluginStorage;
  readonly Name?: string;
  readonly Version?: string;
  readonly Build?: string;
  readonly ApiEvent?: EtApiEvent;
  CreateTaskPane?(url: string, title?: string): EtTaskPane;
  GetTaskPane?(id: unknown): EtTaskPane;
}

export interface EtPluginStorage {
  getItem(key: string): unknown;
  setItem(key: string, value: unknown): void;
  removeItem?(key: string): void;
}

export interface EtApiEvent {
  AddApiEventListener(event: string, handler: (...args: any[]) => void): void;
  RemoveApiEventListener?(event: string, handler: (...args: any[]) => void): void;
}

export interface EtTaskPane {
  readonly ID: unknown;
  Visible: boolean;
  DockPosition?: number;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly FullName: string;
  readonly Worksheets: EtSheets;
  readonly CustomDocumentProperties: EtDocumentProperties;
}

export interface EtSheets {
  readonly Count: number;
  /** 1-based index or name. */
  Item(index: number | string): EtWorksheet;
  /** Adds a sheet before `Before` or after `After`. */
  Add(Before?: EtWorksheet, After?: EtWorksheet): EtWorksheet;
}

export interface EtWorksheet {
  Name: string;
  /** True when the sheet is protected for its contents. */
  readonly ProtectContents: boolean;
  readonly UsedRange: EtRange;
  readonly Cells: EtRange;
  Range(address: string): EtRange;
  Activate(): void;
  Delete(): void;
  readonly Hyperlinks?: { Add(Anchor: EtRange, Address: string, SubAddress?: string, ScreenTip?: string, TextToDisplay?: string): unknown };
  readonly PageSetup?: { Orientation: number; Zoom: unknown; FitToPagesWide: unknown; FitToPagesTall: unknown; PrintTitleRows: string };
}

export interface EtRange {
  /** 1-based row and column of the top-left cell. */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number; Item(index: number): EtRange };
  /** `Address(false, false)`: "A1:B2" without $ and sheet. */
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  /** 1-based, relative to the range. */
  Item(row: number, column: number): EtRange;
  Value2: unknown;
  Formula: unknown;
  readonly HasFormula: unknown;
  NumberFormat: unknown;
  readonly MergeCells: unknown;
  readonly MergeArea: EtRange;
  readonly Interior: EtInterior;
  readonly Borders: EtBorders;
  readonly Comment: EtComment | null;
  AddComment(text?: string): EtComment;
  ClearComments(): void;
  readonly Worksheet: EtWorksheet;
  Select(): void;
  Activate(): void;
  /** `Find(What, After, LookIn, LookAt, SearchOrder, SearchDirection)`: null when nothing is found. */
  Find(What: string, After?: EtRange, LookIn?: number, LookAt?: number, SearchOrder?: number, SearchDirection?: number): EtRange | null;
  readonly Font?: { Bold: boolean };
  WrapText?: unknown;
  ColumnWidth?: unknown;
}

export interface EtInterior {
  /** BGR integer. "No fill" reads as white (16777215) with Pattern xlNone. */
  Color: unknown;
  Pattern: unknown;
  ColorIndex: unknown;
}

export interface EtBorders {
  readonly Count: number;
  /** By XlBordersIndex (xlEdgeLeft 7 … xlEdgeRight 10), not by position. */
  Item(index: number): EtBorder;
}

export interface EtBorder {
  LineStyle: unknown;
  Weight: unknown;
  Color: unknown;
}

export interface EtComment {
  Text(): string;
  Delete(): void;
}

export interface EtDocumentProperties {
  readonly Count: number;
  /** 1-based index or name. */
  Item(index: number | string): EtDocumentProperty;
  /** `Add(Name, LinkToContent, Type, Value)`; Type msoPropertyTypeString = 4. */
  Add(Name: string, LinkToContent: boolean, Type: number, Value: unknown): EtDocumentProperty;
}

export interface EtDocumentProperty {
  readonly Name: string;
  Value: unknown;
  Delete(): void;
}

/** Enumerations of the VBA model that ET shares (values as in Excel's). */
export const XL = {
  none: -4142,
  solid: 1,
  continuous: 1,
  dash: -4115,
  dot: -4118,
  thin: 2,
  medium: -4138,
  edgeLeft: 7,
  edgeTop: 8,
  edgeBottom: 9,
  edgeRight: 10,
  formulas: -4123,
  part: 2,
  byRows: 1,
  byColumns: 2,
  previous: 2,
  landscape: 2,
  stringProperty: 4,
} as const;

/** The four edges a mark draws, in this order. */
export const EDGES = [XL.edgeTop, XL.edgeBottom, XL.edgeLeft, XL.edgeRight] as const;

/** #RRGGBB → ET's BGR integer. */
export function hexToBgr(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** ET's BGR integer → #RRGGBB. */
export function bgrToHex(bgr: number): string {
  const rgb = ((bgr & 0xff) << 16) | (bgr & 0xff00) | ((bgr >> 16) & 0xff);
  return `#${rgb.toString(16).toUpperCase().padStart(6, '0')}`;
}

/** Error values: VBA's CVErr, as Value2 gives them (0x800A0000 + the xlErr code) → the text Excel shows. */
const CV_ERRORS: Record<number, string> = {
  2000: '#NULL!', 2007: '#DIV/0!', 2015: '#VALUE!', 2023: '#REF!', 2029: '#NAME?', 2036: '#NUM!', 2042: '#N/A',
};

/** The error text of a CVErr number, or null for any other value. */
export function cvErrText(v: unknown): string | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) return null;
  const code = v + 2146828288; // v - 0x800A0000 as a signed 32-bit number
  return code >= 0 && code < 0x10000 ? CV_ERRORS[code] ?? null : null;
}
