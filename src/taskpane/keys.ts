import type { Report } from '../core/report';

/** Settings the pane and the ribbon command share through the workbook (each runs in its own runtime). */
export const REPORT_KEY = 'selfeval.report';
export const PROFILE_KEY = 'selfeval.profile';
export const OPTIONS_KEY = 'selfeval.options';
export const RIBBON_ERROR_KEY = 'selfeval.ribbonError';
/** Findings the user chose to ignore: `rule|Sheet!A1` keys. */
export const IGNORED_KEY = 'selfeval.ignored';

export type CheckSource = 'pane' | 'ribbon';

export interface StoredReport {
  report: Report;
  /** ISO time of the check. */
  checkedAt: string;
  source: CheckSource;
  /** Number formats of the cells the report shows (`Sheet!A1` → format), to show values as the cells do. */
  formats?: Record<string, string>;
  /** Table, row label and column of each derived cell, for the 重算 list. */
  labels?: Record<string, { table: string; row: string; column: string }>;
}

export interface StoredError {
  code?: string;
  message: string;
  params?: Record<string, string | number>;
  at: string;
}

export interface PaneOptions {
  autoRecheck: boolean;
}
