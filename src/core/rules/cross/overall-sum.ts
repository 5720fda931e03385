/** The check shared by rules 9 and 10: an overall amount equals basic 部门基本支出 + 部门项目支出 in one column. */
import type { RuleContext } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { fmt2, sum2 } from '../../num';
import type { AmountColumn } from '../../tables';
import { basicFor } from './match';

export function checkOverallAgainstBasic(ctx: RuleContext, own: 'initialBudget' | 'executed', column: AmountColumn): void {
  const ownName = own === 'initialBudget' ? '年初预算数' : '全年执行数';
  const columnName = column === 'budget' ? '本年预算数' : '决算';
  for (const t of ctx.tables.overall) {
    const b = basicFor(ctx.tables, t);
    const cell = t.funds?.[own];
    const basic = b?.rows.basic?.cells[column];
    const projects = b?.rows.projects?.cells[column];
    const v = ctx.num(cell);
    const x = ctx.num(basic);
    const y = ctx.num(projects);
    if (!b || !cell || !basic || !projects || v === null || x === null || y === null) continue;
    const sum = sum2([x, y]);
    if (sum2([v]) === sum) continue;
    ctx.report({ cell, related: [basic, projects], table: t,
      message: `${at(cell)} ${label(t.funds!.label)} ${ownName} ${shown(cell)} ≠ ${b.sheet} ${columnName} ${label(b.rows.basic!.label)} ${shown(basic)} + ${label(b.rows.projects!.label)} ${shown(projects)} = ${fmt2(sum)}`,
      expected: sum, actual: scalar(cell) });
  }
}
