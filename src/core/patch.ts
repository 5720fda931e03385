import type { Report, Severity, CellRef, Finding } from './report';

/** What a host writes into a workbook: new values for derived cells and marks. */
export interface ValueWrite extends CellRef {
  value: number;
  numberFormat?: string;
}

export interface Mark extends CellRef {
  severity: Severity;
  /** Note text: the messages of the findings on this cell. */
  message: string;
  /** True when the cell is only a related cell of a finding. */
  related: boolean;
}

export interface Patch {
  values: ValueWrite[];
  marks: Mark[];
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One mark per cell: the most severe finding wins; messages are joined. */
export function marksFromFindings(findings: Finding[]): Mark[] {
  const byCell = new Map<string, Mark>();
  const put = (ref: CellRef, f: Finding, related: boolean) => {
    const key = `${ref.sheet}!${ref.cell}`;
    const m = byCell.get(key);
    const msg = related ? `（相关）${f.message}` : f.message;
    if (!m) {
      byCell.set(key, { sheet: ref.sheet, cell: ref.cell, severity: f.severity, message: msg, related });
      return;
    }
    if (!m.message.split('\n').includes(msg)) m.message += `\n${msg}`;
    if (rank[f.severity] < rank[m.severity]) m.severity = f.severity;
    if (!related) m.related = false;
  };
  for (const f of findings) put(f, f, false);
  for (const f of findings) for (const r of f.related) put(r, f, true);
  return [...byCell.values()];
}

/** The patch of a report: every recalculated value and a mark on every finding's cells. */
export function patchFromReport(report: Report, opts: { values?: boolean; marks?: boolean } = {}): Patch {
  const values = opts.values === false ? [] : report.recalculated.map((r) => ({
    sheet: r.sheet, cell: r.cell, value: r.after, numberFormat: r.numberFormat,
  }));
  const marks = opts.marks === false ? [] : marksFromFindings(report.findings);
  return { values, marks };
}
