/**
 * File host, reading side: turns the bytes of an .xlsx file into the engine's
 * WorkbookSnapshot, following what Office.js returns (see src/core/snapshot.ts).
 *
 * Browser-safe: this module takes bytes only and imports no Node API. Reading
 * from a path lives in ./node.ts.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { Bounds, rangeToA1, type RangePos } from '../../core/address';
import { emptyUsedRange } from '../../core/snapshot';

export interface FileWorkbook {
  snapshot: WorkbookSnapshot;
  /** The parsed workbook; write.ts applies patches to it. */
  workbook: ExcelJS.Workbook;
  /** Parts of the package that writing back through exceljs would lose, as display names. */
  unsupported: string[];
}

export interface ReadOptions {
  /** File name used in error messages (e.g. "x.xlsx"). */
  name?: string;
}

export type InputErrorCode = 'missing' | 'empty' | 'not-xlsx' | 'damaged' | 'encrypted' | 'xls' | 'unreadable';

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
  missing: '文件不存在（file not found），请检查路径',
  empty: '文件是空的（empty file, 0 bytes）',
  'not-xlsx': '不是 Excel 工作簿（not an .xlsx file），请在 Excel 中另存为 .xlsx 后再试',
  damaged: '文件已损坏或不完整（damaged .xlsx），请在 Excel 中打开并另存后再试',
  encrypted: '文件已加密（password-protected），请先在 Excel 中取消密码后再试',
  xls: '这是旧版 Excel 97-2003 工作簿（.xls），请在 Excel 中另存为 .xlsx 后再试',
  unreadable: '无法打开文件（unreadable），请检查读取权限',
};

/** Builds an InputError with the standard one-line message. */
export function inputError(code: InputErrorCode, name: string | undefined, reason?: string, cause?: unknown): InputError {
  return new InputError(code, `无法读取 ${name || '工作簿'}：${reason ?? REASONS[code]}`, cause);
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

function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  // Typed arrays from another realm (jest, iframes) fail instanceof.
  const any = input as unknown as { buffer?: ArrayBuffer; byteOffset?: number; byteLength?: number };
  if (any && any.buffer && typeof any.byteLength === 'number') return new Uint8Array(any.buffer, any.byteOffset ?? 0, any.byteLength);
  if (any && typeof any.byteLength === 'number') return new Uint8Array(input as ArrayBuffer);
  throw new InputError('unreadable', '无法读取工作簿：输入不是文件内容（expected bytes）');
}

// ---------------------------------------------------------------------------
// Unsupported parts

const UNSUPPORTED: { name: string; test: (path: string) => boolean }[] = [
  { name: '图表 (charts)', test: (p) => p.startsWith('xl/charts/') || p.startsWith('xl/chartsheets/') },
  { name: '图片 (images)', test: (p) => p.startsWith('xl/media/') },
  { name: '数据透视表 (pivot tables)', test: (p) => p.startsWith('xl/pivottables/') || p.startsWith('xl/pivotcache/') },
  { name: '切片器 (slicers)', test: (p) => p.startsWith('xl/slicers/') || p.startsWith('xl/slicercaches/') },
  { name: '日程表 (timelines)', test: (p) => p.startsWith('xl/timelines/') || p.startsWith('xl/timelinecaches/') },
  { name: '外部链接 (external links)', test: (p) => p.startsWith('xl/externallinks/') },
  { name: '数据连接 (data connections)', test: (p) => p === 'xl/connections.xml' || p.startsWith('xl/querytables/') },
  { name: '加载项数据 (add-in data)', test: (p) => p.startsWith('xl/webextensions/') },
  { name: '宏 (VBA macros)', test: (p) => p === 'xl/vbaproject.bin' },
  { name: '批注线程 (threaded comments)', test: (p) => p.startsWith('xl/threadedcomments/') },
  { name: '嵌入对象 (embedded objects)', test: (p) => p.startsWith('xl/embeddings/') },
  { name: '控件 (form controls, ActiveX)', test: (p) => p.startsWith('xl/activex/') || p.startsWith('xl/ctrlprops/') },
];
const SHAPES = '形状和文本框 (shapes)';

/** Names the parts of the package that exceljs does not write back. */
export async function findUnsupported(zip: JSZip): Promise<string[]> {
  const paths = Object.keys(zip.files).filter((p) => !zip.files[p].dir);
  const lower = paths.map((p) => p.toLowerCase());
  const found = new Set<string>();
  for (const u of UNSUPPORTED) if (lower.some(u.test)) found.add(u.name);
  // Drawings hold images and charts (reported above) and shapes, which exceljs drops.
  for (const p of paths) {
    if (!/^xl\/drawings\/[^/]+\.xml$/i.test(p)) continue;
    const xml = await zip.files[p].async('string');
    if (/<(\w+:)?(sp|grpSp|cxnSp)[\s>]/.test(xml)) { found.add(SHAPES); break; }
  }
  const order = [...UNSUPPORTED.map((u) => u.name), SHAPES];
  return order.filter((n) => found.has(n));
}

