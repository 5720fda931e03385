import type { Rule } from '../rule';
import { at, label } from '../rule';

/**
 * RULES.md §4.14: never a clean report for a table that was not read. A table whose indicator header
 * is missing, or under whose header no indicator was read, or that scores but has no 总分 row, gets a
 * warning saying so; its score and grade stay empty (a funds score alone is no self-evaluation score).
 */
const rule: Rule = {
  id: 'indicators-not-read',
  name: '未读到绩效指标',
  severity: 'warning',
  description: '未读到绩效指标（找不到指标表头，或表头下没有指标），或打分的表没有总分行：该表未核对，不给出得分和等级',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    for (const a of ctx.analysis.evals.values()) {
      const t = a.table;
      if (!a.unread) continue;
      const what = t.kind === 'overall' ? '整体支出绩效自评表' : `项目支出绩效自评表${t.name ? `（${label(t.name)}）` : ''}`;
      const noScore = t.scored ? '，总分和评价等级不予计算' : '';
      if (a.unread === 'no-indicators') {
        const header = t.indicatorHeader;
        const cell = header ?? t.title ?? t.funds?.labelCell ?? t.nameCell;
        if (!cell) continue;
        ctx.report({
          cell, related: [t.funds?.score, t.total?.score], table: t, expectedKind: 'none',
          message: header
            ? `${at(cell)} ${what} 的绩效指标表头之下没有读到任何指标（每行的年度指标值、实际完成值、分值、得分都为空或无法识别），指标未核对${noScore}，请检查表格`
            : `${at(cell)} ${what} 未找到绩效指标表头（应有 一级指标/三级指标、年度指标值、实际完成值 等列），指标未核对${noScore}，请检查表头`,
        });
        continue;
      }
      const last = t.indicators[t.indicators.length - 1];
      const cell = t.indicatorHeader ?? last.nameCell;
      ctx.report({
        cell, related: [last.score ?? last.nameCell], table: t, expectedKind: 'none',
        message: `${at(cell)} ${what} 的指标之后没有找到“总分”行（读到第 ${last.row + 1} 行为止），无法确认指标已全部读取，总分和评价等级不予计算，请检查表格`,
      });
    }
  },
};
export default rule;
