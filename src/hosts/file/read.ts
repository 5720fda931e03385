/**
 * File host, reading side: turns the bytes of an .xlsx file into the engine's
 * WorkbookSnapshot, following what Office.js returns (see src/core/snapshot.ts).
 *
 * A lean reader of our own: the zip through fflate (./zip.ts), the parts by
 * OPC rules (./package.ts), each part's XML streamed through the fast scanner,
 * or saxes when the scanner gives up on it (./xml.ts).
 * It reads only what the engine needs (values, formulas with their cached
 * results, number formats, merged areas) and keeps the package, so that
 * write.ts can patch it in place.
 *
 * Sparse: cells are kept as they appear in the sheet's XML; the declared
 * dimension is ignored, rows without cells share one empty row, and a merged
 * area reaching far past the cells (e.g. H30:H1048576) counts only up to them.
 *
 * Browser-safe: this module takes bytes only and imports no Node API. Reading
 * from a path lives in ./node.ts.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { Bounds, rangeToA1, toA1, type RangePos } from '../../core/address';
import { emptyUsedRange } from '../../core/snapshot';
import { strictNumber } from '../../core/number-grammar';
import { XlsxPackage, relKind } from './package';
import { ZipError } from './zip';
import { XmlError, readXml, attr, local, type Attrs, type XmlHandlers, type XmlSource } from './xml';

export interface SheetPart {
  /** Name on the tab. */
  name: string;
  /** Part name of the worksheet, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  /** Every merged area as written (not clipped). */
  merges: RangePos[];
}

export interface FileWorkbook {
  snapshot: WorkbookSnapshot;
  /** The package as read; write.ts patches it in place. */
  pkg: XlsxPackage;
  /** Part name of the workbook part. */
  workbookPart: string;
  /** The worksheets in tab order (as in the snapshot). */
  sheets: SheetPart[];
  date1904: boolean;
  /** File name for messages. */
  name?: string;
  /**
   * Parts a download or `fix` cannot keep, as display names. Patching in place
   * keeps every part, so this stays empty; kept for the demo page's message.
   */
  unsupported: string[];
}

/** How far reading has come: worksheets done of all, and the share of the whole read (0–1, by unpacked size). */
export interface ReadProgress {
  /** The worksheet being read, by its tab name. */
  sheet: string;
  /** Its place (0-based) among `sheets`. */
  index: number;
  sheets: number;
  /** Share of the worksheets' unpacked text read so far, 0 to 1. */
  fraction: number;
}

export interface ReadOptions {
  /** File name used in error messages (e.g. "x.xlsx"). */
  name?: string;
  /**
   * Called as worksheets are read: at the start of each, and about every 1 MB of text within a large one.
   * Reading is synchronous: a page sees these only when it reads in a worker.
   */
  onProgress?: (p: ReadProgress) => void;
}

export type InputErrorCode = 'missing' | 'empty' | 'not-xlsx' | 'damaged' | 'encrypted' | 'xls' | 'unreadable' | 'too-large';

/** A workbook that cannot be read. `message` is one line of Chinese for the user. */
export class InputError extends Error {
  readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'InputError';
    this.code = code;
  }
}

const REASONS: Record<InputErrorCode, string> = {
  missing: '文件不存在，请检查路径',
  empty: '文件是空的（0 字节）',
  'not-xlsx': '不是 Excel 工作簿（.xlsx），请在 Excel 中另存为 .xlsx 后再试',
  damaged: '文件已损坏或不完整，请在 Excel 中打开并另存后再试',
  encrypted: '文件设有打开密码，请先在 Excel 中取消密码后再试',
  xls: '这是旧版 Excel 97-2003 工作簿（.xls），请在 Excel 中另存为 .xlsx 后再试',
  unreadable: '无法打开文件，请检查读取权限',
  'too-large': '文件解压后过大（超过上限，可能是恶意构造的压缩包），请在 Excel 中删除无关内容后再试',
};

/** Builds an InputError with the standard one-line message. */
export function inputError(code: InputErrorCode, name: string | undefined, reason?: string, cause?: unknown): InputError {
  return new InputError(code, `无法读取 ${name || '工作簿'}：${reason ?? REASONS[code]}`, cause);
}

/**
 * A damaged part, named in the message. The parser's own (English) detail is
 * no help to the user: it stays on the error (`detail`, `cause`) for whoever debugs.
 */
function damagedPart(name: string | undefined, part: string, detail: string, cause?: unknown): InputError {
  const e = inputError('damaged', name, `部件 ${part} 已损坏，请在 Excel 中打开并另存后再试`, cause ?? new Error(detail));
  return Object.assign(e, { detail });
}

// ---------------------------------------------------------------------------
// Signatures

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

function utf16le(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(c & 0xff, c >> 8);
  }
  return out;
}

