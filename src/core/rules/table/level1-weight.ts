import type { Rule } from '../rule';
import { at, label } from '../rule';
import { sum2 } from '../../num';

/** RULES.md §3–4.3: each 一级 weight `(N分)` equals the sum of its indicators' 分值; §4.14 when it cannot run. */
const rule: Rule = {
  id: 'level1-weight',
  name: '一级指标分值',
  severity: 'error',
  description: '一级指标标注的分值（如 产出指标(40分)）应等于其下各指标分值之和',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const t of [...ctx.tables.overall, ...ctx.tables.project]) {
      for (const g of t.level1) {
        if (g.declaredWeight === null) continue;
        const weights = g.rows.map((r) => ctx.num(r.weight));
        const missing = g.rows.filter((_, i) => weights[i] === null);
        if (!t.hasWeightColumn || missing.length === g.rows.length) {
          ctx.report({
            cell: g.cell, related: missing.map((r) => r.weight ?? r.nameCell), table: t, severity: 'info', expectedKind: 'none',
            message: `${at(g.cell)} ${label(g.label)} 的分值无法核对：${t.hasWeightColumn ? '其下指标都没有分值' : '表中没有分值列'}`,
          });
          continue;
        }
        // RULES §4.13: a missing 分值 is reported by missing-input; the check runs on the weights that are there.
        const note = missing.length ? `（${missing.map((r) => `第 ${r.row + 1} 行`).join('、')}缺少分值，未计入）` : '';
        const sum = sum2(weights.filter((w): w is number => w !== null));
        if (sum === g.declaredWeight) continue;
        ctx.report({
          cell: g.cell,
          related: g.rows.map((r) => r.weight),
          table: t,
          message: `${at(g.cell)} ${label(g.label)} 标注 ${g.declaredWeight} 分，但其下 ${g.rows.length} 项指标分值合计 ${sum}${note}，请核对`,
          expected: sum,
          actual: g.declaredWeight,
          expectedKind: 'other',
        });
      }
    }
  },
};
export default rule;
