import type { Report } from '../core/report';

/** Settings the pane and the ribbon command share through the workbook (each runs in its own runtime). */
export const REPORT_KEY = 'selfeval.report';
export const PROFILE_KEY = 'selfeval.profile';
export const OPTIONS_KEY = 'selfeval.options';
export const RIBBON_ERROR_KEY = 'selfeval.ribbonError';

export type CheckSource = 'pane' | 'ribbon';

export interface StoredReport {
  report: Report;
  /** ISO time of the check. */
  checkedAt: string;
  source: CheckSource;
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
