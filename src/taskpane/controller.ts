import type { WorkbookHost } from '../hosts/host';
import type { Report, CellRef, Recalculation, TableInfo } from '../core/report';
import { resolveProfile, type ScoringProfile, type AchievementLevel } from '../core/profile';
import type { MessageKey, Params } from '../i18n';
import { checkWorkbook, loadProfile, loadStoredReport, type Analyze } from './check';
import { PROFILE_KEY, OPTIONS_KEY, RIBBON_ERROR_KEY, type CheckSource, type PaneOptions, type StoredError } from './keys';

export type Task = 'check' | 'apply' | 'undo' | 'clear' | 'insert' | 'profile';

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

export interface PaneState {
  busy: Busy | null;
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
}

export interface ControllerOptions {
  analyze: Analyze;
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
    };
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private async task(task: Task, stage: MessageKey, work: () => Promise<void>): Promise<boolean> {
    if (this.state.busy) return false;
    this.set({ busy: { task, stage, fraction: null }, notice: null });
    try {
      await work();
      return true;
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'error', error: errorInfo(e) } });
      return false;
    } finally {
      this.set({ busy: null, canUndo: this.host.canUndo() });
    }
  }

  // ------------------------------------------------------------ check

  /** Reads, checks, marks and stores the report. */
  check(): Promise<boolean> {
    return this.task('check', 'progressReading', () => this.runCheck());
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
    this.showReport(res.report, res.checkedAt, 'pane');
    const params = { n: res.report.tables.length, f: res.report.findings.length };
    this.set({
      notice: res.markError
        ? { intent: 'warning', key: 'marksFailed', error: errorInfo(res.markError) }
        : { intent: 'success', key: write ? 'checked' : 'autoChecked', params },
    });
  }

  /** The automatic re-check after an edit: reads and analyzes, refreshes the pane, writes nothing. */
  private refresh(): Promise<boolean> {
    return this.task('check', 'progressReading', () => this.runCheck(false));
  }

  private showReport(report: Report, checkedAt: string, source: CheckSource): void {
    this.set({
      report,
      checkedAt,
      source,
      staleSheets: [],
      profileStale: false,
      selected: report.recalculated.map(recalcKey),
      summaryDraft: report.summary,
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
    if (stored && stored.checkedAt > (this.state.checkedAt ?? '') && !this.state.busy) {
      this.showReport(stored.report, stored.checkedAt, stored.source);
      if (stored.source === 'ribbon') this.set({ notice: { intent: 'info', key: 'fromRibbon', params: { time: stored.checkedAt } } });
    }
    const err = this.host.getSetting<StoredError>(RIBBON_ERROR_KEY);
    if (err && err.at !== this.lastRibbonError) {
      this.lastRibbonError = err.at;
      this.set({ notice: ribbonNotice(err) });
    }
    const profile = loadProfile(this.host);
    if (JSON.stringify(profile) !== JSON.stringify(this.state.profile)) this.set({ profile });
  }

  // ------------------------------------------------------------ navigation

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
    const chosen = this.chosenRecalc();
    if (chosen.length === 0) {
      this.set({ notice: { intent: 'warning', key: 'nothingSelected' } });
      return Promise.resolve(false);
    }
    return this.task('apply', 'progressWriting', async () => {
      await this.reload();
      await this.host.applyPatch({
        values: chosen.map((r) => ({ sheet: r.sheet, cell: r.cell, value: r.after, numberFormat: r.numberFormat })),
        marks: [],
      });
      this.set({ canUndo: this.host.canUndo() });
      await this.runCheck();
      this.set({ notice: { intent: 'success', key: 'applied', params: { n: chosen.length } } });
    });
  }

  /** Restores what the last write changed, then checks again. */
  undo(): Promise<boolean> {
    return this.task('undo', 'progressWriting', async () => {
      await this.host.undo();
      this.set({ canUndo: this.host.canUndo() });
      await this.runCheck();
      this.set({ notice: { intent: 'success', key: 'undone' } });
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

  insertSummary(): Promise<boolean> {
    const text = this.state.summaryDraft;
    return this.task('insert', 'progressWriting', async () => {
      await this.reload();
      const at = await this.host.insertText(text);
      this.set({ notice: { intent: 'success', key: 'inserted', params: { cell: `${at.sheet}!${at.cell}` } } });
    });
  }

  /** The pane copies through the clipboard itself; it reports the outcome here. */
  copied(ok: boolean): void {
    this.set({ notice: ok ? { intent: 'success', key: 'copied' } : { intent: 'warning', key: 'copyFailed' } });
  }

  // ------------------------------------------------------------ profile and options

  /** Validates and saves the scoring profile with the workbook; the report is then out of date. */
  saveProfile(p: ScoringProfile): Promise<boolean> {
    let profile: ScoringProfile;
    try {
      profile = resolveProfile(p);
    } catch (e) {
      this.set({ notice: { intent: 'error', key: 'profileInvalid', error: errorInfo(e) } });
      return Promise.resolve(false);
    }
    return this.task('profile', 'progressWorking', async () => {
      await this.host.setSetting(PROFILE_KEY, profile);
      this.set({ profile, profileStale: this.state.report !== null, notice: { intent: 'success', key: 'profileSaved' } });
    });
  }

  /** Sets (or with null removes) the achievement level of the qualitative row whose 得分 cell is `key` (`Sheet!H24`). */
  setAchievementLevel(key: string, level: AchievementLevel | null): Promise<boolean> {
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
