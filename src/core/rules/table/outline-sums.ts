import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import type { IndicatorRow, OutlineNode } from '../../tables';
import { round2, sum2 } from '../../num';
import { presence } from '../../values';

const rowOf = (c: IndicatorRow | OutlineNode): IndicatorRow => ('children' in c ? c.row : c);
const nameOf = (r: IndicatorRow) => label(r.name || r.level2 || r.level1) || `第 ${r.row + 1} 行`;

/**
 * RULES.md §9: in a numbered outline (`一、产出指标` over `1、` / `（1）` rows, or a 二级 row over its 三级 rows)
 * a subtotal's 分值 and 得分 equal the sums of its direct children's. A blank subtotal over filled children is
 * an error too. Subtotals are never indicators: totals, counts and the summary take the children only.
 */
const rule: Rule = {
  id: 'outline-sums',
  name: '小计与明细之和',
  severity: 'error',
  description: '指标分级小计行（如 一、产出指标、1、数量指标）的分值、得分应等于其下各项之和',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const t of [...ctx.tables.overall, ...ctx.tables.project]) {
      for (const node of t.outline) {
        const kids = node.children.map(rowOf);
        for (const [key, what] of [['weight', '分值'], ['score', '得分']] as const) {
          const cell = node.row[key];
          if (!cell || ctx.analysis.read(cell).kind === 'unparseable') continue;
          const cells = kids.map((k) => k[key]);
          const values = cells.map((c) => ctx.num(c));
          if (values.every((v) => v === null)) continue;
          const sum = sum2(values.map((v) => v ?? 0));
          const parts = `其下 ${kids.map((k, i) => `${nameOf(k)} ${values[i] === null ? '（空）' : round2(values[i] as number)}`).join(' + ')} = ${sum}`;
          const stored = ctx.num(cell);
          if (stored === null) {
            if (presence(cell.value) !== 'blank') continue;
            ctx.report({ cell, related: cells, table: t, expectedKind: 'value', expected: sum, actual: null,
              message: `${at(cell)} ${nameOf(node.row)} ${what}为空，但${parts}` });
            continue;
          }
          if (round2(stored) === sum) continue;
          ctx.report({ cell, related: cells, table: t, expectedKind: 'value', expected: sum, actual: scalar(cell),
            message: `${at(cell)} ${nameOf(node.row)} ${what} ${shown(cell)} 与${parts} 不一致，请核对` });
        }
      }
    }
  },
};
export default rule;
