/**
 * Deterministic fuzz test: a few hundred mutations of the sample workbook
 * (byte flips, truncations, removed, renamed and duplicated entries, malformed
 * XML, huge dimensions, cells and merges, zip bombs), and the classes that found
 * defects in issue 20: number cells whose text is no whole number, style indexes
 * out of range, UTF-16 parts, a damaged part fix never touches, an unreferenced
 * part of a huge ratio, formula-like sheet names and labels. Every run of `check`
 * (and of `fix` on some, on every one of the issue-20 classes) exits 0, 1 or 2 with
 * at most one line on stderr (exactly one when it exits 2), no stack trace, valid
 * JSON, never hanging; a workbook `fix` writes reopens.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8, type Unzipped } from 'fflate';
import { main, type Io } from '../../src/cli/main';
import { readWorkbook } from '../../src/hosts/file/read';
import { rng } from '../../scripts/rng';

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../samples/hongjiang-2024.xlsx'));
/**
 * Per run: a bound against a hang or an exponential blow-up only, wide enough for a
 * loaded 2-core machine. Speed and memory are measured in `npm run bench`; the
 * unpacking budget is held by counters in test/hosts/file/fix-bounded.test.ts (the
 * process's RSS here is cumulative over the run and says nothing about one case).
 */
const HANG_LIMIT_MS = 60_000;

const base = (): Unzipped => {
  const f = unzipSync(SAMPLE);
  for (const k of Object.keys(f)) if (k.endsWith('/')) delete f[k];
  return f;
};
const XML_PARTS = Object.keys(base()).filter((k) => /\.(xml|rels)$/.test(k));
const SHEETS = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'];

/** Adds a mutation of the sample's parts to `out`. */
const collect = (out: [string, Uint8Array][]) => (name: string, f: (files: Unzipped) => void) => {
  const files = base();
  f(files);
  out.push([name, zipSync(files)]);
};
const editXml = (files: Unzipped, part: string, g: (s: string) => string) => { files[part] = strToU8(g(strFromU8(files[part]))); };

