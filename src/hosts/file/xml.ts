/**
 * XML of the package's parts: a fast scanner for the plain XML Excel writes
 * (readXml, FastXml), streaming parse with saxes for everything else (no DTD
 * processing, so no entity expansion), and the few helpers the patcher needs.
 */
import { SaxesParser } from 'saxes';

/** A part whose XML is not well-formed. */
export class XmlError extends Error {
  constructor(readonly part: string, message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export type Attrs = Record<string, string>;

export interface XmlHandlers {
  open?: (name: string, attrs: Attrs, selfClosing: boolean) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
  /**
   * Fast scanner only: a whole plain cell <c r s? t?>(<v>v</v>)?</c> or <c …/>, its address parsed (0-based
   * row and column, within Excel's sheet), its style index (0 without `s`), type ('' without `t`) and value
   * (undefined without <v>). No substring is made but the value's. Returns false to get the usual events
   * instead; true when it did exactly what those events would have done.
   */
  cellAt?: (row: number, col: number, s: number, t: string, v: string | undefined) => boolean;
}

/** The name without its namespace prefix (x:c → c). */
export function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** An attribute by local name, whatever its prefix (r:id, id). Exact names win. */
export function attr(attrs: Attrs, name: string): string | undefined {
  const v = attrs[name];
  if (v !== undefined) return v;
  for (const k in attrs) if (local(k) === name && k.indexOf(':') >= 0 && !k.startsWith('xmlns')) return attrs[k];
  return undefined;
}

/**
 * Parses a part's XML, calling the handlers; throws XmlError naming the part.
 * `text` is the whole text, or a function that feeds it in chunks.
 */
export function parseXml(text: string | ((write: (chunk: string) => void) => void), part: string, h: XmlHandlers): void {
  const p = new SaxesParser({ xmlns: false, position: false });
  // The first error stops the parse (garbage input never runs on).
  p.on('error', (e) => { throw new XmlError(part, e.message); });
  if (h.open) {
    const open = h.open;
    p.on('opentag', (t) => open(t.name, t.attributes as Attrs, t.isSelfClosing));
  }
  if (h.close) {
    const close = h.close;
    p.on('closetag', (t) => close(t.name));
  }
  if (h.text) {
    p.on('text', h.text);
    p.on('cdata', h.text);
  }
  if (typeof text === 'string') p.write(text);
  else text((chunk) => { p.write(chunk); });
  p.close();
}

/** Text fed whole, or by a function that feeds it in chunks (and can be called again). */
export type XmlSource = string | ((write: (chunk: string) => void) => void);

/**
 * Reads a part with the fast scanner below; when the scanner meets anything
 * it does not fully understand, or a handler or the source throws, the part is
 * read again from the start with saxes, with fresh handlers from `start`, so
 * results and error messages are exactly saxes's.
 */
export function readXml<T>(source: XmlSource, part: string, start: () => { handlers: XmlHandlers; done: () => T }): T {
  const first = start();
  try {
    const sc = new FastXml(first.handlers);
    if (typeof source === 'string') sc.write(source);
    else source((chunk) => sc.write(chunk));
    sc.end();
    return first.done();
  } catch {
    // Read again with saxes: the same result, or the error as saxes gives it.
  }
  const again = start();
  parseXml(source, part, again.handlers);
  return again.done();
}

/** The fast scanner gives up; saxes reads the part. */
const BAIL = new Error('fast XML scanner: not handled');

/** Characters the scanner leaves to saxes: outside XML 1.0 chars, CR (saxes normalizes), and any surrogate. */
// eslint-disable-next-line no-control-regex
const ODD_CHAR = /[^\t\n\x20-\uD7FF\uE000-\uFFFD]/;
/** The usual XML declaration (UTF-8, version 1.0); any other prolog goes to saxes. */
const DECL = /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.0"|'1\.0')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[Uu][Tt][Ff]-8"|'[Uu][Tt][Ff]-8'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>$/;

/** Attribute values: with an entity (decoded), or with what saxes rejects or normalizes (bail). */
const ATTR_ODD = /[&<\t\n]/;
const ATTR_BAD = /[<\t\n]/;

/**
 * A whole plain cell: <c r="A1" s="2" t="s"><v>0</v></c>, or self-closing. Its
 * parts hold no entity, no '>' and no whitespace of note, so saxes would read it
 * the same.
 */
const CELL = /<c r="([A-Z]{1,3}[0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([a-z]{1,9})")?(?:(\/>)|>(?:<v>([^<&>]*)<\/v>)?<\/c>)/y;

/** A cell's type attribute as a constant string (no substring for the usual ones). */
function cellType(s: string, a: number, b: number): string {
  const c = s.charCodeAt(a);
  if (b - a === 1) return c === 115 ? 's' : c === 110 ? 'n' : c === 98 ? 'b' : c === 101 ? 'e' : s.slice(a, b);
  if (b - a === 3 && c === 115 && s.charCodeAt(a + 1) === 116 && s.charCodeAt(a + 2) === 114) return 'str';
  return s.slice(a, b);
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46;
}

function isXmlChar(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/** Decodes the five predefined entities and character references; anything else bails. */
function decodeXml(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const a = s.indexOf('&', i);
    if (a < 0) return i === 0 ? s : out + s.slice(i);
    const b = s.indexOf(';', a);
    if (b < 0) throw BAIL;
    const ent = s.slice(a + 1, b);
    let ch: string;
    switch (ent) {
      case 'amp': ch = '&'; break;
      case 'lt': ch = '<'; break;
      case 'gt': ch = '>'; break;
      case 'quot': ch = '"'; break;
      case 'apos': ch = "'"; break;
      default: {
        const hex = ent.charCodeAt(1) === 120;
        const digits = ent.slice(hex ? 2 : 1);
        if (ent.charCodeAt(0) !== 35 || !digits || digits.length > 8 || !(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) throw BAIL;
        const code = parseInt(digits, hex ? 16 : 10);
        if (!isXmlChar(code)) throw BAIL;
        ch = String.fromCodePoint(code);
      }
    }
    out += s.slice(i, a) + ch;
    i = b + 1;
  }
}

/**
 * A tight scanner for the XML our parts are made of: elements, attributes in
 * either quotes, text with the predefined entities and character references,
 * an optional usual declaration. It calls the handlers as saxes does (open,
 * then close at once for a self-closing tag; text inside the root, whole).
 * Comments, CDATA, processing instructions, DOCTYPE, non-ASCII names, unusual
 * characters and anything malformed throw BAIL (left to saxes).
 */
export class FastXml {
  private buf = '';
  private readonly stack: string[] = [];
  private atStart = true;
  private ended = false;
  constructor(private readonly h: XmlHandlers) {}

  write(chunk: string): void {
    if (ODD_CHAR.test(chunk)) throw BAIL;
    const s = this.buf ? this.buf + chunk : chunk;
    this.buf = s.slice(this.scan(s, false));
  }

  end(): void {
    const used = this.scan(this.buf, true);
    if (used !== this.buf.length || this.stack.length || !this.ended) throw BAIL;
    this.buf = '';
  }

  /**
   * A plain cell at `lt` read in place, as CELL matches it: `<c r="A1"( s="2")?( t="s")?/>` or with `>`, an
   * optional `<v>` without `<`, `&` or `>`, and `</c>`. Calls `at`; returns the index after the cell, or -1
   * when it is not such a cell, lies outside the sheet, runs past the text, or `at` declines it.
   */
  private plainCell(s: string, lt: number, at: NonNullable<XmlHandlers['cellAt']>): number {
    let j = lt + 3;
    if (s.charCodeAt(j) !== 114 || s.charCodeAt(j + 1) !== 61 || s.charCodeAt(j + 2) !== 34) return -1;
    j += 3;
    let col = 0;
    const c0 = j;
    for (let c = s.charCodeAt(j); c >= 65 && c <= 90 && j - c0 < 3; c = s.charCodeAt(++j)) col = col * 26 + c - 64;
    if (j === c0) return -1;
    let row = 0;
    const r0 = j;
    for (let c = s.charCodeAt(j); c >= 48 && c <= 57 && j - r0 < 7; c = s.charCodeAt(++j)) row = row * 10 + c - 48;
    if (j === r0 || s.charCodeAt(j) !== 34 || row < 1 || row > 1048576 || col > 16384) return -1;
    j++;
    let style = 0;
    if (s.charCodeAt(j) === 32 && s.charCodeAt(j + 1) === 115 && s.charCodeAt(j + 2) === 61 && s.charCodeAt(j + 3) === 34) {
      j += 4;
      const s0 = j;
      for (let c = s.charCodeAt(j); c >= 48 && c <= 57 && j - s0 < 9; c = s.charCodeAt(++j)) style = style * 10 + c - 48;
      if (j === s0 || s.charCodeAt(j) !== 34) return -1;
      j++;
    }
    let type = '';
    if (s.charCodeAt(j) === 32 && s.charCodeAt(j + 1) === 116 && s.charCodeAt(j + 2) === 61 && s.charCodeAt(j + 3) === 34) {
      j += 4;
      const t0 = j;
      for (let c = s.charCodeAt(j); c >= 97 && c <= 122 && j - t0 < 9; c = s.charCodeAt(++j));
      if (j === t0 || s.charCodeAt(j) !== 34) return -1;
      type = cellType(s, t0, j);
      j++;
    }
    let v: string | undefined;
    const c = s.charCodeAt(j);
    if (c === 47) {
      if (s.charCodeAt(j + 1) !== 62) return -1;
      j += 2;
    } else if (c === 62) {
      j++;
      if (s.charCodeAt(j) === 60 && s.charCodeAt(j + 1) === 118 && s.charCodeAt(j + 2) === 62) {
        const v0 = j + 3;
        const ve = s.indexOf('<', v0);
        if (ve < 0) return -1;
        for (let k = v0; k < ve; k++) { const x = s.charCodeAt(k); if (x === 38 || x === 62) return -1; }
        if (!s.startsWith('</v>', ve)) return -1;
        v = s.slice(v0, ve);
        j = ve + 4;
      }
      if (!s.startsWith('</c>', j)) return -1;
      j += 4;
    } else return -1;
    return at(row - 1, col - 1, style, type, v) ? j : -1;
  }

  /** Scans what it can; returns where the unfinished rest begins. */
  private scan(s: string, final: boolean): number {
    const n = s.length;
    const { stack, h } = this;
    let i = 0;
    if (this.atStart) {
      if (!n) return 0;
      if (s.charCodeAt(0) === 60 && s.charCodeAt(1) === 63) {
        const q = s.indexOf('?>');
        if (q < 0) { if (final) throw BAIL; return 0; }
        if (!DECL.test(s.slice(0, q + 2))) throw BAIL;
        i = q + 2;
      } else if (n < 2 && !final) return 0;
      this.atStart = false;
    }
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (!final) return i;
        for (let k = i; k < n; k++) if (!isWs(s.charCodeAt(k))) throw BAIL;
        if (i < n && h.text) h.text(s.slice(i));
        return n;
      }
      if (lt > i) {
        if (stack.length) {
          const t = s.slice(i, lt);
          if (t.indexOf(']]>') >= 0) throw BAIL;
          if (h.text) h.text(decodeXml(t));
        } else {
          // Whitespace outside the root: saxes reports it too.
          for (let k = i; k < lt; k++) if (!isWs(s.charCodeAt(k))) throw BAIL;
          if (h.text) h.text(s.slice(i, lt));
        }
        i = lt;
      }
      if (lt + 1 >= n) { if (final) throw BAIL; return lt; }
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 47) {
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) { if (final) throw BAIL; return lt; }
        let e = gt;
        while (e > lt + 2 && isWs(s.charCodeAt(e - 1))) e--;
        const top = stack.pop();
        if (top === undefined || top.length !== e - lt - 2 || !s.startsWith(top, lt + 2)) throw BAIL;
        if (h.close) h.close(top);
        if (!stack.length) this.ended = true;
        i = gt + 1;
        continue;
      }
      if (c1 === 99 && stack.length && s.charCodeAt(lt + 2) === 32) {
        if (h.cellAt) {
          const end = this.plainCell(s, lt, h.cellAt);
          if (end > 0) { i = end; continue; }
        }
        // The common worksheet cell, matched whole by one regular expression.
        CELL.lastIndex = lt;
        const m = CELL.exec(s);
        if (m) {
          const a: Attrs = { r: m[1] };
          if (m[2] !== undefined) a.s = m[2];
          if (m[3] !== undefined) a.t = m[3];
          const v = m[5];
          if (m[4] !== undefined) {
            if (h.open) h.open('c', a, true);
            if (h.close) h.close('c');
          } else {
            if (h.open) h.open('c', a, false);
            if (v !== undefined) {
              if (h.open) h.open('v', {}, false);
              if (v && h.text) h.text(v);
              if (h.close) h.close('v');
            }
            if (h.close) h.close('c');
          }
          i = CELL.lastIndex;
          continue;
        }
      }
      if (!isNameStart(c1) || this.ended) throw BAIL;
      let j = lt + 2;
      while (j < n && isNameChar(s.charCodeAt(j))) j++;
      if (j >= n) { if (final) throw BAIL; return lt; }
      const name = s.slice(lt + 1, j);
      // A plain object (faster than saxes's prototype-less one): names it inherits bail below.
      const attrs: Attrs = {};
      let selfClosing = false;
      for (;;) {
        const ws = j;
        while (j < n && isWs(s.charCodeAt(j))) j++;
        if (j >= n) { if (final) throw BAIL; return lt; }
        const c = s.charCodeAt(j);
        if (c === 62) { j++; break; }
        if (c === 47) {
          if (j + 1 >= n) { if (final) throw BAIL; return lt; }
          if (s.charCodeAt(j + 1) !== 62) throw BAIL;
          selfClosing = true;
          j += 2;
          break;
        }
        if (j === ws || !isNameStart(c)) throw BAIL;
        const a0 = j;
        while (j < n && isNameChar(s.charCodeAt(j))) j++;
        const an = s.slice(a0, j);
        while (j < n && isWs(s.charCodeAt(j))) j++;
        if (j >= n) { if (final) throw BAIL; return lt; }
        if (s.charCodeAt(j) !== 61) throw BAIL;
        j++;
        while (j < n && isWs(s.charCodeAt(j))) j++;
        if (j >= n) { if (final) throw BAIL; return lt; }
        const q = s.charCodeAt(j);
        if (q !== 34 && q !== 39) throw BAIL;
        const qe = s.indexOf(q === 34 ? '"' : "'", j + 1);
        if (qe < 0) { if (final) throw BAIL; return lt; }
        if (attrs[an] !== undefined || an === '__proto__') throw BAIL;
        const raw = s.slice(j + 1, qe);
        if (ATTR_ODD.test(raw)) {
          if (ATTR_BAD.test(raw)) throw BAIL;
          attrs[an] = decodeXml(raw);
        } else attrs[an] = raw;
        j = qe + 1;
      }
      if (h.open) h.open(name, attrs, selfClosing);
      if (selfClosing) {
        if (h.close) h.close(name);
        if (!stack.length) this.ended = true;
      } else stack.push(name);
      i = j;
    }
    return n;
  }
}

/** Escapes text for element content. */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes text for an attribute value in double quotes. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Encodes characters XML 1.0 cannot hold as Excel's _xHHHH_ escapes. */
export function excelEscape(s: string): string {
  return s.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m.slice(1)}`)
    // XML cannot hold these control characters: Excel's _xHHHH_ escape carries them (named on purpose).
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