function contains(bytes: Uint8Array, needle: number[]): boolean {
  const first = needle[0];
  const last = bytes.length - needle.length;
  outer: for (let i = 0; i <= last; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function isZip(bytes: Uint8Array): boolean {
  // Local file header, empty archive, spanned archive.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6) || (bytes[2] === 7 && bytes[3] === 8));
}

/** Classifies an OLE compound file: encrypted OOXML, an old .xls, or something else. */
function oleKind(bytes: Uint8Array): InputErrorCode {
  if (contains(bytes, utf16le('EncryptionInfo')) || contains(bytes, utf16le('EncryptedPackage'))) return 'encrypted';
  if (contains(bytes, utf16le('Workbook')) || contains(bytes, utf16le('Book'))) return 'xls';
  return 'not-xlsx';
}

/** Bytes of an input that may come from another realm (jest, iframes). */
export function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  // Typed arrays from another realm (jest, iframes) fail instanceof.
  const any = input as unknown as { buffer?: ArrayBuffer; byteOffset?: number; byteLength?: number };
  if (any && any.buffer && typeof any.byteLength === 'number') return new Uint8Array(any.buffer, any.byteOffset ?? 0, any.byteLength);
  if (any && typeof any.byteLength === 'number') return new Uint8Array(input as ArrayBuffer);
  throw new InputError('unreadable', '无法读取工作簿：输入不是文件内容');
}

// ---------------------------------------------------------------------------
// Cell values

/** Excel serial number of a date, as Office.js returns it. */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
  return Math.round(serial * 1e9) / 1e9;
}

/**
 * A date-formatted number as the snapshot holds it: the serial, rounded to
 * the millisecond as a date value is (the way the exceljs path always gave it).
 */
function dateSerial(v: number, date1904: boolean): number {
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  if (!(Math.abs(ms) <= 8.64e15)) return NaN;
  return dateToSerial(new Date(ms), date1904);
}

/** Whether a number format shows dates or times (any y m d h s b outside quotes and brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel's _xHHHH_ escapes in shared and rich text. */
function unescapeText(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The five XML entities, decoded once more (a formula's text result, t="str"). */
function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' } as Record<string, string>)[c] ?? c);
}

/** Built-in number formats by id (ECMA-376 §18.8.30), the ones with one format in every locale. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  48: '##0.0E+0', 49: '@',
};

// ---------------------------------------------------------------------------
// Cell addresses

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** Parses "E17" to 0-based row and column; null when malformed or outside the sheet. */
export function cellAddress(a1: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  const n = a1.length;
  if (a1.charCodeAt(0) === 36) i++;
  const c0 = i;
  for (; i < n && i - c0 < 4; i++) {
    const c = a1.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === c0) return null;
  if (a1.charCodeAt(i) === 36) i++;
  const r0 = i;
  let row = 0;
  for (; i < n && i - r0 < 8; i++) {
    const d = a1.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  if (i !== n || i === r0 || row < 1 || row > MAX_ROWS || col > MAX_COLS) return null;
  return { row: row - 1, col: col - 1 };
}

function rangeAddress(ref: string): RangePos | null {
  const colon = ref.indexOf(':');
  const p = cellAddress(colon < 0 ? ref : ref.slice(0, colon));
  const next = ref.indexOf(':', colon + 1);
  // As split(':') read it: a third part is ignored.
  const q = colon < 0 ? p : cellAddress(ref.slice(colon + 1, next < 0 ? undefined : next));
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

// ---------------------------------------------------------------------------
// Shared formulas

const REF = /("(?:[^"]|"")*")|('(?:[^']|'')*'!)|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)([1-9]\d{0,6})(?![A-Za-z0-9_(.!])/g;

function colName(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * A number cell's `<v>`: empty (`<v/>`) is an empty cell, never NaN; text that is not one whole number (a
 * damaged or hand-made file: `1,8`, `12abc`) is kept as text, so the checks see and name it instead of a NaN
 * or its leading digits.
 */
function numberValue(vText: string, date: boolean, date1904: boolean): CellValue {
  // One grammar for every host (src/core/number-grammar.ts): `1,8` is text, never 1.
  const n = strictNumber(vText);
  if (Number.isNaN(n)) return vText.trim() === '' ? '' : vText;
  return date ? dateSerial(n, date1904) : n;
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & ~32) - 64);
  return n;
}

/** A shared formula as it reads in another cell: relative references moved by (dr, dc). */
export function slideFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return formula.replace(REF, (m, str: string, sheet: string, cd: string, letters: string, rd: string, digits: string) => {
    if (str || sheet) return m;
    const c = colNumber(letters);
    if (c > MAX_COLS) return m;
    const col = cd ? c : c + dc;
    const row = rd ? Number(digits) : Number(digits) + dr;
    if (col < 1 || row < 1) return m;
    return `${cd}${colName(col - 1)}${rd}${row}`;
  });
}

