import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { sum2 } from '../../num';
import { basicFor, projectRowFor } from '../../match';

/**
 * RULES.md §4.12: each project table ↔ the basic-data row of the same project:
 * 年初预算数 = that row's 预算; 全年执行数 = that row's 决算. No matching row: info.
 */
const rule: Rule = {
  id: 'project-vs-basic',
  name: '项目金额与基础数据表',
  severity: 'error',
  description: '项目支出自评表的年初预算数、全年执行数应与基础数据表中同名项目的预算数、决算数一致',
  appliesTo: ['project', 'basic-data'],
  check(ctx) {
    for (const t of ctx.tables.project) {
      const b = basicFor(ctx.tables, t);
      if (!t.funds) continue;
      // §4.14: say why the comparison with the basic-data table cannot run.
      if (!b || !t.name) {
        const where = t.nameCell ?? t.funds.labelCell;
        ctx.report({ cell: where, table: t, severity: 'info', expectedKind: 'none',
          message: !b
            ? `${at(where)} 工作簿中没有基础数据表，项目“${t.name ?? '（未写名称）'}”的年初预算数、全年执行数未与之核对`
            : `${at(where)} 项目名称为空，无法在 ${b.sheet} 基础数据表中找到该项目，未核对金额` });
        continue;
      }
      const row = projectRowFor(b, t.name);
      if (!row) {
        const where = t.nameCell ?? t.funds.labelCell;
        ctx.report({ cell: where, table: t, severity: 'info', expectedKind: 'none', message: `${at(where)} 项目“${t.name}”在 ${b.sheet} 基础数据表的项目支出中没有找到同名项目，未核对金额`, expected: null, actual: null });
        continue;
      }
      const pairs = [
        [t.funds.initialBudget, row.cells.budget, '年初预算数', '预算'],
        [t.funds.executed, row.cells.final, '全年执行数', '决算'],
      ] as const;
      for (const [cell, other, name, otherName] of pairs) {
        const v = ctx.num(cell);
        const w = ctx.num(other);
        if (!cell) continue;
        if (!other || v === null || w === null) {
          if (ctx.analysis.read(cell).kind === 'unparseable' || (other && ctx.analysis.read(other).kind === 'unparseable')) continue; // reported by unparseable-number
          const why = v === null ? `${at(cell)} ${name}为空` : !other ? `${b.sheet} 基础数据表没有${otherName}列` : `${at(other)} ${label(row.label)} ${otherName}为空`;
          ctx.report({ cell, related: [other], table: t, severity: 'info', expectedKind: 'none',
            message: `${at(cell)} ${label(t.name)} ${name}与 ${b.sheet} 基础数据表同名项目${otherName}无法核对：${why}` });
          continue;
        }
        if (sum2([v]) === sum2([w])) continue;
        ctx.report({ cell, related: [other], table: t, expectedKind: 'other',
          message: `${at(cell)} ${label(t.name)} ${name} ${shown(cell)} 与 ${at(other)} ${label(row.label)} ${otherName} ${shown(other)} 不一致，请核对`,
          expected: w, actual: scalar(cell) });
      }
    }
  },
};
export default rule;
