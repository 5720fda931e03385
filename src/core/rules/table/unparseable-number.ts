import type { Rule } from '../rule';
import { at, columnTitle, label, scalar } from '../rule';
import type { Field } from '../../grid';
import { parseNumberText } from '../../values';

/** RULES.md §2: anything that is not a number in a number cell is reported, never guessed. */
const rule: Rule = {
  id: 'unparseable-number',
  severity: 'error',
  description: '数字单元格中的内容无法读取为数字（如 91.2591.25）',
  appliesTo: ['basic-data', 'overall', 'project'],
  check(ctx) {
    const flag = (f: Field | null | undefined, what: string, table: Parameters<typeof ctx.report>[0]['table']) => {
      if (!f) return;
      const r = ctx.analysis.read(f);
      if (r.kind !== 'unparseable') return;
      ctx.report({ cell: f, table, message: `${at(f)} ${what} “${r.text}” 不是有效的数字`, expected: null, actual: scalar(f), expectedKind: 'none' });
    };
    for (const t of ctx.tables.basicData) {
      if (t.staff) {
        flag(t.staff.authorized, '编制数', t);
        flag(t.staff.actual, columnTitle(t.staff.actualHeader, '实际在职人数'), t);
        flag(t.staff.controlRate, '控制率', t);
      }
      const rows = [...Object.values(t.rows), ...t.groups, ...t.groups.flatMap((g) => g.members)];
      const seen = new Set<string>();
      for (const row of rows) {
        if (!row || seen.has(row.labelCell.cell)) continue;
        seen.add(row.labelCell.cell);
        for (const k of ['prevFinal', 'budget', 'final'] as const) {
          flag(row.cells[k], `${label(row.label)} ${columnTitle(t.amountHeaders[k]?.field, k)}`, t);
        }
      }
    }
    for (const t of [...ctx.tables.overall, ...ctx.tables.project]) {
      const f = t.funds;
      if (f) {
        const l = label(f.label);
        flag(f.initialBudget, `${l} 年初预算数`, t);
        flag(f.budget, `${l} 全年预算数`, t);
        flag(f.executed, `${l} 全年执行数`, t);
        flag(f.weight, `${l} 分值`, t);
        flag(f.rate, `${l} 执行率`, t);
        flag(f.score, `${l} 得分`, t);
      }
      for (const s of t.fundSources) {
        flag(s.initialBudget, `${label(s.label)} 年初预算数`, t);
        flag(s.budget, `${label(s.label)} 全年预算数`, t);
        flag(s.executed, `${label(s.label)} 全年执行数`, t);
      }
      for (const b of [...t.byIncome, ...t.byExpense]) {
        const text = b.amountText;
        if (typeof text === 'string' && text.trim() !== '' && parseNumberText(text).kind === 'unparseable' && !/^[-—/*无]+$/.test(text.trim())) {
          ctx.report({ cell: b.cell, table: t, message: `${at(b.cell)} ${b.label} 的金额 “${text.trim()}” 不是有效的数字`, expected: null, actual: scalar(b.cell), expectedKind: 'none' });
        }
      }
      for (const i of t.indicators) {
        flag(i.weight, `${label(i.name)} 分值`, t);
        flag(i.score, `${label(i.name)} 得分`, t);
      }
      if (t.total) {
        flag(t.total.weight, '总分 分值', t);
        flag(t.total.score, '总分 得分', t);
      }
    }
  },
};
export default rule;
