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
  /** Overrides the rule's default severity. */
  severity?: Severity;
  table?: Table;
}

export interface RuleContext {
  tables: Tables;
  analysis: Analysis;
  profile: ScoringProfile;
  /** The number in a cell, or null when empty or unparseable. */
  num(field: Field | null | undefined): number | null;
  report(finding: FindingInput): void;
}

export interface Rule {
  id: string;
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

/** A cell's value as written, for messages. */
export function shown(f: Field | null | undefined): string {
  if (!f) return '';
  const v = f.value;
  if (v === null || v === '') return '（空）';
  return typeof v === 'string' ? v.trim() : String(v);
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
