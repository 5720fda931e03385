/**
 * Checking a folder on several cores (src/cli/pool.ts): the same output as one by
 * one, in the order of the files; a worker that fails leaves its file to this
 * thread; how many threads.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { checkInThreads, threadCount, MIN_FILES } from '../../src/cli/pool';
import { toXlsx, hongjiangWorkbook, workbook, sheet, at, hongjiangProject } from '../../scripts/workbooks';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'selfeval.js');
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-pool-'));
  const kinds = [
    await toXlsx(hongjiangWorkbook('published')),
    await toXlsx(hongjiangWorkbook('corrected')),
    await toXlsx(workbook(sheet('项目', at(hongjiangProject('published'), 'C5')))),
    Buffer.from('not a workbook'),
  ];
  // 14 files of four kinds (one unreadable), in sub-folders, so the order of the answers matters.
  for (let i = 0; i < 14; i++) {
    const sub = path.join(dir, 'folder', `d${i % 3}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `f${String(i).padStart(2, '0')}.xlsx`), kinds[i % kinds.length]);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('threadCount', () => {
  it('one thread from source, for a few files, or when SELFEVAL_THREADS=1', () => {
    expect(threadCount(100, {}, false)).toBe(1);
    expect(threadCount(MIN_FILES - 1, {}, true)).toBe(1);
    expect(threadCount(100, { SELFEVAL_THREADS: '1' }, true)).toBe(1);
  });
  it('one per core up to 4, at least 4 files each; SELFEVAL_THREADS sets it', () => {
    const cores = os.availableParallelism();
    expect(threadCount(1000, {}, true)).toBe(Math.min(cores, 4));
    expect(threadCount(8, {}, true)).toBe(Math.min(cores, 2));
    expect(threadCount(100, { SELFEVAL_THREADS: '3' }, true)).toBe(3);
    expect(threadCount(2, { SELFEVAL_THREADS: '3' }, true)).toBe(2);
    expect(threadCount(100, { SELFEVAL_THREADS: 'many' }, true)).toBe(Math.min(cores, 4));
  });
});

describe('checkInThreads', () => {
  // A worker speaking the pool's protocol: answers each file with its name upper-cased, after a delay that makes
  // later files finish first; it dies on a file named "crash".
  const script = () => {
    const p = path.join(dir, 'worker.js');
    fs.writeFileSync(p, `
const { parentPort } = require('worker_threads');
parentPort.on('message', ({ i, file }) => {
  if (file === 'crash') throw new Error('worker died');
  setTimeout(() => parentPort.postMessage({ i, result: file.toUpperCase() }), (20 - i) * 3);
});`);
    return p;
  };

  it('gives the results in the order of the files, and reports each as it comes', async () => {
    const files = Array.from({ length: 20 }, (_, i) => `file${i}`);
    const seen: number[] = [];
    const out = await checkInThreads(files, 3, script(), {}, async () => 'fallback', (done) => seen.push(done));
    expect(out).toEqual(files.map((f) => f.toUpperCase()));
    expect(seen).toEqual(files.map((_, i) => i + 1));
  });

  it('a worker that dies leaves its file to the fallback, and the others go on', async () => {
    const files = ['a', 'b', 'crash', 'c', 'd', 'e', 'f', 'g'];
    const fellBack: string[] = [];
    const out = await checkInThreads(files, 2, script(), {}, async (f) => { fellBack.push(f); return `here:${f}`; });
    expect(out[2]).toBe('here:crash');
    expect(fellBack).toContain('crash');
    // Every other file has an answer, from a worker or from this thread.
    out.forEach((r, i) => { if (i !== 2) expect([files[i].toUpperCase(), `here:${files[i]}`]).toContain(r); });
  });
});

describe('selfeval check on a folder, several threads', () => {
  const run = (threads: string, ...args: string[]) => spawnSync(process.execPath, [BIN, 'check', path.join(dir, 'folder'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', SELFEVAL_THREADS: threads } });

  it('the command is the bundle that may start workers (its define applied)', () => {
    const bundle = fs.readFileSync(path.join(ROOT, 'lib', 'selfeval.js'), 'utf8');
    expect(bundle).toContain('selfevalPool');
    expect(bundle).not.toMatch(/\bSELFEVAL_BUNDLE\b/);
  });

  it('prints exactly what one thread prints, --json and text, with the same exit code', () => {
    for (const args of [['--json'], []]) {
      const one = run('1', ...args);
      const three = run('3', ...args);
      expect(one.status).toBe(2); // one file is no workbook
      expect(three.status).toBe(one.status);
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
    }
    const json = JSON.parse(run('3', '--json').stdout) as { file: string; error?: string; findings?: unknown[] }[];
    expect(json).toHaveLength(14);
    // In the order of the folder walk (sub-folder, then name), each file once.
    const names = json.map((r) => path.relative(path.join(dir, 'folder'), r.file));
    expect(names).toEqual([...names].sort());
    expect(json.filter((r) => r.error).map((r) => path.basename(r.file)).sort()).toEqual(['f03.xlsx', 'f07.xlsx', 'f11.xlsx']);
    expect(json.filter((r) => r.findings).length).toBe(14 - json.filter((r) => r.error).length);
  });
});