// ---------------------------------------------------------------------------
// Styles and shared strings

export interface StyleInfo {
  /** Number format of each cellXfs entry, as the snapshot gives it (undefined: General). */
  numFmt: (string | undefined)[];
  isDate: boolean[];
}

function readStyles(pkg: XlsxPackage, part: string | undefined): StyleInfo {
  const info: StyleInfo = { numFmt: [], isDate: [] };
  if (!part) return info;
  const { custom, xfIds } = readXml(pkg.text(part), part, () => {
    const custom = new Map<number, string>();
    const xfIds: number[] = [];
    let depth = 0;
    let inXfs = false;
    const handlers: XmlHandlers = {
      open: (name, a) => {
        depth++;
        const n = local(name);
        if (n === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (n === 'cellXfs') inXfs = true;
        else if (n === 'xf' && inXfs && depth === 3) xfIds.push(Number(a.numFmtId ?? 0) || 0);
      },
      close: (name) => { depth--; if (local(name) === 'cellXfs') inXfs = false; },
    };
    return { handlers, done: () => ({ custom, xfIds }) };
  });
  for (const id of xfIds) {
    const f = id ? custom.get(id) ?? BUILTIN_FORMATS[id] : undefined;
    info.numFmt.push(f || undefined);
    info.isDate.push(isDateFormat(f));
  }
  return info;
}

function readSharedStrings(pkg: XlsxPackage, part: string | undefined): string[] {
  if (!part) return [];
  return readXml(pkg.text(part), part, () => sharedStringsReader());
}

/** Fresh state and handlers for reading the shared strings part. */
function sharedStringsReader(): { handlers: XmlHandlers; done: () => string[] } {
  const out: string[] = [];
  let plain: string | null = null;
  let runs: string | null = null;
  let inSi = false;
  let inRun = false;
  let inPh = 0;
  let inT = false;
  let buf = '';
  const handlers: XmlHandlers = {
    open: (name, _a, selfClosing) => {
      const n = local(name);
      if (n === 'si') { inSi = true; plain = null; runs = null; if (selfClosing) { out.push(''); inSi = false; } }
      else if (!inSi) return;
      else if (n === 'rPh') inPh++;
      else if (n === 'r' && !inPh) inRun = true;
      else if (n === 't' && !inPh) { inT = true; buf = ''; if (selfClosing) { inT = false; if (inRun) runs = runs ?? ''; else plain = ''; } }
    },
    text: (t) => { if (inT) buf += t; },
    close: (name) => {
      const n = local(name);
      if (!inSi) return;
      if (n === 'rPh') inPh--;
      else if (inPh) return;
      else if (n === 't' && inT) {
        inT = false;
        const text = unescapeText(buf);
        if (inRun) runs = (runs ?? '') + text;
        else plain = (plain ?? '') + text;
      } else if (n === 'r') inRun = false;
      else if (n === 'si') { inSi = false; out.push(runs !== null ? runs : plain ?? ''); }
    },
  };
  return { handlers, done: () => out };
}

// ---------------------------------------------------------------------------
// One worksheet

/** The cells of one row, by absolute column (holes where no cell). */
interface RowCells {
  values: CellValue[];
  /** Formula text (without "="), only when the row has a formula. */
  formulas: (string | null)[] | null;
  /** Number format of each cell (as the snapshot gives it). */
  formats: string[];
  /** Cells came in column order from A without gaps: the arrays are packed and can become snapshot rows. */
  packed: boolean;
}

interface SheetCells {
  rows: Map<number, RowCells>;
  /** Bounds of the cells with a value or a formula. */
  content: Bounds;
  merges: RangePos[];
  /** Row style (xf index) by row, for rows that have one. */
  rowStyles: Map<number, number>;
  /** Column styles: [first col, last col, xf index]. */
  colStyles: [number, number, number][];
}

interface SheetContext {
  name: string | undefined;
  /** The sheet's tab name. */
  sheet: string;
  part: string;
  styles: StyleInfo;
  strings: string[];
  date1904: boolean;
}

function readSheetCells(text: XmlSource, ctx: SheetContext): SheetCells {
  return readXml(text, ctx.part, () => sheetReader(ctx));
}

/** Fresh state and handlers for reading one worksheet part's cells. */
function sheetReader(ctx: SheetContext): { handlers: XmlHandlers; done: () => SheetCells } {
  const out: SheetCells = { rows: new Map(), content: new Bounds(), merges: [], rowStyles: new Map(), colStyles: [] };
  let line: RowCells | undefined;
  let lineRow = -1;
  const { styles, strings, date1904 } = ctx;
  const shared = new Map<string, { row: number; col: number; formula: string }>();
  let row = -1;
  let nextCol = 0;
  let inData = false;
  // The cell being read.
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cType = '';
  let cStyle = 0;
  let vText: string | undefined;
  let fText: string | undefined;
  let fShared: { si: string; ref: boolean } | null = null;
  let isFormula = false;
  let isPlain: string | undefined; // inline <t>
  let isRuns: string | undefined; // inline rich runs
  let mode = 0; // 1 <v>, 2 <f>, 3 inline <t>, 4 inline run <t>
  let inIs = false;
  let inRun = false;
  let inPh = 0;
  const bad = (detail: string) => damagedPart(ctx.name, ctx.part, detail);

  const finishCell = () => {
    let value: CellValue = '';
    let formula: string | null = null;
    const xf = cStyle;
    const date = xf > 0 && styles.isDate[xf] === true;
    if (isFormula) {
      formula = fText ?? '';
      if (fShared) {
        if (fShared.ref && fText) shared.set(fShared.si, { row: cRow, col: cCol, formula: fText });
        else if (!fText) {
          const m = shared.get(fShared.si);
          formula = m ? slideFormula(m.formula, cRow - m.row, cCol - m.col) : null;
        }
      }
      if (vText) {
        if (cType === 'str') value = decodeEntities(vText);
        else if (cType === 'b') value = parseInt(vText, 10) !== 0;
        else if (cType === 'e') value = vText;
        else value = numberValue(vText, date, date1904);
      }
    } else if (cType === 'inlineStr' && (isPlain !== undefined || isRuns !== undefined || vText !== undefined)) {
      value = isRuns !== undefined ? isRuns : (vText ?? '') + (isPlain ?? '');
    } else if (vText !== undefined) {
      switch (cType) {
        case 's': {
          const s = strings[parseInt(vText, 10)];
          if (s === undefined) throw bad(`shared string ${vText} not found`);
          value = s;
          break;
        }
        case 'str': value = decodeEntities(vText); break;
        case 'inlineStr': value = vText; break;
        case 'b': value = parseInt(vText, 10) !== 0; break;
        case 'e': value = vText; break;
        default: value = numberValue(vText, date, date1904);
      }
    }
    if (cRow !== lineRow) {
      lineRow = cRow;
      line = out.rows.get(cRow);
      if (!line) { line = { values: [], formulas: null, formats: [], packed: true }; out.rows.set(cRow, line); }
    }
    const l = line!;
    if (cCol !== l.values.length) l.packed = false;
    l.values[cCol] = value;
    l.formats[cCol] = xf > 0 ? styles.numFmt[xf] || 'General' : 'General';
    if (formula !== null) {
      if (!l.formulas) l.formulas = [];
      l.formulas[cCol] = formula;
    } else if (l.formulas && l.formulas[cCol] !== undefined) l.formulas[cCol] = null;
    if (formula !== null || (value !== '' && value !== null)) out.content.add(cRow, cCol);
  };

  /** A cell begins at (row, col): its type and style, and nothing of it read yet. */
  const beginCell = (r: number, c: number, t: string, st: number) => {
    cRow = r;
    cCol = c;
    nextCol = c + 1;
    cType = t;
    cStyle = st;
    vText = undefined; fText = undefined; fShared = null; isFormula = false; isPlain = undefined; isRuns = undefined;
    mode = 0; inIs = false; inRun = false; inPh = 0;
  };

  /** A <c> opens (in sheetData): its address (or the next column), type and style. */
  const startCell = (r: string | undefined, t: string | undefined, st: string | undefined) => {
    const style = st ? Number(st) || 0 : 0;
    if (r === undefined) {
      if (nextCol >= MAX_COLS) throw inputError('damaged', ctx.name, `工作表“${ctx.sheet}”的列超出 Excel 的最后一列 XFD`);
      beginCell(Math.max(row, 0), nextCol, t ?? '', style);
      return;
    }
    const p = cellAddress(r);
    if (!p) {
      if (/^\$?[A-Za-z]+\$?\d+$/.test(r)) throw inputError('damaged', ctx.name, `工作表“${ctx.sheet}”的单元格 ${r} 超出 Excel 的范围（最大为 XFD${MAX_ROWS}）`);
      throw bad(`cell address "${r}"`);
    }
    beginCell(p.row, p.col, t ?? '', style);
  };

  const handlers: XmlHandlers = {
    // A plain cell whole, its address parsed in place, as open c (v, text, close v) close c would read it.
    cellAt: (r, c, st, t, v) => {
      if (inCell || !inData) return false;
      beginCell(r, c, t, st);
      vText = v;
      finishCell();
      return true;
    },
    open: (name, a: Attrs, selfClosing) => {
      const n = local(name);
      if (inCell) {
        if (n === 'v') { mode = 1; vText = vText ?? ''; }
        else if (n === 'f') {
          const t = a.t;
          const hasText = !selfClosing;
          if (t === 'shared') { fShared = { si: a.si ?? '', ref: a.ref !== undefined }; isFormula = true; }
          else if (t) isFormula = true;
          mode = hasText ? 2 : 0;
          if (hasText) fText = fText ?? '';
        } else if (n === 'is') inIs = true;
        else if (inIs && n === 'rPh') inPh++;
        else if (inIs && !inPh && n === 'r') inRun = true;
        else if (inIs && !inPh && n === 't') {
          if (inRun) { isRuns = isRuns ?? ''; mode = 4; } else { isPlain = isPlain ?? ''; mode = 3; }
        }
        return;
      }
      if (n === 'sheetData') { inData = true; return; }
      if (inData && n === 'row') {
        const r = a.r;
        if (r !== undefined) {
          const num = Number(r);
          if (!Number.isInteger(num) || num < 1) throw bad(`row number "${r}"`);
          if (num > MAX_ROWS) throw inputError('damaged', ctx.name, `工作表“${ctx.sheet}”的行号 ${r} 超出 Excel 的范围（最大为 ${MAX_ROWS} 行）`);
          row = num - 1;
        } else row++;
        nextCol = 0;
        if (a.s && Number(a.s) > 0) out.rowStyles.set(row, Number(a.s));
        return;
      }
      if (inData && n === 'c') {
        startCell(a.r, a.t, a.s);
        if (selfClosing) finishCell();
        else inCell = true;
        return;
      }
      if (n === 'mergeCell') {
        const m = rangeAddress(a.ref ?? '');
        if (!m) throw bad(`merged area "${a.ref ?? ''}"`);
        out.merges.push(m);
        return;
      }
      if (n === 'col' && !inData) {
        const s = Number(a.style ?? 0);
        if (s > 0) out.colStyles.push([Number(a.min) - 1, Number(a.max) - 1, s]);
      }
    },
    text: (t) => {
      if (mode === 1) vText += t;
      else if (mode === 2) { fText += t; isFormula = true; }
      else if (mode === 3) isPlain += t;
      else if (mode === 4) isRuns += unescapeText(t);
    },
    close: (name) => {
      if (!inCell) {
        if (local(name) === 'sheetData') inData = false;
        return;
      }
      const n = local(name);
      if (n === 'c') { inCell = false; finishCell(); return; }
      if (n === 'v' || n === 'f' || n === 't') mode = 0;
      else if (n === 'r') inRun = false;
      else if (n === 'rPh') inPh--;
      else if (n === 'is') inIs = false;
    },
  };
  return { handlers, done: () => out };
}

/** Above this many cells a merged area counts only up to the sheet's cells. */
const MERGE_AREA_LIMIT = 10000;
/** Above this many cells in the used range the engine cannot scan a sheet in reasonable time. */
export const USED_RANGE_LIMIT = 32 * 1024 * 1024;

/** A gap of this many empty rows (columns) ends a sheet's main block. */
const FAR_ROWS = 1000;
const FAR_COLS = 256;

/**
 * The main block of a sheet: from its first row with content down to the last one before a gap of FAR_ROWS
 * empty rows, and across those rows from the first column with content to the last one before a gap of
 * FAR_COLS empty columns. Null for a sheet without content.
 */
function mainBlock(cells: SheetCells): RangePos | null {
  const filled = (line: RowCells, col: number) => {
    const v = line.values[col];
    return (v !== '' && v !== null && v !== undefined) || !!line.formulas?.[col];
  };
  const rows = [...cells.rows.keys()].filter((r) => cells.rows.get(r)!.values.some((_, col) => filled(cells.rows.get(r)!, col))).sort((a, b) => a - b);
  if (rows.length === 0) return null;
  let bottom = rows[0];
  for (const r of rows) { if (r - bottom > FAR_ROWS) break; bottom = r; }
  const colSet = new Set<number>();
  for (const r of rows) {
    if (r > bottom) break;
    const line = cells.rows.get(r)!;
    line.values.forEach((_, col) => { if (filled(line, col)) colSet.add(col); });
  }
  const cols = [...colSet].sort((a, b) => a - b);
  let right = cols[0];
  for (const c of cols) { if (c - right > FAR_COLS) break; right = c; }
  return { top: rows[0], left: cols[0], bottom, right };
}

/** The snapshot of a sheet from its cells: used range, values, formulas, number formats, merges. */
function sheetFromCells(name: string, cells: SheetCells, styles: StyleInfo, fileName: string | undefined): SheetSnapshot {
  const c = cells.content.range();
  const merges: RangePos[] = [];
  const bounds = new Bounds();
  if (c) bounds.addRange(c);
  const sorted = [...cells.merges].sort((a, b) => a.top - b.top || a.left - b.left);
  const seen = new Set<string>();
  for (const m of sorted) {
    let area = m;
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > MERGE_AREA_LIMIT) {
      area = {
        top: m.top, left: m.left,
        bottom: Math.min(m.bottom, Math.max(m.top, c ? c.bottom : m.top)),
        right: Math.min(m.right, Math.max(m.left, c ? c.right : m.left)),
      };
    }
    const key = rangeToA1(area);
    if (seen.has(key)) continue;
    seen.add(key);
    merges.push(area);
    bounds.addRange(area);
  }
  let used = bounds.range();
  let outside: SheetSnapshot['outside'];
  if (used && (used.bottom - used.top + 1) * (used.right - used.left + 1) > USED_RANGE_LIMIT) {
    // A few cells far away (a stray value at XFD1048576) must not make the sheet as large as their distance:
    // the sheet is read as its main block, and the cells outside it are listed (rule far-cells reports them).
    const main = mainBlock(cells);
    if (!main || (main.bottom - main.top + 1) * (main.right - main.left + 1) > USED_RANGE_LIMIT) {
      throw inputError('too-large', fileName, `工作表“${name}”的使用区域 ${rangeToA1(used)} 过大，请删除远处多余的单元格后再试`);
    }
    const far: string[] = [];
    let count = 0;
    for (const [r, line] of cells.rows) {
      const inRows = r >= main.top && r <= main.bottom;
      line.values.forEach((v, col) => {
        if (inRows && col >= main.left && col <= main.right) return;
        if ((v === '' || v === null || v === undefined) && !line.formulas?.[col]) return;
        count++;
        if (far.length < 20) far.push(toA1(r, col));
      });
      if (!inRows) cells.rows.delete(r);
    }
    outside = { cells: far, count };
    // Merged areas: those starting in the main block, clipped to it.
    const kept = merges.filter((m) => m.top >= main.top && m.top <= main.bottom && m.left >= main.left && m.left <= main.right)
      .map((m) => ({ top: m.top, left: m.left, bottom: Math.min(m.bottom, main.bottom), right: Math.min(m.right, main.right) }));
    merges.length = 0;
    merges.push(...kept);
    used = main;
  }
  const names = { name, merges: merges.map((m) => rangeToA1(m)), ...(outside ? { outside } : {}) };
  if (!used) return { ...names, ...emptyUsedRange() };
  const { top, left, bottom, right } = used;
  const height = bottom - top + 1;
  const width = right - left + 1;
  // Slave cells of merged areas, by row: blank, their own number format kept.
  const slaves = new Map<number, [number, number][]>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      if (!slaves.has(r)) slaves.set(r, []);
      slaves.get(r)!.push([r === m.top ? m.left + 1 : m.left, m.right]);
    }
  }
  // Arrays are built with push: packed arrays, which the engine reads faster than holey ones.
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const emptyValues: CellValue[] = [];
  const emptyFormats: string[] = [];
  for (let j = 0; j < width; j++) { emptyValues.push(''); emptyFormats.push('General'); }
  // Rows of number formats are shared when equal (a long table repeats one row of formats): a new row is
  // compared with the last few distinct ones, cell by cell (the strings are mostly the same instances).
  const recent: string[][] = [];
  const shareFormats = (nf: string[]): string[] => {
    for (let k = recent.length - 1; k >= 0; k--) {
      const o = recent[k];
      let j = 0;
      while (j < width && o[j] === nf[j]) j++;
      if (j === width) return o;
    }
    if (recent.length >= 16) recent.shift();
    recent.push(nf);
    return nf;
  };
  const rowFallback = (r: number, col: number): string | undefined => {
    const rs = cells.rowStyles.get(r);
    let f = rs ? styles.numFmt[rs] : undefined;
    if (!f) {
      const cs = cells.colStyles.find(([a, b]) => col >= a && col <= b);
      f = cs ? styles.numFmt[cs[2]] : undefined;
    }
    return f;
  };
  const fallback = cells.rowStyles.size > 0 || cells.colStyles.length > 0;
  for (let i = 0; i < height; i++) {
    const r = top + i;
    const line = cells.rows.get(r);
    // Each row's cells are garbage once its snapshot row is made (a long sheet never holds both whole).
    if (line) cells.rows.delete(r);
    const sl = slaves.get(r);
    if (!line && !(sl && fallback)) {
      // Rows without cells share one empty row (the engine only reads snapshots).
      values.push(emptyValues);
      formulas.push(emptyValues);
      numberFormats.push(emptyFormats);
      continue;
    }
    let v: CellValue[];
    let nf: string[];
    let f: CellValue[] | null = null;
    // Under a merged area, a column without a cell of its own takes the row's or column's style: with a packed
    // row, the columns from its length on.
    let packedLength = -1;
    if (line && line.packed && left === 0 && !line.formulas) {
      // The common row: its own arrays become the snapshot's, padded to the used range.
      v = line.values;
      nf = line.formats;
      const n = v.length;
      if (n > width) { v.length = width; nf.length = width; }
      while (v.length < width) { v.push(''); nf.push('General'); }
      packedLength = n;
    } else {
      v = [];
      nf = [];
      f = line?.formulas ? [] : null;
      for (let j = 0; j < width; j++) {
        const col = left + j;
        const cf = line?.formats[col];
        if (cf === undefined) {
          v.push('');
          nf.push('General');
          if (f) f.push('');
          continue;
        }
        const value = line!.values[col] ?? '';
        const formula = line!.formulas?.[col] ?? null;
        v.push(value);
        nf.push(cf);
        if (f) f.push(formula ? `=${formula}` : value);
      }
    }
    // Slave cells of merged areas: blank, their own number format kept.
    if (sl) {
      for (const [a, b] of sl) {
        for (let col = Math.max(a, left); col <= Math.min(b, right); col++) {
          const j = col - left;
          v[j] = '';
          if (f) f[j] = '';
          const hadCell = packedLength >= 0 ? j < packedLength : line?.formats[col] !== undefined;
          if (fallback && !hadCell) nf[j] = rowFallback(r, col) || 'General';
        }
      }
    }
    values.push(v);
    formulas.push(f ?? v);
    numberFormats.push(shareFormats(nf));
  }
  return { ...names, range: rangeToA1(used), values, formulas, numberFormats };
}

