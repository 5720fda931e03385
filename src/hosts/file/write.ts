/**
 * File host, writing side: patches the package read by read.ts in place and
 * serializes it. Only what a patch needs changes:
 *
 * - the patched cells (value; style index pointing to a new cellXfs entry
 *   cloned from the cell's own, with the mark's fill and border from
 *   src/core/mark-style.ts, or with a new number format);
 * - styles.xml (the fills, borders, number formats and cell formats added);
 * - the notes: the sheet's comments part and its legacy VML drawing (created,
 *   with their relationships and content types, when absent). The user's note
 *   text is kept whatever its XML form; ours is a run of its own after it;
 * - workbook.xml's calcPr (Excel recalculates on open) when values change.
 *
 * Every other part is written byte for byte as read. Running again replaces
 * the marks and notes of an earlier run: our cell formats carry the index of
 * the format they were cloned from (an extLst entry), our notes start with
 * NOTE_PREFIX. The 校验结果 sheet's formats reuse an identical font and cell
 * format already in styles.xml (one an earlier export added), so exporting
 * again does not grow it.
 *
 * Browser-safe: no Node API.
 */
import type { Patch, Mark } from '../../core/patch';
import type { Severity } from '../../core/report';
import type { ResultRow } from '../host';
import { MARK_STYLE, markLook, type MarkLook } from '../../core/mark-style';
import { columnName } from '../../core/address';
import { RESULT_COLUMNS, WRAPPED_COLUMN, resultTexts, resultWidths } from '../results';
import { cellAddress, refreshSheets, readSheet, readContext, type FileWorkbook } from './read';
import { relKind, relsPartOf } from './package';
import { escapeAttr, escapeText, excelEscape, XmlError } from './xml';
import { ZipError } from './zip';
import { applyEdits, children, getAttr, prefixOf, root, setAttr, tags, type Element } from './xmledit';

/** Prefix of the note text the tool adds to a marked cell. */
export const NOTE_PREFIX = '【自评表校验助手】';
/** Author of the notes the tool adds. */
export const NOTE_AUTHOR = '自评表校验助手';

/** A mark look as one attribute value, e.g. FFC7CE-C00000-medium. */
const lookId = (l: MarkLook) => `${l.fill.slice(1)}-${l.border.slice(1)}-${l.line}`;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/** Fill colours (ARGB) of marks: the cell of a finding, and a cell only related to one (from mark-style.ts). */
export const MARK_FILLS: Record<Severity, { cell: string; related: string }> = {
  error: { cell: argb(MARK_STYLE.error.own.fill), related: argb(MARK_STYLE.error.related.fill) },
  warning: { cell: argb(MARK_STYLE.warning.own.fill), related: argb(MARK_STYLE.warning.related.fill) },
  info: { cell: argb(MARK_STYLE.info.own.fill), related: argb(MARK_STYLE.info.related.fill) },
};

/** A patch that cannot be applied (nothing has been changed when it is thrown). */
export class PatchError extends Error {
  readonly code: 'sheet' | 'formula' | 'merged' | 'part';
  constructor(code: PatchError['code'], message: string) {
    super(message);
    this.name = 'PatchError';
    this.code = code;
  }
}

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
};
const CT = {
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};
/** Marks the cell formats this tool adds; `base` is the format it was cloned from. */
const MARK_EXT_URI = '{5B0E5C1A-7F3D-4E59-9C1E-53454C464556}';
const MARK_EXT_NS = 'urn:selfeval:mark';

// ---------------------------------------------------------------------------
// Small helpers

function sheetOf(fw: FileWorkbook, name: string) {
  const i = fw.sheets.findIndex((s) => s.name === name);
  if (i < 0) throw new PatchError('sheet', `无法写入：找不到工作表“${name}”`);
  return { index: i, sheet: fw.sheets[i] };
}

/** A part name relative to the folder of `from` (for relationship targets). */
function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i].toLowerCase() === b[i].toLowerCase()) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** A part name not yet in the package: xl/comments1.xml, xl/comments2.xml, … */
export function freePart(fw: FileWorkbook, pattern: (n: number) => string): string {
  for (let n = 1; ; n++) if (!fw.pkg.has(pattern(n))) return pattern(n);
}

