import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { fmt2, sum2 } from '../../num';
import { parseNumberText } from '../../values';
import type { Breakdown } from '../../tables';

export function breakdownAmount(b: Breakdown): number | null | undefined {
  const t = b.amountText;
  if (typeof t === 'number') return t;
  if (t === null || t.trim() === '' || /^[-—/*无]+$/.test(t.trim())) return null;
  const r = parseNumberText(t);
  return r.kind === 'number' ? r.value : undefined;
}

/** RULES.md §4.7: 按收入性质 and 按支出性质 each sum to 全年执行数. */
const rule: Rule = {
  id: 'overall-breakdowns',
  name: '整体支出构成之和',
  severity: 'error',
  description: '整体支出自评表中按收入性质分、按支出性质分的金额之和应分别等于全年执行数',
  appliesTo: ['overall'],
  check(ctx) {
    for (const t of ctx.tables.overall) {
      const executed = t.funds?.executed;
      const e = ctx.num(executed);
      if (!executed) continue;
      if (e === null) {
        // §4.14: the breakdowns are filled but 全年执行数 is not readable.
        const filled = [...t.byIncome, ...t.byExpense].filter((b) => typeof breakdownAmount(b) === 'number');
        if (filled.length) {
          ctx.report({ cell: executed, related: filled.map((b) => b.cell), table: t, severity: 'info', expectedKind: 'none',
            message: `${at(executed)} ${label(t.funds!.label)} 全年执行数${ctx.analysis.read(executed).kind === 'empty' ? '为空' : '无法读取'}，按收入性质分、按支出性质分的合计未核对` });
        }
        continue;
      }
      for (const [list, name] of [[t.byIncome, '按收入性质分'], [t.byExpense, '按支出性质分']] as const) {
        const amounts = list.map(breakdownAmount);
        if (!list.length || amounts.some((a) => a === undefined) || amounts.every((a) => a === null)) continue;
        const sum = sum2(amounts.map((a) => a ?? 0));
        if (sum === sum2([e])) continue;
        ctx.report({ cell: executed, related: list.map((b) => b.cell), table: t, expectedKind: 'value',
          message: `${at(executed)} ${label(t.funds!.label)} 全年执行数 ${shown(executed)}，但${name}合计 ${list.filter((_, i) => amounts[i] !== null).map((b, i) => `${b.label} ${fmt2(amounts.filter((a) => a !== null)[i] as number)}`).join(' + ')} = ${fmt2(sum)}`,
          expected: sum, actual: scalar(executed) });
      }
    }
  },
};
export default rule;
