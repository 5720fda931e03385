import type { Rule } from '../rule';
import { at, label, shown } from '../rule';
import { round2 } from '../../num';
import { isEmptyMarker } from '../../values';

/**
 * RULES.md §4.4: an indicator row scored below its weight needs 偏差原因分析及改进措施
 * (the ministry's system refuses to save it otherwise). Optionally also when the
 * actual is at least 130% of the target (profile).
 */
const rule: Rule = {
  id: 'deviation-reason',
  severity: 'warning',
  description: '得分低于分值的指标必须填写偏差原因分析及改进措施',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      for (const i of a.indicators) {
        const reasonEmpty = !i.row.reason || isEmptyMarker(i.row.reason.value);
        if (!reasonEmpty || i.weight === null || i.effectiveScore === null) continue;
        const cell = i.row.reason ?? i.row.score ?? i.row.nameCell;
        const related = [i.row.score, i.row.target, i.row.actual];
        if (round2(i.effectiveScore) < round2(i.weight)) {
          ctx.report({
            cell, related, table: a.table,
            message: `${at(cell)} ${label(i.row.name)} 得分 ${round2(i.effectiveScore)} 低于分值 ${i.weight}（年度指标值 ${shown(i.row.target)}，实际完成 ${shown(i.row.actual)}），未填写偏差原因分析及改进措施`,
            expected: null, actual: null,
          });
        } else if (ctx.profile.requireReasonAbove130 && i.type === 'quantitative' && i.target.kind === 'quantitative' && i.actual.kind === 'quantitative'
          && i.target.op !== '<=' && i.target.value > 0 && i.actual.value >= 1.3 * i.target.value) {
          ctx.report({
            cell, related, table: a.table,
            message: `${at(cell)} ${label(i.row.name)} 实际完成 ${shown(i.row.actual)} 超过年度指标值 ${shown(i.row.target)} 的 130%，未填写偏差原因分析`,
            expected: null, actual: null,
          });
        }
      }
    }
  },
};
export default rule;
