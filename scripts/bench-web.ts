/**
 * Benchmark of the web page's open + check (part of `npm run bench`): a
 * generated workbook of 122 project tables (a county's whole set, one per
 * sheet) opened by the file host and checked by the engine, as the page does.
 *
 *   - 进程内：FileHost.open + analyze in a fresh Node process (cold: the page's
 *     first open is cold too), then the median of 5 warm runs;
 *   - 浏览器：when dist-web/index.html exists (`npm run build:web`), the page
 *     itself in Debian's chromium from file://: the file chosen → the grid
 *     drawn, and 校验 → the findings listed (the pane shows progress meanwhile).
 *
 * The goal is under 1 s for open + check. Numbers, never a test.
 */
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { performance } from 'perf_hooks';

const ROOT = path.resolve(__dirname, '..', '..');
const TABLES = 122;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Child mode: open + check once cold, then 5 times warm; prints { cold, warm } in ms. */
async function child(file: string): Promise<void> {
  const bytes = await fs.readFile(file);
  const { FileHost } = await import('../src/hosts/file/host');
  const { analyze } = await import('../src/core/engine');
  const once = async () => {
    const t0 = performance.now();
    const host = await FileHost.open(bytes, 'bench.xlsx');
    analyze(await host.readWorkbook());
    return performance.now() - t0;
  };
  const cold = await once();
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(await once());
  process.stdout.write(JSON.stringify({ cold, warm: median(warm) }));
}

/** The page in chromium: returns [open ms, check ms], or null without dist-web or chromium. */
async function inBrowser(file: string): Promise<[number, number] | null> {
  const index = path.join(ROOT, 'dist-web', 'index.html');
  const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => require('fs').existsSync(p));
  if (!exe || !require('fs').existsSync(index)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
    await page.goto(pathToFileURL(index).href);
    await page.getByTestId('start').waitFor();
    let t0 = performance.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await page.locator('table.grid td[data-cell="A1"]').waitFor();
    const open = performance.now() - t0;
    t0 = performance.now();
    await page.locator('.pane-area').getByRole('button', { name: /^校验$/ }).click();
    await page.locator('.pane-area').getByText(/^(第 \d+ \/ \d+ 条 · )?共 \d+ 条|^没有发现问题/).first().waitFor({ timeout: 60_000 });
    return [open, performance.now() - t0];
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3]);
  const W = await import('./workbooks');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'selfeval-bench-web-'));
  try {
    const file = path.join(dir, `${TABLES}-tables.xlsx`);
    const bytes = await W.toXlsx(W.benchWorkbook(TABLES, 2024, 1));
    await fs.writeFile(file, bytes);
    const r = spawnSync(process.execPath, [__filename, '--child', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
    const { cold, warm } = JSON.parse(r.stdout) as { cold: number; warm: number };
    console.log(`\n网页版：${TABLES} 张项目表（${Math.round(bytes.length / 1024)} KB，每表一个工作表）打开并校验`);
    console.log(`  进程内（FileHost.open + 引擎）：首次 ${cold.toFixed(0)} ms，再次（中位数）${warm.toFixed(0)} ms`);
    const b = await inBrowser(file);
    if (b) console.log(`  浏览器（dist-web，file://）：打开到表格显示 ${b[0].toFixed(0)} ms，校验到列出结果 ${b[1].toFixed(0)} ms，合计 ${(b[0] + b[1]).toFixed(0)} ms`);
    else console.log('  浏览器：跳过（先 npm run build:web；需要 /usr/bin/chromium）');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
