/**
 * Benchmark: the lean reader beside exceljs's load, the engine, and the whole
 * command, with peak memory (maximum resident set size of each process), for
 * generated workbooks of 1, 10, 120 (122 tables with 附件2 and 附件3) and 500
 * project tables, a sheet of 100,000 rows, and a folder of 1,000 small workbooks.
 *
 * Beside the whole command runs a baseline, scripts/bench-baseline.js: a minimal
 * reader (unzip + one scan of <c>/<v>, no styles, no merges, no engine) in a fresh
 * process of its own, the two alternating in the same minutes; the last column is
 * `check` as a ratio of it (the goal: at most 2×).
 *
 *   npm run bench                         all cases
 *   npm run bench -- 1 10                 only these table counts (and no 100,000 rows / folder)
 *   npm run bench -- docx                 only the Word report (50 pages of text, 30 tables)
 *   SELFEVAL_BEFORE=/old/checkout/bin/selfeval.js npm run bench
 *                                         adds the whole command of another build, run alternately
 *
 * Each reader column runs in a process of its own (so its peak memory is its
 * own); times are medians after one warm-up run.
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { WorkbookSpec } from './workbooks';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'selfeval.js');
const BASELINE = path.join(ROOT, 'scripts', 'bench-baseline.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median of `runs` timed runs, after one untimed run (JIT warm-up, for every column alike). */
async function timeIt(runs: number, f: () => unknown | Promise<unknown>): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Child mode: time one reader on one file, print { ms, rss } (rss: peak, KB). */
async function child(kind: string, file: string, runs: number): Promise<void> {
  const bytes = await fs.readFile(file);
  let f: () => Promise<unknown>;
  if (kind === 'reader') {
    const { readWorkbook } = await import('../src/hosts/file/read');
    f = () => readWorkbook(bytes);
  } else if (kind === 'engine') {
    const { readWorkbook } = await import('../src/hosts/file/read');
    const { analyze } = await import('../src/core/engine');
    const fw = await readWorkbook(bytes);
    f = async () => analyze(fw.snapshot);
  } else if (kind === 'docx-reader') {
    const { readDocument } = await import('../src/hosts/file/docx');
    f = () => readDocument(bytes);
  } else if (kind === 'docx-engine') {
    const { readDocument } = await import('../src/hosts/file/docx');
    const { analyze } = await import('../src/core/engine');
    const doc = await readDocument(bytes);
    f = async () => analyze(doc.snapshot, { reportText: doc.paragraphs });
  } else {
    const ExcelJS = (await import('exceljs')).default;
    f = async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(bytes as unknown as ArrayBuffer); };
  }
  // runs = 0: one run, for the peak memory of one read.
  const ms = runs > 0 ? await timeIt(runs, f) : (await f(), 0);
  process.stdout.write(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS }));
}

/** Wall time and peak memory; `cpu`: CPU time of all the process's threads (ms), for whole commands. */
interface Measure { ms: number; rss: number; cpu?: number }

