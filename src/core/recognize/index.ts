/**
 * Finds every 基础数据表, 整体支出绩效自评表 and 项目支出绩效自评表 in a workbook,
 * whatever the sheet names, offsets and header wording: a table is anchored on
 * its structure (the 经费控制情况 header, the funds header row) and its title,
 * 附件 label and name are looked for above it.
 */
import type { WorkbookSnapshot } from '../snapshot';
import { SheetGrid } from '../grid';
import type { Table, Tables, BasicDataTable, EvalTable } from '../tables';
import { isBasicAnchor, parseBasicData } from './basic-data';
import { fundsHeader, parseEvaluation } from './evaluation';

export function recognizeSheet(g: SheetGrid): Table[] {
  const anchors: { row: number; kind: 'basic' | 'eval'; cols?: ReturnType<typeof fundsHeader> }[] = [];
  for (let r = g.top; r <= g.bottom; r++) {
    if (!g.rowHasValue(r)) continue;
    const cols = fundsHeader(g, r);
    if (cols) anchors.push({ row: r, kind: 'eval', cols });
    else if (isBasicAnchor(g, r)) anchors.push({ row: r, kind: 'basic' });
  }
  const out: Table[] = [];
  let windowTop = g.top;
  const id = (range: string) => `${g.name}!${range}`;
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    if (a.row < windowTop) continue;
    let next: (typeof anchors)[number] | undefined;
    for (let j = i + 1; j < anchors.length && !next; j++) if (anchors[j].row > a.row) next = anchors[j];
    const windowBottom = next ? next.row - 1 : g.bottom;
    const t = a.kind === 'basic'
      ? parseBasicData(g, a.row, windowTop, windowBottom, id)
      : parseEvaluation(g, a.row, a.cols!, windowTop, windowBottom, id);
    if (!t) continue;
    out.push(t);
    windowTop = t.bottom + 1;
  }
  return out;
}

export function recognize(workbook: WorkbookSnapshot): Tables {
  const all: Table[] = [];
  for (const s of workbook.sheets) all.push(...recognizeSheet(new SheetGrid(s)));
  // No title, or a title without a year (RULES.md §1.5): the year the other tables give, if they agree on one.
  const years = new Map<number, number>();
  for (const t of all) if (t.year !== null) years.set(t.year, (years.get(t.year) ?? 0) + 1);
  if (years.size) {
    const common = [...years.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const t of all) if (t.year === null) t.year = common;
  }
  return {
    all,
    basicData: all.filter((t): t is BasicDataTable => t.kind === 'basic-data'),
    overall: all.filter((t): t is EvalTable => t.kind === 'overall'),
    project: all.filter((t): t is EvalTable => t.kind === 'project'),
  };
}
