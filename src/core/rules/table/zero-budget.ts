import type { Rule } from '../rule';
import { at, label, shown } from '../rule';

/** RULES.md §4.8: in an evaluation table's funds row, 全年预算数 of 0 with money executed is a warning (执行率 is then 0). */
const rule: Rule = {
  id: 'zero-budget',
  name: '预算数为零',
  severity: 'warning',
  description: '全年预算数为 0 却有执行数（执行率按 0 计）',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const t of [...ctx.tables.overall, ...ctx.tables.project]) {
      const f = t.funds;
      if (!f?.budget) continue;
      const b = ctx.num(f.budget);
      const e = ctx.num(f.executed);
      if (b === 0 && e !== null && e > 0) {
        ctx.report({ cell: f.budget, related: [f.executed], table: t, message: `${at(f.budget)} ${label(f.label)} 全年预算数为 0，全年执行数却为 ${shown(f.executed)}，执行率按 0 计算`, expected: null, actual: 0, expectedKind: 'none' });
      }
    }
  },
};
export default rule;
