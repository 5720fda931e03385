import type { WorkbookHost, Progress, CellContent, CellWrite, ResultRow } from '../../src/hosts/host';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import type { Patch } from '../../src/core/patch';
import type { CellRef, Report } from '../../src/core/report';

/** An in-memory WorkbookHost that records every call. */
export class FakeHost implements WorkbookHost {
  readonly name = 'Fake';
  readonly calls: string[] = [];
  readonly patches: Patch[] = [];
  readonly settings = new Map<string, unknown>();
  readonly inserted: { text: string; at: CellRef }[] = [];
  selected: CellRef | null = null;
  active: CellRef | null = { sheet: '附件3', cell: 'B30' };
  undoDepth = 0;
  /** Cell contents for readCells / writeCells, keyed `Sheet!A1` (absent: empty). */
  readonly cells = new Map<string, CellContent>();
  /** Sheets written by writeResultsSheet. */
  readonly resultSheets = new Map<string, ResultRow[]>();
  snapshot: WorkbookSnapshot = { sheets: [{ name: '附件3', range: 'A1', values: [['']], merges: [] }] };
  /** Make the next call of that method fail with this error. */
  failNext: Partial<Record<'readWorkbook' | 'applyPatch' | 'clearMarks' | 'undo' | 'select' | 'insertText' | 'setSetting' | 'writeCells' | 'writeResultsSheet', Error>> = {};
  private editListeners: ((s: string) => void)[] = [];
  private settingsListeners: (() => void)[] = [];

  private maybeFail(m: keyof FakeHost['failNext']): void {
    const e = this.failNext[m];
    if (e) {
      delete this.failNext[m];
      throw e;
    }
  }

  async readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot> {
    this.calls.push('readWorkbook');
    this.maybeFail('readWorkbook');
    onProgress?.({ fraction: 0.5, label: 'ranges' });
    return this.snapshot;
  }
  async applyPatch(patch: Patch): Promise<void> {
    this.calls.push('applyPatch');
    this.maybeFail('applyPatch');
    this.patches.push(JSON.parse(JSON.stringify(patch)));
    if (patch.values.length) this.undoDepth++;
  }
  canUndo(): boolean {
    return this.undoDepth > 0;
  }
  async undo(): Promise<void> {
    this.calls.push('undo');
    this.maybeFail('undo');
    this.undoDepth--;
  }
  async clearMarks(): Promise<void> {
    this.calls.push('clearMarks');
    this.maybeFail('clearMarks');
  }
  async select(ref: CellRef): Promise<void> {
    this.calls.push(`select ${ref.sheet}!${ref.cell}`);
    this.maybeFail('select');
    this.selected = ref;
  }
  async activeCell(): Promise<CellRef | null> {
    return this.active;
  }
  async insertText(text: string, at?: CellRef): Promise<CellRef> {
    this.calls.push('insertText');
    this.maybeFail('insertText');
    const where = at ?? this.active!;
    this.inserted.push({ text, at: where });
    return where;
  }
  async readCells(refs: CellRef[]): Promise<CellContent[]> {
    this.calls.push(`readCells ${refs.map((r) => `${r.sheet}!${r.cell}`).join(',')}`);
    return refs.map((r) => ({ ...(this.cells.get(`${r.sheet}!${r.cell}`) ?? { value: null, formula: null }) }));
  }
  async writeCells(cells: CellWrite[]): Promise<void> {
    this.calls.push(`writeCells ${cells.map((r) => `${r.sheet}!${r.cell}`).join(',')}`);
    this.maybeFail('writeCells');
    for (const c of cells) {
      if (this.cells.get(`${c.sheet}!${c.cell}`)?.formula) throw new Error(`formula in ${c.sheet}!${c.cell}`);
    }
    for (const c of cells) this.cells.set(`${c.sheet}!${c.cell}`, { value: c.value, formula: null });
  }
  async writeResultsSheet(name: string, rows: ResultRow[]): Promise<void> {
    this.calls.push(`writeResultsSheet ${name}`);
    this.maybeFail('writeResultsSheet');
    this.resultSheets.set(name, JSON.parse(JSON.stringify(rows)));
  }
  getSetting<T>(key: string): T | undefined {
    const v = this.settings.get(key);
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }
  async setSetting(key: string, value: unknown): Promise<void> {
    this.calls.push(`setSetting ${key}`);
    this.maybeFail('setSetting');
    this.settings.set(key, JSON.parse(JSON.stringify(value)));
  }
  onUserEdit(cb: (sheet: string) => void): () => void {
    this.editListeners.push(cb);
    return () => {
      this.editListeners = this.editListeners.filter((x) => x !== cb);
    };
  }
  onSettingsChanged(cb: () => void): () => void {
    this.settingsListeners.push(cb);
    return () => {
      this.settingsListeners = this.settingsListeners.filter((x) => x !== cb);
    };
  }
  /** The user edits a sheet. */
  edit(sheet: string): void {
    for (const l of this.editListeners) l(sheet);
  }
  /** Another runtime (the ribbon command) changed the settings. */
  externalSetting(key: string, value: unknown): void {
    this.settings.set(key, value);
    for (const l of this.settingsListeners) l();
  }
}

/** A report like the engine's on the miscalculated seed, cut down. */
export function fakeReport(overrides: Partial<Report> = {}): Report {
  return {
    tables: [
      { id: '附件2!A1:D40', kind: 'basic-data', sheet: '附件2', range: 'A1:D40', year: 2024, name: null },
      { id: '附件3!A1:H30', kind: 'overall', sheet: '附件3', range: 'A1:H30', year: 2024, name: '洪江区科技和工业信息化局' },
    ],
    findings: [
      { sheet: '附件3', cell: 'G5', rule: 'funds-execution-rate', severity: 'error', related: [], message: '执行率应为 100.00%', expected: 1, actual: 0.95, table: '附件3!A1:H30' },
      { sheet: '附件3', cell: 'D5', rule: 'overall-executed-vs-basic', severity: 'error', related: [{ sheet: '附件2', cell: 'D8' }], message: '全年执行数与基础数据表不一致', expected: 365.77, actual: 377.89, table: '附件3!A1:H30' },
      { sheet: '附件3', cell: 'H20', rule: 'reason-required', severity: 'warning', related: [], message: '缺少偏差原因', expected: null, actual: null, table: '附件3!A1:H30' },
    ],
    recalculated: [
      { sheet: '附件3', cell: 'G5', before: 0.95, after: 1, numberFormat: '0.00%' },
      { sheet: '附件3', cell: 'H5', before: 9.5, after: 10 },
      { sheet: '附件3', cell: 'G30', before: 95.5, after: 96 },
    ],
    scores: [{ sheet: '附件3', kind: 'overall', name: '洪江区科技和工业信息化局', total: 96, grade: '优', table: '附件3!A1:H30' }],
    summary: '2024 年度，洪江区科技和工业信息化局部门整体支出……',
    ...overrides,
  };
}
