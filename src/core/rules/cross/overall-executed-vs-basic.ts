import type { Rule } from '../rule';
import { checkOverallAgainstBasic } from '../../overall-vs-basic';

/** RULES.md §4.10: overall 全年执行数 = basic 部门基本支出 + 部门项目支出, {Y} 年决算数 column. */
const rule: Rule = {
  id: 'overall-executed-vs-basic',
  name: '整体全年执行数与基础数据表',
  severity: 'error',
  description: '整体支出自评表全年执行数应等于基础数据表本年决算数中部门基本支出与部门项目支出之和',
  appliesTo: ['overall', 'basic-data'],
  check: (ctx) => checkOverallAgainstBasic(ctx, 'executed', 'final'),
};
export default rule;
