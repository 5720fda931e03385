/**
 * `selfeval`: checks, recalculates and summarizes the attachment tables of a
 * 部门整体支出绩效自评报告 in .xlsx files. A thin face over src/core and the file host.
 */
import { Command, CommanderError } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import type { Report } from '../core/report';
import type { ScoringProfile } from '../core/profile';
import { formatReport, countFindings, formatCounts, safeText } from './format';

/** Exit status: 0 no error, 1 errors found, 2 an input cannot be read or an output cannot be written. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

class UsageError extends Error {}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Colour in the report: stdout is a terminal and NO_COLOR is unset. */
  isTTY: boolean;
  /** A progress bar on stderr (a terminal). Default: false. */
  progress?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorWanted(stdoutIsTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return !!stdoutIsTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

function defaultIo(): Io {
  return {
    stdout: (s) => { process.stdout.write(s); },
    stderr: (s) => { process.stderr.write(s); },
    isTTY: colorWanted(process.stdout.isTTY, process.env),
    progress: !!process.stderr.isTTY,
  };
}

/** The package root: where package.json and samples/ are. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'samples'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..', '..');
}

/** A path relative to the working folder when it lies inside it. */
function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

export function samplePath(): string {
  return path.join(packageRoot(), 'samples', 'hongjiang-2024.xlsx');
}

function loadProfile(file: string | undefined): Partial<ScoringProfile> | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`无法读取评分规则文件 ${file}（profile file not found）`);
  }
  try {
    return JSON.parse(text) as Partial<ScoringProfile>;
  } catch (e) {
    throw new UsageError(`评分规则文件 ${file} 不是有效的 JSON（invalid JSON）：${(e as Error).message}`);
  }
}

/** A folder that cannot be listed, in one line of Chinese. */
function folderError(dir: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? '没有读取权限（permission denied）'
    : code === 'ENOENT' ? '文件夹不存在（folder not found）'
      : code === 'ELOOP' ? '符号链接循环（symbolic link loop）'
        : code === 'ENAMETOOLONG' ? '路径过长（path too long）'
          : `无法列出其中的文件（${code ?? 'unreadable folder'}）`;
  return `无法读取文件夹 ${dir}：${why}`;
}

/**
 * Files named on the command line; a folder gives its .xlsx files
 * (recursively, ~$ lock files skipped, links to folders not followed). A
 * folder named *.xlsx is a file argument (refused when read). A folder that
 * cannot be listed, or holds no .xlsx file, is an entry with its error: it never
 * stops the others.
 */
export function expandInputs(inputs: string[]): (string | { file: string; error: string })[] {
  const out: (string | { file: string; error: string })[] = [];
  const walk = (dir: string): number => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.push({ file: dir, error: folderError(dir, e) });
      return 0;
    }
    let found = 0;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !/\.xlsx$/i.test(e.name)) found += walk(p);
      else if (/\.xlsx$/i.test(e.name) && !e.name.startsWith('~$')) { out.push(p); found++; }
    }
    return found;
  };
  for (const i of inputs) {
    let st: fs.Stats | undefined;
    try { st = fs.statSync(i); } catch { st = undefined; }
    if (st?.isDirectory() && !/\.xlsx$/i.test(i.replace(/[\\/]+$/, ''))) {
      const before = out.length;
      if (walk(i) === 0 && out.length === before) out.push({ file: i, error: `文件夹 ${i} 中没有 .xlsx 文件（no .xlsx file in folder）` });
    } else out.push(i);
  }
  return out;
}

interface Checked { file: string; report?: Report; error?: string }

/** Reads and checks one file; never throws (an unreadable file or an internal error is its `error`). */
async function checkFile(file: string, profile: Partial<ScoringProfile> | undefined): Promise<Checked> {
  const { readWorkbookFile, InputError } = await import('../hosts/file/node');
  const { analyze, toReport } = await import('../core/engine');
  let fw;
  try {
    fw = await readWorkbookFile(file);
  } catch (e) {
    if (e instanceof InputError) return { file, error: e.message };
    return { file, error: internalError(file, e) };
  }
  try {
    return { file, report: toReport(analyze(fw.snapshot, { profile })) };
  } catch (e) {
    return { file, error: internalError(file, e, '校验') };
  }
}

/** One line for an error that is a defect of this tool: names the file and, when known, the part. */
function internalError(file: string, e: unknown, stage = '读取'): string {
  const part = (e as { part?: string }).part;
  return `selfeval: 内部错误（internal error）：${stage} ${file}${part ? ` 的部件 ${part}` : ''} 时：${(e as Error)?.message ?? String(e)}`;
}

