import type { WorkbookSnapshot } from '../snapshot';
/**
 * A rule is one module (after ESLint): an id, a severity, a description and a
 * check that reads the recognized tables and the analysis, and reports findings
 * through `ctx.report` so that messages, severities and related cells are uniform.
 */
import type { Field } from '../grid';
import type { Analysis } from '../evaluate';
import type { ScoringProfile } from '../profile';
import type { CellRef, Scalar, Severity, TableKind } from '../report';
import type { Table, Tables } from '../tables';

export interface FindingInput {
  cell: Field | CellRef;
  related?: (Field | CellRef | null | undefined)[];
  message: string;
  expected?: Scalar;
  actual?: Scalar;
  /** What `expected` is (report.ts): 'value', 'other' (cross-table), 'range' (with expectedText), 'none'. */
  expectedKind?: 'value' | 'other' | 'range' | 'none';
  /** The expectation in words (required for 'range'): `不低于 3 分且低于 4 分`. */
  expectedText?: string;
  /** Overrides the rule's default severity. */
  severity?: Severity;
  table?: Table;
}

export interface RuleContext {
  /** The workbook as read (for the rules that look beyond the recognized tables). */
  workbook: WorkbookSnapshot;
  tables: Tables;
  analysis: Analysis;
  profile: ScoringProfile;
  /** The number in a cell, or null when empty or unparseable. */
  num(field: Field | null | undefined): number | null;
  report(finding: FindingInput): void;
}

export interface Rule {
  id: string;
  /** A short Chinese name for people (the 校验结果 sheet, details): `偏差原因`. */
  name: string;
  severity: Severity;
  description: string;
  /** The kinds of table the rule reads; more than one for a cross-table rule. */
  appliesTo: TableKind[];
  check(ctx: RuleContext): void;
}

/** `附件3!E8`. */
export function at(f: CellRef): string {
  return `${f.sheet}!${f.cell}`;
}

/** A cell's value as written, for messages: a number as its format shows it (0.86 as 86.00% under `0.00%`). */
export function shown(f: Field | null | undefined): string {
  if (!f) return '';
  const v = f.value;
  if (v === null || v === '') return '（空）';
  if (typeof v === 'number') return formatNumber(v, f.numFmt);
  return typeof v === 'string' ? v.trim() : String(v);
}

/**
 * A number as the common formats of these tables show it: percentages (`0%`, `0.00%`) and fixed
 * decimals (`0.00`, `#,##0.00`); anything else as JavaScript writes it.
 */
export function formatNumber(v: number, fmt: string | null | undefined): string {
  const f = (fmt ?? '').replace(/"[^"]*"/g, '').split(';')[0];
  if (!f || /general/i.test(f) || /[yMdhs]/.test(f)) return String(v);
  const m = /0(?:\.(0+))?/.exec(f);
  if (!m) return String(v);
  const decimals = m[1]?.length ?? 0;
  const pct = f.includes('%');
  const x = pct ? v * 100 : v;
  const body = Number.isFinite(x) ? round(x, decimals).toFixed(decimals) : String(x);
  const [int, dec] = body.split('.');
  const grouped = /#,##0|0,0/.test(f) ? `${int.replace(/\B(?=(\d{3})+$)/g, ',')}${dec !== undefined ? `.${dec}` : ''}` : body;
  return `${grouped}${pct ? '%' : ''}`;
}

function round(x: number, d: number): number {
  const k = 10 ** d;
  return Math.sign(x) * Math.round(Math.abs(x) * k * (1 + Number.EPSILON)) / k;
}

/** A cell's value for the JSON report: a number stays a number, text stays text. */
export function scalar(f: Field | null | undefined): Scalar {
  if (!f) return null;
  const v = f.value;
  if (v === '' || v === null) return null;
  if (typeof v === 'boolean') return String(v);
  return typeof v === 'string' ? v.trim() : v;
}

/** `2024 年决算数` from a header cell: spaces folded. */
export function columnTitle(f: Field | null | undefined, fallback: string): string {
  if (!f || typeof f.value !== 'string') return fallback;
  return f.value.replace(/\s+/g, ' ').trim() || fallback;
}

/** Label text without line breaks. */
export function label(s: string): string {
  return s.replace(/\s+/g, '').trim();
}
