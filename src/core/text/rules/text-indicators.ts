import type { TextRule } from '../rule';
import { reportMismatch } from '../rule';

/** RULES.md §8: an indicator's 年度指标值 and 实际完成值 quoted in the text = its row in the evaluation table. */
const rule: TextRule = {
  id: 'text-indicators',
  severity: 'error',
  description: '报告正文中各绩效指标的年度指标值、实际完成值应与自评表一致',
  check(ctx) {
    for (const c of ctx.claims) if (c.kind === 'indicator') reportMismatch(ctx, c);
  },
};
export default rule;
