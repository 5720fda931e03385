import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { sum2 } from '../../num';
import { basicFor } from '../../match';
import { breakdownAmount } from '../table/overall-breakdowns';

/** RULES.md §4.11: overall 基本支出 / 项目支出 (按支出性质) = basic 部门基本支出 / 部门项目支出 决算. */
const rule: Rule = {
  id: 'overall-expense-vs-basic',
  name: '基本支出、项目支出与基础数据表',
  severity: 'error',
  description: '整体支出自评表按支出性质分的基本支出、项目支出应分别等于基础数据表的部门基本支出、部门项目支出决算数',
  appliesTo: ['overall', 'basic-data'],
  check(ctx) {
    for (const t of ctx.tables.overall) {
      const b = basicFor(ctx.tables, t);
      if (!b) {
        const first = t.byExpense.find((br) => breakdownAmount(br) !== null);
        if (first) ctx.report({ cell: first.cell, table: t, severity: 'info', expectedKind: 'none', message: `${at(first.cell)} 工作簿中没有基础数据表，按支出性质分的基本支出、项目支出未与其决算数核对` });
        continue;
      }
      for (const br of t.byExpense) {
        const row = br.label === '基本支出' ? b.rows.basic : b.rows.projects;
        const other = row?.cells.final;
        const v = breakdownAmount(br);
        const w = ctx.num(other);
        if (v === undefined) continue; // unparseable: reported by unparseable-number
        if (!row || !other || v === null || w === null) {
          const why = v === null ? `${at(br.cell)} ${br.label}金额未填写`
            : !row ? `${b.sheet} 基础数据表没有“${br.label === '基本支出' ? '部门基本支出' : '部门项目支出'}”行`
            : !other ? `${b.sheet} 基础数据表没有决算列`
            : `${at(other)} ${label(row.label)}决算${ctx.analysis.read(other).kind === 'empty' ? '为空' : '无法读取'}`;
          ctx.report({ cell: br.cell, related: [other], table: t, severity: 'info', expectedKind: 'none',
            message: `${at(br.cell)} ${br.label}与 ${b.sheet} 基础数据表决算无法核对：${why}` });
          continue;
        }
        if (sum2([v]) === sum2([w])) continue;
        ctx.report({ cell: br.cell, related: [other], table: t, expectedKind: 'other',
          message: `${at(br.cell)} ${br.label} ${v} 与 ${at(other)} ${label(row.label)} 决算 ${shown(other)} 不一致，请核对`,
          expected: w, actual: typeof br.amountText === 'number' ? br.amountText : v ?? scalar(br.cell) });
      }
    }
  },
};
export default rule;
