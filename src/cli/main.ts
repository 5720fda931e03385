/**
 * `selfeval`: checks, recalculates and summarizes the attachment tables of a
 * 部门整体支出绩效自评报告 in .xlsx files. A thin face over src/core and the file host.
 */
import { Command, CommanderError } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import type { Report } from '../core/report';
import type { ScoringProfile } from '../core/profile';
import { formatReport, countFindings, formatCounts, safeText, type Counts } from './format';
import { cliLocale, cliText, usageMessage, type CliText } from './messages';

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
  /** The environment (the language of help and usage errors). Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The words of this run (set by main from the environment). */
let T: CliText = cliText('zh');

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
    throw new UsageError(T('profileUnreadable', { file: safeText(file) }));
  }
  try {
    return JSON.parse(text) as Partial<ScoringProfile>;
  } catch (e) {
    throw new UsageError(T('profileInvalid', { file: safeText(file), reason: (e as Error).message }));
  }
}

/** A folder that cannot be listed, in one line of Chinese. */
function folderError(dir: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? '没有读取权限'
    : code === 'ENOENT' ? '文件夹不存在'
      : code === 'ELOOP' ? '符号链接形成了循环'
        : code === 'ENAMETOOLONG' ? '路径过长'
          : '无法列出其中的文件';
  return `无法读取文件夹 ${dir}：${why}`;
}

/** What a folder gives: workbooks and Word reports. */
const CHECKED_FILE = /\.(?:xlsx|docx)$/i;
/** Files read as Word documents (an old .doc or a .wps is refused with its own message). */
const WORD_FILE = /\.(?:docx|docm|dotx|doc|wps)$/i;

/**
 * Files named on the command line; a folder gives its .xlsx and .docx files
 * (recursively, ~$ lock files skipped, links to folders not followed). A
 * folder named *.xlsx or *.docx is a file argument (refused when read). A folder
 * that cannot be listed, or holds no such file, is an entry with its error: it
 * never stops the others.
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
      if (e.isDirectory() && !CHECKED_FILE.test(e.name)) found += walk(p);
      else if (CHECKED_FILE.test(e.name) && !e.name.startsWith('~$')) { out.push(p); found++; }
    }
    return found;
  };
  for (const i of inputs) {
    let st: fs.Stats | undefined;
    try { st = fs.statSync(i); } catch { st = undefined; }
    if (st?.isDirectory() && !CHECKED_FILE.test(i.replace(/[\\/]+$/, ''))) {
      const before = out.length;
      if (walk(i) === 0 && out.length === before) out.push({ file: i, error: T('folderEmpty', { dir: i }) });
    } else out.push(i);
  }
  return out;
}

interface Checked { file: string; report?: Report; error?: string }

/** The paragraphs of a report given with --report, or the error that keeps it from being read. */
type ReportText = { paragraphs: string[] } | { error: string };

/** Reads the text of a Word report (for --report); never throws. */
async function readReportText(file: string): Promise<ReportText> {
  const { readDocumentFile, InputError } = await import('../hosts/file/node');
  try {
    return { paragraphs: (await readDocumentFile(file)).paragraphs };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    return { error: internalError(file, e) };
  }
}

/**
 * Reads and checks one file; never throws (an unreadable file or an internal error is its `error`).
 * A Word document gives its tables and its text; a workbook its tables, and `text` the report's text.
 */
async function checkFile(file: string, profile: Partial<ScoringProfile> | undefined, text?: ReportText): Promise<Checked> {
  const node = await import('../hosts/file/node');
  const { analyze, toReport } = await import('../core/engine');
  if (text && 'error' in text) return { file, error: text.error };
  let snapshot;
  let reportText = text?.paragraphs;
  try {
    if (WORD_FILE.test(file) || (!/\.xlsx$/i.test(file) && await node.isDocxFile(file))) {
      const doc = await node.readDocumentFile(file);
      snapshot = doc.snapshot;
      reportText ??= doc.paragraphs;
    } else {
      snapshot = (await node.readWorkbookFile(file)).snapshot;
    }
  } catch (e) {
    if (e instanceof node.InputError) return { file, error: e.message };
    return { file, error: internalError(file, e) };
  }
  try {
    return { file, report: toReport(analyze(snapshot, { profile, reportText })) };
  } catch (e) {
    return { file, error: internalError(file, e, 'stageCheck') };
  }
}

