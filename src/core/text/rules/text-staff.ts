import type { TextRule } from '../rule';
import { reportMismatch } from '../rule';

/** RULES.md §8: 编制数 and 实际在职人数 in the text = the basic-data table. */
const rule: TextRule = {
  id: 'text-staff',
  severity: 'error',
  description: '报告正文中的编制数、实际在职人数应与基础数据表一致',
  check(ctx) {
    for (const c of ctx.claims) if (c.kind === 'staff') reportMismatch(ctx, c);
  },
};
export default rule;
