/**
 * fix is bounded like check (issue 20 item 2): parts it does not change are copied
 * as their original compressed bytes, never inflated; the parts it changes are read
 * under the same budget as check; a damaged part it never touches does not stop it.
 * Bounded behaviour is asserted by the bytes the zip layer inflates, not by timing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Zip, ZipDeflate, ZipPassThrough, unzipSync } from 'fflate';
import { listZip, inflateStats } from '../../../src/hosts/file/zip';
import { readWorkbook } from '../../../src/hosts/file/read';
import { runCli } from '../../support/cli';

const FIXTURE = fs.readFileSync(path.resolve(__dirname, '../../../../shared/fixtures/hongjiang-2024-miscalculated.xlsx'));
const MB = 1024 * 1024;

/** The fixture's parts, plus extra entries streamed in (a huge part never exists whole in memory). */
function build(extra: { name: string; chunks: () => Iterable<Uint8Array>; store?: boolean }[]): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => { if (err) throw err; out.push(chunk); });
  for (const [name, data] of Object.entries(unzipSync(FIXTURE))) {
    if (name.endsWith('/')) continue;
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(data, true);
  }
  for (const e of extra) {
    const f = e.store ? new ZipPassThrough(e.name) : new ZipDeflate(e.name, { level: 1 });
    zip.add(f);
    let last: Uint8Array | null = null;
    for (const c of e.chunks()) { if (last) f.push(last); last = c; }
    f.push(last ?? new Uint8Array(0), true);
  }
  zip.end();
  const n = out.reduce((a, c) => a + c.length, 0);
  const bytes = new Uint8Array(n);
  let o = 0;
  for (const c of out) { bytes.set(c, o); o += c.length; }
  return bytes;
}

function* zeros(total: number): Iterable<Uint8Array> {
  const chunk = new Uint8Array(MB);
  for (let i = 0; i < total; i += MB) yield chunk;
}

/** The raw (compressed) bytes of an entry. */
function raw(zip: Uint8Array, name: string): Buffer {
  const e = listZip(zip).find((x) => x.name === name)!;
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
  return b.subarray(start, start + e.csize);
}

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-bounded-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
jest.setTimeout(60_000);

async function fix(bytes: Uint8Array, name: string) {
  const input = path.join(dir, `${name}.xlsx`);
  const output = path.join(dir, `${name}-fixed.xlsx`);
  fs.writeFileSync(input, bytes);
  const before = inflateStats.bytes;
  const r = await runCli('fix', input, '-o', output);
  return { ...r, output, inflated: inflateStats.bytes - before, input: fs.readFileSync(input) };
}

test('an unreferenced 64 MB part (a huge ratio) is copied compressed: fix inflates about what check does', async () => {
  const bytes = build([{ name: 'xl/media/huge.bin', chunks: () => zeros(64 * MB) }]);
  expect(bytes.length).toBeLessThan(2 * MB);
  const input = path.join(dir, 'huge-check.xlsx');
  fs.writeFileSync(input, bytes);
  const c0 = inflateStats.bytes;
  expect((await runCli('check', input, '--json')).status).toBe(1);
  const checked = inflateStats.bytes - c0;
  const r = await fix(bytes, 'huge');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // check reads the workbook's parts once; fix reads the ones it patches again. Never the 64 MB.
  expect(checked).toBeLessThan(MB);
  expect(r.inflated).toBeLessThan(4 * checked + MB);
  const out = fs.readFileSync(r.output);
  expect(raw(out, 'xl/media/huge.bin').equals(raw(bytes, 'xl/media/huge.bin'))).toBe(true);
  const e = listZip(out).find((x) => x.name === 'xl/media/huge.bin')!;
  expect(e.usize).toBe(64 * MB);
  expect((await readWorkbook(out)).snapshot.sheets).toHaveLength(3);
});

test('a damaged part fix never touches (docProps/app.xml) does not stop it, and is copied as it was', async () => {
  const bytes = build([]);
  const b = Buffer.from(bytes);
  const e = listZip(bytes).find((x) => x.name === 'docProps/app.xml')!;
  const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
  // Stored entry turned into a deflate one with garbage data: unreadable, but fix never reads it.
  b.writeUInt16LE(8, e.local + 8);
  const cd = listZip(bytes).findIndex((x) => x.name === 'docProps/app.xml');
  let o = b.length - 22;
  while (b.readUInt32LE(o) !== 0x06054b50) o--;
  let p = b.readUInt32LE(o + 16);
  for (let i = 0; i < cd; i++) p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  b.writeUInt16LE(8, p + 10);
  b.fill(0xff, start, start + Math.min(16, e.csize));
  const r = await fix(b, 'damaged-app');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const out = fs.readFileSync(r.output);
  expect(raw(out, 'docProps/app.xml').equals(raw(b, 'docProps/app.xml'))).toBe(true);
  expect((await readWorkbook(out)).snapshot.sheets).toHaveLength(3);
});

test('the parts fix changes are read under the package budget, each part charged once', async () => {
  const { XlsxPackage } = await import('../../../src/hosts/file/package');
  const sheet = listZip(FIXTURE).find((x) => x.name === 'xl/worksheets/sheet1.xml')!;
  // A budget for the sheet once: read twice (as check streams it and fix reads it again), it is not charged twice.
  const pkg = new XlsxPackage(FIXTURE, sheet.usize + 10);
  let streamed = '';
  pkg.streamText('xl/worksheets/sheet1.xml', (t) => { streamed += t; });
  expect(pkg.text('xl/worksheets/sheet1.xml')).toBe(streamed);
  // Another part is past what is left.
  expect(() => pkg.text('xl/sharedStrings.xml')).toThrow(/budget/);
});
