/**
 * Benchmark: engine time and whole-command time for generated workbooks of
 * 1, 10, 100 and 500 project tables, beside the bare file-parse time.
 *
 *   npm run bench            (sizes can be given: npm run bench -- 1 10)
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import ExcelJS from 'exceljs';
import * as W from './workbooks';
import { readWorkbook } from '../src/hosts/file/read';
import { analyze } from '../src/core/engine';

const ROOT = path.resolve(__dirname, '..', '..');

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

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const ns = sizes.length ? sizes : [1, 10, 100, 500];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'selfeval-bench-'));
  const rows: string[][] = [['项目表数', '文件大小', '解析 xlsx (exceljs)', '读入快照', '引擎', '引擎/表', '引擎/解析', '整条命令']];
  try {
    for (const n of ns) {
      const file = path.join(dir, `bench-${n}.xlsx`);
      const bytes = await W.toXlsx(W.benchWorkbook(n));
      await fs.writeFile(file, bytes);
      const runs = n >= 100 ? 3 : 5;
      const parse = await timeIt(runs, async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer); });
      const fw = await readWorkbook(bytes);
      const read = await timeIt(runs, () => readWorkbook(bytes));
      const report = analyze(fw.snapshot);
      const tables = report.tables.filter((t) => t.kind === 'project').length;
      if (tables !== n) throw new Error(`expected ${n} project tables, recognized ${tables}`);
      const engine = await timeIt(n >= 500 ? 15 : 30, () => analyze(fw.snapshot));
      const whole = await timeIt(Math.min(runs, 3) - 1, () => {
        const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'selfeval.js'), 'check', file, '--json'], { encoding: 'utf8', maxBuffer: 256 << 20 });
        if (r.status !== 0 && r.status !== 1) throw new Error(`selfeval exited ${r.status}: ${r.stderr}`);
      });
      rows.push([String(n), `${(bytes.length / 1024).toFixed(0)} KB`, `${parse.toFixed(1)} ms`, `${read.toFixed(1)} ms`, `${engine.toFixed(1)} ms`,
        `${(engine / (n + 2)).toFixed(2)} ms`, `${((engine / parse) * 100).toFixed(1)}%`, `${whole.toFixed(0)} ms`]);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length + (r[i].match(/[^\x00-\xff]/g)?.length ?? 0))));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i] - (c.match(/[^\x00-\xff]/g)?.length ?? 0))).join('  '));
  console.log('\n引擎/表 = 引擎时间 ÷ (项目表数 + 2)，应大致不变（线性增长）；引擎/解析 = 引擎时间占解析 xlsx 时间的比例。');
}

main().catch((e) => { console.error(e); process.exit(1); });
