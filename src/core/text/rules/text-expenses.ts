import type { TextRule } from '../rule';
import { reportMismatch } from '../rule';

/**
 * RULES.md §8: 基本支出 / 项目支出 / 人员经费 (where the 基础数据表 has that row) / 公用经费 / “三公”经费 and the
 * basic-data rows named in the text (预算 or 决算) = the tables.
 */
const rule: TextRule = {
  id: 'text-expenses',
  severity: 'error',
  description: '报告正文中的基本支出、项目支出、人员经费、公用经费、“三公”经费及基础数据表所列项目的预算数、决算数应与表格一致',
  check(ctx) {
    for (const c of ctx.claims) if (c.kind === 'expense') reportMismatch(ctx, c);
  },
};
export default rule;