// ---------------------------------------------------------------------------
// The workbook

interface WorkbookInfo {
  workbookPart: string;
  date1904: boolean;
  sheets: { name: string; part: string }[];
  styles: StyleInfo;
  strings: string[];
}

function readWorkbookPart(pkg: XlsxPackage, fileName: string | undefined): WorkbookInfo {
  const officeDoc = pkg.rels('').find((r) => relKind(r.type) === 'officeDocument' && !r.external);
  let workbookPart = officeDoc && pkg.has(officeDoc.target) ? pkg.find(officeDoc.target)! : pkg.find('xl/workbook.xml');
  if (!workbookPart) {
    if (pkg.has('xl/workbook.bin') || (officeDoc && /\.bin$/i.test(officeDoc.target))) {
      throw inputError('not-xlsx', fileName, '这是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试');
    }
    if (officeDoc && /workbook/i.test(officeDoc.target)) throw missingPart(fileName, officeDoc.target);
    throw inputError('not-xlsx', fileName);
  }
  workbookPart = workbookPart.replace(/^\/+/, '');
  const { date1904, listed } = readXml(pkg.text(workbookPart), workbookPart, () => {
    let date1904 = false;
    const listed: { name: string; rid: string }[] = [];
    const handlers: XmlHandlers = {
      open: (name, a) => {
        const n = local(name);
        if (n === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        else if (n === 'sheet') listed.push({ name: a.name ?? '', rid: attr(a, 'id') ?? '' });
      },
    };
    return { handlers, done: () => ({ date1904, listed }) };
  });
  const rels = pkg.rels(workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: { name: string; part: string }[] = [];
  for (const s of listed) {
    const rel = byId.get(s.rid);
    if (!rel) throw damagedPart(fileName, relsNameOf(workbookPart), `no relationship ${s.rid} for sheet “${s.name}”`);
    if (relKind(rel.type) !== 'worksheet') continue; // chart sheets, dialog sheets: no cells
    if (rel.external || !pkg.has(rel.target)) throw missingPart(fileName, rel.target, s.name);
    sheets.push({ name: s.name, part: pkg.find(rel.target)! });
  }
  const partOf = (kind: string): string | undefined => {
    const rel = rels.find((r) => relKind(r.type) === kind && !r.external);
    if (!rel) return undefined;
    if (!pkg.has(rel.target)) throw missingPart(fileName, rel.target);
    return pkg.find(rel.target);
  };
  const styles = readStyles(pkg, partOf('styles'));
  const strings = readSharedStrings(pkg, partOf('sharedStrings'));
  return { workbookPart, date1904, sheets, styles, strings };
}

function relsNameOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

function missingPart(fileName: string | undefined, part: string, sheet?: string): InputError {
  const what = sheet ? `工作表“${sheet}”的部件 ${part}` : `部件 ${part}`;
  return inputError('damaged', fileName, `缺少${what}，文件不完整，请在 Excel 中打开并另存后再试`);
}

/** Turns errors of the zip and XML layers into InputErrors naming the part. */
function asInputError(e: unknown, fileName: string | undefined): unknown {
  if (e instanceof InputError) return e;
  if (e instanceof ZipError) {
    if (e.kind === 'budget') return inputError('too-large', fileName, undefined, e);
    if (e.kind === 'encrypted') return inputError('encrypted', fileName, undefined, e);
    return e.part ? damagedPart(fileName, e.part, e.message, e) : inputError('damaged', fileName, undefined, e);
  }
  if (e instanceof XmlError) return damagedPart(fileName, e.part, e.message, e);
  return e;
}

/** Reads the snapshot of one worksheet part (after a patch, or for the demo's refresh). */
export function readSheet(fw: FileWorkbook, sheet: SheetPart, ctx: { styles: StyleInfo; strings: string[] }, onText?: (chars: number) => void): SheetSnapshot {
  const source: XmlSource = onText
    ? (write) => fw.pkg.streamText(sheet.part, (chunk) => { write(chunk); onText(chunk.length); })
    : (write) => fw.pkg.streamText(sheet.part, write);
  const cells = readSheetCells(source, { name: fw.name, sheet: sheet.name, part: sheet.part, styles: ctx.styles, strings: ctx.strings, date1904: fw.date1904 });
  sheet.merges = cells.merges;
  return sheetFromCells(sheet.name, cells, ctx.styles, fw.name);
}

/** The styles and shared strings of the workbook as they are now (after patches). */
export function readContext(fw: FileWorkbook): { styles: StyleInfo; strings: string[] } {
  try {
    const info = readWorkbookPart(fw.pkg, fw.name);
    return { styles: info.styles, strings: info.strings };
  } catch (e) {
    throw asInputError(e, fw.name);
  }
}

/** Takes the snapshots of the named sheets again from the package. */
export function refreshSheets(fw: FileWorkbook, names: Iterable<string>): void {
  const set = new Set(names);
  if (!set.size) return;
  const ctx = readContext(fw);
  try {
    fw.snapshot.sheets = fw.snapshot.sheets.map((s, i) => (set.has(s.name) ? readSheet(fw, fw.sheets[i], ctx) : s));
  } catch (e) {
    throw asInputError(e, fw.name);
  }
}

/**
 * Reads an .xlsx file's bytes. Throws InputError for an empty, encrypted, old
 * .xls, non-xlsx, damaged or too large file; a damaged or missing part is named.
 */
export async function readWorkbook(input: Uint8Array | ArrayBuffer, opts: ReadOptions = {}): Promise<FileWorkbook> {
  return readWorkbookSync(input, opts);
}

/** readWorkbook without the promise. */
export function readWorkbookSync(input: Uint8Array | ArrayBuffer, opts: ReadOptions = {}): FileWorkbook {
  const bytes = toBytes(input);
  const name = opts.name;
  if (bytes.length === 0) throw inputError('empty', name);
  if (startsWith(bytes, OLE_SIGNATURE)) throw inputError(oleKind(bytes), name);
  if (!isZip(bytes)) throw inputError('not-xlsx', name);
  // The part being read, named by internal errors (defects of this reader, not of the file).
  let part = 'xl/workbook.xml';
  try {
    const pkg = new XlsxPackage(bytes);
    const info = readWorkbookPart(pkg, name);
    const fw: FileWorkbook = { snapshot: { sheets: [] }, pkg, workbookPart: info.workbookPart, sheets: [], date1904: info.date1904, name, unsupported: [] };
    const report = opts.onProgress;
    // Progress by unpacked size (declared in the zip directory); characters stand in for bytes within a sheet.
    const sizes = report ? info.sheets.map((s) => pkg.entries.find((e) => e.name.replace(/^\/+/, '').toLowerCase() === s.part.toLowerCase())?.usize ?? 0) : [];
    const whole = sizes.reduce((a, b) => a + b, 0) || 1;
    let before = 0;
    info.sheets.forEach((s, index) => {
      part = s.part;
      const sp: SheetPart = { name: s.name, part: s.part, merges: [] };
      fw.sheets.push(sp);
      let onText: ((chars: number) => void) | undefined;
      if (report) {
        const at = (within: number) => report({ sheet: s.name, index, sheets: info.sheets.length, fraction: Math.min(1, (before + Math.min(within, sizes[index])) / whole) });
        at(0);
        let read = 0;
        let next = 1 << 20;
        onText = (chars) => { read += chars; if (read >= next) { next = read + (1 << 20); at(read); } };
      }
      fw.snapshot.sheets.push(readSheet(fw, sp, info, onText));
      before += sizes[index] ?? 0;
    });
    return fw;
  } catch (e) {
    const err = asInputError(e, name);
    if (err instanceof Error && !(err instanceof InputError) && !(err as { part?: string }).part) (err as { part?: string }).part = part;
    throw err;
  }
}
