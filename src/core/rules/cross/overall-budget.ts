import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { fmt2, sum2 } from '../../num';
import { basicFor } from './match';

/** RULES.md §4.9: overall 年初预算数 = basic 部门基本支出 + 部门项目支出, {Y} 年预算数 column. */
const rule: Rule = {
  id: 'overall-budget-vs-basic',
  severity: 'error',
  description: '整体支出自评表年初预算数应等于基础数据表本年预算数中部门基本支出与部门项目支出之和',
  appliesTo: ['overall', 'basic-data'],
  check(ctx) {
    for (const t of ctx.tables.overall) {
      const b = basicFor(ctx.tables, t);
      const cell = t.funds?.initialBudget;
      const basic = b?.rows.basic?.cells.budget;
      const projects = b?.rows.projects?.cells.budget;
      const v = ctx.num(cell);
      const x = ctx.num(basic);
      const y = ctx.num(projects);
      if (!b || !cell || !basic || !projects || v === null || x === null || y === null) continue;
      const sum = sum2([x, y]);
      if (sum2([v]) === sum) continue;
      ctx.report({ cell, related: [basic, projects], table: t,
        message: `${at(cell)} ${label(t.funds!.label)} 年初预算数 ${shown(cell)} ≠ ${b.sheet} 本年预算数 ${label(b.rows.basic!.label)} ${shown(basic)} + ${label(b.rows.projects!.label)} ${shown(projects)} = ${fmt2(sum)}`,
        expected: sum, actual: scalar(cell) });
    }
  },
};
export default rule;
