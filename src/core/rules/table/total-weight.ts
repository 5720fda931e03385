import type { Rule } from '../rule';
import { at, scalar } from '../rule';
import { round2, sum2 } from '../../num';
import type { Field } from '../../grid';

/**
 * RULES.md §3–4.3: 总分 (分值) = funds 分值 + Σ indicator 分值 = 100. In a table without a 分值
 * column the goal blocks carry the weights (`年度绩效目标1(40分)`). A table that does not score
 * at all (县级专项资金绩效目标自评表) has nothing to check. When a weight is missing, §4.14: an info.
 */
const rule: Rule = {
  id: 'total-weight',
  name: '分值合计',
  severity: 'error',
  description: '总分的分值应等于资金分值与各指标分值（或各目标块分值）之和，且为 100',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      const t = a.table;
      if (!t.scored || !t.indicators.length) continue;
      const byBlocks = !t.hasWeightColumn && t.blocks.length > 0;
      if (!t.hasWeightColumn && !byBlocks) {
        const where = t.total?.weight ?? t.total?.labelCell ?? t.indicators[0].nameCell;
        ctx.report({ cell: where, table: t, severity: 'info', expectedKind: 'none',
          message: `${at(where)} 总分分值无法核对：表中没有分值列，也没有标注分值的目标块` });
        continue;
      }
      const weights = byBlocks
        ? [a.fundsWeight, ...t.blocks.map((b) => b.declaredWeight)]
        : [a.fundsWeight, ...a.indicators.map((i) => i.weight)];
      const cells: (Field | null | undefined)[] = byBlocks
        ? [a.fundsWeightCell, ...t.blocks.map((b) => b.cell)]
        : [a.fundsWeightCell ?? t.funds?.weight, ...t.indicators.map((i) => i.weight)];
      const where = t.total?.weight ?? t.total?.labelCell ?? a.fundsWeightCell ?? t.funds?.weight;
      if (!where) continue;
      // RULES §4.13: a missing 分值 is reported by missing-input; this check still runs on the weights that are there.
      const missing: string[] = [];
      if (a.fundsWeight === null) missing.push('资金分值');
      if (!byBlocks) a.indicators.forEach((i) => { if (i.weight === null) missing.push(`第 ${i.row.row + 1} 行（${i.row.name.replace(/\s+/g, '') || '未命名指标'}）`); });
      const note = missing.length ? `（${missing.join('、')}缺少分值，未计入）` : '';
      if (weights.every((w) => w === null)) {
        ctx.report({ cell: where, related: cells, table: t, severity: 'info', expectedKind: 'none', message: `${at(where)} 总分分值无法核对：没有可读的分值` });
        continue;
      }
      const sum = sum2(weights.filter((w): w is number => w !== null));
      const storedRead = ctx.analysis.read(t.total?.weight);
      const stored = storedRead.kind === 'number' ? storedRead.value : null;
      if (stored !== null && round2(stored) !== sum) {
        ctx.report({ cell: where, related: cells, table: t, message: `${at(where)} 总分 分值 ${stored} 与资金分值和各${byBlocks ? '目标块' : '指标'}分值之和 ${sum} 不一致${note}`, expected: sum, actual: scalar(t.total?.weight), expectedKind: 'value' });
      } else if (sum !== 100) {
        ctx.report({ cell: where, related: cells, table: t, message: `${at(where)} 总分 分值合计为 ${sum}，应为 100${note}`, expected: 100, actual: sum, expectedKind: 'value' });
      } else if (t.total?.weight && storedRead.kind === 'empty') {
        ctx.report({ cell: where, related: cells, table: t, message: `${at(where)} 总分 分值为空，应为 ${sum}`, expected: sum, actual: null, expectedKind: 'value' });
      }
    }
  },
};
export default rule;
