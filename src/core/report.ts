/** What the engine reports: the JSON shape of `selfeval check --json`. */

export type Severity = 'error' | 'warning' | 'info';
export type TableKind = 'basic-data' | 'overall' | 'project';
export type Grade = '优' | '良' | '中' | '差';
export type Scalar = number | string | null;

export interface CellRef {
  sheet: string;
  /** A1 address without `$`. */
  cell: string;
}

export interface TableInfo {
  /** Stable within one report: `${sheet}!${range}`. */
  id: string;
  kind: TableKind;
  sheet: string;
  /** Rows the table occupies, from its 附件 label or title to its last line. */
  range: string;
  year: number | null;
  name: string | null;
}

export interface Finding extends CellRef {
  rule: string;
  severity: Severity;
  related: CellRef[];
  message: string;
  expected: Scalar;
  actual: Scalar;
  /**
   * What `expected` is, so that a host words it right:
   * - 'value': the value the cell should hold, computed by the tool (a derived cell) — shown as 应为;
   * - 'other': a cross-table mismatch; `expected` is the other side's value (the first related cell) and neither
   *   side is known to be right — shown as 与 … 不一致，请核对, never as 应为;
   * - 'range': a limit or band, described in words by `expectedText` (e.g. 不低于 3 分且低于 4 分);
   * - 'none': nothing can be expected (a missing or unreadable input, a check that could not run).
   * Absent means 'value' when `expected` is not null, else 'none'.
   */
  expectedKind?: 'value' | 'other' | 'range' | 'none';
  /** The expectation in words, for 'range' (and optional for the others). */
  expectedText?: string;
  /** The id of the table the finding belongs to (the first one for a cross-table finding). */
  table?: string;
  /**
   * A finding on the report's text (RULES.md §8): the paragraph (1-based among the body's paragraphs outside
   * tables) and the sentence it quotes. Its `sheet`/`cell` are the first table cell it names ('' when it names
   * none, e.g. a sum the text states that does not add up); `related` lists every cell it names.
   */
  paragraph?: number;
  quote?: string;
}

/** What the check of the report's text looked at. */
export interface TextSummary {
  /** Paragraphs read. */
  paragraphs: number;
  /** Figures found in the text (numbers with their labels, and 评价等级). */
  figures: number;
  /** Figures whose words name a table value, and so were compared with it. */
  checked: number;
  /** Findings on the text. */
  findings: number;
}

export interface Recalculation extends CellRef {
  before: Scalar;
  after: number;
  /** Number format to keep or give the cell ("0.00%" for rates). */
  numberFormat?: string;
}

export interface ScoreInfo {
  sheet: string;
  kind: TableKind;
  name: string | null;
  total: number | null;
  grade: Grade | null;
  /** The table id, for hosts. */
  table?: string;
}

export interface Report {
  tables: TableInfo[];
  findings: Finding[];
  recalculated: Recalculation[];
  scores: ScoreInfo[];
  summary: string;
  /** Present when a report's text was checked too. */
  text?: TextSummary;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
