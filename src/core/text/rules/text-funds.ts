import type { TextRule } from '../rule';
import { reportMismatch } from '../rule';

/** RULES.md §8: 年初预算数, 全年预算数, 全年执行数 and 预算执行率 in the text = the evaluation table's funds row. */
const rule: TextRule = {
  id: 'text-funds',
  severity: 'error',
  description: '报告正文中的年初预算数、全年预算数、全年执行数和预算执行率应与自评表的资金情况一致',
  check(ctx) {
    for (const c of ctx.claims) if (c.kind === 'funds') reportMismatch(ctx, c);
  },
};
export default rule;