/** One line for an error that is a defect of this tool: names the file and, when known, the part. */
function internalError(file: string, e: unknown, stage: 'stageRead' | 'stageCheck' | 'stageWrite' = 'stageRead'): string {
  const part = (e as { part?: string }).part;
  return `selfeval: ${T('internal', { stage: T(stage), file, part: part ? T('internalPart', { part }) : '', reason: (e as Error)?.message ?? String(e) })}`;
}

function statusOf(c: Checked): number {
  if (c.error) return EXIT.input;
  return c.report!.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
}

/** How a checked file is printed: made as soon as it is checked (a folder's reports are not all kept). */
interface RenderOptions { json: boolean; details: boolean; color: boolean }
interface Rendered {
  file: string;
  error?: string;
  /** --json: the file's object as JSON.stringify(…, null, 2) writes it. */
  json?: string;
  /** Otherwise: the file's report as text, and its findings counted. */
  text?: string;
  counts?: Counts;
  status: number;
}

/** The file's object in --json: what a user reads (no internal fields). */
function strip(o: Report & { file: string }) {
  return {
    file: o.file,
    tables: o.tables.map(({ kind, sheet, range, year, name }) => ({ kind, sheet, range, year, name })),
    findings: o.findings.map(({ rule, severity, sheet, cell, related, message, expected, actual, paragraph, quote }) => (
      paragraph === undefined ? { rule, severity, sheet, cell, related, message, expected, actual } : { rule, severity, paragraph, quote, sheet, cell, related, message, expected, actual })),
    recalculated: o.recalculated.map(({ sheet, cell, before, after }) => ({ sheet, cell, before, after })),
    scores: o.scores.map(({ sheet, kind, name, total, grade }) => ({ sheet, kind, name, total, grade })),
    summary: o.summary,
    ...(o.text ? { text: o.text } : {}),
  };
}

function render(c: Checked, o: RenderOptions): Rendered {
  const status = statusOf(c);
  if (!c.report) {
    // Always valid JSON: an unreadable file is { file, error }.
    return { file: c.file, error: c.error, status, ...(o.json ? { json: JSON.stringify({ file: c.file, error: c.error }, null, 2) } : {}) };
  }
  if (o.json) return { file: c.file, json: JSON.stringify(strip({ file: c.file, ...c.report }), null, 2), status };
  return { file: c.file, text: formatReport(c.file, c.report, o.color, { details: o.details }), counts: countFindings(c.report.findings), status };
}

