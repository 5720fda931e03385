import type { Rule } from '../rule';
import { at, label } from '../rule';
import { round2 } from '../../num';

/**
 * RULES.md §1.5: in a table without a 分值 column, indicators are grouped in goal blocks whose
 * label carries the weight (`年度绩效目标1(40分)`). Per-row rescoring cannot run, but the block
 * can be checked: Σ 得分 ≤ its weight, and = its weight when every indicator meets its target.
 */
const rule: Rule = {
  id: 'goal-block-score',
  name: '目标块得分',
  severity: 'error',
  description: '无分值列的目标块（如 年度绩效目标1(40分)）：块内得分之和不超过块分值，全部指标达成时应等于块分值',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      if (a.table.hasWeightColumn) continue;
      for (const b of a.blocks) {
        const w = b.block.declaredWeight;
        if (w === null || !b.block.rows.length) continue;
        const scores = b.block.rows.map((r) => r.score);
        const name = label(b.block.label);
        if (b.sum === null) {
          if (!a.table.hasScoreColumn) continue;
          const missing = b.block.rows.filter((r) => ctx.num(r.score) === null);
          ctx.report({ cell: b.block.cell, related: missing.map((r) => r.score ?? r.nameCell), table: a.table, severity: 'info', expectedKind: 'none',
            message: `${at(b.block.cell)} ${name} 的得分之和无法核对：${missing.map((r) => `${at(r.score ?? r.nameCell)} 得分为空或无法读取`).join('、')}` });
          continue;
        }
        if (round2(b.sum) > round2(w)) {
          ctx.report({ cell: b.block.cell, related: scores, table: a.table, expectedKind: 'range', expected: w, actual: b.sum, expectedText: `不超过 ${w} 分`,
            message: `${at(b.block.cell)} ${name} 内 ${b.block.rows.length} 项指标得分合计 ${round2(b.sum)}，超过该目标块分值 ${w}` });
        } else if (b.allMet && round2(b.sum) !== round2(w)) {
          ctx.report({ cell: b.block.cell, related: scores, table: a.table, expectedKind: 'value', expected: w, actual: b.sum,
            message: `${at(b.block.cell)} ${name} 内 ${b.block.rows.length} 项指标均已达成年度指标值，得分合计 ${round2(b.sum)}，应为该目标块分值 ${w}` });
        }
      }
    }
  },
};
export default rule;
