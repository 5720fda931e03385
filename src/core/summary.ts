/**
 * The summary text of RULES.md §7: one paragraph per evaluation table, from the
 * table's own figures, in Chinese official writing: no space between a digit and
 * a Chinese character (`2024年度`, `238.83万元`, `96分`), rates as the table shows
 * them, counts as people say them (`12项绩效指标中10项已完成`).
 */
import { splitText, type Analysis, type EvalAnalysis } from './evaluate';
import type { Tables } from './tables';
import type { Field } from './grid';
import { fmt2, fmtScore, percent2, round2 } from './num';
import { breakdownAmount } from './rules/table/overall-breakdowns';
import { formatNumber } from './rules/rule';

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const GAP_AFTER = new RegExp(`([0-9%℃°.])\\s+(?=[${CJK}])`, 'g');
const GAP_BEFORE = new RegExp(`([${CJK}])\\s+(?=[0-9+\\-−≥≤<>])`, 'g');

/**
 * Text in Chinese official writing: no space between a figure and a Chinese
 * character or after a comparison sign (`≥ 1 %` → `≥1%`); other spacing collapsed.
 */
export function officialSpacing(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
    .replace(GAP_AFTER, '$1').replace(GAP_BEFORE, '$1')
    .replace(/([≥≤<>=＞＜])\s+(?=[0-9])/g, '$1')
    .replace(/([0-9])\s+%/g, '$1%');
}

function amount(a: Analysis, f: Parameters<Analysis['read']>[0]): string | null {
  const r = a.read(f);
  return r.kind === 'number' ? `${fmt2(r.value)}万元` : null;
}

/**
 * A rate as the table shows it: the rate cell's own percent format (100% under
 * `0%`, 100.00% under `0.00%`), or its text's decimals; without either, at most
 * two decimals and no trailing zeros (100%, 85.7%).
 */
export function rateAsShown(fraction: number, cell: Field | null | undefined): string {
  const fmt = cell?.numFmt;
  if (typeof cell?.value === 'number' && fmt && fmt.includes('%')) return formatNumber(fraction, fmt);
  const text = typeof cell?.value === 'string' ? /\d(?:\.(\d+))?\s*%/.exec(cell.value) : null;
  if (text) return `${(fraction * 100).toFixed(text[1]?.length ?? 0)}%`;
  return `${Number(percent2(fraction).toFixed(2))}%`;
}

function indicatorsSentence(e: EvalAnalysis): string {
  const rows = e.indicators;
  if (!rows.length) return '';
  // Below its weight where rows are weighted; a target not met where they are not (goal blocks, no scores).
  const unmet = rows.filter((i) => (i.weight !== null
    ? i.effectiveScore !== null && round2(i.effectiveScore) < round2(i.weight)
    : !e.table.hasWeightColumn && i.met === false));
  const clean = (s: unknown) => officialSpacing(String(s ?? ''));
  if (!unmet.length) return `${rows.length}项绩效指标全部完成。`;
  const list = unmet.map((i) => `${clean(i.row.name).replace(/\s/g, '')}（年度指标值${clean(splitText(i.row, 'target'))}，实际完成${clean(splitText(i.row, 'actual'))}）`).join('；');
  const met = rows.length - unmet.length;
  return `${rows.length}项绩效指标中${met}项已完成，${unmet.length}项未完成：${list}。`;
}

function paragraph(a: Analysis, e: EvalAnalysis): string {
  const t = e.table;
  const f = t.funds;
  const year = t.year !== null ? `${t.year}年度，` : '';
  const who = t.kind === 'overall' ? `${t.name ?? ''}部门整体支出` : `${t.name ?? '本'}项目`;
  const parts: string[] = [];
  const ib = amount(a, f?.initialBudget);
  const b = amount(a, f?.budget);
  const x = amount(a, f?.executed);
  if (ib) parts.push(`年初预算数${ib}`);
  if (b) parts.push(`全年预算数${b}`);
  if (x) parts.push(`全年执行数${x}`);
  if (e.executionRate !== null) parts.push(`预算执行率${rateAsShown(e.executionRate, f?.rate)}`);
  let s = `${year}${who}${parts.join('，')}`;
  if (t.kind === 'overall') {
    const br = t.byExpense.map((x) => ({ label: x.label, v: breakdownAmount(x) })).filter((x) => typeof x.v === 'number');
    if (br.length) s += `；其中${br.map((x) => `${x.label}${fmt2(x.v as number)}万元`).join('，')}`;
  }
  s += '。';
  if (e.totalScore !== null) {
    s += `${t.kind === 'overall' ? '部门整体支出' : '项目支出'}绩效自评得分${fmtScore(e.totalScore)}分，评价等级为“${e.grade}”。`;
  }
  s += indicatorsSentence(e);
  return s;
}

export function summarize(tables: Tables, analysis: Analysis): string {
  const order = [...tables.overall, ...tables.project];
  return order.map((t) => paragraph(analysis, analysis.evals.get(t)!)).join('\n\n');
}
