import type { WorkbookHost, CellContent, CellWrite, ResultRow } from '../hosts/host';
import type { Report, CellRef, Recalculation, TableInfo, Finding, Severity, Scalar, TextSummary } from '../core/report';
import { SEVERITY_ORDER } from '../core/report';
import { patchFromReport } from '../core/patch';
import { parseCell, toA1 } from '../core/address';
import { resolveProfile, DEFAULT_PROFILE, type ScoringProfile, type AchievementLevel } from '../core/profile';
import type { MessageKey, Params } from '../i18n';
import { checkWorkbook, loadProfile, loadStoredReport, loadIgnored, openFindings, type Analyze } from './check';
import { PROFILE_KEY, OPTIONS_KEY, RIBBON_ERROR_KEY, IGNORED_KEY, type CheckSource, type PaneOptions, type StoredError, type StoredReport } from './keys';
import { cardValue, findingKey, refKey, ruleName } from './wording';
import { cellRole, inTable, tableTitle, type CellLabel } from './roles';

export type Task = 'check' | 'apply' | 'undo' | 'clear' | 'insert' | 'profile' | 'ignore' | 'export';

export interface Busy {
  task: Task;
  stage: MessageKey;
  /** 0..1, or null when unknown. */
  fraction: number | null;
}

export interface ErrorInfo {
  code?: string;
  params?: Params;
  message: string;
}

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  key: MessageKey;
  params?: Params;
  /** The error behind the notice; the pane shows its text as {reason}. */
  error?: ErrorInfo;
}

/** What an action said; an automatic re-check leaves these in place until the next action. */
const ACTION_NOTICES = new Set<MessageKey>(['applied', 'fixedOne', 'fixedOneAfterRecheck', 'undone', 'inserted', 'insertedAfterRecheck', 'exportedAfterRecheck', 'exportedIgnoredAfterRecheck', 'insertUndone', 'ignoredOne', 'restored', 'exported', 'exportedIgnored', 'cleared']);

export interface PaneState {
  busy: Busy | null;
  /**
   * Actions asked for while another ran (a click that raced the busy state, an
   * edit's automatic re-check, the web page's 下载 re-checking first): each runs
   * when the one before it ends, never dropped. The pane says what follows.
   */
  queued: Task[];
  report: Report | null;
  checkedAt: string | null;
  source: CheckSource | null;
  /** Recognized sheets edited since the check. */
  staleSheets: string[];
  /** The scoring profile changed since the check. */
  profileStale: boolean;
  notice: Notice | null;
  /** Keys (`Sheet!A1`) of the recalculations ticked for writing. */
  selected: string[];
  canUndo: boolean;
  profile: ScoringProfile;
  summaryDraft: string;
  autoRecheck: boolean;
  /** Number formats of the cells shown (`Sheet!A1` → format). */
  formats: Record<string, string>;
  /** Table, row label and column of derived cells, for the 重算 list. */
  labels: Record<string, CellLabel>;
  /** Keys (`rule|Sheet!A1`) of the findings the user ignored; saved with the workbook. */
  ignored: string[];
  /** The finding worked on (its key), highlighted in the list and selected in the sheet. */
  current: string | null;
  /** The findings list's filters: a table id ('' for all) and a severity. */
  filter: { table: string; severity: Severity | 'all' };
  /** What 写入 and 修正 wrote since the pane opened, newest last. */
  written: WrittenCell[];
  /** Where the summary goes and what is there now; null until looked up. */
  insertTarget: InsertTarget | null;
  /** Set when inserting would write over something: the pane asks before going on. */
  insertConfirm: InsertTarget | null;
  /** Paragraph ids left out of the insertion ('caveat', 'p0', 'p1', …). */
  insertSkip: string[];
  /** Unsaved edits of the 评分规则 form (kept across tab switches); null when none. */
  profileDraft: ProfileDraft | null;
}

export interface WrittenCell extends CellRef {
  label: CellLabel | null;
  before: Scalar;
  after: number;
  numberFormat?: string;
  at: string;
}

export interface InsertTarget {
  /** One cell per paragraph, down from the active cell. */
  cells: CellRef[];
  contents: CellContent[];
  /** The recognized table a target cell lies in, if any. */
  table: string | null;
}

export interface ProfileDraft {
  profile: ScoringProfile;
  /** The 预算执行分值 field as typed. */
  weight: string;
  /** 超额完成扣分: the share of the weight deducted, in percent as typed; null when the switch is off. */
  overshoot: string | null;
}

/** A fraction as the percent the form shows (0.2 → "20"). */
const percentText = (x: number): string => String(Number((x * 100).toPrecision(12)));

/** The 评分规则 form for a saved profile. */
function formOf(p: ScoringProfile): ProfileDraft {
  return { profile: p, weight: p.fundsWeight === null ? '' : String(p.fundsWeight), overshoot: p.overshootDeduction === null ? null : percentText(p.overshootDeduction) };
}

/** One paragraph the summary can insert. */
export interface SummaryParagraph {
  id: string;
  text: string;
  /** 整体 / 项目 / 注. */
  kind: 'overall' | 'project' | 'caveat' | 'other';
}

