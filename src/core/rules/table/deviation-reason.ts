import type { Rule } from '../rule';
import { at, label, shown } from '../rule';
import { round2 } from '../../num';
import { isEmptyMarker } from '../../values';

/**
 * RULES.md §4.4: an indicator row scored below its weight needs 偏差原因分析及改进措施
 * (the ministry's system refuses to save it otherwise). Optionally also when the
 * actual is at least 130% of the target (profile). A table with one 偏差原因 block for the
 * whole table instead of a column: satisfied when the block is filled, else one finding on it.
 */
const rule: Rule = {
  id: 'deviation-reason',
  name: '偏差原因',
  severity: 'warning',
  description: '得分低于分值的指标必须填写偏差原因分析及改进措施（整表只有一个偏差原因栏时，该栏须填写）',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      const block = a.table.reasonBlock;
      const blockFilled = !!block && !isEmptyMarker(block.cell.value);
      const underBlock: typeof a.indicators = [];
      for (const i of a.indicators) {
        const reasonEmpty = !i.row.reason || isEmptyMarker(i.row.reason.value);
        if (!reasonEmpty) continue;
        // Without per-row weights (goal blocks, tables with no scores) a target not met needs the reason.
        const unweighted = !a.table.hasWeightColumn && i.weight === null;
        if (!unweighted && (i.weight === null || i.effectiveScore === null)) continue;
        const related = [i.row.score, i.row.target, i.row.actual];
        const below = unweighted ? i.met === false : round2(i.effectiveScore as number) < round2(i.weight as number);
        const above130 = ctx.profile.requireReasonAbove130 && i.type === 'quantitative' && i.target.kind === 'quantitative' && i.actual.kind === 'quantitative'
          && i.target.op !== '<=' && i.target.value > 0 && i.actual.value >= 1.3 * i.target.value;
        if (!below && !above130) continue;
        if (!i.row.reason && block) {
          if (!blockFilled) underBlock.push(i);
          continue;
        }
        const cell = i.row.reason ?? i.row.score ?? i.row.nameCell;
        ctx.report({
          cell, related, table: a.table, expectedKind: 'none',
          message: below
            ? `${at(cell)} ${label(i.row.name)} ${unweighted ? '未达到年度指标值' : `得分 ${round2(i.effectiveScore as number)} 低于分值 ${i.weight}`}（年度指标值 ${shown(i.row.target)}，实际完成 ${shown(i.row.actual)}），未填写偏差原因分析及改进措施`
            : `${at(cell)} ${label(i.row.name)} 实际完成 ${shown(i.row.actual)} 超过年度指标值 ${shown(i.row.target)} 的 130%，未填写偏差原因分析`,
        });
      }
      if (block && underBlock.length) {
        ctx.report({
          cell: block.cell, related: [block.labelCell, ...underBlock.map((i) => i.row.score)], table: a.table, expectedKind: 'none',
          message: `${at(block.cell)} ${label(String(block.labelCell.value))} 未填写，但 ${underBlock.map((i) => (i.weight === null ? `${label(i.row.name)}（未达到年度指标值）` : `${label(i.row.name)}（得分 ${round2(i.effectiveScore as number)}/${i.weight}）`)).join('、')}未完全完成`,
        });
      }
    }
  },
};
export default rule;
