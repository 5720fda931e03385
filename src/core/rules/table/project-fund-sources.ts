import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { fmt2, sum2 } from '../../num';

const COLUMNS = [['initialBudget', '年初预算数'], ['budget', '全年预算数'], ['executed', '全年执行数']] as const;

/** RULES.md §4.6: where 其中 rows are filled in a column, they sum to 年度资金总额 in that column. */
const rule: Rule = {
  id: 'project-fund-sources',
  name: '项目资金来源之和',
  severity: 'error',
  description: '项目资金“其中”各行（当年财政拨款、上年结转资金、其他资金）之和应等于年度资金总额',
  appliesTo: ['project'],
  check(ctx) {
    for (const t of ctx.tables.project) {
      if (!t.funds || !t.fundSources.length) continue;
      // §4.14: when no 其中 row is filled in any column, the check cannot run; say so once.
      const anyFilled = COLUMNS.some(([k]) => t.fundSources.some((s) => ctx.analysis.read(s[k]).kind !== 'empty'));
      if (!anyFilled) {
        const total = t.funds.budget ?? t.funds.executed ?? t.funds.initialBudget;
        const v = ctx.num(total);
        if (total && v !== null && v !== 0) {
          ctx.report({ cell: total, related: t.fundSources.map((s) => s.labelCell), table: t, severity: 'info', expectedKind: 'none',
            message: `${at(total)} ${label(t.funds.label)} 的其中各行（${t.fundSources.map((s) => label(s.label).replace(/^其中[:：]/, '')).join('、')}）均未填写，未核对资金来源之和` });
        }
        continue;
      }
      for (const [k, name] of COLUMNS) {
        const total = t.funds[k];
        const cells = t.fundSources.map((s) => s[k]);
        const reads = cells.map((c) => ctx.analysis.read(c));
        if (!total || reads.some((r) => r.kind === 'unparseable')) continue;
        const totalRead = ctx.analysis.read(total);
        if (reads.every((r) => r.kind === 'empty')) {
          // §4.6 checks filled columns only. When every other column has its 其中 rows filled and this one has
          // none, the blank looks like a slip rather than the template's habit: say it went unchecked (§4.14).
          const v = ctx.num(total);
          const others = COLUMNS.filter(([k2]) => k2 !== k && t.funds![k2]);
          const othersFilled = others.length > 0 && others.every(([k2]) => t.fundSources.some((s) => ctx.analysis.read(s[k2]).kind === 'number'));
          if (othersFilled && v !== null && v !== 0) {
            ctx.report({ cell: total, related: cells, table: t, severity: 'info', expectedKind: 'none',
              message: `${at(total)} ${label(t.funds.label)} ${name}的其中各行未填写，该列未核对资金来源之和` });
          }
          continue;
        }
        const sum = sum2(cells.map((c) => ctx.num(c) ?? 0));
        if (totalRead.kind === 'empty') {
          ctx.report({ cell: total, related: cells, table: t, expectedKind: 'value', expected: sum, actual: null,
            message: `${at(total)} ${label(t.funds.label)} ${name}为空，但其中各行合计 ${fmt2(sum)}` });
          continue;
        }
        const totalV = ctx.num(total);
        if (totalV === null) continue;
        if (sum === sum2([totalV])) continue;
        ctx.report({ cell: total, related: cells, table: t, expectedKind: 'value',
          message: `${at(total)} ${label(t.funds.label)} ${name} ${shown(total)}，但其中 ${t.fundSources.filter((_, i) => reads[i].kind === 'number').map((s) => `${label(s.label).replace(/^其中[:：]/, '')} ${shown(s[k])}`).join(' + ')} = ${fmt2(sum)}`,
          expected: sum, actual: scalar(total) });
      }
    }
  },
};
export default rule;
