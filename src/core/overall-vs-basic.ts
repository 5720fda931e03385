/** The check shared by rules 9 and 10: an overall amount equals basic 部门基本支出 + 部门项目支出 in one column. */
import type { RuleContext } from './rules/rule';
import { at, label, scalar, shown } from './rules/rule';
import { fmt2, sum2 } from './num';
import type { AmountColumn } from './tables';
import type { Field } from './grid';
import { basicFor } from './match';

export function checkOverallAgainstBasic(ctx: RuleContext, own: 'initialBudget' | 'executed', column: AmountColumn): void {
  const ownName = own === 'initialBudget' ? '年初预算数' : '全年执行数';
  const columnName = column === 'budget' ? '本年预算数' : '决算';
  for (const t of ctx.tables.overall) {
    const b = basicFor(ctx.tables, t);
    const cell = t.funds?.[own];
    if (!cell) continue;
    if (!b) {
      ctx.report({ cell, table: t, severity: 'info', expectedKind: 'none', message: `${at(cell)} 工作簿中没有基础数据表，${ownName}未与部门基本支出 + 部门项目支出${columnName}核对` });
      continue;
    }
    const basic = b.rows.basic?.cells[column];
    const projects = b.rows.projects?.cells[column];
    const v = ctx.num(cell);
    const x = ctx.num(basic);
    const y = ctx.num(projects);
    if (!basic || !projects || v === null || x === null || y === null) {
      // §4.14: say which cells keep the check from running.
      const why: string[] = [];
      const state = (f: Field) => (ctx.analysis.read(f).kind === 'empty' ? '为空' : '无法读取');
      if (v === null) why.push(`${at(cell)} ${ownName}${state(cell)}`);
      if (!b.rows.basic) why.push(`${b.sheet} 基础数据表没有“部门基本支出”行`);
      else if (!basic) why.push(`${b.sheet} 基础数据表没有${columnName}列`);
      else if (x === null) why.push(`${at(basic)} ${label(b.rows.basic.label)}${state(basic)}`);
      if (!b.rows.projects) why.push(`${b.sheet} 基础数据表没有“部门项目支出”行`);
      else if (!projects) { if (b.rows.basic && basic) why.push(`${b.sheet} 基础数据表没有${columnName}列`); }
      else if (y === null) why.push(`${at(projects)} ${label(b.rows.projects.label)}${state(projects)}`);
      ctx.report({ cell, related: [basic, projects], table: t, severity: 'info', expectedKind: 'none',
        message: `${at(cell)} ${ownName}与 ${b.sheet} ${columnName}（部门基本支出 + 部门项目支出）无法核对：${why.join('；')}` });
      continue;
    }
    const sum = sum2([x, y]);
    if (sum2([v]) === sum) continue;
    ctx.report({ cell, related: [basic, projects], table: t, expectedKind: 'other', expected: sum, actual: scalar(cell),
      message: `${at(cell)} ${label(t.funds!.label)} ${ownName} ${shown(cell)} 与 ${at(basic)} ${label(b.rows.basic!.label)} ${columnName} ${shown(basic)} + ${at(projects)} ${label(b.rows.projects!.label)} ${columnName} ${shown(projects)} = ${fmt2(sum)} 不一致，请核对` });
  }
}
