import type { Rule } from '../rule';
import { at, columnTitle, label, scalar, shown } from '../rule';
import { AMOUNT_COLUMNS } from '../../tables';
import { fmt2, sum2 } from '../../num';

/**
 * RULES.md §4.5: 办公经费 + 水费电费差旅费 + 会议费培训费 ≤ 公用经费; 公用经费 ≤ 部门基本支出.
 * Blank parts beside filled ones count as 0 (an info says so); a cap that cannot be checked
 * because its own cell is blank or unreadable is an info (§4.14).
 */
const rule: Rule = {
  id: 'basic-caps',
  name: '公用经费上限',
  severity: 'warning',
  description: '公用经费的明细不应超过公用经费，公用经费不应超过部门基本支出',
  appliesTo: ['basic-data'],
  check(ctx) {
    for (const t of ctx.tables.basicData) {
      const r = t.rows;
      for (const col of AMOUNT_COLUMNS) {
        const column = columnTitle(t.amountHeaders[col]?.field, col);
        const pub = r.public?.cells[col];
        const pubV = ctx.num(pub);
        const parts = [r.office, r.utilities, r.meetings].filter((p) => !!p && !!p.cells[col]);
        const vals = parts.map((p) => ctx.num(p!.cells[col]));
        const filled = vals.filter((v) => v !== null).length;
        if (pub && parts.length && filled) {
          if (pubV === null) {
            ctx.report({ cell: pub, related: parts.map((p) => p!.cells[col]), table: t, severity: 'info', expectedKind: 'none',
              message: `${at(pub)} ${label(r.public!.label)} ${column} ${ctx.analysis.read(pub).kind === 'empty' ? '为空' : '无法读取'}，无法核对其明细 ${parts.map((p) => label(p!.label)).join('、')} 是否超出` });
          } else {
            const sum = sum2(vals.map((v) => v ?? 0));
            if (sum > sum2([pubV])) {
              ctx.report({ cell: pub, related: parts.map((p) => p!.cells[col]), table: t, expectedKind: 'range', expected: sum, expectedText: `不低于 ${fmt2(sum)}（其中各项之和）`,
                message: `${at(pub)} ${label(r.public!.label)} ${column} ${shown(pub)} 小于其中 ${parts.map((p) => label(p!.label)).join(' + ')} 之和 ${fmt2(sum)}`,
                actual: scalar(pub) });
            } else if (filled < parts.length) {
              const blank = parts.filter((_, i) => vals[i] === null);
              ctx.report({ cell: pub, related: blank.map((p) => p!.cells[col]), table: t, severity: 'info', expectedKind: 'none',
                message: `${at(pub)} ${label(r.public!.label)} ${column} 的明细 ${blank.map((p) => `${at(p!.cells[col]!)} ${label(p!.label)}`).join('、')} 为空，按 0 计` });
            }
          }
        }
        const basic = r.basic?.cells[col];
        const basicV = ctx.num(basic);
        if (pub && pubV !== null && r.basic && basic && basicV === null) {
          ctx.report({ cell: basic, related: [pub], table: t, severity: 'info', expectedKind: 'none',
            message: `${at(basic)} ${label(r.basic.label)} ${column} ${ctx.analysis.read(basic).kind === 'empty' ? '为空' : '无法读取'}，无法核对 ${label(r.public!.label)} 是否超出` });
        }
        if (pub && basic && pubV !== null && basicV !== null && sum2([pubV]) > sum2([basicV])) {
          ctx.report({ cell: pub, related: [basic], table: t, expectedKind: 'range', expected: basicV, expectedText: `不超过 ${shown(basic)}（${label(r.basic!.label)}）`,
            message: `${at(pub)} ${label(r.public!.label)} ${column} ${shown(pub)} 超过 ${at(basic)} ${label(r.basic!.label)} ${shown(basic)}`,
            actual: scalar(pub) });
        }
      }
    }
  },
};
export default rule;