// ---------------------------------------------------------------------------
// Cell values

/** Excel serial number of a date, as Office.js returns it. */
export function dateToSerial(d: Date, date1904 = false): number {
  const serial = 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
  return Math.round(serial * 1e9) / 1e9;
}

/** The plain value of an exceljs cell value, as Office.js `range.values` gives it. */
export function plainValue(v: ExcelJS.CellValue | undefined, date1904 = false): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('error' in o) return String(o.error);
  if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result as ExcelJS.CellValue, date1904);
  if ('hyperlink' in o || 'text' in o) return plainValue(o.text as ExcelJS.CellValue, date1904);
  return '';
}

function isEmpty(v: CellValue): boolean {
  return v === null || v === '';
}

interface MergeArea extends RangePos {
  a1: string;
}

function sheetMerges(ws: ExcelJS.Worksheet): MergeArea[] {
  const raw = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  const areas = Object.values(raw).filter(Boolean).map((m) => {
    const r = { top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 };
    return { ...r, a1: rangeToA1(r) };
  });
  areas.sort((a, b) => a.top - b.top || a.left - b.left);
  return areas;
}

/** Snapshot of one worksheet: used range, values, formulas, number formats, merges. */
export function sheetSnapshot(ws: ExcelJS.Worksheet, date1904 = false): SheetSnapshot {
  const merges = sheetMerges(ws);
  const slave = new Set<string>();
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) slave.add(`${r},${c}`);
  }
  // Pass 1: the bounds of every non-empty cell and every merged area.
  const bounds = new Bounds();
  const grow = (r: number, c: number) => bounds.add(r, c);
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const isFormula = cell.type === ExcelJS.ValueType.Formula;
      if (isFormula || !isEmpty(plainValue(cell.value, date1904))) grow(rowNumber - 1, colNumber - 1);
    });
  });
  for (const m of merges) bounds.addRange(m);
  const names = { name: ws.name, merges: merges.map((m) => m.a1) };
  const used = bounds.range();
  if (!used) return { ...names, ...emptyUsedRange() };
  const { top, left, bottom, right } = used;
  // Pass 2: fill the grids; findCell never creates cells.
  const values: CellValue[][] = [];
  const formulas: CellValue[][] = [];
  const numberFormats: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const vr: CellValue[] = [];
    const fr: CellValue[] = [];
    const nr: string[] = [];
    for (let c = left; c <= right; c++) {
      const cell = ws.findCell(r + 1, c + 1);
      if (!cell) { vr.push(''); fr.push(''); nr.push('General'); continue; }
      nr.push(cell.numFmt || 'General');
      if (slave.has(`${r},${c}`) || cell.type === ExcelJS.ValueType.Merge) { vr.push(''); fr.push(''); continue; }
      const v = plainValue(cell.value, date1904);
      vr.push(v === null ? '' : v);
      const f = cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
      fr.push(f ? `=${f}` : (v === null ? '' : v));
    }
    values.push(vr);
    formulas.push(fr);
    numberFormats.push(nr);
  }
  return { ...names, range: rangeToA1(used), values, formulas, numberFormats };
}

/** Snapshot of every worksheet in tab order. */
export function workbookSnapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const date1904 = !!(wb.properties as { date1904?: boolean }).date1904;
  return { sheets: wb.worksheets.map((ws) => sheetSnapshot(ws, date1904)) };
}

// ---------------------------------------------------------------------------

/**
 * Reads an .xlsx file's bytes. Throws InputError for an empty, encrypted, old
 * .xls, non-xlsx or damaged file.
 */
export async function readWorkbook(input: Uint8Array | ArrayBuffer, opts: ReadOptions = {}): Promise<FileWorkbook> {
  const bytes = toBytes(input);
  const name = opts.name;
  if (bytes.length === 0) throw inputError('empty', name);
  if (startsWith(bytes, OLE_SIGNATURE)) throw inputError(oleKind(bytes), name);
  if (!isZip(bytes)) throw inputError('not-xlsx', name);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw inputError('damaged', name, undefined, e);
  }
  const has = (p: string) => Object.keys(zip.files).some((k) => k.toLowerCase() === p);
  if (!has('xl/workbook.xml')) {
    if (has('xl/workbook.bin')) throw inputError('not-xlsx', name, '这是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试');
    throw inputError('not-xlsx', name);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    // The parser's own error stays in `cause`, for --debug output.
    throw inputError('damaged', name, undefined, e);
  }
  let unsupported: string[];
  try {
    unsupported = await findUnsupported(zip);
  } catch (e) {
    throw inputError('damaged', name, undefined, e);
  }
  return { snapshot: workbookSnapshot(workbook), workbook, unsupported };
}
