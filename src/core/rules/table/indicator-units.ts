import type { Rule } from '../rule';
import { at, label, shown } from '../rule';

/** RULES.md §3: different units (家 vs 个, 万元 vs 元, % vs a count) are not compared: a warning, no rescoring. */
const rule: Rule = {
  id: 'indicator-units',
  name: '指标单位',
  severity: 'warning',
  description: '年度指标值与实际完成值单位不一致，无法比较计分',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      for (const i of a.indicators) {
        if (i.type !== 'unit-mismatch' || !i.row.actual) continue;
        ctx.report({
          cell: i.row.actual, related: [i.row.target, i.row.score], table: a.table,
          message: `${at(i.row.actual)} ${label(i.row.name)} 实际完成值“${shown(i.row.actual)}”与年度指标值“${shown(i.row.target)}”单位不一致，未重新计分`,
          expected: null, actual: null, expectedKind: 'none',
        });
      }
    }
  },
};
export default rule;