async function runCheck(inputs: string[], opts: { json?: boolean; profile?: string; details?: boolean; report?: string }, io: Io): Promise<number> {
  const profile = loadProfile(opts.profile);
  if (profile) (await import('../core/profile')).resolveProfile(profile);
  const files = inputs.length ? expandInputs(inputs) : [displayPath(samplePath())];
  const text = opts.report ? await readReportText(opts.report) : undefined;
  const ro: RenderOptions = { json: !!opts.json, details: !!opts.details, color: io.isTTY };
  const results: Rendered[] = [];
  let bar: import('cli-progress').SingleBar | null = null;
  if (files.length > 1 && !opts.json && io.progress) {
    const { SingleBar, Presets } = await import('cli-progress');
    bar = new SingleBar({ format: '校验中 [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true, noTTYOutput: false }, Presets.shades_classic);
    bar.start(files.length, 0, { file: '' });
  }
  for (const f of files) {
    if (typeof f !== 'string') { results.push(render(f, ro)); continue; }
    bar?.update(results.length, { file: safeText(path.basename(f)) });
    results.push(render(await checkFile(f, profile, text), ro));
  }
  bar?.update(results.length, { file: '' });
  bar?.stop();
  for (const r of results) if (r.error) io.stderr(`${safeText(r.error)}\n`);
  if (opts.json) {
    // As JSON.stringify(objects, null, 2) writes an array: each object indented by two more spaces
    // (a JSON text holds no raw line break but its own).
    const body = files.length === 1 ? results[0].json! : `[\n  ${results.map((r) => r.json!.replace(/\n/g, '\n  ')).join(',\n  ')}\n]`;
    io.stdout(`${body}\n`);
  } else {
    const ok = results.filter((r) => r.text !== undefined);
    io.stdout(ok.map((r) => r.text!).join('\n\n') + (ok.length ? '\n' : ''));
    if (files.length > 1) {
      const all: Counts = { error: 0, warning: 0, info: 0 };
      for (const r of ok) { all.error += r.counts!.error; all.warning += r.counts!.warning; all.info += r.counts!.info; }
      io.stdout(`\n已校验 ${files.length} 个文件（${results.length - ok.length} 个无法读取），共 ${formatCounts(all)}。\n`);
    }
  }
  return Math.max(EXIT.ok, ...results.map((r) => r.status));
}

async function runFix(file: string, opts: { output?: string; profile?: string }, io: Io): Promise<number> {
  if (!opts.output) throw new UsageError(T('outputRequired'));
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
    io.stderr(`${safeText(internalError(file, e, 'stageWrite'))}\n`);
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
  if (!c.report!.tables.length) { io.stderr(`${T('noTables', { file: safeText(file) })}\n`); return EXIT.ok; }
  io.stdout(`${safeText(c.report!.summary, true)}\n`);
  return EXIT.ok;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let status: number = EXIT.ok;
  const t = (T = cliText(cliLocale(io.env ?? process.env)));
  const program = new Command();
  program
    .name('selfeval')
    .description(t('description'))
    .version(readVersion(), '-V, --version', t('version'))
    .helpOption('-h, --help', t('help'))
    .helpCommand('help [command]', t('helpCommand'))
    .exitOverride()
    .configureHelp({
      styleTitle: (s) => ({ 'Usage:': t('Usage'), 'Arguments:': t('Arguments'), 'Options:': t('Options'), 'Commands:': t('Commands'), 'Global Options:': t('GlobalOptions') } as Record<string, string>)[s] ?? s,
      styleUsage: (s) => s.replace('[options]', t('options')).replace('[command]', t('command')),
      styleSubcommandTerm: (s) => s.replace('[options]', t('options')).replace('[command]', t('command')),
      // Columns line up in a terminal: a CJK character takes two cells (colour codes take none).
      // eslint-disable-next-line no-control-regex
      displayWidth: (s) => [...s.replace(/\x1b\[\d*(?:;\d+)*m/g, '')].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0),
    })
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Commander's own errors are English: main() words them (usageMessage).
      outputError: () => undefined,
    });
  const profileOption = `--profile <${t('profileArg')}>`;
  program.command('check')
    .description(t('checkDesc'))
    .argument(`[${t('filesArg')}...]`, t('filesDesc'))
    .option(`--report <${t('reportArg')}>`, t('report'))
    .option('--json', t('json'))
    .option('--details', t('details'))
    .option(profileOption, t('profile'))
    .action(async (files: string[], opts) => { status = await runCheck(files, opts, io); });
  program.command('fix')
    .description(t('fixDesc'))
    .argument(`<${t('fileArg')}>`, t('fileDesc'))
    .option(`-o, --output <${t('outputArg')}>`, t('output'))
    .option('--force', t('force'))
    .option(profileOption, t('profile'))
    .action(async (file: string, opts) => { status = await runFix(file, opts, io); });
  program.command('summary')
    .description(t('summaryDesc'))
    .argument(`<${t('fileArg')}>`, t('fileDesc'))
    .option(profileOption, t('profile'))
    .action(async (file: string, opts) => { status = await runSummary(file, opts, io); });
  try {
    await program.parseAsync(argv);
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.ok;
      const said = usageMessage(e.code, e.message, t);
      if (said !== null || e.code !== 'commander.help') io.stderr(`selfeval: ${safeText(said ?? t('usageError'))}\n${t('seeHelp')}\n`);
      return EXIT.input;
    }
    const { ProfileError } = await import('../core/profile');
    if (e instanceof UsageError || e instanceof ProfileError) { io.stderr(`selfeval: ${safeText(e.message)}\n`); return EXIT.input; }
    io.stderr(`selfeval: ${safeText(t('internalBare', { reason: (e as Error)?.message ?? String(e) }))}\n`);
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