/** Adds a relationship to the part's relationships part (created when absent); returns its id. */
export function addRel(fw: FileWorkbook, source: string, type: string, target: string): string {
  const relsPart = fw.pkg.find(relsPartOf(source)) ?? relsPartOf(source);
  const existing = fw.pkg.has(relsPart) ? fw.pkg.text(relsPart) : null;
  const ids = new Set(existing ? [...existing.matchAll(/\bId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]) : []);
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relativeTarget(source, target))}"/>`;
  if (existing === null) {
    fw.pkg.set(relsPart, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`);
  } else {
    const r = root(existing);
    fw.pkg.set(relsPart, r.selfClosing
      ? applyEdits(existing, [{ start: r.start, end: r.end, text: `${existing.slice(r.start, r.openEnd - 2)}>${rel}</${r.qname}>` }])
      : applyEdits(existing, [{ start: r.closeStart, end: r.closeStart, text: rel }]));
  }
  return id;
}

/** Registers a content type for a new part (an Override; a Default for an extension when asked). */
export function addContentType(fw: FileWorkbook, part: string, type: string, byExtension = false): void {
  const ctPart = fw.pkg.find('[Content_Types].xml') ?? '[Content_Types].xml';
  const xml = fw.pkg.text(ctPart);
  const ext = part.slice(part.lastIndexOf('.') + 1);
  if (byExtension) {
    if (new RegExp(`<(\\w+:)?Default\\b[^>]*Extension\\s*=\\s*["']${ext}["']`, 'i').test(xml)) return;
  } else if (new RegExp(`PartName\\s*=\\s*["']/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`, 'i').test(xml)) return;
  const r = root(xml);
  const p = prefixOf(r);
  const entry = byExtension
    ? `<${p}Default Extension="${ext}" ContentType="${type}"/>`
    : `<${p}Override PartName="/${escapeAttr(part)}" ContentType="${type}"/>`;
  fw.pkg.set(ctPart, applyEdits(xml, [{ start: r.closeStart, end: r.closeStart, text: entry }]));
}

/** The prefix (with colon) bound to the relationships namespace on the root element, or null. */
function relPrefix(rootAttrs: string): string | null {
  const m = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${NS.rel.replace(/[./]/g, '\\$&')}["']`).exec(rootAttrs);
  return m ? `${m[1]}:` : null;
}

// ---------------------------------------------------------------------------
// Styles

class StylesEditor {
  readonly part: string;
  private xml: string;
  private readonly prefix: string;
  private readonly xfs: Element[];
  private readonly xfsElement: Element;
  private readonly numFmtElement: Element | undefined;
  private readonly customFmts = new Map<string, number>();
  private nextFmtId = 164;
  private fillCount: number;
  private borderCount: number;
  private readonly added = { fills: [] as string[], borders: [] as string[], xfs: [] as string[], numFmts: [] as string[] };
  private readonly made = new Map<string, number>();
  private readonly fillsElement: Element;
  private readonly bordersElement: Element;
  private readonly fontsElement: Element | undefined;
  private readonly fontCount: number;
  private readonly addedFonts: string[] = [];
  /** Our cell formats → the format each was cloned from. */
  readonly markBase = new Map<number, number>();

  constructor(private readonly fw: FileWorkbook) {
    this.part = stylesPart(fw);
    this.xml = fw.pkg.text(this.part);
    const r = root(this.xml);
    this.prefix = prefixOf(r);
    let kids = children(this.xml, r.openEnd, r.closeStart);
    // Make sure numFmts, fills, borders and cellXfs exist (a minimal styles part may lack some).
    const want = ['fills', 'borders', 'cellXfs'];
    const missing = want.filter((n) => !kids.some((k) => k.name === n));
    if (missing.length) {
      const order = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs'];
      const edits = missing.map((n) => {
        const after = kids.filter((k) => order.indexOf(k.name) >= 0 && order.indexOf(k.name) < order.indexOf(n)).pop();
        const body = n === 'fills'
          ? `<${this.prefix}fill><${this.prefix}patternFill patternType="none"/></${this.prefix}fill><${this.prefix}fill><${this.prefix}patternFill patternType="gray125"/></${this.prefix}fill>`
          : n === 'borders' ? `<${this.prefix}border/>` : `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;
        const at = after ? after.end : r.openEnd;
        return { start: at, end: at, text: `<${this.prefix}${n} count="${n === 'fills' ? 2 : 1}">${body}</${this.prefix}${n}>` };
      });
      this.xml = applyEdits(this.xml, edits);
      const r2 = root(this.xml);
      kids = children(this.xml, r2.openEnd, r2.closeStart);
    }
    const get = (n: string) => kids.find((k) => k.name === n)!;
    this.fillsElement = get('fills');
    this.bordersElement = get('borders');
    this.xfsElement = get('cellXfs');
    this.numFmtElement = kids.find((k) => k.name === 'numFmts');
    this.fontsElement = kids.find((k) => k.name === 'fonts');
    this.fontCount = !this.fontsElement || this.fontsElement.selfClosing ? 0 : children(this.xml, this.fontsElement.openEnd, this.fontsElement.closeStart).length;
    this.fillCount = this.fillsElement.selfClosing ? 0 : children(this.xml, this.fillsElement.openEnd, this.fillsElement.closeStart).length;
    this.borderCount = this.bordersElement.selfClosing ? 0 : children(this.xml, this.bordersElement.openEnd, this.bordersElement.closeStart).length;
    this.xfs = this.xfsElement.selfClosing ? [] : children(this.xml, this.xfsElement.openEnd, this.xfsElement.closeStart);
    if (this.numFmtElement && !this.numFmtElement.selfClosing) {
      for (const f of children(this.xml, this.numFmtElement.openEnd, this.numFmtElement.closeStart)) {
        const id = Number(getAttr(f.attrs, 'numFmtId'));
        const code = getAttr(f.attrs, 'formatCode') ?? '';
        if (!this.customFmts.has(code)) this.customFmts.set(code, id);
        if (id >= this.nextFmtId) this.nextFmtId = id + 1;
      }
    }
    this.xfs.forEach((xf, i) => {
      const body = this.xml.slice(xf.start, xf.end);
      if (body.indexOf(MARK_EXT_NS) < 0) return;
      const ours = body.slice(body.indexOf(MARK_EXT_NS));
      const m = /\bbase="(\d+)"/.exec(ours);
      if (!m) return;
      this.markBase.set(i, Number(m[1]));
      const look = /\blook="([^"]*)"/.exec(ours);
      if (look) this.made.set(`${m[1]}|look|${look[1]}`, i);
    });
  }

  get count(): number {
    return this.xfs.length + this.added.xfs.length;
  }

  /** The cellXfs entry as XML (an added one or one of the part's). */
  private xfXml(i: number): string {
    if (i < this.xfs.length) return this.xml.slice(this.xfs[i].start, this.xfs[i].end);
    return this.added.xfs[i - this.xfs.length] ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;
  }

  /** The format a cell format stands for without our mark. */
  unmarked(xf: number): number {
    return this.markBase.get(xf) ?? xf;
  }

  private numFmtId(code: string): number {
    const builtin: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49 };
    if (builtin[code] !== undefined) return builtin[code];
    const known = this.customFmts.get(code);
    if (known !== undefined) return known;
    const id = this.nextFmtId++;
    this.customFmts.set(code, id);
    this.added.numFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** The index of a cell format like `xf` with the number format and/or the mark's look (reused when made before, also by an earlier run). */
  xfFor(xf: number, numFmt: string | undefined, look: MarkLook | undefined): number {
    // An index out of range (s="-1", s="99999") is the default style, as Excel reads it.
    const base = this.unmarked(Number.isInteger(xf) && xf >= 0 && xf < this.count ? xf : 0);
    let from = base;
    if (numFmt !== undefined) {
      const key = `${base}|fmt|${numFmt}`;
      const done = this.made.get(key);
      if (done !== undefined) from = done;
      else {
        const id = this.numFmtId(numFmt);
        const src = this.xfXml(base);
        if (Number(getAttr(src, 'numFmtId') ?? 0) !== id) from = this.add(this.withAttrs(src, { numFmtId: String(id), applyNumberFormat: '1' }));
        this.made.set(key, from);
      }
    }
    if (!look) return from;
    const lookKey = lookId(look);
    const key = `${from}|look|${lookKey}`;
    const done = this.made.get(key);
    if (done !== undefined) return done;
    const fillId = this.fillCount + this.added.fills.length;
    const p = this.prefix;
    this.added.fills.push(`<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(look.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
    const borderId = this.borderCount + this.added.borders.length;
    const side = (n: string) => `<${p}${n} style="${look.line}"><${p}color rgb="${argb(look.border)}"/></${p}${n}>`;
    this.added.borders.push(`<${p}border>${side('left')}${side('right')}${side('top')}${side('bottom')}<${p}diagonal/></${p}border>`);
    let x = this.withAttrs(this.xfXml(from), { fillId: String(fillId), borderId: String(borderId), applyFill: '1', applyBorder: '1' });
    const ext = `<${p}ext uri="${MARK_EXT_URI}" xmlns:se="${MARK_EXT_NS}"><se:mark base="${from}" look="${lookKey}"/></${p}ext>`;
    if (/\/>\s*$/.test(x) && !/<\/[^>]*xf>\s*$/.test(x)) x = x.replace(/\s*\/>\s*$/, `><${p}extLst>${ext}</${p}extLst></${p}xf>`);
    else if (/<(\w+:)?extLst\b/.test(x)) x = x.replace(/<\/((\w+:)?)extLst>/, `${ext}</$1extLst>`);
    else x = x.replace(/<\/((\w+:)?)xf>\s*$/, `<${p}extLst>${ext}</${p}extLst></$1xf>`);
    const i = this.add(x);
    this.markBase.set(i, from);
    this.made.set(key, i);
    return i;
  }

  /**
   * A plain cell format for a sheet we make (校验结果): the default font, bold
   * when asked (a copy of font 0 with <b/>), top-aligned, wrapped when asked.
   * A font or cell format the part already has with the same meaning (one an
   * earlier export added, or the user's own) is reused, so exporting again
   * leaves styles.xml as it is.
   */
  plainXf(opts: { bold?: boolean; wrap?: boolean }): number {
    const key = `plain|${opts.bold ? 'b' : ''}|${opts.wrap ? 'w' : ''}`;
    const done = this.made.get(key);
    if (done !== undefined) return done;
    const p = this.prefix;
    let fontId = 0;
    if (opts.bold && this.fontsElement && this.fontCount > 0) {
      const fonts = children(this.xml, this.fontsElement.openEnd, this.fontsElement.closeStart);
      const first = fonts[0];
      const font = this.xml.slice(first.start, first.end);
      const bold = /\/>\s*$/.test(font) && !/<\/[^>]*font>\s*$/.test(font)
        ? font.replace(/\s*\/>\s*$/, `><${p}b/></${first.qname}>`)
        : font.replace(/^(<[^>]*>)/, `$1<${p}b/>`);
      const want = styleKey(bold);
      const had = fonts.findIndex((f) => styleKey(this.xml, f) === want);
      const added = this.addedFonts.findIndex((f) => styleKey(f) === want);
      if (had >= 0) fontId = had;
      else if (added >= 0) fontId = this.fontCount + added;
      else {
        fontId = this.fontCount + this.addedFonts.length;
        this.addedFonts.push(bold);
      }
    }
    const xf = `<${p}xf numFmtId="0" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fontId ? ' applyFont="1"' : ''} applyAlignment="1"><${p}alignment vertical="top"${opts.wrap ? ' wrapText="1"' : ''}/></${p}xf>`;
    const want = styleKey(xf);
    const had = this.xfs.findIndex((x) => styleKey(this.xml, x) === want);
    const i = had >= 0 ? had : this.add(xf);
    this.made.set(key, i);
    return i;
  }

  private withAttrs(xf: string, set: Record<string, string>): string {
    const m = /^<([\w.:-]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xf)!;
    let attrs = m[2];
    for (const [k, v] of Object.entries(set)) attrs = setAttr(attrs, k, v);
    return `<${m[1]}${attrs}${m[3] ? '/' : ''}>${xf.slice(m[0].length)}`;
  }

  private add(xml: string): number {
    this.added.xfs.push(xml);
    return this.count - 1;
  }

  /** Writes the styles part back when something was added. */
  finish(): void {
    const a = this.added;
    if (!a.xfs.length && !a.numFmts.length) return;
    const p = this.prefix;
    const edits: { start: number; end: number; text: string }[] = [];
    const append = (e: Element, items: string[], total: number) => {
      if (!items.length) return;
      const attrs = setAttr(e.attrs, 'count', String(total));
      edits.push({ start: e.start, end: e.openEnd, text: `<${e.qname}${attrs}>` });
      edits.push({ start: e.selfClosing ? e.openEnd : e.closeStart, end: e.selfClosing ? e.openEnd : e.closeStart, text: items.join('') + (e.selfClosing ? `</${e.qname}>` : '') });
    };
    if (a.numFmts.length) {
      if (this.numFmtElement) append(this.numFmtElement, a.numFmts, this.customFmts.size);
      else {
        const r = root(this.xml);
        edits.push({ start: r.openEnd, end: r.openEnd, text: `<${p}numFmts count="${a.numFmts.length}">${a.numFmts.join('')}</${p}numFmts>` });
      }
    }
    if (this.fontsElement) append(this.fontsElement, this.addedFonts, this.fontCount + this.addedFonts.length);
    append(this.fillsElement, a.fills, this.fillCount + a.fills.length);
    append(this.bordersElement, a.borders, this.borderCount + a.borders.length);
    append(this.xfsElement, a.xfs, this.count);
    this.fw.pkg.set(this.part, applyEdits(this.xml, edits));
  }
}

/**
 * What a style element (a font, a cell format) means, independent of how it
 * is written: attribute order, quotes, spacing, namespace prefixes, the order
 * of a font's children, ids that default to 0 and apply flags set to 1 (other
 * writers, exceljs or Excel itself saving the file, write the same format
 * differently). Two elements with the same key look the same.
 */
function styleKey(xml: string, e?: Element): string {
  const el = e ?? children(xml, 0, xml.length)[0];
  return el ? keyOf(xml, el, true) : '';
}

function keyOf(xml: string, e: Element, top: boolean): string {
  const attrs = new Map<string, string>();
  for (const m of e.attrs.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1].replace(/^.*:/, '');
    if (m[1].startsWith('xmlns')) continue;
    const v = m[2] ?? m[3];
    if (top && /^apply/.test(name) && (v === '1' || v === 'true')) continue;
    attrs.set(name, v === 'true' ? '1' : v === 'false' ? '0' : v);
  }
  if (top && e.name === 'xf') for (const k of ['numFmtId', 'fontId', 'fillId', 'borderId', 'xfId']) if (!attrs.has(k)) attrs.set(k, '0');
  const kids = e.selfClosing ? [] : children(xml, e.openEnd, e.closeStart).map((k) => keyOf(xml, k, false)).sort();
  return `${e.name}(${[...attrs].map(([k, v]) => `${k}=${v}`).sort().join(',')})[${kids.join(';')}]`;
}

function stylesPart(fw: FileWorkbook): string {
  const rel = fw.pkg.rels(fw.workbookPart).find((r) => relKind(r.type) === 'styles' && !r.external);
  if (rel && fw.pkg.has(rel.target)) return fw.pkg.find(rel.target)!;
  // A workbook without styles: add a minimal styles part.
  const part = freePart(fw, (n) => (n === 1 ? 'xl/styles.xml' : `xl/styles${n}.xml`));
  fw.pkg.set(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`);
  addRel(fw, fw.workbookPart, NS.styles, part);
  addContentType(fw, part, CT.styles);
  return part;
}

// ---------------------------------------------------------------------------
// Cells in a sheet's XML

/** What to do to one cell. */
export interface CellChange {
  row: number;
  col: number;
  /** New value: a number, text, or null to clear it; undefined keeps the value. */
  value?: number | string | null;
  numberFormat?: string;
  /** The mark's look; undefined: no mark (an earlier mark of ours is taken off). */
  look?: MarkLook;
  /** The cell's whole XML to put back (undo); '' removes the cell. Wins over everything else. */
  restore?: string;
}

interface SheetXml {
  xml: string;
  root: Element;
  kids: Element[];
  sheetData: Element;
}

function sheetXml(xml: string): SheetXml {
  const r = root(xml);
  const kids = children(xml, r.openEnd, r.closeStart);
  const sheetData = kids.find((k) => k.name === 'sheetData');
  if (!sheetData) throw new Error('worksheet without sheetData');
  return { xml, root: r, kids, sheetData };
}

interface RowAt { el: Element; row: number }
interface CellAt { el: Element; col: number }

function rowsOf(s: SheetXml): RowAt[] {
  const sd = s.sheetData;
  if (sd.selfClosing) return [];
  let row = -1;
  return children(s.xml, sd.openEnd, sd.closeStart).filter((e) => e.name === 'row').map((el) => {
    const r = getAttr(el.attrs, 'r');
    row = r ? Number(r) - 1 : row + 1;
    return { el, row };
  });
}

function cellsOf(xml: string, row: Element): CellAt[] {
  if (row.selfClosing) return [];
  let col = -1;
  return children(xml, row.openEnd, row.closeStart).filter((e) => e.name === 'c').map((el) => {
    const r = getAttr(el.attrs, 'r');
    const p = r ? cellAddress(r) : null;
    col = p ? p.col : col + 1;
    return { el, col };
  });
}

function numberText(v: number): string {
  return Number.isFinite(v) ? String(v) : '0';
}

/** The new XML of a cell. */
function cellXml(xml: string, existing: Element | null, qname: string, a1: string, ch: CellChange, styleOf: (xf: number) => number): string {
  const p = qname.indexOf(':') >= 0 ? qname.slice(0, qname.indexOf(':') + 1) : '';
  let attrs = existing ? existing.attrs : ` r="${a1}"`;
  const xf = Number(getAttr(attrs, 's') ?? 0) || 0;
  const s = styleOf(xf);
  attrs = setAttr(attrs, 's', s ? String(s) : null);
  let content = existing && !existing.selfClosing ? xml.slice(existing.openEnd, existing.closeStart) : '';
  if (ch.value !== undefined) {
    for (const a of ['t', 'vm', 'cm']) attrs = setAttr(attrs, a, null);
    if (ch.value === null) content = '';
    else if (typeof ch.value === 'number') content = `<${p}v>${numberText(ch.value)}</${p}v>`;
    else {
      attrs = setAttr(attrs, 't', 'inlineStr');
      content = `<${p}is><${p}t xml:space="preserve">${escapeText(excelEscape(ch.value))}</${p}t></${p}is>`;
    }
  }
  return content ? `<${qname}${attrs}>${content}</${qname}>` : `<${qname}${attrs}/>`;
}

/**
 * Applies cell changes to a sheet's XML; `styleOf(row, col, xf)` gives a
 * cell's new format index. Cells and rows are created where missing, in order.
 */
function patchSheetXml(xml: string, changes: Map<number, CellChange>, styleOf: (ch: CellChange, xf: number) => number, unmark: (xf: number) => number | null): string {
  const s = sheetXml(xml);
  const p = prefixOf(s.sheetData);
  const byRow = new Map<number, CellChange[]>();
  for (const ch of changes.values()) {
    if (!byRow.has(ch.row)) byRow.set(ch.row, []);
    byRow.get(ch.row)!.push(ch);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const rows = rowsOf(s);
  const rowIndex = new Map(rows.map((r) => [r.row, r]));
  // Cells of ours no patch marks any more: their format goes back to the one they were cloned from.
  const scanAll = unmark(-1) !== null;
  for (const r of rows) {
    const want = byRow.get(r.row);
    if (!want && !scanAll) continue;
    const cells = cellsOf(s.xml, r.el);
    const byCol = new Map(cells.map((c) => [c.col, c]));
    const inserts: { col: number; text: string }[] = [];
    for (const ch of want ?? []) {
      const a1 = `${columnName(ch.col)}${ch.row + 1}`;
      const at = byCol.get(ch.col);
      if (ch.restore !== undefined) {
        if (at) edits.push({ start: at.el.start, end: at.el.end, text: ch.restore });
        else if (ch.restore) inserts.push({ col: ch.col, text: ch.restore });
        continue;
      }
      const text = cellXml(s.xml, at ? at.el : null, at ? at.el.qname : `${p}c`, a1, ch, (xf) => styleOf(ch, xf));
      if (at) edits.push({ start: at.el.start, end: at.el.end, text });
      else inserts.push({ col: ch.col, text });
    }
    if (scanAll) {
      for (const c of cells) {
        if (want?.some((ch) => ch.col === c.col)) continue;
        const xf = Number(getAttr(c.el.attrs, 's') ?? 0) || 0;
        const base = unmark(xf);
        if (base === null || base === xf) continue;
        edits.push({ start: c.el.start, end: c.el.openEnd, text: `<${c.el.qname}${setAttr(c.el.attrs, 's', base ? String(base) : null)}${c.el.selfClosing ? '/' : ''}>` });
      }
    }
    if (inserts.length) {
      inserts.sort((a, b) => a.col - b.col);
      if (r.el.selfClosing) {
        edits.push({ start: r.el.start, end: r.el.end, text: `<${r.el.qname}${r.el.attrs}>${inserts.map((i) => i.text).join('')}</${r.el.qname}>` });
      } else {
        for (const ins of inserts) {
          const next = cells.find((c) => c.col > ins.col);
          const at = next ? next.el.start : r.el.closeStart;
          edits.push({ start: at, end: at, text: ins.text });
        }
      }
    }
  }
  // Rows that do not exist yet.
  const newRows = [...byRow.keys()].filter((r) => !rowIndex.has(r)).sort((a, b) => a - b);
  const rowText = (row: number) => {
    const cells = byRow.get(row)!.filter((ch) => ch.restore !== '').sort((a, b) => a.col - b.col);
    const inner = cells.map((ch) => ch.restore ?? cellXml(s.xml, null, `${p}c`, `${columnName(ch.col)}${row + 1}`, ch, (xf) => styleOf(ch, xf))).join('');
    return `<${p}row r="${row + 1}">${inner}</${p}row>`;
  };
  const sd = s.sheetData;
  if (sd.selfClosing) {
    if (newRows.length) edits.push({ start: sd.start, end: sd.end, text: `<${sd.qname}${sd.attrs}>${newRows.map(rowText).join('')}</${sd.qname}>` });
  } else {
    for (const row of newRows) {
      const next = rows.find((r) => r.row > row);
      const at = next ? next.el.start : sd.closeStart;
      edits.push({ start: at, end: at, text: rowText(row) });
    }
  }
  return applyEdits(s.xml, edits);
}

// ---------------------------------------------------------------------------
// Notes

interface NoteChange { row: number; col: number; message: string | null }

const VML_HEAD = '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>';
const VML_SHAPETYPE = '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlShape(id: number, row: number, col: number): string {
  return `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:90pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + 5}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;
}

function decodeXmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
}

/** The inner XML of a note's <text> without our section; '' when only ours was there. */
function userNoteXml(xml: string, text: Element): string {
  if (text.selfClosing) return '';
  const kids = children(xml, text.openEnd, text.closeStart);
  const keep: string[] = [];
  const cut = (t: Element): string | null => {
    // A <t> element: its text up to our prefix; null when the prefix starts it.
    const body = decodeXmlText(xml.slice(t.openEnd, t.closeStart));
    const i = body.indexOf(NOTE_PREFIX);
    if (i < 0) return xml.slice(t.start, t.end);
    const rest = body.slice(0, i).replace(/\s+$/, '');
    if (!rest) return null;
    return `<${t.qname} xml:space="preserve">${escapeText(rest)}</${t.qname}>`;
  };
  let ended = false;
  for (const k of kids) {
    if (ended) break;
    if (k.name === 't') {
      const t = cut(k);
      if (t === null) { ended = true; continue; }
      keep.push(t);
      if (t !== xml.slice(k.start, k.end)) ended = true;
    } else if (k.name === 'r') {
      const parts = children(xml, k.openEnd, k.closeStart);
      const t = parts.find((x) => x.name === 't');
      if (!t || t.selfClosing) { keep.push(xml.slice(k.start, k.end)); continue; }
      const nt = cut(t);
      if (nt === null) { ended = true; continue; }
      if (nt === xml.slice(t.start, t.end)) keep.push(xml.slice(k.start, k.end));
      else { keep.push(xml.slice(k.start, t.start) + nt + xml.slice(t.end, k.end)); ended = true; }
    } else keep.push(xml.slice(k.start, k.end));
  }
  // Nothing but whitespace left of the user's note: it was ours only.
  const plain = keep.join('').replace(/<[^>]+>/g, '');
  return decodeXmlText(plain).trim() ? keep.join('') : '';
}

function patchNotes(fw: FileWorkbook, sheetPart: string, notes: NoteChange[]): void {
  if (!notes.length) return;
  const rels = fw.pkg.rels(sheetPart);
  const cRel = rels.find((r) => relKind(r.type) === 'comments' && !r.external && fw.pkg.has(r.target));
  const vRel = rels.find((r) => relKind(r.type) === 'vmlDrawing' && !r.external && fw.pkg.has(r.target));
  const wanted = notes.filter((n) => n.message !== null);
  if (!cRel && !wanted.length) return;
  // The comments part.
  let cPart: string;
  let cXml: string;
  if (cRel) {
    cPart = fw.pkg.find(cRel.target)!;
    cXml = fw.pkg.text(cPart);
  } else {
    cPart = freePart(fw, (n) => `xl/comments${n}.xml`);
    cXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS.main}"><authors><author>${NOTE_AUTHOR}</author></authors><commentList></commentList></comments>`;
    addRel(fw, sheetPart, NS.comments, cPart);
    addContentType(fw, cPart, CT.comments);
  }
  const r = root(cXml);
  const p = prefixOf(r);
  const kids = children(cXml, r.openEnd, r.closeStart);
  const edits: { start: number; end: number; text: string }[] = [];
  // Our author.
  let authorsEl = kids.find((k) => k.name === 'authors');
  const authors = authorsEl && !authorsEl.selfClosing ? children(cXml, authorsEl.openEnd, authorsEl.closeStart).map((a) => decodeXmlText(cXml.slice(a.openEnd, a.closeStart))) : [];
  let authorId = authors.indexOf(NOTE_AUTHOR);
  if (authorId < 0 && wanted.length) {
    authorId = authors.length;
    if (authorsEl && !authorsEl.selfClosing) edits.push({ start: authorsEl.closeStart, end: authorsEl.closeStart, text: `<${p}author>${NOTE_AUTHOR}</${p}author>` });
    else if (authorsEl) edits.push({ start: authorsEl.start, end: authorsEl.end, text: `<${p}authors><${p}author>${NOTE_AUTHOR}</${p}author></${p}authors>` });
    else edits.push({ start: r.openEnd, end: r.openEnd, text: `<${p}authors><${p}author>${NOTE_AUTHOR}</${p}author></${p}authors>` });
    authorsEl = authorsEl ?? undefined;
  }
  const listEl = kids.find((k) => k.name === 'commentList');
  const existing = new Map<string, Element>();
  if (listEl && !listEl.selfClosing) {
    for (const c of children(cXml, listEl.openEnd, listEl.closeStart)) {
      const ref = getAttr(c.attrs, 'ref');
      const pos = ref ? cellAddress(ref.split(':')[0]) : null;
      if (pos) existing.set(`${pos.row},${pos.col}`, c);
    }
  }
  const added: string[] = [];
  const newShapes: { row: number; col: number }[] = [];
  const goneShapes: { row: number; col: number }[] = [];
  const ourRun = (text: string) => `<${p}r><${p}rPr><${p}b/><${p}sz val="9"/></${p}rPr><${p}t xml:space="preserve">${escapeText(excelEscape(text))}</${p}t></${p}r>`;
  for (const n of notes) {
    const c = existing.get(`${n.row},${n.col}`);
    const ours = n.message === null ? null : `${NOTE_PREFIX}${n.message}`;
    if (c) {
      const textEl = c.selfClosing ? undefined : children(cXml, c.openEnd, c.closeStart).find((k) => k.name === 'text');
      const user = textEl ? userNoteXml(cXml, textEl) : '';
      const had = textEl ? cXml.slice(textEl.openEnd, textEl.closeStart) : '';
      if (ours === null && user === had) continue; // no note of ours there
      if (ours === null && !user) {
        edits.push({ start: c.start, end: c.end, text: '' });
        goneShapes.push(n);
        continue;
      }
      const inner = user + (ours === null ? '' : ourRun(user ? `\n\n${ours}` : ours));
      if (textEl) edits.push({ start: textEl.openEnd, end: textEl.closeStart, text: inner });
      else edits.push({ start: c.start, end: c.end, text: `<${c.qname}${c.attrs.replace(/\s*$/, '')}><${p}text>${inner}</${p}text></${c.qname}>` });
    } else if (ours !== null) {
      added.push(`<${p}comment ref="${columnName(n.col)}${n.row + 1}" authorId="${authorId}"><${p}text>${ourRun(ours)}</${p}text></${p}comment>`);
      newShapes.push(n);
    }
  }
  if (added.length) {
    if (listEl && !listEl.selfClosing) edits.push({ start: listEl.closeStart, end: listEl.closeStart, text: added.join('') });
    else if (listEl) edits.push({ start: listEl.start, end: listEl.end, text: `<${p}commentList>${added.join('')}</${p}commentList>` });
    else edits.push({ start: r.closeStart, end: r.closeStart, text: `<${p}commentList>${added.join('')}</${p}commentList>` });
  }
  if (!edits.length) return;
  fw.pkg.set(cPart, applyEdits(cXml, edits));
  patchVml(fw, sheetPart, vRel?.target, newShapes, goneShapes);
}

/** Adds and removes the note shapes of the sheet's VML drawing (created with its legacyDrawing when absent). */
function patchVml(fw: FileWorkbook, sheetPart: string, vmlTarget: string | undefined, add: { row: number; col: number }[], remove: { row: number; col: number }[]): void {
  if (!add.length && !remove.length) return;
  let part: string;
  let xml: string;
  if (vmlTarget) {
    part = fw.pkg.find(vmlTarget)!;
    xml = fw.pkg.text(part);
  } else {
    if (!add.length) return;
    part = freePart(fw, (n) => `xl/drawings/vmlDrawing${n}.vml`);
    xml = `${VML_HEAD}${VML_SHAPETYPE}</xml>`;
    const id = addRel(fw, sheetPart, NS.vml, part);
    addContentType(fw, part, CT.vml, true);
    // <legacyDrawing r:id> in the sheet, where the schema puts it.
    const sx = fw.pkg.text(sheetPart);
    const s = sheetXml(sx);
    const after = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
    const next = s.kids.find((k) => after.includes(k.name));
    const rp = relPrefix(s.root.attrs);
    const el = rp ? `<${prefixOf(s.sheetData)}legacyDrawing ${rp}id="${id}"/>` : `<${prefixOf(s.sheetData)}legacyDrawing xmlns:r="${NS.rel}" r:id="${id}"/>`;
    const at = next ? next.start : s.root.closeStart;
    fw.pkg.set(sheetPart, applyEdits(sx, [{ start: at, end: at, text: el }]));
  }
  const edits: { start: number; end: number; text: string }[] = [];
  if (remove.length) {
    const gone = new Set(remove.map((n) => `${n.row},${n.col}`));
    for (const m of xml.matchAll(/<v:shape\b[\s\S]*?<\/v:shape>/g)) {
      const body = m[0];
      if (!/ObjectType\s*=\s*["']Note["']/.test(body)) continue;
      const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(body);
      const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(body);
      if (row && col && gone.has(`${row[1]},${col[1]}`)) edits.push({ start: m.index!, end: m.index! + body.length, text: '' });
    }
  }
  if (add.length) {
    let id = 1024;
    for (const m of xml.matchAll(/_x0000_s(\d+)/g)) id = Math.max(id, Number(m[1]));
    const shapes = add.map((n) => vmlShape(++id, n.row, n.col)).join('');
    const type = /id\s*=\s*["']_x0000_t202["']/.test(xml) ? '' : VML_SHAPETYPE;
    const end = xml.lastIndexOf('</xml>');
    const at = end < 0 ? xml.length : end;
    edits.push({ start: at, end: at, text: type + shapes });
  }
  fw.pkg.set(part, applyEdits(xml, edits));
}

// ---------------------------------------------------------------------------
// Patches

/** Existing notes of ours on a sheet (cells whose note has our prefix), to take off when no longer marked. */
function ourNotes(fw: FileWorkbook, sheetPart: string): { row: number; col: number }[] {
  const rel = fw.pkg.rels(sheetPart).find((r) => relKind(r.type) === 'comments' && !r.external && fw.pkg.has(r.target));
  if (!rel) return [];
  const xml = fw.pkg.text(rel.target);
  if (xml.indexOf(NOTE_PREFIX) < 0) return [];
  const out: { row: number; col: number }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?comment\b[^>]*?\bref\s*=\s*["']([A-Z]+\d+)[^"']*["'][^>]*>([\s\S]*?)<\/(?:\w+:)?comment>/g)) {
    if (m[2].indexOf(NOTE_PREFIX) < 0) continue;
    const p = cellAddress(m[1]);
    if (p) out.push(p);
  }
  return out;
}

export interface ApplyOptions {
  /** Take off marks and notes of an earlier run that this patch does not repeat (default true). */
  replaceMarks?: boolean;
}

/**
 * Writes the patch into the package: each value into its cell (keeping or
 * setting the number format), the mark's fill, border and note on each marked
 * cell. Checks the whole patch first, so nothing is written when it throws: a
 * value aimed at a formula cell, a merged cell other than the top-left one, or
 * a missing sheet. Updates `fw.snapshot` for the sheets whose values changed.
 */
export function applyPatch(fw: FileWorkbook, patch: Patch, opts: ApplyOptions = {}): void {
  guard(fw, () => patchPackage(fw, patch, opts));
}

/** Errors of the package (a part missing or not well-formed) as PatchErrors naming the part. */
function guard<T>(fw: FileWorkbook, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const part = (e as { part?: string }).part;
    if (e instanceof ZipError || e instanceof XmlError) {
      throw new PatchError('part', `无法写入 ${fw.name ?? '工作簿'}：部件 ${part ?? ''} 缺失或已损坏，请在 Excel 中打开并另存后再试`);
    }
    throw e;
  }
}

function patchPackage(fw: FileWorkbook, patch: Patch, opts: ApplyOptions): void {
  const replace = opts.replaceMarks !== false;
  for (const w of patch.values) {
    const { index, sheet } = sheetOf(fw, w.sheet);
    const pos = cellAddress(w.cell);
    if (!pos) throw new PatchError('sheet', `无法写入 ${w.sheet}!${w.cell}：单元格地址无效`);
    const snap = fw.snapshot.sheets[index];
    const top = cellAddress(snap.range.split(':')[0])!;
    const f = snap.formulas?.[pos.row - top.row]?.[pos.col - top.col];
    if (typeof f === 'string' && f.startsWith('=')) {
      throw new PatchError('formula', `不能写入 ${w.sheet}!${w.cell}：该单元格含公式，工具不改写公式`);
    }
    if (sheet.merges.some((m) => pos.row >= m.top && pos.row <= m.bottom && pos.col >= m.left && pos.col <= m.right && (pos.row !== m.top || pos.col !== m.left))) {
      throw new PatchError('merged', `不能写入 ${w.sheet}!${w.cell}：它在合并单元格内，不是左上角单元格`);
    }
  }
  for (const m of patch.marks) sheetOf(fw, m.sheet);
  const changes = new Map<string, Map<number, CellChange>>();
  const notes = new Map<string, Map<number, NoteChange>>();
  const key = (r: number, c: number) => r * 16384 + c;
  const changeAt = (sheet: string, row: number, col: number) => {
    if (!changes.has(sheet)) changes.set(sheet, new Map());
    const m = changes.get(sheet)!;
    let ch = m.get(key(row, col));
    if (!ch) { ch = { row, col }; m.set(key(row, col), ch); }
    return ch;
  };
  for (const w of patch.values) {
    const p = cellAddress(w.cell)!;
    const ch = changeAt(w.sheet, p.row, p.col);
    ch.value = w.value;
    if (w.numberFormat) ch.numberFormat = w.numberFormat;
  }
  for (const m of patch.marks as Mark[]) {
    const p = cellAddress(m.cell);
    if (!p) continue;
    changeAt(m.sheet, p.row, p.col).look = markLook(m.severity, m.related);
    if (!notes.has(m.sheet)) notes.set(m.sheet, new Map());
    notes.get(m.sheet)!.set(key(p.row, p.col), { row: p.row, col: p.col, message: m.message });
  }
  if (replace) {
    for (const s of fw.sheets) {
      for (const n of ourNotes(fw, s.part)) {
        if (!notes.has(s.name)) notes.set(s.name, new Map());
        const m = notes.get(s.name)!;
        if (!m.has(key(n.row, n.col))) m.set(key(n.row, n.col), { ...n, message: null });
      }
    }
  }
  const styles = new StylesEditor(fw);
  const unmarkAll = replace && styles.markBase.size > 0;
  const sheetsToPatch = new Set([...changes.keys(), ...(unmarkAll ? fw.sheets.map((s) => s.name) : [])]);
  for (const name of sheetsToPatch) {
    const { sheet } = sheetOf(fw, name);
    const xml = fw.pkg.text(sheet.part);
    const next = patchSheetXml(xml, changes.get(name) ?? new Map(),
      (ch, xf) => (ch.look || ch.numberFormat !== undefined || styles.markBase.has(xf) ? styles.xfFor(xf, ch.numberFormat, ch.look) : xf),
      (xf) => (!unmarkAll ? null : xf < 0 ? 0 : styles.markBase.has(xf) ? styles.unmarked(xf) : xf));
    if (next !== xml) fw.pkg.set(sheet.part, next);
  }
  for (const [name, m] of notes) patchNotes(fw, sheetOf(fw, name).sheet.part, [...m.values()]);
  styles.finish();
  const touched = new Set(patch.values.map((v) => v.sheet));
  if (touched.size) {
    fullCalcOnLoad(fw);
    refreshSheets(fw, touched);
  }
}

/** Sets calcPr fullCalcOnLoad="1": formulas depending on new values are recalculated when Excel opens the file. */
function fullCalcOnLoad(fw: FileWorkbook): void {
  const xml = fw.pkg.text(fw.workbookPart);
  const r = root(xml);
  const kids = children(xml, r.openEnd, r.closeStart);
  const calc = kids.find((k) => k.name === 'calcPr');
  if (calc) {
    if (getAttr(calc.attrs, 'fullCalcOnLoad') === '1') return;
    fw.pkg.set(fw.workbookPart, applyEdits(xml, [{ start: calc.start, end: calc.openEnd, text: `<${calc.qname}${setAttr(calc.attrs, 'fullCalcOnLoad', '1')}${calc.selfClosing ? '/' : ''}>` }]));
    return;
  }
  const before = ['sheets', 'functionGroups', 'externalReferences', 'definedNames'];
  const after = kids.filter((k) => before.includes(k.name)).pop();
  const at = after ? after.end : r.closeStart;
  fw.pkg.set(fw.workbookPart, applyEdits(xml, [{ start: at, end: at, text: `<${prefixOf(r)}calcPr fullCalcOnLoad="1"/>` }]));
}

/**
 * Low-level cell writes (the browser demo's edits and undo): values, number
 * formats, or a cell's earlier XML put back. Refreshes the sheet's snapshot.
 * Marks already in the file stay.
 */
export function setCells(fw: FileWorkbook, sheet: string, changes: CellChange[]): void {
  const { sheet: part } = sheetOf(fw, sheet);
  const styles = changes.some((c) => c.numberFormat !== undefined) ? new StylesEditor(fw) : null;
  const map = new Map(changes.map((c) => [c.row * 16384 + c.col, c]));
  const xml = fw.pkg.text(part.part);
  fw.pkg.set(part.part, patchSheetXml(xml, map, (ch, xf) => (styles && ch.numberFormat !== undefined ? styles.xfFor(xf, ch.numberFormat, undefined) : xf), () => null));
  styles?.finish();
  if (changes.some((c) => c.value !== undefined || c.restore !== undefined)) fullCalcOnLoad(fw);
  refreshSheets(fw, [sheet]);
}

/** The cell's XML as it is now ('' when the cell is not in the file), for an undo. */
export function getCellXml(fw: FileWorkbook, sheet: string, row: number, col: number): string {
  const { sheet: part } = sheetOf(fw, sheet);
  const xml = fw.pkg.text(part.part);
  const r = rowsOf(sheetXml(xml)).find((x) => x.row === row);
  if (!r) return '';
  const c = cellsOf(xml, r.el).find((x) => x.col === col);
  return c ? xml.slice(c.el.start, c.el.end) : '';
}

// ---------------------------------------------------------------------------
// A sheet of results

/** A cell of an appended sheet: text, a number, or text linking to a cell of the workbook. */
export type ResultCell = string | number | null | { text: string; link: { sheet: string; cell: string } };

/** Title (A1) of the results sheet: how a later run recognizes its own sheet. */
export const RESULTS_TITLE = `${NOTE_PREFIX}校验结果`;

/** The rows of the 校验结果 sheet for `appendSheet`: a header, then one row per finding with its cell as a link. */
export function resultCells(rows: ResultRow[]): ResultCell[][] {
  const body: ResultCell[][] = resultTexts(rows).map((r, i) => (rows[i] ? r.map((v, c) => (c === 1 ? { text: v, link: rows[i].ref } : v)) : r));
  return [[...RESULT_COLUMNS], ...body];
}

/** Widths (characters) of the 校验结果 sheet's columns that fit what `rows` hold. */
export function resultSheetWidths(rows: ResultRow[]): number[] {
  return resultWidths(resultTexts(rows));
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Adds a worksheet after the others (e.g. 校验结果) holding plain rows, with
 * internal hyperlinks for linked cells (`location="'附件2'!E17"`). The first
 * row is RESULTS_TITLE; a sheet of that name made by an earlier run is
 * replaced, another sheet of that name is left alone (the new one gets "(2)").
 */
export function appendSheet(fw: FileWorkbook, name: string, rows: ResultCell[][], widths?: number[]): void {
  guard(fw, () => appendSheetTo(fw, name, rows, widths));
}

function appendSheetTo(fw: FileWorkbook, name: string, rows: ResultCell[][], widths?: number[]): void {
  const all: ResultCell[][] = [[RESULTS_TITLE], ...rows];
  let sheetName = name;
  let part: string | undefined;
  for (let n = 2; ; n++) {
    const i = fw.sheets.findIndex((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (i < 0) break;
    if (fw.snapshot.sheets[i].values[0]?.[0] === RESULTS_TITLE) { part = fw.sheets[i].part; sheetName = fw.sheets[i].name; break; }
    sheetName = `${name} (${n})`;
  }
  const links: string[] = [];
  // Readable on screen and on paper: the title and the header bold, every cell top-aligned, the 问题 column wrapped.
  const styles = new StylesEditor(fw);
  const bold = styles.plainXf({ bold: true });
  const top = styles.plainXf({});
  const wrap = styles.plainXf({ wrap: true });
  styles.finish();
  const styleOf = (r: number, c: number) => (r < 2 ? bold : c === WRAPPED_COLUMN ? wrap : top);
  const rowXml = all.map((row, r) => {
    const cells = row.map((v, c) => {
      const a1 = `${columnName(c)}${r + 1}`;
      const st = ` s="${styleOf(r, c)}"`;
      if (v === null || v === '') return `<c r="${a1}"${st}/>`;
      if (typeof v === 'number') return `<c r="${a1}"${st}><v>${numberText(v)}</v></c>`;
      const text = typeof v === 'string' ? v : v.text;
      if (typeof v !== 'string') links.push(`<hyperlink ref="${a1}" location="${escapeAttr(`${quoteSheet(v.link.sheet)}!${v.link.cell}`)}" display="${escapeAttr(text)}"/>`);
      return `<c r="${a1}"${st} t="inlineStr"><is><t xml:space="preserve">${escapeText(excelEscape(text))}</t></is></c>`;
    }).join('');
    return `<row r="${r + 1}">${cells}</row>`;
  }).join('');
  const widest = Math.max(1, ...all.map((r) => r.length));
  const cols = Array.from({ length: widest }, (_, c) => `<col min="${c + 1}" max="${c + 1}" width="${widths?.[c] ?? (c === widest - 1 ? 80 : 16)}" customWidth="1"/>`).join('');
  // Print-friendly: the title and the header row stay in view (frozen) and print on every page, landscape A4,
  // one page wide with gridlines.
  const frozen = Math.min(all.length, 2);
  const view = `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`;
  const print = '<printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    + '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>${view}<cols>${cols}</cols><sheetData>${rowXml}</sheetData>${links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : ''}${print}</worksheet>`;
  if (part) {
    fw.pkg.set(part, xml);
    refreshSheets(fw, [sheetName]);
    return;
  }
  part = freePart(fw, (n) => `xl/worksheets/sheet${n}.xml`);
  fw.pkg.set(part, xml);
  addContentType(fw, part, CT.worksheet);
  const id = addRel(fw, fw.workbookPart, NS.worksheet, part);
  const wb = fw.pkg.text(fw.workbookPart);
  const r = root(wb);
  const sheets = children(wb, r.openEnd, r.closeStart).find((k) => k.name === 'sheets');
  if (!sheets) throw new PatchError('part', `无法写入：${fw.workbookPart} 中没有工作表列表`);
  const ids = [...wb.matchAll(/\bsheetId\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  const rp = relPrefix(r.attrs);
  const p = prefixOf(sheets);
  const el = `<${p}sheet name="${escapeAttr(sheetName)}" sheetId="${Math.max(0, ...ids) + 1}" ${rp ? `${rp}id` : `xmlns:r="${NS.rel}" r:id`}="${id}"/>`;
  fw.pkg.set(fw.workbookPart, applyEdits(wb, sheets.selfClosing
    ? [{ start: sheets.start, end: sheets.end, text: `<${sheets.qname}${sheets.attrs}>${el}</${sheets.qname}>` }]
    : [{ start: sheets.closeStart, end: sheets.closeStart, text: el }]));
  const sp = { name: sheetName, part, merges: [] };
  fw.sheets.push(sp);
  fw.snapshot.sheets = [...fw.snapshot.sheets, readSheet(fw, sp, readContext(fw))];
}

/**
 * Takes this tool's 校验结果 sheet (its A1 holds RESULTS_TITLE) out of the workbook, for a copy without the
 * tool's traces: its entry in the workbook part, its relationship, its content type and its part. Only when it
 * is the last sheet (where appendSheet puts it), has no relationships of its own and no defined name is local
 * to it, so no other sheet's index and nothing the user made moves; otherwise it stays. Returns its name when
 * taken out, null when there was none, and false when one stays.
 */
export function removeResultsSheet(fw: FileWorkbook): string | null | false {
  const i = fw.snapshot.sheets.findIndex((s) => s.values[0]?.[0] === RESULTS_TITLE);
  if (i < 0) return null;
  return guard(fw, () => removeSheetAt(fw, i));
}

function removeSheetAt(fw: FileWorkbook, i: number): string | false {
  const sheet = fw.sheets[i];
  if (i !== fw.sheets.length - 1 || fw.sheets.length < 2 || fw.pkg.has(relsPartOf(sheet.part))) return false;
  const wb = fw.pkg.text(fw.workbookPart);
  const r = root(wb);
  const top = children(wb, r.openEnd, r.closeStart);
  const sheets = top.find((k) => k.name === 'sheets');
  if (!sheets) return false;
  // Chart sheets are listed too: the last entry must be this sheet, and a defined name local to it (by its
  // index among all of them) keeps it.
  const listed = children(wb, sheets.openEnd, sheets.closeStart).filter((k) => k.name === 'sheet');
  const entry = listed[listed.length - 1];
  if (!entry || getAttr(entry.attrs, 'name') !== sheet.name) return false;
  const names = top.find((k) => k.name === 'definedNames');
  if (names && children(wb, names.openEnd, names.closeStart).some((d) => getAttr(d.attrs, 'localSheetId') === String(listed.length - 1))) return false;
  const rid = [...entry.attrs.matchAll(/(?:^|\s)(?:[\w.-]+:)?id\s*=\s*(["'])([^"']*)\1/g)].map((m) => m[2])[0];
  const relsPart = fw.pkg.find(relsPartOf(fw.workbookPart));
  if (!rid || !relsPart) return false;
  const rels = fw.pkg.text(relsPart);
  const rr = root(rels);
  const rel = children(rels, rr.openEnd, rr.closeStart).find((k) => k.name === 'Relationship' && getAttr(k.attrs, 'Id') === rid);
  if (!rel) return false;
  const edits: { start: number; end: number; text: string }[] = [{ start: entry.start, end: entry.end, text: '' }];
  // The active and first visible tab must stay within the sheets that remain.
  const views = top.find((k) => k.name === 'bookViews');
  if (views) {
    for (const v of children(wb, views.openEnd, views.closeStart)) {
      let attrs = v.attrs;
      for (const a of ['activeTab', 'firstSheet']) if (Number(getAttr(attrs, a) ?? 0) >= listed.length - 1) attrs = setAttr(attrs, a, '0');
      if (attrs !== v.attrs) edits.push({ start: v.start, end: v.openEnd, text: `${wb.slice(v.start, v.openEnd).replace(v.attrs, attrs)}` });
    }
  }
  fw.pkg.set(fw.workbookPart, applyEdits(wb, edits.sort((a, b) => a.start - b.start)));
  fw.pkg.set(relsPart, applyEdits(rels, [{ start: rel.start, end: rel.end, text: '' }]));
  const ctPart = fw.pkg.find('[Content_Types].xml');
  if (ctPart) {
    const ct = fw.pkg.text(ctPart);
    const cr = root(ct);
    const over = children(ct, cr.openEnd, cr.closeStart).find((k) => k.name === 'Override' && (getAttr(k.attrs, 'PartName') ?? '').replace(/^\/+/, '').toLowerCase() === sheet.part.toLowerCase());
    if (over) fw.pkg.set(ctPart, applyEdits(ct, [{ start: over.start, end: over.end, text: '' }]));
  }
  fw.pkg.remove(sheet.part);
  fw.sheets.splice(i, 1);
  fw.snapshot.sheets = fw.snapshot.sheets.filter((_, k) => k !== i);
  return sheet.name;
}

/** Serializes the package to .xlsx bytes: unchanged parts as read, patched parts as patched. */
export async function writeWorkbook(fw: FileWorkbook): Promise<Uint8Array> {
  // Unchanged parts are copied compressed; one whose zip header is damaged is named, never an internal error.
  return guard(fw, () => fw.pkg.toBytes());
}

/** Lists every tag name of a part (tests use it to compare parts). */
export function tagNames(xml: string): string[] {
  return [...tags(xml)].map((t) => t.qname);
}