function spawnChild(kind: string, file: string, runs: number): Measure {
  const r = spawnSync(process.execPath, [__filename, '--child', kind, file, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`bench child ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure;
}

/** Median time over `runs` (one process), and the peak memory of a process that reads once. */
function inChild(kind: string, file: string, runs: number): Measure {
  return { ms: spawnChild(kind, file, runs).ms, rss: spawnChild(kind, file, 0).rss };
}

/** One run of a command in a fresh process: its time and its peak memory. */
function once(bin: string, args: string[], preload: string, rssFile: string): Measure {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', preload, bin, ...args], { encoding: 'utf8', maxBuffer: 512 << 20, env: { ...process.env, SELFEVAL_RSS_OUT: rssFile } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${bin} exited ${r.status}: ${r.stderr}`);
  const [rss, cpu] = String(require('fs').readFileSync(rssFile, 'utf8')).split(' ').map(Number);
  return { ms, rss, cpu: cpu / 1000 };
}

/** The whole command (a fresh process), its median time and its peak memory. */
function whole(bin: string, args: string[], runs: number, preload: string, rssFile: string): Measure {
  const runsOf = Array.from({ length: runs }, () => once(bin, args, preload, rssFile));
  return { ms: median(runsOf.map((r) => r.ms)), rss: Math.max(...runsOf.map((r) => r.rss)), cpu: median(runsOf.map((r) => r.cpu ?? 0)) };
}

/**
 * The whole command and the baseline reader on the same input, alternating run by run (so both see the same
 * machine), after one untimed run of each (the file in the page cache, the binaries loaded).
 */
function sideBySide(args: string[], input: string, runs: number, preload: string, rssFile: string): { now: Measure; base: Measure; zbase: Measure } {
  once(BIN, args, preload, rssFile);
  once(BASELINE, [input], preload, rssFile);
  once(BASELINE, ['--zlib', input], preload, rssFile);
  const now: Measure[] = [];
  const base: Measure[] = [];
  const zbase: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    now.push(once(BIN, args, preload, rssFile));
    base.push(once(BASELINE, [input], preload, rssFile));
    zbase.push(once(BASELINE, ['--zlib', input], preload, rssFile));
  }
  const m = (xs: Measure[]) => ({ ms: median(xs.map((x) => x.ms)), rss: Math.max(...xs.map((x) => x.rss)), cpu: median(xs.map((x) => x.cpu ?? 0)) });
  return { now: m(now), base: m(base), zbase: m(zbase) };
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

function table(rows: string[][]): void {
  const w = (s: string) => s.length + (s.match(/[^\x00-\xff]/g)?.length ?? 0);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => w(r[i] ?? ''))));
  for (const r of rows) console.log(r.map((c, i) => ' '.repeat(widths[i] - w(c)) + c).join('  '));
}

