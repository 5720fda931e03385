/**
 * The command line, run in-process through main() on real .xlsx files written
 * by the generator (and on ../shared/fixtures when present).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli';
import { toXlsx, hongjiangWorkbook, unrelatedWorkbook } from '../../scripts/workbooks';

let dir: string;
const file = (name: string) => path.join(dir, name);

const run = runCli;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-cli-'));
  for (const v of ['published', 'corrected', 'miscalculated'] as const) {
    fs.writeFileSync(file(`${v}.xlsx`), await toXlsx(hongjiangWorkbook(v)));
  }
  fs.writeFileSync(file('none.xlsx'), await toXlsx(unrelatedWorkbook()));
  fs.writeFileSync(file('renamed.xlsx'), 'a,b,c\n1,2,3\n');
  fs.writeFileSync(file('empty.xlsx'), '');
  const good = fs.readFileSync(file('published.xlsx'));
  fs.writeFileSync(file('damaged.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('selfeval check', () => {
  test('--json on one file: exactly one JSON object of the documented shape', async () => {
    const r = await run('check', file('published.xlsx'), '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const rep = JSON.parse(r.stdout);
    expect(Object.keys(rep)).toEqual(['file', 'tables', 'findings', 'recalculated', 'scores', 'summary']);
    expect(rep.tables).toEqual([
      { kind: 'basic-data', sheet: '附件2', range: 'A1:G28', year: 2024, name: null },
      { kind: 'overall', sheet: '附件3', range: 'A1:I30', year: 2024, name: '洪江区科技和工业信息化局' },
      { kind: 'project', sheet: '附件4', range: 'A1:I25', year: 2024, name: '科技三项费产学研创新（含无委办经费）' },
    ]);
    const f = rep.findings.find((x: { cell: string; sheet: string }) => x.sheet === '附件2' && x.cell === 'E20');
    expect(f).toMatchObject({ rule: 'unparseable-number', severity: 'error', actual: '91.2591.25', expected: null });
    expect(Object.keys(f)).toEqual(['rule', 'severity', 'sheet', 'cell', 'related', 'message', 'expected', 'actual']);
    const e8 = rep.findings.find((x: { cell: string; sheet: string }) => x.sheet === '附件3' && x.cell === 'E8');
    expect(e8.message).toBe('附件3!E8 项目支出 110.3 与 附件2!E17 二、部门项目支出 决算 110.26 不一致，请核对');
    expect(e8.related).toEqual([{ sheet: '附件2', cell: 'E17' }]);
    expect(rep.scores).toEqual([
      { sheet: '附件3', kind: 'overall', name: '洪江区科技和工业信息化局', total: 96, grade: '优' },
      { sheet: '附件4', kind: 'project', name: '科技三项费产学研创新（含无委办经费）', total: 100, grade: '优' },
    ]);
  });

  test('human report: grouped by table, errors first, a closing count', async () => {
    const r = await run('check', file('published.xlsx'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('识别到 3 张表');
    expect(r.stdout).toMatch(/共 7 个错误，1 个警告，0 条提示。\n$/);
    const overall = r.stdout.slice(r.stdout.indexOf('附件3!A1:I30 整体支出绩效自评表（洪江区科技和工业信息化局） 2024年度：'));
    expect(overall.indexOf('错误')).toBeLessThan(overall.indexOf('警告'));
  });

  test('exit 0 without errors; a workbook with no table says so and exits 0', async () => {
    expect((await run('check', file('corrected.xlsx'))).status).toBe(0);
    const none = await run('check', file('none.xlsx'));
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('未识别到');
    const json = JSON.parse((await run('check', file('none.xlsx'), '--json')).stdout);
    expect(json.tables).toEqual([]);
  });

  test.each([
    ['missing.xlsx', '不存在'],
    ['renamed.xlsx', '不是 Excel 工作簿'],
    ['empty.xlsx', '空'],
    ['damaged.xlsx', '损坏'],
  ])('unreadable input %s: exit 2, one line on stderr, no stack trace; --json says so in JSON', async (name, words) => {
    const r = await run('check', file(name), '--json');
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ file: file(name), error: r.stderr.trim() });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('several files: a JSON array and the highest status', async () => {
    const r = await run('check', file('corrected.xlsx'), file('published.xlsx'), file('renamed.xlsx'), '--json');
    expect(r.status).toBe(2);
    const arr = JSON.parse(r.stdout);
    expect(arr.map((x: { file: string }) => path.basename(x.file))).toEqual(['corrected.xlsx', 'published.xlsx', 'renamed.xlsx']);
    expect(arr[2].error).toContain('不是 Excel 工作簿');
    expect(arr[1].findings.length).toBeGreaterThan(0);
    expect(r.stderr).toContain('renamed.xlsx');
  });

  test('a folder: its .xlsx files, with a closing count', async () => {
    const sub = file('folder');
    fs.mkdirSync(sub, { recursive: true });
    fs.copyFileSync(file('corrected.xlsx'), path.join(sub, 'a.xlsx'));
    fs.copyFileSync(file('miscalculated.xlsx'), path.join(sub, 'b.xlsx'));
    const r = await run('check', sub);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('已校验 2 个文件');
  });

  test('--profile: read, validated, applied', async () => {
    const p = file('profile.json');
    fs.writeFileSync(p, JSON.stringify({ reverseFormula: 'ratio' }));
    expect((await run('check', file('corrected.xlsx'), '--profile', p)).status).toBe(0);
    fs.writeFileSync(p, JSON.stringify({ reverseFormula: 'sideways' }));
    const bad = await run('check', file('corrected.xlsx'), '--profile', p);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('reverseFormula');
  });

  test('--help exits 0', async () => {
    const r = await run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('check');
  });

  test('help, usage and argument errors in Chinese; English under LANG=en*', async () => {
    const help = await run('check', '--help');
    expect(help.stdout).toMatch(/^用法： selfeval check \[选项\] \[文件或文件夹\.\.\.\]/);
    expect(help.stdout).toContain('选项：');
    expect(help.stdout).toContain('--profile <评分规则.json>');
    expect(help.stdout).not.toMatch(/Usage|Options|Arguments/);
    const cases: [string[], string][] = [
      [['check', '--bogus'], 'selfeval: 未知的选项 --bogus\n运行 selfeval --help 查看用法。\n'],
      [['frob'], 'selfeval: 未知的命令 frob，可用的命令：check、fix、summary\n运行 selfeval --help 查看用法。\n'],
      [['fix'], 'selfeval: 缺少参数：文件\n运行 selfeval --help 查看用法。\n'],
      [['summary', 'a.xlsx', 'b.xlsx'], 'selfeval: 参数过多：summary 只接受 1 个文件，实际给了 2 个\n运行 selfeval --help 查看用法。\n'],
      [['check', '--profile'], 'selfeval: 选项 --profile 后面缺少值\n运行 selfeval --help 查看用法。\n'],
      [['fix', 'a.xlsx'], 'selfeval: 请用 -o 指定输出文件，例如：selfeval fix 文件.xlsx -o 输出.xlsx\n'],
      [['check', '--profile', file('nope.json')], `selfeval: 无法读取评分规则文件 ${file('nope.json')}，请检查路径\n`],
    ];
    for (const [args, said] of cases) {
      const r = await run(...args);
      expect([args, r.status, r.stderr]).toEqual([args, 2, said]);
    }
    const en = await runCli({ env: { LANG: 'en_US.UTF-8' } }, 'check', '--bogus');
    expect(en.stderr).toBe('selfeval: unknown option --bogus\nRun selfeval --help for usage.\n');
    expect((await runCli({ env: { LANG: 'en_GB' } }, '--help')).stdout).toMatch(/^Usage: selfeval \[options\] \[command\]/);
    // LC_ALL wins over LANG, as in POSIX.
    expect((await runCli({ env: { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US' } }, '--help')).stdout).toMatch(/^用法：/);
  });

  test('rule ids only when asked for (--details); always in --json', async () => {
    const plain = await run('check', file('published.xlsx'));
    expect(plain.stdout).not.toMatch(/\[[a-z0-9-]+\]/);
    const details = await run('check', file('published.xlsx'), '--details');
    expect(details.stdout).toContain('请核对  [overall-expense-vs-basic]');
  });
});

describe('selfeval fix', () => {
  test('writes the recalculated values and marks; the copy then checks clean', async () => {
    const out = file('fixed.xlsx');
    const r = await run('fix', file('miscalculated.xlsx'), '-o', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('重新计算 8 个单元格');
    const again = JSON.parse((await run('check', out, '--json')).stdout);
    expect(again.findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);
    expect(again.recalculated).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('附件3')!;
    expect(ws.getCell('H29').value).toBe(96);
    expect(ws.getCell('G5').value).toBe(1);
    // The finding is marked: fill and a note.
    expect((ws.getCell('H29').fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/FFC7CE$/i);
    expect(JSON.stringify(ws.getCell('H29').note)).toContain('应为 96');
    // Cells without a finding keep their fill and their (absent) note.
    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(file('miscalculated.xlsx'));
    for (const a of ['C3', 'D17', 'G29', 'B18', 'I20']) {
      expect(ws.getCell(a).fill).toEqual(src.getWorksheet('附件3')!.getCell(a).fill);
      expect(ws.getCell(a).note).toBeUndefined();
    }
  });

  test('refuses to write over its input, and needs -o', async () => {
    const r = await run('fix', file('published.xlsx'), '-o', file('published.xlsx'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('它就是输入文件');
    expect((await run('fix', file('published.xlsx'))).status).toBe(2);
  });

  test('an unreadable input: exit 2', async () => {
    const r = await run('fix', file('renamed.xlsx'), '-o', file('x.xlsx'));
    expect(r.status).toBe(2);
    expect(fs.existsSync(file('x.xlsx'))).toBe(false);
  });

  test('a workbook with an image: fixed in place, the image kept byte for byte', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('miscalculated.xlsx'));
    // A 1×1 PNG.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082', 'hex');
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    wb.getWorksheet('附件2')!.addImage(id, 'J2:K4');
    const withImage = file('image.xlsx');
    await wb.xlsx.writeFile(withImage);
    const r = await run('fix', withImage, '-o', file('image-fixed.xlsx'));
    expect(r.status).toBe(0);
    const { unzipSync } = await import('fflate');
    const a = unzipSync(fs.readFileSync(withImage));
    const b = unzipSync(fs.readFileSync(file('image-fixed.xlsx')));
    const media = Object.keys(a).filter((k) => k.startsWith('xl/media/') && !k.endsWith('/'));
    expect(media.length).toBe(1);
    for (const k of [...media, ...Object.keys(a).filter((k) => k.startsWith('xl/drawings/') && !k.endsWith('/'))]) expect(Buffer.from(b[k]).equals(Buffer.from(a[k]))).toBe(true);
  });
});

describe('selfeval summary', () => {
  test('prints the summary text', async () => {
    const r = await run('summary', file('corrected.xlsx'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('部门整体支出绩效自评得分96分，评价等级为“优”');
    expect(r.stdout.split('\n\n')).toHaveLength(2);
  });
});

const shared = path.resolve(__dirname, '../../../shared/fixtures');
const describeShared = fs.existsSync(shared) ? describe : describe.skip;
describeShared('the fixtures of ../shared (EXPECTED.md)', () => {
  test('published: the expected findings; corrected: clean; miscalculated: exactly the 8 cells', async () => {
    const pub = JSON.parse((await run('check', path.join(shared, 'hongjiang-2024.xlsx'), '--json')).stdout);
    const hit = new Set(pub.findings.filter((f: { severity: string }) => f.severity !== 'info').flatMap((f: { sheet: string; cell: string; related: { sheet: string; cell: string }[] }) => [`${f.sheet}!${f.cell}`, ...f.related.map((x) => `${x.sheet}!${x.cell}`)]));
    for (const c of ['附件2!E20', '附件2!E17', '附件2!E6', '附件3!E5', '附件4!C6', '附件4!E6', '附件3!I18']) expect(hit.has(c)).toBe(true);
    const cor = await run('check', path.join(shared, 'hongjiang-2024-corrected.xlsx'), '--json');
    expect(cor.status).toBe(0);
    expect(JSON.parse(cor.stdout).findings.filter((f: { severity: string }) => f.severity !== 'info')).toEqual([]);
    const mis = JSON.parse((await run('check', path.join(shared, 'hongjiang-2024-miscalculated.xlsx'), '--json')).stdout);
    expect(mis.recalculated.map((x: { sheet: string; cell: string }) => `${x.sheet}!${x.cell}`).sort()).toEqual(
      ['附件2!E4', '附件3!G5', '附件3!H5', '附件3!H18', '附件3!H29', '附件4!G6', '附件4!H6', '附件4!H24'].sort());
  });
});
