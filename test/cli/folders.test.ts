/**
 * A folder never aborts (issue 20 item 4): a sub-folder that cannot be listed, an
 * empty folder, a missing path among several arguments is one entry ({file, error}
 * in --json, one line on stderr) and every other file is still checked; exit 2
 * only after all have been reported.
 *
 * Tests run as root here, where chmod 000 does not stop readdir: the unlistable
 * sub-folder is made to fail by a mocked readdirSync (EACCES, as a real chmod 000
 * gives an ordinary user), by a real chmod 000 when the tests are not root, and for
 * real (also as root) by folders nested past PATH_MAX (readdir: ENAMETOOLONG).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { runCli as run } from '../support/cli';
import { toXlsx, hongjiangWorkbook } from '../../scripts/workbooks';

let dir: string;
const file = (...p: string[]) => path.join(dir, ...p);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-folders-'));
  const good = await toXlsx(hongjiangWorkbook('published'));
  fs.mkdirSync(file('tree', 'a'), { recursive: true });
  fs.mkdirSync(file('tree', 'locked'));
  fs.mkdirSync(file('tree', 'z'));
  fs.writeFileSync(file('tree', 'a', 'one.xlsx'), good);
  fs.writeFileSync(file('tree', 'locked', 'hidden.xlsx'), good);
  fs.writeFileSync(file('tree', 'z', 'two.xlsx'), good);
  fs.mkdirSync(file('empty'));
  fs.writeFileSync(file('alone.xlsx'), good);
});
afterAll(() => {
  try { fs.chmodSync(file('tree', 'locked'), 0o755); } catch { /* gone */ }
  fs.rmSync(dir, { recursive: true, force: true });
});

function lockWithMock(): jest.SpyInstance {
  // The module object itself (the namespace import above is a read-only view of it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeFs = require('fs') as typeof fs;
  const real = nodeFs.readdirSync;
  return jest.spyOn(nodeFs, 'readdirSync').mockImplementation(((p: fs.PathLike, o?: unknown) => {
    if (path.resolve(String(p)) === file('tree', 'locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), { code: 'EACCES' });
    return (real as (p: fs.PathLike, o?: unknown) => unknown)(p, o);
  }) as typeof fs.readdirSync);
}

describe('check on folders and several arguments', () => {
  test('for real, also as root: a sub-folder nested past PATH_MAX cannot be listed; the rest is checked', async () => {
    const deep = file('deep');
    fs.mkdirSync(deep);
    fs.copyFileSync(file('alone.xlsx'), path.join(deep, 'a.xlsx'));
    // 21 levels of 200 characters (4,200 > PATH_MAX 4,096), made one level at a time (relative paths).
    const made = spawnSync('bash', ['-c', 'cd "$1" && n=$(printf "d%.0s" $(seq 1 200)) && for i in $(seq 1 21); do mkdir "$n" && cd "$n" || exit 1; done', '_', deep]);
    if (made.status !== 0) return; // a file system without such paths
    try {
      const r = await run('check', deep, '--json');
      expect(r.status).toBe(2);
      const arr = JSON.parse(r.stdout) as { file: string; error?: string; findings?: unknown[] }[];
      expect(arr).toHaveLength(2);
      expect(path.basename(arr[0].file)).toBe('a.xlsx');
      expect(arr[0].findings).toBeDefined();
      expect(arr[1].error).toMatch(/^无法读取文件夹 .*路径过长/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      spawnSync('rm', ['-rf', deep]);
    }
  });


  test('a sub-folder that cannot be listed is one entry; the rest is checked; exit 2 after all', async () => {
    const spy = lockWithMock();
    try {
      const r = await run('check', file('tree'), '--json');
      expect(r.status).toBe(2);
      const arr = JSON.parse(r.stdout) as { file: string; error?: string; findings?: unknown[] }[];
      expect(arr.map((x) => path.relative(dir, x.file))).toEqual([path.join('tree', 'a', 'one.xlsx'), path.join('tree', 'locked'), path.join('tree', 'z', 'two.xlsx')]);
      expect(arr[1].error).toMatch(/无法读取文件夹 .*locked.*没有读取权限/);
      expect(arr[0].findings).toBeDefined();
      expect(arr[2].findings).toBeDefined();
      expect(r.stderr.trim().split('\n')).toEqual([arr[1].error]);
      const human = await run('check', file('tree'));
      expect(human.status).toBe(2);
      expect(human.stdout).toContain('已校验 3 个文件（1 个无法读取）');
    } finally {
      spy.mockRestore();
    }
  });

  test('chmod 000 for real when not root (root reads through it)', async () => {
    if (process.getuid?.() === 0) return;
    fs.chmodSync(file('tree', 'locked'), 0);
    try {
      const r = await run('check', file('tree'), '--json');
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout)).toHaveLength(3);
    } finally {
      fs.chmodSync(file('tree', 'locked'), 0o755);
    }
  });

  test('an empty folder and a missing path among several arguments: one entry and one line each', async () => {
    const r = await run('check', file('empty'), file('alone.xlsx'), file('nowhere'), '--json');
    expect(r.status).toBe(2);
    const arr = JSON.parse(r.stdout) as { file: string; error?: string; findings?: unknown[] }[];
    expect(arr.map((x) => path.basename(x.file))).toEqual(['empty', 'alone.xlsx', 'nowhere']);
    expect(arr[0].error).toContain('没有 .xlsx 文件');
    expect(arr[1].findings).toBeDefined();
    expect(arr[2].error).toContain('文件不存在');
    expect(r.stderr.trim().split('\n')).toEqual([arr[0].error, arr[2].error]);
  });

  test('an empty folder alone: one {file, error} object, exit 2', async () => {
    const r = await run('check', file('empty'), '--json');
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ file: file('empty'), error: r.stderr.trim() });
  });
});
