/**
 * Locating elements in a part's XML text for in-place edits: a tag scanner
 * that knows quoted attribute values, comments, CDATA and processing
 * instructions, so that an edit touches only the bytes it means to.
 */

export interface Tag {
  /** Local name (prefix dropped). */
  name: string;
  /** Name as written, with its prefix. */
  qname: string;
  close: boolean;
  selfClosing: boolean;
  start: number;
  end: number;
  /** Attribute text of a start tag (between the name and `>`). */
  attrs: string;
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** Every tag of the text from `from` to `to`, in order. */
export function* tags(xml: string, from = 0, to = xml.length): Generator<Tag> {
  TAG.lastIndex = from;
  const re = new RegExp(TAG.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    if (m[3] === undefined) continue;
    yield { name: m[3], qname: (m[2] ?? '') + m[3], close: m[1] === '/', selfClosing: m[5] === '/', start: m.index, end: m.index + m[0].length, attrs: m[4] ?? '' };
  }
}

/** An element: its start tag, and where it ends (after its end tag, or the start tag when self-closing). */
export interface Element {
  name: string;
  qname: string;
  start: number;
  /** End of the start tag. */
  openEnd: number;
  /** Start of the end tag (= openEnd when self-closing). */
  closeStart: number;
  end: number;
  attrs: string;
  selfClosing: boolean;
}

/** The direct children of the element whose content spans [from, to). */
export function children(xml: string, from: number, to: number): Element[] {
  const out: Element[] = [];
  let depth = 0;
  let cur: Element | null = null;
  for (const t of tags(xml, from, to)) {
    if (t.close) {
      depth--;
      if (depth === 0 && cur) { cur.closeStart = t.start; cur.end = t.end; out.push(cur); cur = null; }
      if (depth < 0) break;
      continue;
    }
    if (depth === 0) {
      if (t.selfClosing) out.push({ name: t.name, qname: t.qname, start: t.start, openEnd: t.end, closeStart: t.end, end: t.end, attrs: t.attrs, selfClosing: true });
      else { cur = { name: t.name, qname: t.qname, start: t.start, openEnd: t.end, closeStart: t.end, end: t.end, attrs: t.attrs, selfClosing: false }; depth = 1; }
    } else if (!t.selfClosing) depth++;
  }
  return out;
}

/** The root element of a part. */
export function root(xml: string): Element {
  const c = children(xml, 0, xml.length);
  const r = c[0];
  if (!r) throw new Error('no root element');
  return r;
}

/** The namespace prefix of an element's name, with its colon ("" when none). */
export function prefixOf(e: { qname: string }): string {
  const i = e.qname.indexOf(':');
  return i < 0 ? '' : e.qname.slice(0, i + 1);
}

/** An attribute's value in attribute text (entities decoded), or undefined. */
export function getAttr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  if (!m) return undefined;
  return (m[1] ?? m[2]).replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#(\d+);/g, (_x, d: string) => String.fromCharCode(Number(d))).replace(/&amp;/g, '&');
}

/** Attribute text with the attribute set (value already escaped), or removed when value is null. */
export function setAttr(attrs: string, name: string, value: string | null): string {
  const re = new RegExp(`(\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (re.test(attrs)) return value === null ? attrs.replace(re, '') : attrs.replace(re, `$1${name}="${value}"`);
  return value === null ? attrs : `${attrs} ${name}="${value}"`;
}

/** Applies edits (non-overlapping [start, end) → text) to a string. */
export function applyEdits(xml: string, edits: { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}