/** The summary's paragraphs (blank-line separated) and, while errors are open, a caveat first. */
export function summaryParagraphs(draft: string, openErrors: number): SummaryParagraph[] {
  const out: SummaryParagraph[] = [];
  if (openErrors > 0) out.push({ id: 'caveat', kind: 'caveat', text: `注：校验发现${openErrors}处错误尚未更正，以上数字可能随更正而改变。` });
  draft.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean).forEach((text, i) => {
    const kind = /部门整体支出/.test(text.slice(0, 60)) ? 'overall' : /项目/.test(text.slice(0, 60)) ? 'project' : 'other';
    out.push({ id: `p${i}`, kind, text });
  });
  // The caveat reads best after the figures it qualifies.
  if (out[0]?.kind === 'caveat') out.push(out.shift()!);
  return out;
}

/** Chinese names for the profile's settings in its error messages (the core speaks in setting names). */
const PROFILE_WORDS: [RegExp, string][] = [
  [/fundsWeight/g, '预算执行分值'],
  [/reverseFormula/g, '反向指标计算方法'],
  [/qualitativeBands/g, '定性指标分档'],
  [/requireReasonAbove130/g, '超过 130% 时要求偏差原因'],
  [/capTotalByExecutionRate/g, '按执行率封顶总分'],
  [/overshootDeduction/g, '超额完成扣分'],
  [/achievementLevels/g, '达成等级'],
  [/，或 null（从表中读取）/g, '，或留空（从表中读取）'],
  [/ \(profile must be a JSON object\)/g, ''],
];

export function plainProfileError(message: string): string {
  return PROFILE_WORDS.reduce((m, [re, word]) => m.replace(re, word), message);
}

/**
 * What the 报告正文 tab holds — the report chosen, the text pasted, the last result — kept here so that
 * showing another tab and coming back loses none of it (the tab's component is unmounted meanwhile).
 */
export interface ReportTextKept {
  /** False until the tab was first shown: then it starts from the report that came with the workbook. */
  started: boolean;
  doc: { name: string; paragraphs: string[] } | null;
  pasted: string;
  result: { findings: Finding[]; summary: TextSummary } | null;
  error: string | null;
}

type UndoEntry = { kind: 'host' } | { kind: 'insert'; before: CellWrite[]; written: CellWrite[] };

export interface ControllerOptions {
  analyze: Analyze;
  /** The report's text that came with the workbook (the web page opening a .docx): the 报告正文 tab starts from it. */
  reportText?: { name: string; paragraphs: string[] };
  /** Debounce of the automatic re-check after edits, in ms. */
  debounceMs?: number;
  now?: () => Date;
}

export const recalcKey = (r: CellRef): string => `${r.sheet}!${r.cell}`;

/** The notice of an error the ribbon command stored (a partial marking is a warning). */
function ribbonNotice(err: StoredError): Notice {
  const error = { code: err.code, params: err.params, message: err.message };
  return err.code === 'marksPartial' ? { intent: 'warning', key: 'marksFailed', error } : { intent: 'error', key: 'error', error };
}

/** The sheet the findings are exported to. */
export const RESULTS_SHEET = '校验结果';

function errorInfo(e: unknown): ErrorInfo {
  const x = e as { code?: unknown; params?: unknown; message?: unknown };
  return {
    code: typeof x?.code === 'string' ? x.code : undefined,
    params: x?.params && typeof x.params === 'object' ? (x.params as Params) : undefined,
    message: typeof x?.message === 'string' ? x.message : String(e),
  };
}

/**
 * The task pane's state and actions, free of React and of Office.js: the pane
 * renders `getState()` and calls the actions; tests drive it with a fake
 * WorkbookHost and a fake `analyze`.
 */
export class PaneController {
  private state: PaneState;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRibbonError: string | null = null;

  constructor(private readonly host: WorkbookHost, private readonly opts: ControllerOptions) {
    const stored = loadStoredReport(host);
    const options = host.getSetting<Partial<PaneOptions>>(OPTIONS_KEY);
    // The ribbon's last failure is shown to a pane opened later, unless a check succeeded after it.
    const ribbonError = host.getSetting<StoredError>(RIBBON_ERROR_KEY);
    this.lastRibbonError = ribbonError?.at ?? null;
    const showRibbonError = !!ribbonError && (!stored || ribbonError.at >= stored.checkedAt);
    this.state = {
      busy: null,
      queued: [],
      report: stored?.report ?? null,
      checkedAt: stored?.checkedAt ?? null,
      source: stored?.source ?? null,
      staleSheets: [],
      profileStale: false,
      notice: showRibbonError ? ribbonNotice(ribbonError) : null,
      selected: stored ? stored.report.recalculated.map(recalcKey) : [],
      canUndo: host.canUndo(),
      profile: loadProfile(host),
      summaryDraft: stored?.report.summary ?? '',
      autoRecheck: options?.autoRecheck === true,
      formats: stored?.formats ?? {},
      labels: stored?.labels ?? {},
      ignored: loadIgnored(host),
      current: null,
      filter: { table: '', severity: 'all' },
      written: [],
      insertTarget: null,
      insertConfirm: null,
      insertSkip: [],
      profileDraft: null,
    };
  }

  /** Undoable actions of this pane, newest last (the host's own stack holds the value writes). */
  private readonly undoLog: UndoEntry[] = [];

  private canUndo(): boolean {
    return this.undoLog.length > 0 || this.host.canUndo();
  }

  // ------------------------------------------------------------ store

  getState = (): PaneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Subscribes to the host's edit and settings events. */
  start(): void {
    this.unsubscribe.push(this.host.onUserEdit((sheet) => this.onUserEdit(sheet)));
    if (this.host.onSettingsChanged) this.unsubscribe.push(this.host.onSettingsChanged(() => this.onSettingsChanged()));
  }

