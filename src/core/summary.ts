/** The summary text of RULES.md §7: one paragraph per evaluation table, from the table's own figures. */
import { splitText, type Analysis, type EvalAnalysis } from './evaluate';
import type { Tables } from './tables';
import { fmt2, fmtPercent, fmtScore } from './num';
import { breakdownAmount } from './rules/table/overall-breakdowns';
import { round2 } from './num';

function amount(a: Analysis, f: Parameters<Analysis['read']>[0]): string | null {
  const r = a.read(f);
  return r.kind === 'number' ? `${fmt2(r.value)} 万元` : null;
}

function indicatorsSentence(e: EvalAnalysis): string {
  const rows = e.indicators;
  if (!rows.length) return '';
  // Below its weight where rows are weighted; a target not met where they are not (goal blocks, no scores).
  const unmet = rows.filter((i) => (i.weight !== null
    ? i.effectiveScore !== null && round2(i.effectiveScore) < round2(i.weight)
    : !e.table.hasWeightColumn && i.met === false));
  const clean = (s: unknown) => String(s ?? '').replace(/\s+/g, ' ').trim();
  if (!unmet.length) return `${rows.length} 项绩效指标全部完成。`;
  const list = unmet.map((i) => `${clean(i.row.name).replace(/\s/g, '')}（年度指标值 ${clean(splitText(i.row, 'target'))}，实际完成 ${clean(splitText(i.row, 'actual'))}）`).join('；');
  const met = rows.length - unmet.length;
  return `${rows.length} 项绩效指标中 ${met} 项全部完成，${unmet.length} 项未完全完成：${list}。`;
}

function paragraph(a: Analysis, e: EvalAnalysis): string {
  const t = e.table;
  const f = t.funds;
  const year = t.year !== null ? `${t.year} 年度，` : '';
  const who = t.kind === 'overall' ? `${t.name ?? ''}部门整体支出` : `${t.name ?? '本'}项目`;
  const parts: string[] = [];
  const ib = amount(a, f?.initialBudget);
  const b = amount(a, f?.budget);
  const x = amount(a, f?.executed);
  if (ib) parts.push(`年初预算数 ${ib}`);
  if (b) parts.push(`全年预算数 ${b}`);
  if (x) parts.push(`全年执行数 ${x}`);
  if (e.executionRate !== null) parts.push(`预算执行率 ${fmtPercent(e.executionRate)}`);
  let s = `${year}${who}${parts.join('，')}`;
  if (t.kind === 'overall') {
    const br = t.byExpense.map((x) => ({ label: x.label, v: breakdownAmount(x) })).filter((x) => typeof x.v === 'number');
    if (br.length) s += `；其中${br.map((x) => `${x.label} ${fmt2(x.v as number)} 万元`).join('，')}`;
  }
  s += '。';
  if (e.totalScore !== null) {
    s += `${t.kind === 'overall' ? '部门整体支出' : '项目支出'}绩效自评得分 ${fmtScore(e.totalScore)} 分，评价等级为“${e.grade}”。`;
  }
  s += indicatorsSentence(e);
  return s;
}

export function summarize(tables: Tables, analysis: Analysis): string {
  const order = [...tables.overall, ...tables.project];
  return order.map((t) => paragraph(analysis, analysis.evals.get(t)!)).join('\n\n');
}
