/**
 * An OPC package (the parts of an .xlsx zip) by part name: part names are
 * case-insensitive, relationship targets absolute or relative. Parts are
 * unpacked on first use under one size budget. Parts can be replaced or added;
 * `toBytes` writes every other part byte for byte as it was read.
 *
 * Browser-safe: no Node API.
 */
import { listZip, streamEntry, unzipEntry, writeZip, ZipError, SMALL, type Budget, type ZipEntry, type ZipOut } from './zip';
import { readXml, attr, local, type Attrs } from './xml';

/** Uncompressed bytes a package may unpack in all (zip bombs stop here). */
export const UNPACK_BUDGET = 256 * 1024 * 1024;

export interface Relationship {
  id: string;
  /** Type URI, e.g. http://…/relationships/worksheet. */
  type: string;
  /** Part name of the target (no leading slash), or the raw target when external. */
  target: string;
  external: boolean;
}

/** The last segment of a relationship type, e.g. "worksheet". */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against the part that holds the relationship. */
export function resolveTarget(source: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try { t = decodeURIComponent(t); } catch { /* keep it as written */ }
  t = t.replace(/[?#].*$/, '');
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

const encoder = new TextEncoder();

/**
 * The encoding of a part from its first bytes (XML 1.0 appendix F): a UTF-16 BOM, or `<?` in UTF-16
 * without one (a part declaring encoding="UTF-16"); UTF-8 otherwise.
 */
export function xmlEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  // Indexed, not destructured: destructuring a typed array runs its iterator (slow in a cold command).
  const a = head[0], b = head[1], c = head[2], d = head[3];
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0x3c && b === 0 && c === 0x3f && d === 0) return 'utf-16le';
  if (a === 0 && b === 0x3c && c === 0 && d === 0x3f) return 'utf-16be';
  return 'utf-8';
}

/** A TextDecoder (typed here: the command line's build has no DOM types). */
interface Decoder { decode(input?: Uint8Array, options?: { stream?: boolean }): string }
const decoders = new Map<string, Decoder>();
function decode(bytes: Uint8Array): string {
  const enc = xmlEncoding(bytes);
  let d = decoders.get(enc);
  if (!d) { d = new TextDecoder(enc); decoders.set(enc, d); }
  return d.decode(bytes);
}

/** XML text to store as UTF-8: an encoding declaration that says otherwise (UTF-16) is made to say UTF-8. */
function asUtf8Xml(text: string): string {
  return text.replace(/^(\uFEFF?<\?xml[^>]*?\sencoding\s*=\s*)(["'])(?!utf-8\2)[^"']*\2/i, '$1$2UTF-8$2');
}

export class XlsxPackage {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly changed = new Map<string, { name: string; data: Uint8Array }>();
  private readonly budget: Budget;
  /** Parts already read or streamed (charged to the budget, once). */
  private readonly streamed = new Set<string>();
  /** Parts taken out (lower-case keys). */
  private readonly removed = new Set<string>();

  constructor(readonly data: Uint8Array, budget = UNPACK_BUDGET) {
    this.budget = { left: budget };
    this.entries = listZip(data);
    for (const e of this.entries) {
      const key = e.name.replace(/^\/+/, '').toLowerCase();
      if (this.byName.has(key)) throw new ZipError('damaged', `duplicate part ${e.name}`, e.name);
      this.byName.set(key, e);
    }
  }

  /** The stored name of a part (its own case), or undefined when absent. */
  find(part: string): string | undefined {
    const key = part.replace(/^\/+/, '').toLowerCase();
    if (this.removed.has(key)) return undefined;
    const c = this.changed.get(key);
    if (c) return c.name;
    return this.byName.get(key)?.name.replace(/^\/+/, '');
  }

  has(part: string): boolean {
    return this.find(part) !== undefined;
  }

  /** Every part name (stored case), in zip order, then added parts. */
  names(): string[] {
    const out = this.entries.map((e) => e.name.replace(/^\/+/, '')).filter((n) => !this.removed.has(n.toLowerCase()));
    for (const [key, c] of this.changed) if (!this.byName.has(key)) out.push(c.name);
    return out;
  }

  /** The part's bytes. Throws ZipError when absent or damaged. */
  bytes(part: string): Uint8Array {
    const key = part.replace(/^\/+/, '').toLowerCase();
    const c = this.changed.get(key);
    if (c) return c.data;
    const e = this.removed.has(key) ? undefined : this.byName.get(key);
    if (!e) throw new ZipError('damaged', `missing part ${part}`, part);
    // A part read again (streamed by the reader, then read by the patcher) is charged to the budget once.
    if (this.streamed.has(key)) return unzipEntry(this.data, e, { left: e.usize });
    const left = this.budget.left;
    const bytes = unzipEntry(this.data, e, this.budget);
    if (this.budget.left !== left) this.streamed.add(key);
    return bytes;
  }

  /** The part's text: UTF-8, or UTF-16 (with a BOM or an encoding declaration) as the package format allows. */
  text(part: string): string {
    return decode(this.bytes(part));
  }

  /** The part's text in chunks, as it inflates (a large sheet is never held whole). */
  streamText(part: string, onText: (chunk: string) => void): void {
    const key = part.replace(/^\/+/, '').toLowerCase();
    const e = this.byName.get(key);
    // Small parts (inflated in one call anyway) are decoded in one call, with a shared decoder.
    if (this.changed.has(key) || !e || e.method !== 8 || e.csize <= SMALL) { onText(this.text(part)); return; }
    // The decoder is chosen by the part's first bytes (UTF-16 parts are read like UTF-8 ones).
    let dec: Decoder | null = null;
    let head: Uint8Array | null = null;
    const feed = (chunk: Uint8Array) => {
      if (!dec) {
        head = head ? concat(head, chunk) : chunk;
        if (head.length < 4) return;
        dec = new TextDecoder(xmlEncoding(head));
        chunk = head;
        head = null;
      }
      const t = dec.decode(chunk, { stream: true });
      if (t) onText(t);
    };
    // A part streamed again (the fast XML scanner gave it to saxes) is charged once.
    const again = this.streamed.has(key);
    const budget = again ? { left: e.usize } : this.budget;
    const left = budget.left;
    try {
      streamEntry(this.data, e, budget, feed);
    } finally {
      if (!again && budget.left !== left) this.streamed.add(key);
    }
    const rest = dec ? (dec as Decoder).decode() : head ? decode(head) : '';
    if (rest) onText(rest);
  }

  /** The relationships of a part; [] when it has none. */
  rels(part: string): Relationship[] {
    const relsPart = relsPartOf(this.find(part) ?? part);
    if (!this.has(relsPart)) return [];
    return readXml(this.text(relsPart), relsPart, () => {
      const out: Relationship[] = [];
      const open = (name: string, attrs: Attrs): void => {
        if (local(name) !== 'Relationship') return;
        const target = attr(attrs, 'Target') ?? '';
        const external = attr(attrs, 'TargetMode') === 'External';
        out.push({ id: attr(attrs, 'Id') ?? '', type: attr(attrs, 'Type') ?? '', target: external ? target : resolveTarget(part, target), external });
      };
      return { handlers: { open }, done: () => out };
    });
  }

  /** Replaces or adds a part (keeping the stored name's case when it exists). */
  set(part: string, content: string | Uint8Array): void {
    const key = part.replace(/^\/+/, '').toLowerCase();
    this.removed.delete(key);
    const name = this.find(part) ?? part.replace(/^\/+/, '');
    this.changed.set(key, { name, data: typeof content === 'string' ? encoder.encode(asUtf8Xml(content)) : content });
  }

  /** Takes a part out of the package (`toBytes` leaves it out). */
  remove(part: string): void {
    const key = part.replace(/^\/+/, '').toLowerCase();
    this.changed.delete(key);
    this.removed.add(key);
  }

  /** Whether the part was replaced or added. */
  isChanged(part: string): boolean {
    return this.changed.has(part.replace(/^\/+/, '').toLowerCase());
  }

  /** The package as zip bytes: the parts in their stored order, then the added ones. */
  toBytes(): Uint8Array {
    // Parts not changed are copied compressed, as stored: never inflated (nor charged to any budget).
    const out: ZipOut[] = [];
    for (const e of this.entries) {
      const key = e.name.replace(/^\/+/, '').toLowerCase();
      if (this.removed.has(key)) continue;
      const c = this.changed.get(key);
      const name = e.name.replace(/^\/+/, '');
      out.push(c ? { name, data: c.data } : { name, from: this.data, entry: e });
    }
    for (const [key, c] of this.changed) if (!this.byName.has(key)) out.push(c);
    return writeZip(out);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
