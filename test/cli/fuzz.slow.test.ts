/**
 * Deterministic fuzz test: a few hundred mutations of the sample workbook
 * (byte flips, truncations, removed, renamed and duplicated entries, malformed
 * XML, huge dimensions, cells and merges, zip bombs). Every run of `check`
 * (and of `fix` on some) exits 0, 1 or 2 with at most one line on stderr
 * (exactly one when it exits 2), within a time and a memory bound.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, zipSync, strFromU8, strToU8, type Unzipped } from 'fflate';
import { main, type Io } from '../../src/cli/main';
import { rng } from '../../scripts/rng';

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../samples/hongjiang-2024.xlsx'));
/** Per run. */
const TIME_LIMIT_MS = 10_000;
const RSS_LIMIT = 1.5 * 1024 * 1024 * 1024;

const base = (): Unzipped => {
  const f = unzipSync(SAMPLE);
  for (const k of Object.keys(f)) if (k.endsWith('/')) delete f[k];
  return f;
};
const XML_PARTS = Object.keys(base()).filter((k) => /\.(xml|rels)$/.test(k));
const SHEETS = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'];

function mutations(): [string, Uint8Array][] {
  const r = rng(20241231);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: T[]) => xs[int(xs.length)];
  const out: [string, Uint8Array][] = [];
  const withFiles = (name: string, f: (files: Unzipped) => void) => {
    const files = base();
    f(files);
    out.push([name, zipSync(files)]);
  };
  const editXml = (files: Unzipped, part: string, g: (s: string) => string) => { files[part] = strToU8(g(strFromU8(files[part]))); };

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

test('a few hundred mutations of the sample: exit 0, 1 or 2, one line on stderr, bounded time and memory', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-fuzz-'));
  const cases = mutations();
  expect(cases.length).toBeGreaterThanOrEqual(250);
  const failures: string[] = [];
  const seen = { 0: 0, 1: 0, 2: 0 } as Record<number, number>;
  try {
    for (let i = 0; i < cases.length; i++) {
      const [name, bytes] = cases[i];
      const file = path.join(dir, `m${i}.xlsx`);
      fs.writeFileSync(file, bytes);
      const runs: string[][] = [['check', file, '--json'], ...(i % 4 === 0 ? [['fix', file, '-o', path.join(dir, `out${i}.xlsx`)]] : [])];
      for (const args of runs) {
        let stdout = '';
        let stderr = '';
        const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false };
        const t0 = Date.now();
        const status = await main(['node', 'selfeval', ...args], io);
        const ms = Date.now() - t0;
        const lines = stderr === '' ? 0 : stderr.replace(/\n$/, '').split('\n').length;
        const rss = process.memoryUsage().rss;
        seen[status] = (seen[status] ?? 0) + 1;
        const bad = ![0, 1, 2].includes(status) || lines > 1 || (status === 2 && lines !== 1) || ms > TIME_LIMIT_MS || rss > RSS_LIMIT ||
          /内部错误/.test(stderr) || (args[0] === 'check' && (() => { try { JSON.parse(stdout); return false; } catch { return true; } })());
        if (bad) failures.push(`${name} (${args[0]}): status ${status}, ${lines} stderr lines, ${ms} ms, ${Math.round(rss / 1048576)} MB: ${stderr.slice(0, 300)}`);
      }
      fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
  // The mutations reach every outcome: still readable, and refused.
  expect(seen[2]).toBeGreaterThan(50);
  expect((seen[0] ?? 0) + (seen[1] ?? 0)).toBeGreaterThan(20);
}, 240_000);
