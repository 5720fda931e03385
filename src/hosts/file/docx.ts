/**
 * File host, Word side: the body of a .docx report — its paragraphs and its
 * tables — read from `word/document.xml` with the same zip (fflate, one
 * unpacking budget) and XML layers (fast scanner, saxes fallback) as workbooks.
 *
 * Why not mammoth: its HTML keeps a table's text but not the grid — `gridSpan`
 * becomes a colspan at best and `vMerge` continuations become empty cells —
 * while the engine recognizes tables by their merged areas and header
 * positions exactly as in a worksheet. Reading the two dozen WordprocessingML
 * elements that matter here takes less code than rebuilding the grid from
 * mammoth's output, and keeps one reader (and one budget) for both formats.
 *
 * Every Word table becomes a sheet of the snapshot, shaped as the same table in
 * a workbook: the table's 附件 label and title paragraphs above it (rows 1–2),
 * its rows below (a Word table's row k is the sheet's row k + the number of
 * those lines), and the 说明 / 填表人 lines under it; `gridSpan` and `vMerge`
 * become merged areas. The sheet is named by the 附件 label (`附件 2` → 附件2),
 * else by its caption (`表1 …`), else 表格N.
 *
 * Paragraphs are numbered 1-based among the body's paragraphs outside tables,
 * empty ones included (the count a reader gets by walking the document's
 * paragraphs). Text boxes, deleted text (tracked changes) and field codes are
 * not text of the body.
 *
 * Browser-safe: bytes in, no Node API.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { rangeToA1, toA1 } from '../../core/address';
import { XlsxPackage, relKind } from './package';
import { ZipError, writeZip } from './zip';
import { XmlError, readXml, attr, local, type Attrs, type XmlHandlers } from './xml';
import { InputError, toBytes } from './read';

/** One table of the document as the sheet it became. */
export interface DocTable {
  /** The sheet's name in the snapshot. */
  sheet: string;
  /** How many paragraphs outside tables come before the table. */
  after: number;
  /** Sheet row of the table's first row (1-based): the label and title lines come first. */
  firstRow: number;
  rows: number;
  cols: number;
}

export interface FileDocument {
  /** The document's tables as sheets. */
  snapshot: WorkbookSnapshot;
  /** The body's paragraphs outside tables, in order (paragraph n is `paragraphs[n - 1]`). */
  paragraphs: string[];
  tables: DocTable[];
  name?: string;
}

export interface ReadDocumentOptions {
  name?: string;
  /** Unpacking budget (bytes); the workbooks' by default. */
  budget?: number;
}

// ---------------------------------------------------------------------------
// Input errors

type DocErrorCode = 'empty' | 'not-docx' | 'doc' | 'wps' | 'encrypted' | 'damaged' | 'too-large';

const REASONS: Record<DocErrorCode, string> = {
  empty: '文件是空的（0 字节）',
  'not-docx': '不是 Word 文档（.docx），请在 Word 或 WPS 文字中另存为 .docx 后再试',
  doc: '这是旧版 Word 97-2003 文档（.doc），请在 Word 或 WPS 文字中另存为 .docx 后再试',
  wps: '这是 WPS 文字的 .wps 文档，请在 WPS 文字中另存为 .docx 后再试',
  encrypted: '文档已加密，请先在 Word 或 WPS 文字中取消密码后再试',
  damaged: '文档已损坏或不完整，请在 Word 或 WPS 文字中打开并另存后再试',
  'too-large': '文档解压后过大（超过上限，可能是恶意构造的压缩包），请删除无关内容后再试',
};

const CODE: Record<DocErrorCode, InputError['code']> = {
  empty: 'empty', 'not-docx': 'not-xlsx', doc: 'xls', wps: 'xls', encrypted: 'encrypted', damaged: 'damaged', 'too-large': 'too-large',
};

function docError(code: DocErrorCode, name: string | undefined, reason?: string, cause?: unknown): InputError {
  return new InputError(CODE[code], `无法读取 ${name || '文档'}：${reason ?? REASONS[code]}`, cause);
}

