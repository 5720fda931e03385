import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { fmt2, sum2 } from '../../num';
import { basicFor } from './match';

/** RULES.md §4.10: overall 全年执行数 = basic 部门基本支出 + 部门项目支出, {Y} 年决算数 column. */
const rule: Rule = {
  id: 'overall-executed-vs-basic',
  severity: 'error',
  description: '整体支出自评表全年执行数应等于基础数据表本年决算数中部门基本支出与部门项目支出之和',
  appliesTo: ['overall', 'basic-data'],
  check(ctx) {
    for (const t of ctx.tables.overall) {
      const b = basicFor(ctx.tables, t);
      const cell = t.funds?.executed;
      const basic = b?.rows.basic?.cells.final;
      const projects = b?.rows.projects?.cells.final;
      const v = ctx.num(cell);
      const x = ctx.num(basic);
      const y = ctx.num(projects);
      if (!b || !cell || !basic || !projects || v === null || x === null || y === null) continue;
      const sum = sum2([x, y]);
      if (sum2([v]) === sum) continue;
      ctx.report({ cell, related: [basic, projects], table: t,
        message: `${at(cell)} ${label(t.funds!.label)} 全年执行数 ${shown(cell)} ≠ ${b.sheet} 决算 ${label(b.rows.basic!.label)} ${shown(basic)} + ${label(b.rows.projects!.label)} ${shown(projects)} = ${fmt2(sum)}`,
        expected: sum, actual: scalar(cell) });
    }
  },
};
export default rule;
