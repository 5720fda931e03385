/**
 * The zip container of an .xlsx package: the central directory read by hand
 * (a few fixed-layout records), each entry inflated by fflate's streaming
 * inflater under a size budget, and packages written back by fflate.
 *
 * Browser-safe: bytes in, bytes out, no Node API.
 */
import { Inflate, inflateSync, Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';

export interface ZipEntry {
  /** The entry's name as stored (no leading slash). */
  name: string;
  method: number;
  flags: number;
  /** Compressed and declared uncompressed sizes. */
  csize: number;
  usize: number;
  /** Offset of the local file header. */
  local: number;
  /** CRC-32 of the uncompressed data, as the central directory gives it. */
  crc: number;
}

/** Bytes inflated by this module since the process started (tests assert bounded work with it). */
export const inflateStats = { bytes: 0 };

/** Why a zip cannot be read: `budget` when it would unpack to more than allowed. */
export class ZipError extends Error {
  constructor(readonly kind: 'damaged' | 'budget' | 'encrypted', message: string, readonly part?: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

const utf8 = new TextDecoder('utf-8');

function need(b: Uint8Array, o: number, n: number, what: string): void {
  if (o < 0 || o + n > b.length) throw new ZipError('damaged', `zip ${what} out of bounds`);
}

/** The entries of the central directory, in stored order. Directory entries (names ending in /) are skipped. */
export function listZip(b: Uint8Array): ZipEntry[] {
  let e = b.length - 22;
  const stop = Math.max(0, b.length - 22 - 0xffff);
  while (e >= stop && u32(b, e) !== 0x06054b50) e--;
  if (e < stop) throw new ZipError('damaged', 'zip end of central directory not found');
  let count = u16(b, e + 10);
  let offset = u32(b, e + 16);
  if ((count === 0xffff || offset === 0xffffffff) && e >= 20 && u32(b, e - 20) === 0x07064b50) {
    const z = u64(b, e - 12);
    need(b, z, 56, 'zip64 directory');
    if (u32(b, z) !== 0x06064b50) throw new ZipError('damaged', 'zip64 end of central directory damaged');
    count = u64(b, z + 32);
    offset = u64(b, z + 48);
  }
  const out: ZipEntry[] = [];
  let o = offset;
  for (let i = 0; i < count; i++) {
    need(b, o, 46, 'central directory');
    if (u32(b, o) !== 0x02014b50) throw new ZipError('damaged', 'zip central directory damaged');
    const flags = u16(b, o + 8);
    const method = u16(b, o + 10);
    const crc = u32(b, o + 16);
    let csize = u32(b, o + 20);
    let usize = u32(b, o + 24);
    const nlen = u16(b, o + 28);
    const elen = u16(b, o + 30);
    const clen = u16(b, o + 32);
    let local = u32(b, o + 42);
    need(b, o + 46, nlen + elen + clen, 'central directory');
    const name = utf8.decode(b.subarray(o + 46, o + 46 + nlen));
    // Zip64 extra field: the 0xffffffff fields, in order.
    for (let x = o + 46 + nlen; x + 4 <= o + 46 + nlen + elen;) {
      const id = u16(b, x);
      const len = u16(b, x + 2);
      if (id === 1) {
        let p = x + 4;
        if (usize === 0xffffffff && p + 8 <= x + 4 + len) { usize = u64(b, p); p += 8; }
        if (csize === 0xffffffff && p + 8 <= x + 4 + len) { csize = u64(b, p); p += 8; }
        if (local === 0xffffffff && p + 8 <= x + 4 + len) { local = u64(b, p); p += 8; }
      }
      x += 4 + len;
    }
    o += 46 + nlen + elen + clen;
    if (name.endsWith('/')) continue;
    out.push({ name, method, flags, csize, usize, local, crc });
  }
  return out;
}

/** Where the entry's data starts (after its local header). */
function dataStart(b: Uint8Array, e: ZipEntry): number {
  need(b, e.local, 30, `local header of ${e.name}`);
  if (u32(b, e.local) !== 0x04034b50) throw new ZipError('damaged', `zip local header of ${e.name} damaged`, e.name);
  const start = e.local + 30 + u16(b, e.local + 26) + u16(b, e.local + 28);
  need(b, start, e.csize, `data of ${e.name}`);
  return start;
}

/** Entries up to this compressed size are inflated in one call. */
export const SMALL = 64 * 1024;

/**
 * Inflates raw deflate data whole, giving at most `limit` bytes (more is cut off, as fflate's `out` buffer
 * cuts it); set by the Node entry (node.ts) to node:zlib, which is native and needs no warm-up. Browsers
 * keep fflate.
 */
let nativeInflate: ((data: Uint8Array, limit: number) => Uint8Array) | null = null;
export function useNativeInflate(f: ((data: Uint8Array, limit: number) => Uint8Array) | null): void {
  nativeInflate = f;
}

/** A budget of uncompressed bytes shared by the entries of one package. */
export interface Budget { left: number }

/**
 * The entry's bytes. The declared size is checked against the budget before
 * anything is inflated, and the inflater stops as soon as the data runs past
 * the declared size, so a zip bomb costs at most the budget.
 */
export function unzipEntry(b: Uint8Array, e: ZipEntry, budget: Budget): Uint8Array {
  if (e.flags & 1) throw new ZipError('encrypted', `${e.name} is encrypted`, e.name);
  if (e.usize > budget.left) throw new ZipError('budget', `${e.name} unpacks past the size budget`, e.name);
  budget.left -= e.usize;
  const start = dataStart(b, e);
  const data = b.subarray(start, start + e.csize);
  if (e.method === 0) {
    if (e.csize !== e.usize) throw new ZipError('damaged', `stored entry ${e.name} has inconsistent sizes`, e.name);
    return data;
  }
  if (e.method !== 8) throw new ZipError('damaged', `${e.name} uses compression method ${e.method}`, e.name);
  if (data.length <= SMALL) {
    // Small entries in one call: at most ~1032 × 64 KB of output can come from 64 KB, so a lying size costs little.
    // One byte more than declared shows an entry that runs past its size.
    let out: Uint8Array;
    try {
      out = nativeInflate ? nativeInflate(data, e.usize + 1) : inflateSync(data, { out: new Uint8Array(e.usize + 1) });
    } catch (err) {
      throw new ZipError('damaged', `${e.name}: ${(err as Error).message}`, e.name);
    }
    inflateStats.bytes += out.length;
    if (out.length > e.usize) throw new ZipError('budget', `${e.name} unpacks past its declared size`, e.name);
    if (out.length !== e.usize) throw new ZipError('damaged', `${e.name} is shorter than declared`, e.name);
    return out;
  }
  const out = new Uint8Array(e.usize);
  let n = 0;
  let done = false;
  const inf = new Inflate((chunk, final) => {
    inflateStats.bytes += chunk.length;
    if (n + chunk.length > out.length) throw new ZipError('budget', `${e.name} unpacks past its declared size`, e.name);
    out.set(chunk, n);
    n += chunk.length;
    if (final) done = true;
  });
  const STEP = 1 << 16;
  try {
    for (let p = 0; p < data.length; p += STEP) inf.push(data.subarray(p, Math.min(p + STEP, data.length)), p + STEP >= data.length);
    if (data.length === 0) inf.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('damaged', `${e.name}: ${(err as Error).message}`, e.name);
  }
  if (!done && n !== e.usize) throw new ZipError('damaged', `${e.name} is truncated`, e.name);
  if (n !== e.usize) throw new ZipError('damaged', `${e.name} is shorter than declared`, e.name);
  return out;
}

/**
 * The entry's bytes in chunks, without holding the whole entry (large sheets
 * are parsed as they inflate). Same checks as unzipEntry.
 */
export function streamEntry(b: Uint8Array, e: ZipEntry, budget: Budget, onChunk: (chunk: Uint8Array) => void): void {
  if (e.flags & 1) throw new ZipError('encrypted', `${e.name} is encrypted`, e.name);
  if (e.method !== 8 || e.csize <= SMALL) { onChunk(unzipEntry(b, e, budget)); return; }
  if (e.usize > budget.left) throw new ZipError('budget', `${e.name} unpacks past the size budget`, e.name);
  budget.left -= e.usize;
  const start = dataStart(b, e);
  const data = b.subarray(start, start + e.csize);
  let n = 0;
  let done = false;
  let failure: unknown = null;
  const inf = new Inflate((chunk, final) => {
    inflateStats.bytes += chunk.length;
    if (n + chunk.length > e.usize) throw new ZipError('budget', `${e.name} unpacks past its declared size`, e.name);
    n += chunk.length;
    if (final) done = true;
    try { onChunk(chunk); } catch (err) { failure = failure ?? err; throw err; }
  });
  const STEP = 1 << 16;
  try {
    for (let p = 0; p < data.length; p += STEP) inf.push(data.subarray(p, Math.min(p + STEP, data.length)), p + STEP >= data.length);
  } catch (err) {
    if (failure) throw failure;
    if (err instanceof ZipError) throw err;
    throw new ZipError('damaged', `${e.name}: ${(err as Error).message}`, e.name);
  }
  if (!done || n !== e.usize) throw new ZipError('damaged', `${e.name} is shorter than declared`, e.name);
}

/** The compressed bytes of an entry as stored (no inflating). */
export function rawEntry(b: Uint8Array, e: ZipEntry): Uint8Array {
  const start = dataStart(b, e);
  return b.subarray(start, start + e.csize);
}

/** An entry of a zip being written: new data (compressed here), or an entry of another zip copied as stored. */
export type ZipOut = { name: string; data: Uint8Array } | { name: string; from: Uint8Array; entry: ZipEntry };

/**
 * Writes a zip of the given entries, in the given order. Copied entries keep their
 * compressed bytes, method and CRC: they are never inflated (a huge part costs its
 * compressed size, a damaged one is kept as it was).
 */
export function writeZip(entries: ZipOut[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => { if (err) failure = failure ?? err; else chunks.push(chunk); });
  for (const e of entries) {
    if ('data' in e) {
      const f = e.data.length < 64 ? new ZipPassThrough(e.name) : new ZipDeflate(e.name, { level: 6 });
      zip.add(f);
      f.push(e.data, true);
      continue;
    }
    const { entry, from } = e;
    if (entry.usize > 0xffffffff || entry.csize > 0xffffffff) throw new ZipError('budget', `${entry.name} is too large to copy`, entry.name);
    const data = rawEntry(from, entry);
    const file: ZipInputFile = { filename: e.name, size: entry.usize, crc: entry.crc, compression: entry.method };
    zip.add(file);
    file.ondata!(null, data as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw failure;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