/** A Word report of 50 pages of text and 30 tables (基础数据表, 整体, 28 项目) checked by the command: reader, engine with the text check, whole command. */
async function benchDocx(): Promise<void> {
  const D = await import('./documents');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'selfeval-bench-docx-'));
  const preload = path.join(dir, 'rss.js');
  const rssFile = path.join(dir, 'rss.txt');
  await fs.writeFile(preload, "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.SELFEVAL_RSS_OUT, u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime)); });\n");
  try {
    const file = path.join(dir, 'report.docx');
    const bytes = D.benchReport(50, 28);
    await fs.writeFile(file, bytes);
    const reader = inChild('docx-reader', file, 5);
    const engine = inChild('docx-engine', file, 5);
    const now = whole(BIN, ['check', file, '--json'], 5, preload, rssFile);
    const check = spawnSync(process.execPath, [BIN, 'check', file, '--json'], { encoding: 'utf8', maxBuffer: 512 << 20 });
    const rep = JSON.parse(check.stdout) as { tables: unknown[]; text: { paragraphs: number; figures: number; checked: number } };
    table([
      ['Word 报告', '文件大小', '表格', '段落', '数字（核对）', '读取', '峰值内存', '引擎 + 正文核对', '整条命令', '峰值内存'],
      ['50 页、30 张表', `${Math.round(bytes.length / 1024)} KB`, String(rep.tables.length), String(rep.text.paragraphs), `${rep.text.figures}（${rep.text.checked}）`,
        ms(reader.ms), mb(reader.rss), ms(engine.ms), ms(now.ms), mb(now.rss)],
    ]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4], Number(process.argv[5]));
  if (process.argv.includes('docx')) return benchDocx();
  // The generator (and exceljs with it) only in this process: the children measure the reader alone.
  const W = await import('./workbooks');
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const ns = sizes.length ? sizes : [1, 10, 120, 500];
  const before = process.env.SELFEVAL_BEFORE;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'selfeval-bench-'));
  const preload = path.join(dir, 'rss.js');
  const rssFile = path.join(dir, 'rss.txt');
  await fs.writeFile(preload, "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.SELFEVAL_RSS_OUT, u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime)); });\n");
  const head = ['工作簿', '文件大小', '新读取器', '峰值内存', 'exceljs 读入', '峰值内存', '引擎', '整条命令', '峰值内存', 'CPU', '最小读取器', '倍数', '最小读取器（zlib）', '倍数'];
  if (before) head.push('之前的整条命令', '峰值内存', '加速');
  const rows: string[][] = [head];
  const cases: { label: string; spec: () => WorkbookSpec; runs: number }[] = ns.map((n) => ({ label: `${n} 张项目表${n === 120 ? '（122 张表）' : ''}`, spec: () => W.benchWorkbook(n), runs: n >= 100 ? 5 : 7 }));
  if (!sizes.length) cases.push({ label: '100,000 行', spec: () => W.bigSheetWorkbook(100_000, 'miscalculated'), runs: 3 });
  try {
    for (const c of cases) {
      const file = path.join(dir, 'bench.xlsx');
      const bytes = await W.toXlsx(c.spec());
      await fs.writeFile(file, bytes);
      const reader = inChild('reader', file, c.runs);
      const excel = inChild('exceljs', file, Math.min(c.runs, 3));
      const engine = inChild('engine', file, c.runs);
      const args = ['check', file, '--json'];
      const { now, base, zbase } = sideBySide(args, file, c.runs, preload, rssFile);
      const row = [c.label, `${Math.round(bytes.length / 1024)} KB`, ms(reader.ms), mb(reader.rss), ms(excel.ms), mb(excel.rss), ms(engine.ms), ms(now.ms), mb(now.rss), ms(now.cpu!), ms(base.ms), ratio(now.ms, base.ms), ms(zbase.ms), ratio(now.ms, zbase.ms)];
      if (before) {
        const old = whole(before, args, 3, preload, rssFile);
        row.push(ms(old.ms), mb(old.rss), `${(old.ms / now.ms).toFixed(1)}×`);
      }
      rows.push(row);
    }
    if (!sizes.length) {
      // A folder of 1,000 small workbooks, one process.
      const folder = path.join(dir, 'folder');
      await fs.mkdir(folder);
      const small = await W.toXlsx(W.hongjiangWorkbook('published'));
      for (let i = 0; i < 1000; i++) await fs.writeFile(path.join(folder, `w${String(i).padStart(4, '0')}.xlsx`), small);
      const args = ['check', folder, '--json'];
      const { now, base, zbase } = sideBySide(args, folder, 3, preload, rssFile);
      const row = ['1,000 个小工作簿', `${Math.round(small.length / 1024)} KB 各`, '', '', '', '', '', ms(now.ms), mb(now.rss), ms(now.cpu!), ms(base.ms), ratio(now.ms, base.ms), ms(zbase.ms), ratio(now.ms, zbase.ms)];
      rows.push(row);
      if (before) {
        const old = whole(before, args, 1, preload, rssFile);
        row.push(ms(old.ms), mb(old.rss), `${(old.ms / now.ms).toFixed(1)}×`);
      }
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  table(rows);
  console.log('\n新读取器 / exceljs 读入 / 引擎：各在单独进程中计时（中位数）；峰值内存为只读一次的进程的最大常驻内存（引擎列不单列内存）；整条命令 = selfeval check --json（新进程，含 Node 启动；有编译缓存时用之）；CPU = 整条命令各线程 CPU 时间之和（中位数）；最小读取器 = scripts/bench-baseline.js（解压 + 扫描 <c>/<v>，不读样式与合并，新进程；fflate 解压，另一列用 node:zlib 解压），与整条命令交替运行；倍数 = 整条命令 ÷ 最小读取器（目标 ≤ 2×）。');
  if (!sizes.length) { console.log(''); await benchDocx(); }
}

main().catch((e) => { console.error(e); process.exit(1); });
