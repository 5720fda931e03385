import type { Rule } from '../rule';
import { checkOverallAgainstBasic } from '../../overall-vs-basic';

/** RULES.md §4.9: overall 年初预算数 = basic 部门基本支出 + 部门项目支出, {Y} 年预算数 column. */
const rule: Rule = {
  id: 'overall-budget-vs-basic',
  name: '整体年初预算数与基础数据表',
  severity: 'error',
  description: '整体支出自评表年初预算数应等于基础数据表本年预算数中部门基本支出与部门项目支出之和',
  appliesTo: ['overall', 'basic-data'],
  check: (ctx) => checkOverallAgainstBasic(ctx, 'initialBudget', 'budget'),
};
export default rule;
