import type { Rule } from '../rule';
import { at, scalar, shown } from '../rule';
import { rateAgrees, agree2, fmtPercent, fmtScore } from '../../num';

/**
 * RULES.md §3–4.1: every derived cell (执行率, 得分, 总分, 控制率) equals its recomputed value; a
 * blank one is recalculated like a wrong one. §4.14: a derived cell that cannot be recomputed
 * (an input empty or unreadable) gets an info naming the check and the cells.
 */
const rule: Rule = {
  id: 'derived-value',
  name: '计算单元格的值',
  severity: 'error',
  description: '执行率、得分、总分、控制率等计算单元格应等于按输入重新计算的值（公式单元格只报告，不改写）',
  appliesTo: ['basic-data', 'overall', 'project'],
  check(ctx) {
    for (const d of ctx.analysis.derived) {
      const r = ctx.analysis.read(d.field);
      if (r.kind === 'unparseable') continue; // reported by unparseable-number
      const stored = r.kind === 'number' ? r.value : null;
      const ok = stored !== null && (d.kind === 'rate' ? rateAgrees(stored, d.computed) : agree2(stored, d.computed));
      if (ok) continue;
      const want = d.kind === 'rate' ? fmtPercent(d.computed) : fmtScore(d.computed);
      const has = stored === null ? '为空' : `为 ${d.kind === 'rate' ? fmtPercent(stored) : shown(d.field)}`;
      const formula = d.field.formula ? `（公式 ${d.field.formula} 的结果有误，请检查公式，本工具不改写公式）` : '';
      ctx.report({
        cell: d.field,
        related: d.inputs,
        table: d.table,
        message: `${at(d.field)} ${d.label}${has}，应为 ${want}（${d.explain()}）${formula}`,
        expected: d.computed,
        actual: scalar(d.field),
        expectedKind: 'value',
      });
    }
    for (const b of ctx.analysis.blocked) {
      if (!b.missing.length) continue;
      ctx.report({
        cell: b.field, related: b.missing.map((m) => m.field), table: b.table, severity: 'info', expectedKind: 'none',
        message: `${at(b.field)} ${b.label}无法核对：${b.missing.map((m) => `${at(m.field)} ${m.what}${ctx.analysis.read(m.field).kind === 'unparseable' ? '无法读取' : '为空'}`).join('，')}`,
      });
    }
  },
};
export default rule;
