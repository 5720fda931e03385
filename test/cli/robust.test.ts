/**
 * The command line never crashes or hangs: non-regular files, folders with
 * bad files, terminal-unsafe text, output files that must not be written,
 * a reader that goes away (EPIPE), an interrupted write.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn, spawnSync } from 'child_process';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { colorWanted } from '../../src/cli/main';
import { runCli } from '../support/cli';
import { safeText } from '../../src/cli/format';
import { toXlsx, hongjiangWorkbook } from '../../scripts/workbooks';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'selfeval.js');
const built = fs.existsSync(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'));
let dir: string;
const file = (name: string) => path.join(dir, name);

const run = runCli;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-robust-'));
  fs.writeFileSync(file('published.xlsx'), await toXlsx(hongjiangWorkbook('published')));
  fs.writeFileSync(file('miscalculated.xlsx'), await toXlsx(hongjiangWorkbook('miscalculated')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('files that are not regular files: exit 2 without reading', () => {
  test('a FIFO named .xlsx does not hang', async () => {
    const fifo = file('pipe.xlsx');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo here
    const r = await run('check', fifo, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/这是一个管道，不是普通文件/);
    expect(JSON.parse(r.stdout)).toEqual({ file: fifo, error: r.stderr.trim() });
  });

  test('a link to /dev/zero, a folder named .xlsx', async () => {
    if (fs.existsSync('/dev/zero')) {
      fs.symlinkSync('/dev/zero', file('zero.xlsx'));
      const r = await run('check', file('zero.xlsx'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/这是一个设备，不是普通文件/);
    }
    fs.mkdirSync(file('folder.xlsx'));
    const d = await run('check', file('folder.xlsx'));
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/这是一个文件夹，请指定 \.xlsx 文件/);
    expect(d.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('folders', () => {
  test('one bad file never aborts the folder; --json lists every file', async () => {
    const sub = file('mixed');
    fs.mkdirSync(sub);
    fs.copyFileSync(file('published.xlsx'), path.join(sub, 'a.xlsx'));
    fs.writeFileSync(path.join(sub, 'b.xlsx'), 'not a workbook');
    const files = unzipSync(fs.readFileSync(file('published.xlsx')));
    delete files['xl/worksheets/sheet2.xml'];
    fs.writeFileSync(path.join(sub, 'c.xlsx'), zipSync(files));
    fs.copyFileSync(file('miscalculated.xlsx'), path.join(sub, 'd.xlsx'));
    const r = await run('check', sub, '--json');
    expect(r.status).toBe(2);
    const arr = JSON.parse(r.stdout);
    expect(arr.map((x: { file: string }) => path.basename(x.file))).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx', 'd.xlsx']);
    expect(arr[1].error).toContain('不是 Excel 工作簿');
    expect(arr[2].error).toContain('xl/worksheets/sheet2.xml');
    expect(arr[3].findings.length).toBeGreaterThan(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    const human = await run('check', sub);
    expect(human.stdout).toContain('已校验 4 个文件（2 个无法读取）');
  });
});

describe('terminal safety', () => {
  test('control characters, escape sequences and bidi overrides are shown escaped', () => {
    expect(safeText('a\rb\x1b[2Jc\u202Ed\u0085e\tf\ng')).toBe('a\\rb\\x1B[2Jc\\u202Ed\\x85e\tf\\ng');
    expect(safeText('第一段\n\n第二段\x07', true)).toBe('第一段\n\n第二段\\x07');
  });

  test('in workbook text and file names, in the report and on stderr', async () => {
    const files = unzipSync(fs.readFileSync(file('published.xlsx')));
    const ss = strFromU8(files['xl/sharedStrings.xml']);
    expect(ss).toContain('91.2591.25');
    files['xl/sharedStrings.xml'] = strToU8(ss.replace('91.2591.25', '91.25_x001B_[2J&#13;91.25\u202E'));
    const evil = file('evil\x1b]0;x\x07\u202E.xlsx');
    fs.writeFileSync(evil, zipSync(files));
    const r = await run('check', evil);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E]/);
    expect(r.stdout).toContain('91.25\\x1B[2J\\r91.25\\u202E');
    expect(r.stdout).toContain('evil\\x1B]0;x\\x07\\u202E.xlsx');
    fs.writeFileSync(file('bad\x1b[31m.xlsx'), 'x');
    const bad = await run('check', file('bad\x1b[31m.xlsx'));
    expect(bad.stderr).not.toMatch(/\x1b/);
    expect(bad.stderr).toContain('bad\\x1B[31m.xlsx');
  });

  test('colour only on a terminal, and never with NO_COLOR', async () => {
    expect(colorWanted(true, {})).toBe(true);
    expect(colorWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted(false, {})).toBe(false);
    expect(colorWanted(undefined, {})).toBe(false);
    const plain = await run('check', file('published.xlsx'));
    expect(plain.stdout).not.toMatch(/\x1b/);
  });
});

describe('fix: output safety', () => {
  test('a link to the input as -o: refused, the input untouched', async () => {
    const input = file('in.xlsx');
    fs.copyFileSync(file('miscalculated.xlsx'), input);
    fs.symlinkSync(input, file('link.xlsx'));
    const before = fs.readFileSync(input);
    const r = await run('fix', file('link.xlsx'), '-o', input);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('它就是输入文件');
    const r2 = await run('fix', input, '-o', file('link.xlsx'));
    expect(r2.status).toBe(2);
    fs.linkSync(input, file('hard.xlsx'));
    expect((await run('fix', input, '-o', file('hard.xlsx'))).status).toBe(2);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test('a folder or a read-only file as -o: one clear line, nothing written', async () => {
    const out = file('out-dir');
    fs.mkdirSync(out);
    const d = await run('fix', file('miscalculated.xlsx'), '-o', out);
    expect(d.status).toBe(2);
    expect(d.stderr.trim().split('\n')).toHaveLength(1);
    expect(d.stderr).toContain('这是一个文件夹');
    const ro = file('ro.xlsx');
    fs.writeFileSync(ro, 'keep');
    fs.chmodSync(ro, 0o444);
    const r = await run('fix', file('miscalculated.xlsx'), '-o', ro);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('文件是只读的');
    expect(fs.readFileSync(ro, 'utf8')).toBe('keep');
    // No temporary file is left behind.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  (built ? test : test.skip)('the temporary file is removed when the write is interrupted (SIGTERM)', async () => {
    const target = file('interrupted.xlsx');
    const script = `
      const fs = require('fs');
      fs.promises.rename = () => new Promise(() => {}); // the write hangs after the temporary file is there
      const node = require(${JSON.stringify(path.join(ROOT, 'lib', 'src', 'hosts', 'file', 'node.js'))});
      node.writeFileSafely(new Uint8Array(1000), ${JSON.stringify(target)});
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const tmp = () => fs.readdirSync(dir).filter((f) => f.startsWith('.interrupted.xlsx.') && f.endsWith('.tmp'));
    for (let i = 0; i < 600 && tmp().length === 0; i++) await new Promise((res) => setTimeout(res, 25));
    expect(tmp()).toHaveLength(1);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(code).toBe(143);
    expect(tmp()).toEqual([]);
    expect(fs.existsSync(target)).toBe(false);
  }, 40_000);
});

const bundled = fs.existsSync(path.join(ROOT, 'lib', 'selfeval.js'));

(bundled ? describe : describe.skip)('the installed command is one bundled file (npm run build:cli)', () => {
  test('check, summary and fix load no module file but lib/selfeval.js (so never exceljs or jszip)', () => {
    const preload = file('modules.js');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(file('modules.json'))}, JSON.stringify(Object.keys(require.cache))));`);
    for (const args of [['check', file('published.xlsx'), '--json'], ['summary', file('published.xlsx')], ['fix', file('miscalculated.xlsx'), '-o', file('bundled-fix.xlsx')]]) {
      const r = spawnSync(process.execPath, ['-r', preload, BIN, ...args], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect([0, 1]).toContain(r.status);
      const loaded = (JSON.parse(fs.readFileSync(file('modules.json'), 'utf8')) as string[]).filter((k) => k !== preload);
      expect(loaded.map((k) => path.relative(ROOT, k))).toEqual([path.join('bin', 'selfeval.js'), path.join('lib', 'selfeval.js')]);
    }
    expect(fs.existsSync(file('bundled-fix.xlsx'))).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, 'lib', 'selfeval.js'), 'utf8')).not.toMatch(/node_modules[\\/](exceljs|jszip)/);
  });
});

(built ? describe : describe.skip)('the installed command', () => {
  test('check, summary and fix never load exceljs or jszip', () => {
    const script = `
      const m = require(${JSON.stringify(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'))});
      const io = { stdout() {}, stderr() {}, isTTY: false };
      (async () => {
        await m.main(['node', 's', 'check', ${JSON.stringify(file('published.xlsx'))}], io);
        await m.main(['node', 's', 'summary', ${JSON.stringify(file('published.xlsx'))}], io);
        await m.main(['node', 's', 'fix', ${JSON.stringify(file('miscalculated.xlsx'))}, '-o', ${JSON.stringify(file('no-exceljs.xlsx'))}], io);
        console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules[\\/](exceljs|jszip)[\\/]/.test(k))));
      })();`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(fs.existsSync(file('no-exceljs.xlsx'))).toBe(true);
  });

  test('a reader that goes away (EPIPE): a quiet exit, no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'check', file('published.xlsx'), file('published.xlsx'), file('published.xlsx')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.destroy();
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(stderr).toBe('');
    expect(code).not.toBeNull();
  }, 40_000);
});
