/**
 * XML of the package's parts: streaming parse with saxes (no DTD processing,
 * so no entity expansion), and the few helpers the patcher needs.
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
