import type { Rule } from '../rule';
import { at, columnTitle, label, scalar } from '../rule';
import type { Field } from '../../grid';
import { parseNumberText } from '../../values';

/** RULES.md §2: anything that is not a number in a number cell is reported, never guessed. */
const rule: Rule = {
  id: 'unparseable-number',
  name: '无法识别的数字',
  severity: 'error',
  description: '数字单元格中的内容无法读取为数字（如 91.2591.25）',
  appliesTo: ['basic-data', 'overall', 'project'],
  check(ctx) {
    // What the cell is: `${label(name)} ${column}`, or the column alone when name is null; made only for a cell reported.
    const flag = (f: Field | null | undefined, name: string | null, column: string, table: Parameters<typeof ctx.report>[0]['table']) => {
      if (!f) return;
      const r = ctx.analysis.read(f);
      if (r.kind !== 'unparseable') return;
      const what = name === null ? column : `${label(name)} ${column}`;
      ctx.report({ cell: f, table, message: `${at(f)} ${what} “${r.text}” 不是有效的数字`, expected: null, actual: scalar(f), expectedKind: 'none' });
    };
    for (const t of ctx.tables.basicData) {
      if (t.staff) {
        flag(t.staff.authorized, null, '编制数', t);
        flag(t.staff.actual, null, columnTitle(t.staff.actualHeader, '实际在职人数'), t);
        flag(t.staff.controlRate, null, '控制率', t);
      }
      const rows = [...Object.values(t.rows), ...t.groups, ...t.groups.flatMap((g) => g.members)];
      const seen = new Set<string>();
      for (const row of rows) {
        if (!row || seen.has(row.labelCell.cell)) continue;
        seen.add(row.labelCell.cell);
        for (const k of ['prevFinal', 'budget', 'final'] as const) {
          flag(row.cells[k], row.label, columnTitle(t.amountHeaders[k]?.field, k), t);
        }
      }
    }
    for (const t of [...ctx.tables.overall, ...ctx.tables.project]) {
      const f = t.funds;
      if (f) {
        flag(f.initialBudget, f.label, '年初预算数', t);
        flag(f.budget, f.label, '全年预算数', t);
        flag(f.executed, f.label, '全年执行数', t);
        flag(f.weight, f.label, '分值', t);
        flag(f.rate, f.label, '执行率', t);
        flag(f.score, f.label, '得分', t);
      }
      for (const s of t.fundSources) {
        flag(s.initialBudget, s.label, '年初预算数', t);
        flag(s.budget, s.label, '全年预算数', t);
        flag(s.executed, s.label, '全年执行数', t);
      }
      for (const b of [...t.byIncome, ...t.byExpense]) {
        const text = b.amountText;
        if (typeof text === 'string' && text.trim() !== '' && parseNumberText(text).kind === 'unparseable' && !/^[-—/*无]+$/.test(text.trim())) {
          ctx.report({ cell: b.cell, table: t, message: `${at(b.cell)} ${b.label} 的金额 “${text.trim()}” 不是有效的数字`, expected: null, actual: scalar(b.cell), expectedKind: 'none' });
        }
      }
      for (const i of [...t.indicators, ...t.outline.map((n) => n.row)]) {
        flag(i.weight, i.name || i.level2 || i.level1, '分值', t);
        flag(i.score, i.name || i.level2 || i.level1, '得分', t);
      }
      if (t.total) {
        flag(t.total.weight, null, '总分 分值', t);
        flag(t.total.score, null, '总分 得分', t);
      }
    }
  },
};
export default rule;
