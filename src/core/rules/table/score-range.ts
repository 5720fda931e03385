import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { round2 } from '../../num';

/** RULES.md §4.3: 0 ≤ 得分 ≤ 分值 on every row (rows whose score is recomputed are covered by derived-value). */
const rule: Rule = {
  id: 'score-range',
  name: '得分范围',
  severity: 'error',
  description: '得分不得为负，也不得超过分值',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      for (const i of a.indicators) {
        if (i.derived || i.storedScore === null || i.weight === null || !i.row.score) continue;
        const s = round2(i.storedScore);
        if (s >= 0 && s <= round2(i.weight)) continue;
        ctx.report({
          cell: i.row.score,
          related: [i.row.weight],
          table: a.table,
          message: `${at(i.row.score)} ${label(i.row.name)} 得分 ${shown(i.row.score)} ${s < 0 ? '为负数' : `超过分值 ${i.weight}`}`,
          expected: s < 0 ? 0 : i.weight,
          actual: scalar(i.row.score),
          expectedKind: 'range',
          expectedText: `不低于 0 分且不高于 ${i.weight} 分`,
        });
      }
    }
  },
};
export default rule;