function mutations(): [string, Uint8Array][] {
  const r = rng(20241231);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: T[]) => xs[int(xs.length)];
  const out: [string, Uint8Array][] = [];
  const withFiles = collect(out);

  for (let i = 0; i < 80; i++) {
    const b = Buffer.from(SAMPLE);
    const k = 1 + int(8);
    for (let j = 0; j < k; j++) b[int(b.length)] ^= 1 << int(8);
    out.push([`flip ${i}`, b]);
  }
  for (let i = 0; i < 30; i++) out.push([`truncate ${i}`, SAMPLE.subarray(0, int(SAMPLE.length))]);
  for (const part of Object.keys(base())) withFiles(`remove ${part}`, (f) => { delete f[part]; });
  for (let i = 0; i < 20; i++) {
    const part = pick(Object.keys(base()));
    const to = pick([part.toUpperCase(), part.replace(/\.xml$/, '.XML'), `${part}.bak`, part.replace(/\d/, '9'), `other/${part}`]);
    withFiles(`rename ${part} → ${to}`, (f) => { f[to] = f[part]; if (to.toLowerCase() !== part.toLowerCase() || to !== part) delete f[part]; });
  }
  for (let i = 0; i < 10; i++) {
    const part = pick(Object.keys(base()));
    withFiles(`duplicate ${part}`, (f) => { f[part.replace(/[a-z]/, (c) => c.toUpperCase())] = f[part]; });
  }
  const junk = ['<', '>', '&', '"', '</row>', '<c r="A1">', '&bogus;', '\u0000', ']]>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '<?pi?>', '<x:c/>'];
  for (let i = 0; i < 90; i++) {
    const part = pick(XML_PARTS);
    withFiles(`malformed ${part} ${i}`, (f) => editXml(f, part, (s) => {
      const at = int(s.length);
      switch (int(3)) {
        case 0: return s.slice(0, at) + pick(junk) + s.slice(at);
        case 1: return s.slice(0, at) + s.slice(at + 1 + int(40));
        default: return s.replace(/<\/[^>]+>/, '');
      }
    }));
  }
  const huge: [string, (s: string) => string][] = [
    ['dimension', (s) => s.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')],
    ['merge to the last row', (s) => s.replace('</mergeCells>', '<mergeCell ref="H30:H1048576"/></mergeCells>')],
    ['merge of the whole sheet', (s) => s.replace('</mergeCells>', '<mergeCell ref="A1:XFD1048576"/></mergeCells>')],
    ['merge past XFD', (s) => s.replace('</mergeCells>', '<mergeCell ref="A1:XFE1"/></mergeCells>')],
    ['cell at XFD1048576', (s) => s.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')],
    ['cell at H1048576', (s) => s.replace('</sheetData>', '<row r="1048576"><c r="H1048576"><v>1</v></c></row></sheetData>')],
    ['row 1048577', (s) => s.replace('</sheetData>', '<row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>')],
    ['row 99999999999', (s) => s.replace('</sheetData>', '<row r="99999999999"/></sheetData>')],
    ['cell without r', (s) => s.replace(/<c r="[A-Z]+\d+"/, '<c')],
    ['shared string out of range', (s) => s.replace(/<v>\d+<\/v>/, '<v>999999</v>')],
    ['style out of range', (s) => s.replace(/ s="\d+"/, ' s="99999"')],
    ['shared formula without master', (s) => s.replace('</sheetData>', '<row r="40"><c r="A40"><f t="shared" si="77"/><v>1</v></c></row></sheetData>')],
  ];
  for (const [name, g] of huge) for (const sheet of SHEETS.slice(0, 2)) withFiles(`${name} in ${sheet}`, (f) => editXml(f, sheet, g));
  // Zip bombs: a sheet that unpacks to far more than the budget, and one whose declared size is a lie.
  withFiles('bomb: 300 MB sheet', (f) => { f['xl/worksheets/sheet1.xml'] = new Uint8Array(300 * 1024 * 1024).fill(60); });
  withFiles('bomb: 300 MB extra part', (f) => { f['xl/media/x.bin'] = new Uint8Array(300 * 1024 * 1024); });
  const liar = Buffer.from(zipSync({ ...base(), 'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024).fill(32) }));
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  for (let i = liar.indexOf(name); i >= 0; i = liar.indexOf(name, i + 1)) {
    if (liar.readUInt32LE(i - 46) === 0x02014b50) liar.writeUInt32LE(2000, i - 46 + 24);
    if (liar.readUInt32LE(i - 30) === 0x04034b50) liar.writeUInt32LE(2000, i - 30 + 22);
  }
  out.push(['bomb: declared size a lie', liar]);
  return out;
}

/** UTF-16 with a BOM (little or big endian) or only a declaration, as the package format allows. */
function utf16(s: string, be: boolean, bom: boolean): Uint8Array<ArrayBuffer> {
  const t = (bom ? '\uFEFF' : '') + s.replace(/encoding="UTF-8"/, 'encoding="UTF-16"');
  const out = new Uint8Array(new ArrayBuffer(t.length * 2));
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    out[2 * i + (be ? 1 : 0)] = c & 0xff;
    out[2 * i + (be ? 0 : 1)] = c >> 8;
  }
  return out;
}

/** The classes of issue 20 (each found a defect): fix runs on every one of them. */
function issue20(): [string, Uint8Array][] {
  const r = rng(20261206);
  const int = (n: number) => Math.floor(r() * n);
  const out: [string, Uint8Array][] = [];
  const withFiles = collect(out);
  // Number cells whose stored text is no whole number: read as text, never as their leading digits.
  const notNumbers = ['1,8', '12abc', '0x12', '1_000', '1.2.3', 'NaN', 'Infinity', '1e999', ' ', '--1', '12,34', '１８'];
  for (const v of notNumbers) {
    for (const sheet of SHEETS) {
      withFiles(`number cell <v>${v}</v> in ${sheet}`, (f) => editXml(f, sheet, (s) => {
        const cells = [...s.matchAll(/<c r="[A-Z]+\d+"(?: s="\d+")?><v>[^<]*<\/v><\/c>/g)];
        const pickd = cells[int(cells.length)];
        return pickd ? s.slice(0, pickd.index!) + pickd[0].replace(/<v>[^<]*<\/v>/, `<v>${v}</v>`) + s.slice(pickd.index! + pickd[0].length) : s;
      }));
    }
  }
  // Style indexes out of range or not numbers.
  for (const st of ['-1', '99999', 'x', '']) for (const sheet of SHEETS) withFiles(`style s="${st}" in ${sheet}`, (f) => editXml(f, sheet, (s) => s.replace(/ s="\d+"/g, ` s="${st}"`)));
  // UTF-16 parts.
  for (const part of XML_PARTS) {
    withFiles(`UTF-16 LE with BOM: ${part}`, (f) => { f[part] = utf16(strFromU8(f[part]), false, true); });
    withFiles(`UTF-16 BE, declaration only: ${part}`, (f) => { f[part] = utf16(strFromU8(f[part]), true, false); });
  }
  // A damaged part fix never touches, and an unreferenced part of a huge ratio (copied compressed).
  const damaged = Buffer.from(zipSync({ ...base(), 'docProps/app.xml': new Uint8Array(4096).fill(65) }));
  const at = damaged.indexOf(Buffer.from('docProps/app.xml'));
  damaged.fill(0xff, at + 'docProps/app.xml'.length, at + 'docProps/app.xml'.length + 12);
  out.push(['damaged docProps/app.xml data', damaged]);
  withFiles('unreferenced 200 MB part', (f) => { f['xl/media/huge.bin'] = new Uint8Array(200 * 1024 * 1024); });
  // Formula-like sheet names and labels.
  for (const evil of ["=cmd|' /C calc'!A0", '+1+2', '-2+3', '@SUM(1)']) {
    withFiles(`sheet named ${evil}`, (f) => editXml(f, 'xl/workbook.xml', (s) => s.replace(/name="[^"]*"/, `name="${evil.replace(/'/g, '&apos;')}"`)));
    withFiles(`labels beginning with ${evil}`, (f) => editXml(f, 'xl/sharedStrings.xml', (s) => s.replace(/<t([^>]*)>/g, (m, a: string) => (r() < 0.3 ? `<t${a}>${evil.replace(/'/g, '&apos;')}` : m))));
  }
  return out;
}

test('a few hundred mutations of the sample: exit 0, 1 or 2, one line on stderr, bounded time and memory', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-fuzz-'));
  const classic = mutations();
  const cases = [...classic, ...issue20()];
  expect(classic.length).toBeGreaterThanOrEqual(250);
  const failures: string[] = [];
  const seen = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
  try {
    for (let i = 0; i < cases.length; i++) {
      const [name, bytes] = cases[i];
      const file = path.join(dir, `m${i}.xlsx`);
      fs.writeFileSync(file, bytes);
      const out = path.join(dir, `out${i}.xlsx`);
      const runs: string[][] = [['check', file, '--json'], ...(i % 4 === 0 || i >= classic.length ? [['fix', file, '-o', out]] : [])];
      for (const args of runs) {
        let stdout = '';
        let stderr = '';
        const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false };
        const t0 = Date.now();
        const status = await main(['node', 'selfeval', ...args], io);
        const ms = Date.now() - t0;
        const lines = stderr === '' ? 0 : stderr.replace(/\n$/, '').split('\n').length;
        seen[status] = (seen[status] ?? 0) + 1;
        const bad = ![0, 1, 2].includes(status) || lines > 1 || (status === 2 && lines !== 1) || ms > HANG_LIMIT_MS ||
          /内部错误/.test(stderr) || (args[0] === 'check' && (() => { try { JSON.parse(stdout); return false; } catch { return true; } })());
        // A workbook fix writes reopens.
        const reopens = args[0] !== 'fix' || status !== 0 || await readWorkbook(fs.readFileSync(out)).then(() => true, () => false);
        const trace = /\n\s+at |\bat .*\.(ts|js):\d+/.test(stderr);
        if (bad || !reopens || trace) failures.push(`${name} (${args[0]}): status ${status}, ${lines} stderr lines, ${ms} ms${reopens ? '' : ', output does not reopen'}: ${stderr.slice(0, 300)}`);
      }
      fs.rmSync(file, { force: true });
      fs.rmSync(out, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
  // The mutations reach every outcome: still readable, and refused.
  expect(seen[2]).toBeGreaterThan(50);
  expect((seen[0] ?? 0) + (seen[1] ?? 0)).toBeGreaterThan(20);
}, 600_000);
