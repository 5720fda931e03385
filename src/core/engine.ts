import type { WorkbookSnapshot } from './snapshot';
import type { CellRef, Finding, Recalculation, Report, ScoreInfo, TableInfo } from './report';
import { SEVERITY_ORDER } from './report';
import { resolveProfile, type ScoringProfile } from './profile';
import { recognize } from './recognize';
import { analyze as analyzeTables, type Analysis } from './evaluate';
import { RULES, type Rule, type FindingInput } from './rules';
import { summarize } from './summary';
import type { Table, Tables } from './tables';
import { isPercentFormat } from './values';
import { parseCell } from './address';
import { checkText } from './text';

export interface AnalyzeOptions {
  profile?: Partial<ScoringProfile>;
  /** Rules to run; all by default. */
  rules?: readonly Rule[];
  /** The report's text (paragraph n is `[n - 1]`): its figures are checked against the tables (RULES.md §8). */
  reportText?: readonly string[];
}

export interface Analyzed extends Report {
  /** The recognized tables and their analysis, for hosts that show more than the report. */
  recognized: Tables;
  analysis: Analysis;
}

const ref = (c: CellRef): CellRef => ({ sheet: c.sheet, cell: c.cell.replace(/\$/g, '') });

function tableOfCell(tables: Tables, c: CellRef): Table | undefined {
  const { row } = parseCell(c.cell);
  return tables.all.find((t) => t.sheet === c.sheet && row >= t.top && row <= t.bottom);
}

/** Recognizes the tables of a workbook, checks them, recalculates, scores and summarizes. */
export function analyze(workbook: WorkbookSnapshot, options: AnalyzeOptions = {}): Analyzed {
  const profile = resolveProfile(options.profile);
  const recognized = recognize(workbook);
  const analysis = analyzeTables(recognized, profile);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    const report = (f: FindingInput) => {
      const cell = ref(f.cell);
      const related: CellRef[] = [];
      for (const r of f.related ?? []) {
        if (!r) continue;
        const x = ref(r);
        if ((x.sheet !== cell.sheet || x.cell !== cell.cell) && !related.some((y) => y.sheet === x.sheet && y.cell === x.cell)) related.push(x);
      }
      findings.push({
        rule: rule.id,
        severity: f.severity ?? rule.severity,
        sheet: cell.sheet,
        cell: cell.cell,
        related,
        message: f.message,
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        expectedKind: f.expectedKind ?? (f.expected === undefined || f.expected === null ? 'none' : 'value'),
        ...(f.expectedText ? { expectedText: f.expectedText } : {}),
        table: (f.table ?? tableOfCell(recognized, cell))?.id,
      });
    };
    rule.check({ workbook, tables: recognized, analysis, profile, report, num: (f) => { const r = analysis.read(f); return r.kind === 'number' ? r.value : null; } });
  }
  // Stable order: severity, then table order, then position.
  const tableIndex = new Map(recognized.all.map((t, i) => [t.id, i]));
  const positions = new Map<Finding, number>();
  for (const f of findings) { const p = parseCell(f.cell); positions.set(f, p.row * 16384 + p.col); }
  const pos = (f: Finding) => positions.get(f) as number;
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || (tableIndex.get(a.table ?? '') ?? 1e9) - (tableIndex.get(b.table ?? '') ?? 1e9)
    || pos(a) - pos(b));

  // Recalculation: every derived cell whose stored value is wrong, except formula cells.
  const wrong = new Set(findings.filter((f) => f.rule === 'derived-value').map((f) => `${f.sheet}!${f.cell}`));
  const recalculated: Recalculation[] = [];
  for (const d of analysis.derived) {
    if (!wrong.has(`${d.field.sheet}!${d.field.cell}`) || d.field.formula) continue;
    const before = d.field.value === '' || d.field.value === null ? null : typeof d.field.value === 'boolean' ? String(d.field.value) : d.field.value;
    const rec: Recalculation = { sheet: d.field.sheet, cell: d.field.cell, before, after: d.computed };
    if (d.kind === 'rate') rec.numberFormat = isPercentFormat(d.field.numFmt) ? (d.field.numFmt as string) : '0.00%';
    recalculated.push(rec);
  }

  const tables: TableInfo[] = recognized.all.map((t) => ({ id: t.id, kind: t.kind, sheet: t.sheet, range: t.range, year: t.year, name: t.name }));
  const scores: ScoreInfo[] = [...recognized.overall, ...recognized.project].map((t) => {
    const e = analysis.evals.get(t)!;
    return { sheet: t.sheet, kind: t.kind, name: t.name, total: e.totalScore, grade: e.grade, table: t.id };
  });
  const out: Analyzed = { tables, findings, recalculated, scores, summary: summarize(recognized, analysis), recognized, analysis };
  if (options.reportText) {
    const text = checkText(options.reportText, recognized, analysis);
    out.findings = [...findings, ...text.findings];
    out.text = text.summary;
  }
  return out;
}

/** The plain report (what `--json` prints): no recognized tables or analysis. */
export function toReport(a: Analyzed): Report {
  const { tables, findings, recalculated, scores, summary, text } = a;
  return { tables, findings, recalculated, scores, summary, ...(text ? { text } : {}) };
}