  dispose(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    // The pane goes away (another workbook opened): what waited is not run on it.
    for (const w of this.waiting.splice(0)) w.resolve(false);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /** Actions waiting for the running one, in order; each asks again for its inputs when it runs. */
  private readonly waiting: { task: Task; run: () => Promise<boolean>; done: Promise<boolean>; resolve: (ok: boolean) => void }[] = [];

  /**
   * While an action runs, another one is queued (not dropped): `again` calls the
   * action afresh once the pane is idle, so it works on the state as it is then
   * (a check finished, a finding fixed). A check already waiting is not queued
   * twice. Returns null when the pane is idle (the caller goes ahead now).
   */
  private whenIdle(task: Task, again: () => Promise<boolean>): Promise<boolean> | null {
    if (!this.state.busy) return null;
    const same = task === 'check' ? this.waiting.find((w) => w.task === 'check') : undefined;
    if (same) return same.done;
    let resolve!: (ok: boolean) => void;
    const done = new Promise<boolean>((r) => { resolve = r; });
    this.waiting.push({ task, run: again, done, resolve });
    this.set({ queued: this.waiting.map((w) => w.task) });
    return done;
  }

  /** Runs the next queued action, if any, once the running one has ended. */
  private runNext(): void {
    if (this.state.busy) return;
    const next = this.waiting.shift();
    this.set({ queued: this.waiting.map((w) => w.task) });
    if (!next) {
      if (this.settingsPending) {
        this.settingsPending = false;
        this.onSettingsChanged();
      }
      return;
    }
    next.run().then(next.resolve, () => next.resolve(false));
  }

  /** The ribbon stored a report while the pane was busy: shown when it is idle. */
  private settingsPending = false;

  private async task(task: Task, stage: MessageKey, work: () => Promise<void>, keepNotice = false): Promise<boolean> {
    const later = this.whenIdle(task, () => this.task(task, stage, work, keepNotice));
    if (later) return later;
    // An action's line stays until the next action: an automatic re-check (keepNotice) does not wipe it.
    this.set({ busy: { task, stage, fraction: null }, ...(keepNotice ? {} : { notice: null }) });
    try {
      await work();
      return true;
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
      return false;
    } finally {
      this.set({ busy: null, canUndo: this.canUndo() });
      // Once this action has fully ended (busy cleared), the next queued one starts.
      void Promise.resolve().then(() => this.runNext());
    }
  }

  // ------------------------------------------------------------ check

  /** Reads, checks, marks and stores the report. */
  check(): Promise<boolean> {
    return this.whenIdle('check', () => this.check()) ?? this.task('check', 'progressReading', () => this.runCheck());
  }

  /** Reads the settings again (another runtime may have changed them) before anything is read or written. */
  private async reload(): Promise<void> {
    if (!this.host.reloadSettings) return;
    await this.host.reloadSettings();
    const profile = loadProfile(this.host);
    if (JSON.stringify(profile) !== JSON.stringify(this.state.profile)) this.set({ profile });
  }

  private async runCheck(write = true): Promise<void> {
    await this.reload();
    const res = await checkWorkbook(this.host, this.opts.analyze, this.state.profile, 'pane', (stage, p) => {
      const key: MessageKey = stage === 'reading' ? 'progressReading' : stage === 'analyzing' ? 'progressAnalyzing' : 'progressMarking';
      this.set({ busy: { task: this.state.busy?.task ?? 'check', stage: key, fraction: p?.fraction ?? null } });
    }, this.opts.now, write);
    this.showReport(res);
    const open = openFindings(res.report, this.state.ignored);
    // After an edit, the automatic re-check leaves what the last action said (已写入…, 已忽略…) in place.
    if (!write && this.state.notice && ACTION_NOTICES.has(this.state.notice.key)) return;
    this.set({
      notice: res.markError
        ? { intent: 'warning', key: 'marksFailed', error: errorInfo(res.markError) }
        : res.report.tables.length === 0
          ? { intent: 'warning', key: 'checkedNoTables' }
          : open.some((f) => f.severity === 'error')
            // Errors left are not a pass: no green notice while there are any.
            ? { intent: 'warning', key: write ? 'checkedErrors' : 'autoChecked', params: { n: res.report.tables.length, f: open.length, e: open.filter((f) => f.severity === 'error').length } }
            : { intent: 'success', key: write ? 'checked' : 'autoChecked', params: { n: res.report.tables.length, f: open.length } },
    });
  }

  /** The automatic re-check after an edit: reads and analyzes, refreshes the pane, writes nothing. */
  private refresh(): Promise<boolean> {
    return this.whenIdle('check', () => this.refresh()) ?? this.task('check', 'progressReading', () => this.runCheck(false), true);
  }

  private showReport(stored: StoredReport): void {
    const { report } = stored;
    const keys = new Set(report.findings.map(findingKey));
    const filterTable = this.state.filter.table && report.tables.some((t) => t.id === this.state.filter.table) ? this.state.filter.table : '';
    this.set({
      report,
      checkedAt: stored.checkedAt,
      source: stored.source,
      staleSheets: [],
      profileStale: false,
      selected: report.recalculated.map(recalcKey),
      // A summary the clerk rewrote is theirs: a new check does not replace it (恢复原文 takes the new text).
      summaryDraft: this.state.report && this.state.summaryDraft !== this.state.report.summary ? this.state.summaryDraft : report.summary,
      formats: stored.formats ?? {},
      labels: { ...this.state.labels, ...(stored.labels ?? {}) },
      current: this.state.current && keys.has(this.state.current) ? this.state.current : null,
      filter: { ...this.state.filter, table: filterTable },
      insertConfirm: null,
      insertSkip: [],
    });
  }

  private onUserEdit(sheet: string): void {
    const report = this.state.report;
    if (!report) return;
    const relevant = sheet === '' || report.tables.some((t) => t.sheet === sheet);
    if (!relevant) return;
    if (sheet && !this.state.staleSheets.includes(sheet)) this.set({ staleSheets: [...this.state.staleSheets, sheet] });
    else if (!sheet && this.state.staleSheets.length === 0) this.set({ staleSheets: ['?'] });
    if (this.state.autoRecheck) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        // Never write unless the user asked: an edit refreshes the pane only, the marks stay as they are.
        void this.refresh();
      }, this.opts.debounceMs ?? 1500);
    }
  }

  /** The ribbon command (another runtime) stored a report or an error in the settings. */
  private onSettingsChanged(): void {
    const stored = loadStoredReport(this.host);
    // Only a newer report: not the stored one again after an automatic re-check (which stores nothing).
    if (this.state.busy) {
      // Read again when the running action ends: a report, an error or a profile from the ribbon is not lost.
      this.settingsPending = true;
      return;
    }
    if (stored && stored.checkedAt > (this.state.checkedAt ?? '')) {
      this.showReport(stored);
      if (stored.source === 'ribbon') this.set({ notice: { intent: 'info', key: 'fromRibbon', params: { time: stored.checkedAt } } });
    }
    const err = this.host.getSetting<StoredError>(RIBBON_ERROR_KEY);
    if (err && err.at !== this.lastRibbonError) {
      this.lastRibbonError = err.at;
      this.set({ notice: ribbonNotice(err) });
    }
    const profile = loadProfile(this.host);
    if (JSON.stringify(profile) !== JSON.stringify(this.state.profile)) this.set({ profile });
    const ignored = loadIgnored(this.host);
    if (JSON.stringify(ignored) !== JSON.stringify(this.state.ignored)) this.set({ ignored });
  }

  // ------------------------------------------------------------ navigation

  /**
   * The report's text against the workbook's tables (RULES.md §8): reads the workbook, runs the engine with
   * the paragraphs, and returns the findings on the text and what was looked at. Marks nothing.
   */
  async checkReportText(paragraphs: string[]): Promise<{ findings: Finding[]; summary: TextSummary }> {
    const snapshot = await this.host.readWorkbook();
    const r = await this.opts.analyze(snapshot, { profile: this.state.profile, reportText: paragraphs });
    return {
      findings: r.findings.filter((f) => f.paragraph !== undefined),
      summary: r.text ?? { paragraphs: paragraphs.length, figures: 0, checked: 0, findings: 0 },
    };
  }

  /** The report's text that came with the workbook, if any. */
  reportText(): { name: string; paragraphs: string[] } | null {
    return this.opts.reportText ?? null;
  }

  /** The 报告正文 tab's contents while another tab is shown (the tab writes them here as they change). */
  readonly reportTextKept: ReportTextKept = { started: false, doc: null, pasted: '', result: null, error: null };

  async select(ref: CellRef): Promise<void> {
    try {
      await this.host.select(ref);
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
    }
  }

  selectTable(t: TableInfo): Promise<void> {
    return this.select({ sheet: t.sheet, cell: t.range });
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  // ------------------------------------------------------------ recalculation

  toggleRecalc(key: string, on?: boolean): void {
    const has = this.state.selected.includes(key);
    const want = on ?? !has;
    if (want === has) return;
    this.set({ selected: want ? [...this.state.selected, key] : this.state.selected.filter((k) => k !== key) });
  }

  selectAllRecalc(on: boolean): void {
    this.set({ selected: on ? (this.state.report?.recalculated ?? []).map(recalcKey) : [] });
  }

  /** The recalculations ticked for writing. */
  chosenRecalc(): Recalculation[] {
    const chosen = new Set(this.state.selected);
    return (this.state.report?.recalculated ?? []).filter((r) => chosen.has(recalcKey(r)));
  }

  /** Writes exactly the ticked derived cells, then checks again. */
  applyRecalc(): Promise<boolean> {
    const later = this.whenIdle('apply', () => this.applyRecalc());
    if (later) return later;
    const chosen = this.chosenRecalc();
    if (chosen.length === 0) {
      this.set({ notice: { intent: 'warning', key: 'nothingSelected' } });
      return Promise.resolve(false);
    }
    return this.task('apply', 'progressWriting', async () => {
      await this.reload();
      // Results older than the sheet (an input edited by hand since the check): the values to write are
      // worked out again from the workbook as it is now, for the cells the user ticked.
      const stale = this.staleFor(chosen);
      const fresh = stale ? await this.recomputed(chosen) : chosen;
      if (fresh.length === 0) {
        this.set({ notice: { intent: 'info', key: 'recalcNoLongerNeeded' } });
        return;
      }
      await this.writeRecalc(fresh);
      if (stale) this.set({ notice: { intent: 'success', key: 'appliedAfterRecheck', params: { n: fresh.length } } });
    });
  }

  /** Whether the results may be out of date for these cells: their sheet was edited since the check, or the profile changed. */
  private staleFor(cells: CellRef[]): boolean {
    const sheets = this.state.staleSheets;
    return this.state.profileStale || sheets.includes('?') || cells.some((c) => sheets.includes(c.sheet));
  }

  /**
   * Reads and analyzes the workbook as it is now (writing nothing) and returns the recalculations of the
   * same cells (those the user ticked); a cell that no longer needs a change is left out.
   */
  private async recomputed(cells: CellRef[]): Promise<Recalculation[]> {
    await this.runCheck(false);
    const want = new Set(cells.map(recalcKey));
    return (this.state.report?.recalculated ?? []).filter((r) => want.has(recalcKey(r)));
  }

  private async writeRecalc(chosen: Recalculation[]): Promise<void> {
    await this.host.applyPatch({
      values: chosen.map((r) => ({ sheet: r.sheet, cell: r.cell, value: r.after, numberFormat: r.numberFormat })),
      marks: [],
    });
    this.undoLog.push({ kind: 'host' });
    const at = (this.opts.now ?? (() => new Date()))().toISOString();
    this.set({
      canUndo: this.canUndo(),
      written: [...this.state.written, ...chosen.map((r) => ({
        sheet: r.sheet, cell: r.cell, before: r.before, after: r.after, numberFormat: r.numberFormat ?? this.state.formats[recalcKey(r)], label: this.state.labels[recalcKey(r)] ?? null, at,
      }))],
    });
    await this.runCheck();
    this.set({ notice: { intent: 'success', key: 'applied', params: { n: chosen.length } } });
  }

  /** The recalculation that fixes a finding, when the tool knows the cell's value (a derived cell). */
  fixFor(f: Finding): Recalculation | null {
    return this.state.report?.recalculated.find((r) => r.sheet === f.sheet && r.cell === f.cell) ?? null;
  }

  /**
   * Writes the recomputed value of one finding's cell, then checks again; says
   * what was written (`附件3!G5 95.00% → 100.00%`), moves to that cell and keeps
   * the list where it was (the next finding becomes the current one).
   */
  fixOne(f: Finding): Promise<boolean> {
    const later = this.whenIdle('apply', () => this.fixOne(f));
    if (later) return later;
    const r = this.fixFor(f);
    if (!r) return Promise.resolve(false);
    const at = this.visibleFindings().findIndex((x) => findingKey(x) === findingKey(f));
    return this.task('apply', 'progressWriting', async () => {
      await this.reload();
      // The card's value is from the check; after an edit of its sheet it is worked out again first.
      const now = this.staleFor([r]) ? (await this.recomputed([r]))[0] : r;
      if (!now) {
        this.set({ notice: { intent: 'info', key: 'fixNoLongerNeeded', params: { cell: refKey(f) } } });
        return;
      }
      const format = (v: Finding['expected']) => cardValue(f, v, refKey(f), this.state.formats);
      const params = { cell: refKey(f), before: format(now.before), after: format(now.after) };
      // The button said the check's value: when the sheet now gives another, the notice says so.
      const changed = format(now.after) !== format(r.after);
      await this.writeRecalc([now]);
      this.keepPlace(at);
      await this.select(f);
      this.set({ notice: changed
        ? { intent: 'success', key: 'fixedOneAfterRecheck', params: { ...params, was: format(r.after) } }
        : { intent: 'success', key: 'fixedOne', params } });
    });
  }

  /** After a finding left the list: the one now at its place (or the last) becomes the current one. */
  private keepPlace(at: number): void {
    if (at < 0) return;
    const list = this.visibleFindings();
    const next = list[Math.min(at, list.length - 1)];
    this.set({ current: next ? findingKey(next) : null });
  }

  /** Restores what the last write or insertion changed, then checks again. */
  undo(): Promise<boolean> {
    return this.task('undo', 'progressWriting', async () => {
      await this.reload();
      const last = this.undoLog[this.undoLog.length - 1];
      if (last?.kind === 'insert') {
        const now = await this.host.readCells(last.written);
        last.written.forEach((w, i) => {
          if (String(now[i]?.value ?? '') !== String(w.value ?? '')) throw Object.assign(new Error(`单元格 ${refKey(w)} 在插入后又被修改过，撤销会覆盖这一修改，已取消撤销。`), { code: 'cellChanged', params: { sheet: w.sheet, cell: w.cell } });
        });
        await this.host.writeCells(last.before);
        this.undoLog.pop();
        this.markStale(last.written.map((w) => w.sheet));
        this.set({ canUndo: this.canUndo(), insertTarget: null, notice: { intent: 'success', key: 'insertUndone' } });
        return;
      }
      await this.host.undo();
      if (last) this.undoLog.pop();
      this.set({ canUndo: this.canUndo() });
      await this.runCheck();
      this.set({ notice: { intent: 'success', key: 'undone' } });
    });
  }

  // ------------------------------------------------------------ findings: navigation, filters, ignore

  /** The findings the list shows: not ignored, through the filters, most severe first (report order within). */
  visibleFindings(): Finding[] {
    const r = this.state.report;
    if (!r) return [];
    const { table, severity } = this.state.filter;
    return openFindings(r, this.state.ignored)
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => (!table || f.table === table) && (severity === 'all' || f.severity === severity))
      .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
      .map(({ f }) => f);
  }

  /** Makes a finding the current one and selects its cell in the sheet. */
  async focusFinding(f: Finding): Promise<void> {
    this.set({ current: findingKey(f) });
    await this.select(f);
  }

  /** Previous (-1) or next (+1) finding of the list, wrapping around. */
  async step(delta: 1 | -1): Promise<void> {
    const list = this.visibleFindings();
    if (list.length === 0) return;
    const i = list.findIndex((f) => findingKey(f) === this.state.current);
    const next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : (i + delta + list.length) % list.length;
    await this.focusFinding(list[next]);
  }

  setFilter(filter: Partial<PaneState['filter']>): void {
    this.set({ filter: { ...this.state.filter, ...filter } });
  }

  /** Hides a finding (and its marks) until restored; remembered with the workbook. */
  ignore(f: Finding): Promise<boolean> {
    const later = this.whenIdle('ignore', () => this.ignore(f));
    if (later) return later;
    const key = findingKey(f);
    if (this.state.ignored.includes(key)) return Promise.resolve(false);
    const at = this.visibleFindings().findIndex((x) => findingKey(x) === key);
    return this.saveIgnored([...this.state.ignored, key], { intent: 'info', key: 'ignoredOne', params: { cell: refKey(f) } }, at);
  }

  /** Shows an ignored finding again (all of them when no key). */
  restoreIgnored(key?: string): Promise<boolean> {
    const later = this.whenIdle('ignore', () => this.restoreIgnored(key));
    if (later) return later;
    const ignored = key ? this.state.ignored.filter((k) => k !== key) : [];
    return this.saveIgnored(ignored, { intent: 'success', key: 'restored' });
  }

  private saveIgnored(ignored: string[], notice: Notice, at = -1): Promise<boolean> {
    return this.task('ignore', 'progressWorking', async () => {
      await this.reload();
      await this.host.setSetting(IGNORED_KEY, ignored);
      this.set({ ignored, current: this.state.current && ignored.includes(this.state.current) ? null : this.state.current });
      const report = this.state.report;
      if (report) {
        // The marks follow: an ignored finding's cells lose theirs, a restored one gets them back.
        await this.host.clearMarks();
        const patch = patchFromReport({ ...report, findings: openFindings(report, ignored) }, { values: false });
        if (patch.marks.length) await this.host.applyPatch(patch);
      }
      this.keepPlace(at);
      this.set({ notice });
    });
  }

  /** The ignored findings of the report. */
  ignoredFindings(): Finding[] {
    const set = new Set(this.state.ignored);
    return (this.state.report?.findings ?? []).filter((f) => set.has(findingKey(f)));
  }

  /**
   * Writes the findings into a new sheet 校验结果 (table, linked cell, severity,
   * message, the rule's Chinese name beside its id): the open ones, most severe
   * first, then the ignored ones marked 已忽略 (never dropped in silence).
   */
  exportResults(): Promise<boolean> {
    const later = this.whenIdle('export', () => this.exportResults());
    if (later) return later;
    if (!this.state.report) return Promise.resolve(false);
    return this.task('export', 'progressWriting', async () => {
      // Results older than the sheets (edited since the check): checked again first, so that the sheet never
      // lists a problem the clerk has already corrected.
      const stale = this.resultsStale();
      if (stale) await this.runCheck();
      const rows = this.resultRows();
      const open = rows.filter((r) => !r.status).length;
      await this.host.writeResultsSheet(RESULTS_SHEET, rows);
      const key = rows.length > open ? 'exportedIgnored' : 'exported';
      this.set({ notice: { intent: 'success', key: stale ? `${key}AfterRecheck` : key, params: { n: open, m: rows.length - open, sheet: RESULTS_SHEET } } });
    });
  }

  /** Whether the results may be out of date: a sheet was edited since the check, or the profile changed. */
  private resultsStale(): boolean {
    return this.state.staleSheets.length > 0 || this.state.profileStale;
  }

  /** The rows of the 校验结果 sheet for the results on screen. */
  private resultRows(): ResultRow[] {
    const report = this.state.report;
    if (!report) return [];
    const SEV: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
    const ignored = new Set(this.state.ignored);
    return report.findings
      .map((f, i) => ({ f, i, off: ignored.has(findingKey(f)) ? 1 : 0 }))
      .sort((a, b) => a.off - b.off || SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
      .map(({ f, off }) => {
        const t = report.tables.find((x) => x.id === f.table);
        const name = ruleName(f.rule);
        return {
          table: t ? `${tableTitle(t)}（${t.sheet}）` : '其他',
          ref: { sheet: f.sheet, cell: f.cell },
          severity: SEV[f.severity],
          message: f.message,
          rule: name ? `${name}（${f.rule}）` : f.rule,
          status: off ? '已忽略' : '',
        };
      });
  }

  clearMarks(): Promise<boolean> {
    return this.task('clear', 'progressWorking', async () => {
      await this.reload();
      await this.host.clearMarks();
      this.set({ notice: { intent: 'success', key: 'cleared' } });
    });
  }

  // ------------------------------------------------------------ summary

  setSummaryDraft(text: string): void {
    this.set({ summaryDraft: text });
  }

  resetSummary(): void {
    this.set({ summaryDraft: this.state.report?.summary ?? '' });
  }

  /** Errors not yet fixed (and not ignored). */
  openErrors(): number {
    const r = this.state.report;
    return r ? openFindings(r, this.state.ignored).filter((f) => f.severity === 'error').length : 0;
  }

  /** The paragraphs the summary would insert, each with whether it is ticked. */
  paragraphs(): (SummaryParagraph & { on: boolean })[] {
    const skip = new Set(this.state.insertSkip);
    return summaryParagraphs(this.state.summaryDraft, this.openErrors()).map((p) => ({ ...p, on: !skip.has(p.id) }));
  }

  toggleParagraph(id: string, on: boolean): void {
    const rest = this.state.insertSkip.filter((x) => x !== id);
    this.set({ insertSkip: on ? rest : [...rest, id], insertConfirm: null });
    // The number of cells follows the ticked paragraphs: the target shown must say where they all go.
    if (this.state.insertTarget) void this.refreshInsertTarget();
  }

  /** Looks up the cells the ticked paragraphs would go to (down from the active cell) and what they hold. */
  async refreshInsertTarget(): Promise<InsertTarget | null> {
    try {
      const active = await this.host.activeCell();
      if (!active) {
        this.set({ insertTarget: null });
        return null;
      }
      const n = Math.max(1, this.paragraphs().filter((p) => p.on).length);
      const start = parseCell(active.cell);
      const cells = Array.from({ length: n }, (_, i) => ({ sheet: active.sheet, cell: toA1(start.row + i, start.col) }));
      const contents = await this.host.readCells(cells);
      const hit = this.state.report ? cells.map((c) => inTable(this.state.report!.tables, c)).find(Boolean) : null;
      const target: InsertTarget = { cells, contents, table: hit ? `${hit.sheet}!${hit.range}` : null };
      this.set({ insertTarget: target });
      return target;
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
      return null;
    }
  }

  /**
   * Inserts the ticked paragraphs, one per cell down from the active cell.
   * Asks first (insertConfirm) when a target cell is not empty or lies in a
   * recognized table; `confirmed` goes ahead. Undoable; the results are then stale.
   */
  async insertSummary(confirmed = false): Promise<boolean> {
    if (this.paragraphs().filter((p) => p.on).length === 0) {
      this.set({ notice: { intent: 'warning', key: 'nothingToInsert' } });
      return false;
    }
    const later = this.whenIdle('insert', () => this.insertSummary(confirmed));
    if (later) return later;
    // Settings first (another runtime may have changed them), then the target as it is now.
    await this.reload();
    // The summary's figures come from the check: after an edit of the tables it is made again from them as
    // they are now (a draft the clerk rewrote stays theirs), so that no corrected figure is inserted as it was.
    let rechecked = false;
    if (this.state.report && this.resultsStale()) {
      const own = this.state.summaryDraft !== this.state.report.summary ? this.state.summaryDraft : null;
      if (!(await this.task('check', 'progressReading', () => this.runCheck(false), true))) return false;
      if (own !== null) this.set({ summaryDraft: own });
      rechecked = true;
    }
    const texts = this.paragraphs().filter((p) => p.on).map((p) => p.text);
    if (texts.length === 0) {
      this.set({ notice: { intent: 'warning', key: 'nothingToInsert' } });
      return false;
    }
    const target = await this.refreshInsertTarget();
    if (!target) {
      if (!this.state.notice) this.set({ notice: { intent: 'error', key: 'error', error: { code: 'noActiveCell', message: '没有活动单元格。请先在工作表中选中一个单元格。' } } });
      return false;
    }
    const formula = target.contents.findIndex((c) => c.formula);
    if (formula >= 0) {
      this.set({ insertConfirm: null, notice: { intent: 'error', key: 'insertFormula', params: { cell: refKey(target.cells[formula]) } } });
      return false;
    }
    const occupied = target.contents.some((c) => c.value !== null && c.value !== '');
    if ((occupied || target.table) && !confirmed) {
      this.set({ insertConfirm: target });
      return false;
    }
    return this.task('insert', 'progressWriting', async () => {
      const written: CellWrite[] = target.cells.map((c, i) => ({ ...c, value: texts[i] }));
      const before: CellWrite[] = target.cells.map((c, i) => ({ ...c, value: target.contents[i].value ?? null }));
      await this.host.writeCells(written);
      this.undoLog.push({ kind: 'insert', before, written });
      this.markStale([target.cells[0].sheet]);
      const cell = target.cells.length > 1 ? `${refKey(target.cells[0])}:${target.cells[target.cells.length - 1].cell}` : refKey(target.cells[0]);
      this.set({ insertConfirm: null, insertTarget: null, canUndo: this.canUndo(), notice: { intent: 'success', key: rechecked ? 'insertedAfterRecheck' : 'inserted', params: { cell } } });
    });
  }

  cancelInsert(): void {
    this.set({ insertConfirm: null });
  }

  /** The results no longer describe the workbook (the pane wrote into these sheets). */
  private markStale(sheets: string[]): void {
    if (!this.state.report) return;
    const add = [...new Set(sheets)].filter((x) => !this.state.staleSheets.includes(x));
    if (add.length) this.set({ staleSheets: [...this.state.staleSheets, ...add] });
  }

  /** The pane copies through the clipboard itself; it reports the outcome here. */
  copied(ok: boolean): void {
    this.set({ notice: ok ? { intent: 'success', key: 'copied' } : { intent: 'warning', key: 'copyFailed' } });
  }

  // ------------------------------------------------------------ profile and options

  /**
   * Validates and saves the scoring profile with the workbook; with results on
   * screen, checks again under the new rules (the scores follow at once).
   */
  saveProfile(p: ScoringProfile): Promise<boolean> {
    const later = this.whenIdle('profile', () => this.saveProfile(p));
    if (later) return later;
    let profile: ScoringProfile;
    try {
      profile = resolveProfile(p);
    } catch (e) {
      const info = errorInfo(e);
      this.set({ notice: { intent: 'error', key: 'profileInvalid', error: { ...info, message: plainProfileError(info.message) } } });
      return Promise.resolve(false);
    }
    return this.task('profile', 'progressWorking', async () => {
      await this.host.setSetting(PROFILE_KEY, profile);
      this.set({ profile, profileDraft: null, profileStale: this.state.report !== null, notice: { intent: 'success', key: 'profileSaved' } });
      if (!this.state.report) return;
      await this.runCheck();
      // What the check said (its counts, errors left), introduced by what the user did.
      const n = this.state.notice;
      if (n && (n.key === 'checked' || n.key === 'checkedErrors')) this.set({ notice: { intent: n.intent, key: n.key === 'checked' ? 'profileRechecked' : 'profileRecheckedErrors', params: n.params } });
    });
  }

  /** The 评分规则 form as shown: the unsaved draft, or the saved profile. */
  profileForm(): ProfileDraft {
    const p = this.state.profile;
    return this.state.profileDraft ?? formOf(p);
  }

  /** Keeps the form's unsaved edits (they survive a tab switch). */
  editProfile(draft: ProfileDraft): void {
    const same = JSON.stringify(draft) === JSON.stringify(formOf(this.state.profile));
    const saved = new Set<MessageKey>(['profileSaved', 'profileRechecked', 'profileRecheckedErrors']);
    this.set({ profileDraft: same ? null : draft, notice: this.state.notice && saved.has(this.state.notice.key) ? null : this.state.notice });
  }

  /** Puts the defaults into the form (not saved yet: the old 已保存 notice goes). */
  resetProfileDraft(): void {
    this.set({
      profileDraft: { profile: { ...DEFAULT_PROFILE, achievementLevels: this.state.profile.achievementLevels }, weight: '', overshoot: null },
      notice: { intent: 'info', key: 'profileDefaultsUnsaved' },
    });
  }

  /** Drops the form's unsaved edits. */
  discardProfileDraft(): void {
    this.set({ profileDraft: null, notice: null });
  }

  /**
   * Saves the form: the weight must be a number in (0, 100] or empty (read from
   * the table); 超额完成扣分, when on, a percent in (0, 100].
   */
  saveProfileForm(): Promise<boolean> {
    const later = this.whenIdle('profile', () => this.saveProfileForm());
    if (later) return later;
    const { profile, weight, overshoot } = this.profileForm();
    const w = weight.trim();
    const n = Number(w);
    if (w !== '' && (!Number.isFinite(n) || n <= 0 || n > 100)) {
      this.set({ notice: { intent: 'error', key: 'profileInvalid', error: { code: 'fundsWeight', message: '预算执行分值应为大于 0、不超过 100 的数；留空则从表中读取。' } } });
      return Promise.resolve(false);
    }
    const o = overshoot === null ? null : overshoot.trim().replace(/[%％]$/, '').trim();
    const pct = o === null || o === '' ? NaN : Number(o);
    if (o !== null && (!Number.isFinite(pct) || pct <= 0 || pct > 100)) {
      this.set({ notice: { intent: 'error', key: 'profileInvalid', error: { code: 'overshootDeduction', message: '超额完成扣分的扣减比例应为大于 0、不超过 100 的百分数（如 20 表示扣减分值的 20%）；不扣分请关闭此开关。' } } });
      return Promise.resolve(false);
    }
    return this.saveProfile({
      ...profile,
      fundsWeight: w === '' ? null : n,
      overshootDeduction: o === null ? null : Number((pct / 100).toPrecision(12)),
      achievementLevels: this.state.profile.achievementLevels,
    });
  }

  /** Sets (or with null removes) the achievement level of the qualitative row whose 得分 cell is `key` (`Sheet!H24`). */
  setAchievementLevel(key: string, level: AchievementLevel | null): Promise<boolean> {
    const later = this.whenIdle('profile', () => this.setAchievementLevel(key, level));
    if (later) return later;
    const levels = { ...this.state.profile.achievementLevels };
    if (level) levels[key] = level;
    else delete levels[key];
    return this.saveProfile({ ...this.state.profile, achievementLevels: levels });
  }

  /** Sets the achievement level of the cell selected in the sheet. */
  async setAchievementLevelForActiveCell(level: AchievementLevel): Promise<boolean> {
    let at: CellRef | null;
    try {
      at = await this.host.activeCell();
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
      return false;
    }
    if (!at) {
      this.set({ notice: { intent: 'error', key: 'error', error: { code: 'noActiveCell', message: '没有活动单元格。' } } });
      return false;
    }
    // A level belongs on the 得分 cell of a qualitative (or timeliness) indicator, nowhere else.
    try {
      const role = cellRole(await this.host.readWorkbook(), at, this.state.profile);
      if (role?.kind !== 'qualitativeScore') {
        this.set({ notice: { intent: 'error', key: role ? 'levelWrongCell' : 'levelNotScore', params: { cell: refKey(at), role: role?.label ?? '' } } });
        return false;
      }
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
      return false;
    }
    return this.setAchievementLevel(`${at.sheet}!${at.cell}`, level);
  }

  async setAutoRecheck(on: boolean): Promise<void> {
    this.set({ autoRecheck: on });
    try {
      await this.host.setSetting(OPTIONS_KEY, { autoRecheck: on } satisfies PaneOptions);
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
    }
  }
}