/**
 * A damaged part, named in the message; the parser's own (English) detail is no help to the user and stays
 * on the error (`detail`, `cause`) for whoever debugs, as the workbook reader does.
 */
function damagedPart(name: string | undefined, part: string | undefined, cause: Error): InputError {
  const e = docError('damaged', name, part ? `部件 ${part} 已损坏，请在 Word 或 WPS 文字中打开并另存后再试` : undefined, cause);
  return Object.assign(e, { detail: cause.message });
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function hasUtf16(bytes: Uint8Array, s: string): boolean {
  const last = bytes.length - s.length * 2;
  const c0 = s.charCodeAt(0);
  outer: for (let i = 0; i <= last; i++) {
    if (bytes[i] !== c0 || bytes[i + 1] !== 0) continue;
    for (let j = 1; j < s.length; j++) if (bytes[i + 2 * j] !== s.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Why an OLE compound file is no .docx: encrypted OOXML, a .wps, an old .doc, or something else. */
function oleKind(bytes: Uint8Array, name: string | undefined): DocErrorCode {
  if (hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage')) return 'encrypted';
  if (/\.wps$/i.test(name ?? '')) return 'wps';
  if (hasUtf16(bytes, 'WordDocument')) return 'doc';
  return 'not-docx';
}

// ---------------------------------------------------------------------------
// The body as read

interface WCell { text: string; span: number; vMerge: 'restart' | 'continue' | null; hMergeContinue: boolean }
interface WRow { before: number; cells: WCell[] }
interface WTable { rows: WRow[]; after: number }

/** The body in order: paragraph texts and tables (with how many paragraphs precede each). */
interface Body { paragraphs: string[]; tables: WTable[]; root: string | null }

const TEXT_SKIP = new Set(['txbxContent', 'delText', 'instrText', 'Fallback', 'del', 'moveFrom', 'footnoteReference', 'endnoteReference']);

function bodyReader(): { handlers: XmlHandlers; done: () => Body } {
  const paragraphs: string[] = [];
  const tables: WTable[] = [];
  /** Tables being read, innermost last. */
  const open: WTable[] = [];
  let skip = 0; // depth inside elements whose text is not the body's
  let inT = false;
  let para: string[] | null = null;
  let cellParas: string[] | null = null;
  let cell: WCell | null = null;
  let row: WRow | null = null;
  const stack: string[] = [];
  let root: string | null = null;
  const h: XmlHandlers = {
    open(name, attrs: Attrs, selfClosing) {
      const n = local(name);
      root ??= n;
      if (!selfClosing) stack.push(n);
      if (skip) { if (!selfClosing) skip++; return; }
      if (TEXT_SKIP.has(n)) { if (!selfClosing) skip = 1; return; }
      switch (n) {
        case 'tbl':
          if (open.length === 0) open.push({ rows: [], after: paragraphs.length });
          else open.push({ rows: [], after: -1 }); // nested: its text joins the enclosing cell
          break;
        case 'tr':
          if (open.length === 1) { row = { before: 0, cells: [] }; open[0].rows.push(row); }
          break;
        case 'gridBefore':
          if (open.length === 1 && row) row.before = Math.max(0, parseInt(attr(attrs, 'val') ?? '0', 10) || 0);
          break;
        case 'tc':
          if (open.length === 1 && row) { cell = { text: '', span: 1, vMerge: null, hMergeContinue: false }; row.cells.push(cell); cellParas = []; }
          break;
        case 'gridSpan':
          if (open.length === 1 && cell) cell.span = Math.max(1, Math.min(64, parseInt(attr(attrs, 'val') ?? '1', 10) || 1));
          break;
        case 'vMerge':
          if (open.length === 1 && cell) cell.vMerge = attr(attrs, 'val') === 'restart' ? 'restart' : 'continue';
          break;
        case 'hMerge':
          if (open.length === 1 && cell) cell.hMergeContinue = attr(attrs, 'val') !== 'restart';
          break;
        case 'p':
          para = [];
          if (selfClosing) endParagraph();
          break;
        case 't':
          inT = !selfClosing;
          break;
        case 'tab':
          if (para && stack[stack.length - (selfClosing ? 1 : 2)] === 'r') para.push('\t');
          break;
        case 'br': case 'cr':
          para?.push('\n');
          break;
        case 'noBreakHyphen':
          para?.push('-');
          break;
        default:
      }
    },
    close(name) {
      const n = local(name);
      stack.pop();
      if (skip) { skip--; return; }
      switch (n) {
        case 't': inT = false; break;
        case 'p': endParagraph(); break;
        case 'tc':
          if (open.length === 1 && cell && cellParas) {
            cell.text = cellParas.join('\n').replace(/\s+$/, '');
            cell = null;
            cellParas = null;
          }
          break;
        case 'tr': if (open.length === 1) row = null; break;
        case 'tbl': {
          const t = open.pop()!;
          if (open.length === 0) tables.push(t);
          break;
        }
        default:
      }
    },
    text(t) {
      if (inT && !skip && para) para.push(t);
    },
  };
  function endParagraph(): void {
    if (!para) return;
    const text = para.join('');
    para = null;
    if (open.length === 0) paragraphs.push(text);
    else if (cellParas) cellParas.push(text);
  }
  return { handlers: h, done: () => ({ paragraphs, tables, root }) };
}

// ---------------------------------------------------------------------------
// Tables as sheets

const LABEL = /^\s*附\s*件\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*[:：]?\s*$/;
const CAPTION = /^\s*(表\s*[0-9０-９一二三四五六七八九十]+)/;
const NOTE = /^\s*(说\s*明|注\s*[:：]|备\s*注|填\s*表\s*人|填\s*报\s*(人|日\s*期)|单位负责人|审\s*核\s*人)/;
const CN_DIGITS = '〇一二三四五六七八九';

function labelNumber(s: string): string {
  const t = s.normalize('NFKC');
  if (/^[0-9]+$/.test(t)) return t;
  if (t === '十') return '10';
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(t);
  if (m) return String((m[1] ? CN_DIGITS.indexOf(m[1]) : 1) * 10 + (m[2] ? CN_DIGITS.indexOf(m[2]) : 0));
  return String(CN_DIGITS.indexOf(t));
}

/** A sheet name Excel would accept: at most 31 characters, none of []:*?/\. */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, '').slice(0, 31) || '表格';
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)}(${i})`;
  used.add(name.toLowerCase());
  return name;
}

/** A title-like paragraph right above a table: short, and naming a 表 or a 年度. */
function looksLikeTitle(s: string): boolean {
  const t = s.trim();
  return t.length > 0 && t.length <= 60 && /表|年度/.test(t) && !/[。；]$/.test(t);
}

/** The grid of a Word table: values, merged areas (1-based, relative to the table), width. */
function tableGrid(t: WTable): { values: string[][]; merges: { top: number; left: number; bottom: number; right: number }[]; cols: number } {
  const rows: { col: number; cell: WCell }[][] = [];
  let cols = 0;
  for (const r of t.rows) {
    const placed: { col: number; cell: WCell }[] = [];
    let c = r.before;
    for (const cell of r.cells) {
      if (cell.hMergeContinue && placed.length) {
        placed[placed.length - 1].cell.span += cell.span; // legacy horizontal merge: widen the cell on the left
        c += cell.span;
        continue;
      }
      placed.push({ col: c, cell });
      c += cell.span;
    }
    cols = Math.max(cols, c);
    rows.push(placed);
  }
  const values = rows.map(() => new Array<string>(cols).fill(''));
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  /** Open vertical merges by start column: the merge object being extended. */
  const vertical = new Map<number, { top: number; left: number; bottom: number; right: number; span: number }>();
  rows.forEach((placed, ri) => {
    const seen = new Set<number>();
    for (const { col, cell } of placed) {
      const v = vertical.get(col);
      if (cell.vMerge === 'continue' && v && v.span === cell.span && v.bottom === ri) {
        v.bottom = ri + 1;
        seen.add(col);
        continue;
      }
      values[ri][col] = cell.text;
      const m = { top: ri + 1, left: col + 1, bottom: ri + 1, right: col + cell.span, span: cell.span };
      if (cell.vMerge) { vertical.set(col, m); seen.add(col); }
      if (cell.vMerge || cell.span > 1) merges.push(m);
    }
    for (const k of [...vertical.keys()]) if (!seen.has(k)) vertical.delete(k);
  });
  return { values, merges: merges.filter((m) => m.bottom > m.top || m.right > m.left).map(({ top, left, bottom, right }) => ({ top, left, bottom, right })), cols: Math.max(cols, 1) };
}

function toSheets(body: Body): { sheets: SheetSnapshot[]; tables: DocTable[] } {
  const sheets: SheetSnapshot[] = [];
  const tables: DocTable[] = [];
  const used = new Set<string>();
  const p = body.paragraphs;
  body.tables.forEach((t, i) => {
    if (!t.rows.length) return;
    const grid = tableGrid(t);
    // Lines above: back over non-empty paragraphs to a 附件 label (at most 3 lines, never past the previous table).
    const floor = i > 0 ? body.tables[i - 1].after : 0;
    const nonEmpty: number[] = [];
    for (let k = t.after - 1; k >= floor && nonEmpty.length < 3; k--) if (p[k].trim()) nonEmpty.push(k);
    let lead: number[] = [];
    let name: string | null = null;
    const labelAt = nonEmpty.findIndex((k) => LABEL.test(p[k]));
    if (labelAt >= 0) {
      lead = nonEmpty.slice(0, labelAt + 1).reverse();
      name = `附件${labelNumber(LABEL.exec(p[nonEmpty[labelAt]])![1])}`;
    } else if (nonEmpty.length && (CAPTION.test(p[nonEmpty[0]]) || looksLikeTitle(p[nonEmpty[0]]))) {
      lead = [nonEmpty[0]];
      const cap = CAPTION.exec(p[nonEmpty[0]]);
      name = cap ? cap[1] : p[nonEmpty[0]];
    }
    // Lines below: the 说明 / 填表人 lines right under the table.
    const ceiling = i + 1 < body.tables.length ? body.tables[i + 1].after : p.length;
    const trail: number[] = [];
    for (let k = t.after; k < ceiling && trail.length < 4; k++) {
      if (!p[k].trim()) continue;
      if (!NOTE.test(p[k])) break;
      trail.push(k);
    }
    const cols = grid.cols;
    const height = lead.length + grid.values.length + trail.length;
    const values: CellValue[][] = [];
    const merges: string[] = [];
    // A line above or below the table: in column A, merged across the table as a workbook's title is (not the 附件 label).
    const line = (text: string, merge: boolean) => {
      const r: CellValue[] = new Array<CellValue>(cols).fill('');
      r[0] = text.trim();
      values.push(r);
      if (merge && cols > 1) merges.push(rangeToA1({ top: values.length - 1, left: 0, bottom: values.length - 1, right: cols - 1 }));
    };
    for (const k of lead) line(p[k], !LABEL.test(p[k]));
    const firstRow = values.length + 1;
    for (const r of grid.values) values.push(r.map((v) => v));
    for (const m of grid.merges) merges.push(rangeToA1({ top: m.top + firstRow - 2, left: m.left - 1, bottom: m.bottom + firstRow - 2, right: m.right - 1 }));
    for (const k of trail) line(p[k], true);
    const sheet = uniqueName(sheetName(name ?? `表格${i + 1}`), used);
    sheets.push({ name: sheet, range: `A1:${toA1(height - 1, cols - 1)}`, values, merges });
    tables.push({ sheet, after: t.after, firstRow, rows: grid.values.length, cols });
  });
  return { sheets, tables };
}

// ---------------------------------------------------------------------------

const MAIN_TYPES = new Set(['officeDocument']);

/** The main document part: the package's officeDocument relationship, else word/document.xml. */
function mainPart(pkg: XlsxPackage): string | null {
  for (const r of pkg.rels('')) if (MAIN_TYPES.has(relKind(r.type)) && !r.external && pkg.has(r.target)) return r.target;
  return pkg.has('word/document.xml') ? 'word/document.xml' : null;
}

/**
 * Reads a .docx file's bytes: its paragraphs and its tables as sheets. Throws
 * InputError with a Chinese message for an empty, old .doc, .wps, encrypted,
 * non-docx, damaged or too large file.
 */
export function readDocumentSync(input: Uint8Array | ArrayBuffer, opts: ReadDocumentOptions = {}): FileDocument {
  const bytes = toBytes(input);
  const name = opts.name;
  if (bytes.length === 0) throw docError('empty', name);
  if (bytes.length >= 8 && OLE.every((b, i) => bytes[i] === b)) throw docError(oleKind(bytes, name), name);
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) throw docError(/\.wps$/i.test(name ?? '') ? 'wps' : 'not-docx', name);
  let part = 'word/document.xml';
  try {
    const pkg = new XlsxPackage(bytes, opts.budget);
    const main = mainPart(pkg);
    if (!main) throw docError('not-docx', name, pkg.has('xl/workbook.xml') ? '这是 Excel 工作簿，不是 Word 文档：请把它作为附件表格文件校验' : undefined);
    part = main;
    const body = readXml<Body>((write) => pkg.streamText(main, write), main, bodyReader);
    if (body.root !== 'document') throw docError('not-docx', name, pkg.has('xl/workbook.xml') ? '这是 Excel 工作簿，不是 Word 文档：请把它作为附件表格文件校验' : undefined);
    const { sheets, tables } = toSheets(body);
    return { snapshot: { sheets }, paragraphs: body.paragraphs, tables, name };
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof ZipError) {
      if (e.kind === 'budget') throw docError('too-large', name, undefined, e);
      if (e.kind === 'encrypted') throw docError('encrypted', name, undefined, e);
      throw damagedPart(name, e.part, e);
    }
    if (e instanceof XmlError) throw damagedPart(name, e.part, e);
    (e as { part?: string }).part ??= part;
    throw e;
  }
}

export async function readDocument(input: Uint8Array | ArrayBuffer, opts: ReadDocumentOptions = {}): Promise<FileDocument> {
  return readDocumentSync(input, opts);
}

/** Whether bytes are a zip holding a Word document (for hosts that take either kind of file). */
export function isDocxBytes(input: Uint8Array | ArrayBuffer): boolean {
  const bytes = toBytes(input);
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) return false;
  try {
    const pkg = new XlsxPackage(bytes, 1 << 20);
    return mainPart(pkg) !== null && !pkg.has('xl/workbook.xml');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// The tables as a workbook (for hosts that work on workbooks: the web page opens a .docx this way)

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // eslint-disable-next-line no-control-regex
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/**
 * The document's tables as .xlsx bytes: one worksheet per table, the cells as text (as Word holds them),
 * the merged areas kept. Read back, it gives the document's snapshot.
 */
export function documentWorkbook(doc: FileDocument): Uint8Array {
  const enc = new TextEncoder();
  const sheets = doc.snapshot.sheets.length ? doc.snapshot.sheets : [{ name: '表格', range: 'A1', values: [['']], merges: [] }];
  const files: { name: string; data: Uint8Array }[] = [];
  const add = (name: string, xml: string) => files.push({ name, data: enc.encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`) });
  add('[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`);
  add('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  add('xl/workbook.xml', `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  add('xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`);
  sheets.forEach((s, i) => {
    const rows = s.values.map((r, ri) => {
      const cells = r.map((v, ci) => (v === '' || v === null ? '' : typeof v === 'number'
        ? `<c r="${toA1(ri, ci)}"><v>${v}</v></c>`
        : `<c r="${toA1(ri, ci)}" t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`)).join('');
      return cells ? `<row r="${ri + 1}">${cells}</row>` : '';
    }).join('');
    const merges = s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    add(`xl/worksheets/sheet${i + 1}.xml`, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`);
  });
  return writeZip(files);
}
