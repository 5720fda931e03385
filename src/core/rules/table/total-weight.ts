import type { Rule } from '../rule';
import { at, scalar } from '../rule';
import { round2, sum2 } from '../../num';

/** RULES.md §3–4.3: 总分 (分值) = funds 分值 + Σ indicator 分值 = 100. */
const rule: Rule = {
  id: 'total-weight',
  severity: 'error',
  description: '总分的分值应等于资金分值与各指标分值之和，且为 100',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      const t = a.table;
      const weights = [a.fundsWeight, ...a.indicators.map((i) => i.weight)];
      const cells = [t.funds?.weight, ...t.indicators.map((i) => i.weight)];
      if (weights.some((w) => w === null) || !t.indicators.length) continue;
      const sum = sum2(weights as number[]);
      const stored = ctx.num(t.total?.weight);
      const where = t.total?.weight ?? t.total?.labelCell ?? t.funds?.weight;
      if (!where) continue;
      if (stored !== null && round2(stored) !== sum) {
        ctx.report({ cell: where, related: cells, table: t, message: `${at(where)} 总分 分值 ${stored} 与资金分值和各指标分值之和 ${sum} 不一致`, expected: sum, actual: scalar(t.total?.weight) });
      } else if (sum !== 100) {
        ctx.report({ cell: where, related: cells, table: t, message: `${at(where)} 总分 分值合计为 ${sum}，应为 100`, expected: 100, actual: sum });
      }
    }
  },
};
export default rule;
