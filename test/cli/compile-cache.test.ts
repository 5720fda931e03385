/**
 * bin/selfeval.js keeps V8's code cache of the bundle in the user's cache folder
 * on a Node without module.enableCompileCache (Node 20): written after a run that
 * checked something and had none, used by the next runs, replaced when damaged.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import Module from 'module';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'selfeval.js');
const SAMPLE = path.join(ROOT, 'samples', fs.readdirSync(path.join(ROOT, 'samples')).find((f) => f.endsWith('.xlsx'))!);
const native = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

let home: string;
beforeEach(() => { home = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-cache-')); });
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', XDG_CACHE_HOME: home, NODE_DISABLE_COMPILE_CACHE: '', ...env } });
const cacheFiles = () => { const d = path.join(home, 'selfeval'); return fs.existsSync(d) ? fs.readdirSync(d).map((f) => path.join(d, f)) : []; };

(native ? describe.skip : describe)('the code cache of the command (Node without enableCompileCache)', () => {
  it('is written by a check, in a folder of the user only, and gives the same output when used', () => {
    const first = run(['check', SAMPLE, '--json']);
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(path.basename(files[0])).toMatch(new RegExp(`^selfeval-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.cache$`));
    expect(fs.statSync(files[0]).size).toBeGreaterThan(10_000);
    if (process.platform !== 'win32') {
      expect(fs.statSync(path.dirname(files[0])).mode & 0o777).toBe(0o700);
      expect(fs.statSync(files[0]).mode & 0o777).toBe(0o600);
    }
    const mtime = fs.statSync(files[0]).mtimeMs;
    const second = run(['check', SAMPLE, '--json']);
    expect(second.status).toBe(first.status);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
    // Used, not written again.
    expect(fs.statSync(files[0]).mtimeMs).toBe(mtime);
  });

  it('a damaged cache is replaced, the output unchanged; caches of other builds are removed', () => {
    const plain = run(['check', SAMPLE, '--json'], { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(cacheFiles()).toHaveLength(0);
    fs.mkdirSync(path.join(home, 'selfeval'), { recursive: true });
    const stale = path.join(home, 'selfeval', 'selfeval-1-1-v0.0.0-x64.cache');
    fs.writeFileSync(stale, 'old');
    run(['check', SAMPLE, '--json']);
    const [file] = cacheFiles();
    expect(fs.existsSync(stale)).toBe(false);
    fs.writeFileSync(file, 'not a code cache');
    const again = run(['check', SAMPLE, '--json']);
    expect(again.stdout).toBe(plain.stdout);
    expect(again.status).toBe(plain.status);
    expect(fs.readFileSync(file).length).toBeGreaterThan(10_000);
  });

  it('nothing is written by --version or --help, nor with NODE_DISABLE_COMPILE_CACHE', () => {
    expect(run(['--version']).status).toBe(0);
    expect(run(['--help']).status).toBe(0);
    expect(run(['check', SAMPLE], { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBeLessThan(2);
    expect(cacheFiles()).toHaveLength(0);
  });

  it('an unwritable cache folder only means no cache', () => {
    fs.writeFileSync(path.join(home, 'selfeval'), 'a file where the folder would be');
    const r = run(['check', SAMPLE, '--json']);
    expect(r.status).toBeLessThan(2);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).tables.length).toBeGreaterThan(0);
  });
});