function statusOf(c: Checked): number {
  if (c.error) return EXIT.input;
  return c.report!.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

async function runCheck(inputs: string[], opts: { json?: boolean; profile?: string }, io: Io): Promise<number> {
  const profile = loadProfile(opts.profile);
  if (profile) (await import('../core/profile')).resolveProfile(profile);
  const files = inputs.length ? expandInputs(inputs) : [displayPath(samplePath())];
  const results: Checked[] = [];
  let bar: import('cli-progress').SingleBar | null = null;
  if (files.length > 1 && !opts.json && io.progress) {
    const { SingleBar, Presets } = await import('cli-progress');
    bar = new SingleBar({ format: '校验中 [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true, noTTYOutput: false }, Presets.shades_classic);
    bar.start(files.length, 0, { file: '' });
  }
  for (const f of files) {
    if (typeof f !== 'string') { results.push(f); continue; }
    bar?.update(results.length, { file: safeText(path.basename(f)) });
    results.push(await checkFile(f, profile));
  }
  bar?.update(results.length, { file: '' });
  bar?.stop();
  for (const r of results) if (r.error) io.stderr(`${safeText(r.error)}\n`);
  if (opts.json) {
    const strip = (o: Report & { file: string }) => ({
      file: o.file,
      tables: o.tables.map(({ kind, sheet, range, year, name }) => ({ kind, sheet, range, year, name })),
      findings: o.findings.map(({ rule, severity, sheet, cell, related, message, expected, actual }) => ({ rule, severity, sheet, cell, related, message, expected, actual })),
      recalculated: o.recalculated.map(({ sheet, cell, before, after }) => ({ sheet, cell, before, after })),
      scores: o.scores.map(({ sheet, kind, name, total, grade }) => ({ sheet, kind, name, total, grade })),
      summary: o.summary,
    });
    // Always valid JSON: an unreadable file is { file, error }.
    const objs = results.map((r) => (r.report ? strip({ file: r.file, ...r.report }) : { file: r.file, error: r.error! }));
    io.stdout(`${JSON.stringify(files.length === 1 ? objs[0] : objs, null, 2)}\n`);
  } else {
    const ok = results.filter((r) => r.report);
    io.stdout(ok.map((r) => formatReport(r.file, r.report!, io.isTTY)).join('\n\n') + (ok.length ? '\n' : ''));
    if (files.length > 1) {
      const all = ok.flatMap((r) => r.report!.findings);
      io.stdout(`\n已校验 ${files.length} 个文件（${results.length - ok.length} 个无法读取），共 ${formatCounts(countFindings(all))}。\n`);
    }
  }
  return Math.max(EXIT.ok, ...results.map(statusOf));
}

async function runFix(file: string, opts: { output?: string; profile?: string }, io: Io): Promise<number> {
  if (!opts.output) throw new UsageError('请用 -o 指定输出文件（-o OUT.xlsx is required）');
  const profile = loadProfile(opts.profile);
  const node = await import('../hosts/file/node');
  const { analyze } = await import('../core/engine');
  const { patchFromReport } = await import('../core/patch');
  try {
    // Before reading: the output is not the input (also through a link), not a folder, not read-only.
    node.checkOutput(opts.output, file);
  } catch (e) {
    if (e instanceof node.OutputError) { io.stderr(`selfeval: ${safeText(e.message)}\n`); return EXIT.input; }
    throw e;
  }
  let fw;
  try {
    fw = await node.readWorkbookFile(file);
  } catch (e) {
    if (e instanceof node.InputError) { io.stderr(`${safeText(e.message)}\n`); return EXIT.input; }
    io.stderr(`${safeText(internalError(file, e))}\n`);
    return EXIT.input;
  }
  const report = analyze(fw.snapshot, { profile });
  const patch = patchFromReport(report);
  try {
    node.applyPatch(fw, patch);
    await node.writeWorkbookFile(fw, opts.output, file);
  } catch (e) {
    if (e instanceof node.OutputError || e instanceof node.PatchError || e instanceof node.InputError) { io.stderr(`${safeText(e.message)}\n`); return EXIT.input; }
    io.stderr(`${safeText(internalError(file, e, '写入'))}\n`);
    return EXIT.input;
  }
  const c = countFindings(report.findings);
  io.stdout(`已写出 ${safeText(opts.output)}：重新计算 ${patch.values.length} 个单元格，标记 ${patch.marks.length} 个单元格（${formatCounts(c)}）。\n`);
  for (const r of report.recalculated) io.stdout(`  ${safeText(r.sheet)}!${r.cell} ${safeText(String(r.before ?? '空'))} → ${r.after}\n`);
  return EXIT.ok;
}

async function runSummary(file: string, opts: { profile?: string }, io: Io): Promise<number> {
  const c = await checkFile(file, loadProfile(opts.profile));
  if (c.error) { io.stderr(`${safeText(c.error)}\n`); return EXIT.input; }
  if (!c.report!.tables.length) { io.stderr(`${safeText(file)} 中未识别到自评表（no recognized table），无法生成摘要\n`); return EXIT.ok; }
  io.stdout(`${safeText(c.report!.summary, true)}\n`);
  return EXIT.ok;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command();
  program
    .name('selfeval')
    .description('自评表校验助手：校验部门整体支出绩效自评报告的附件表格（基础数据表、整体支出绩效自评表、项目支出绩效自评表）')
    .version(readVersion(), '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示命令的帮助')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  program.command('check')
    .description('校验工作簿（不指定文件时校验自带的示例工作簿）')
    .argument('[files...]', '.xlsx 文件或文件夹')
    .option('--json', '输出 JSON 报告')
    .option('--profile <file>', '评分规则设置（JSON）')
    .action(async (files: string[], opts) => { status = await runCheck(files, opts, io); });
  program.command('fix')
    .description('写出一份副本：重新计算的值，并按严重程度标记每个问题单元格（批注说明）')
    .argument('<file>', '.xlsx 文件')
    .option('-o, --output <file>', '输出文件（不能与输入相同）')
    .option('--force', '（已不需要：fix 保留工作簿的全部内容）')
    .option('--profile <file>', '评分规则设置（JSON）')
    .action(async (file: string, opts) => { status = await runFix(file, opts, io); });
  program.command('summary')
    .description('输出自评摘要文字')
    .argument('<file>', '.xlsx 文件')
    .option('--profile <file>', '评分规则设置（JSON）')
    .action(async (file: string, opts) => { status = await runSummary(file, opts, io); });
  try {
    await program.parseAsync(argv);
    return status;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    const { ProfileError } = await import('../core/profile');
    if (e instanceof UsageError || e instanceof ProfileError) { io.stderr(`selfeval: ${safeText(e.message)}\n`); return EXIT.input; }
    io.stderr(`selfeval: 内部错误（internal error）：${safeText((e as Error)?.message ?? String(e))}\n`);
    return EXIT.input;
  }
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
