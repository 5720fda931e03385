import type { Rule } from '../rule';
import { at, columnTitle, label, scalar, shown } from '../rule';
import { AMOUNT_COLUMNS } from '../../tables';
import { fmt2, sum2 } from '../../num';

/** RULES.md §4.5: 办公经费 + 水费电费差旅费 + 会议费培训费 ≤ 公用经费; 公用经费 ≤ 部门基本支出. */
const rule: Rule = {
  id: 'basic-caps',
  severity: 'warning',
  description: '公用经费的明细不应超过公用经费，公用经费不应超过部门基本支出',
  appliesTo: ['basic-data'],
  check(ctx) {
    for (const t of ctx.tables.basicData) {
      const r = t.rows;
      for (const col of AMOUNT_COLUMNS) {
        const pub = r.public?.cells[col];
        const pubV = ctx.num(pub);
        const parts = [r.office, r.utilities, r.meetings].filter((p) => !!p);
        if (pub && pubV !== null && parts.length) {
          const vals = parts.map((p) => ctx.num(p!.cells[col]));
          if (vals.every((v) => v !== null)) {
            const sum = sum2(vals as number[]);
            if (sum > sum2([pubV])) {
              ctx.report({ cell: pub, related: parts.map((p) => p!.cells[col]), table: t,
                message: `${at(pub)} ${label(r.public!.label)} ${columnTitle(t.amountHeaders[col]?.field, col)} ${shown(pub)} 小于其中 ${parts.map((p) => label(p!.label)).join(' + ')} 之和 ${fmt2(sum)}`,
                expected: sum, actual: scalar(pub) });
            }
          }
        }
        const basic = r.basic?.cells[col];
        const basicV = ctx.num(basic);
        if (pub && basic && pubV !== null && basicV !== null && sum2([pubV]) > sum2([basicV])) {
          ctx.report({ cell: pub, related: [basic], table: t,
            message: `${at(pub)} ${label(r.public!.label)} ${columnTitle(t.amountHeaders[col]?.field, col)} ${shown(pub)} 超过 ${at(basic)} ${label(r.basic!.label)} ${shown(basic)}`,
            expected: basicV, actual: scalar(pub) });
        }
      }
    }
  },
};
export default rule;
