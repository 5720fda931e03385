import type { WorkbookSnapshot } from '../core/snapshot';
import type { Patch } from '../core/patch';
import type { CellRef, Scalar } from '../core/report';

/**
 * What the task pane needs from a workbook. The Excel host (Office.js) and the
 * browser demo's file host implement it; the pane's code is the same for both.
 */
export interface Progress {
  /** 0..1, or null when unknown. */
  fraction: number | null;
  label: string;
}

/** A cell's content as the pane needs it before writing over it. */
export interface CellContent {
  /** The value ('' or null when empty). */
  value: Scalar;
  /** The formula (`=…`) when the cell holds one, else null. */
  formula: string | null;
}

/** One cell to write: text, a number, or null to empty it. */
export interface CellWrite extends CellRef {
  value: Scalar;
}

/** One row of the 校验结果 sheet. */
export interface ResultRow {
  /** The table's display name. */
  table: string;
  /** The finding's cell, linked: `附件3!E8`. */
  ref: CellRef;
  /** 错误 / 警告 / 提示. */
  severity: string;
  message: string;
  /** The rule's Chinese name beside its id: `偏差原因（deviation-reason）`. */
  rule: string;
  /** 已忽略 for a finding the user ignored (listed, never dropped in silence); empty otherwise. */
  status?: string;
}

export interface WorkbookHost {
  /** Host name for display: "Excel", "Demo". */
  readonly name: string;
  /** Reads every sheet into snapshots. */
  readWorkbook(onProgress?: (p: Progress) => void): Promise<WorkbookSnapshot>;
  /**
   * Writes the patch's values and marks in one batch. Takes a snapshot first so
   * that `undo` restores values and formats exactly. Nothing is half-written: on
   * failure the host rolls back and rejects.
   */
  applyPatch(patch: Patch): Promise<void>;
  /** Whether `undo` has something to restore. */
  canUndo(): boolean;
  /** Restores the values and formats the last `applyPatch` changed. */
  undo(): Promise<void>;
  /** Removes every mark the add-in made, leaving the user's formatting as it was. */
  clearMarks(): Promise<void>;
  /** Activates the sheet and selects the cell or range ("E8" or "A1:I30"). */
  select(ref: CellRef): Promise<void>;
  /** The active cell, if any. */
  activeCell(): Promise<CellRef | null>;
  /** Writes text into the active cell (or the given one). */
  insertText(text: string, at?: CellRef): Promise<CellRef>;
  /** The contents of the given cells (a merged area's top-left cell for a cell inside it). */
  readCells(refs: CellRef[]): Promise<CellContent[]>;
  /**
   * Writes text or numbers into the given cells as they are (the summary's
   * paragraphs, or what an undo of that puts back). Refuses formula cells and
   * protected sheets before writing anything.
   */
  writeCells(cells: CellWrite[]): Promise<void>;
  /**
   * Writes the findings into a worksheet named `name` (replacing an earlier one
   * of that name): a header row, one row per finding, the cell as an internal
   * hyperlink, set up to print on landscape pages with the header repeated.
   */
  writeResultsSheet(name: string, rows: ResultRow[]): Promise<void>;
  /** Settings stored with the workbook. */
  getSetting<T>(key: string): T | undefined;
  setSetting(key: string, value: unknown): Promise<void>;
  /** Called after the user edits a cell (not for the host's own writes). Returns an unsubscribe function. */
  onUserEdit(cb: (sheet: string) => void): () => void;
  /**
   * Optional: called when the workbook's settings were changed by another part
   * of the add-in (the Excel ribbon command runs in its own runtime and hands
   * its report to the pane through the settings), within about a second, after
   * the host reloaded them. Returns an unsubscribe function.
   */
  onSettingsChanged?(cb: () => void): () => void;
  /**
   * Optional: reads every setting again from the workbook. The pane calls it
   * before every check, write, clear and insert, so that nothing it writes
   * rests on a copy another runtime has since changed.
   */
  reloadSettings?(): Promise<void>;
  /**
   * Optional: 自检, a plain-text report of what this program offers the
   * add-in (version, engine, how its calls answer, which calls failed), for
   * the user to copy and send. The WPS host has one.
   */
  diagnostics?(): Promise<string>;
}
