import type { Rule } from '../rule';
import { at, shown } from '../rule';
import { yearIn } from '../../recognize/headers';
import type { Field } from '../../grid';

/** RULES.md §4.8: titles and the basic-data column headers agree ({Y-1} 决算, {Y} 预算, {Y} 决算). */
const rule: Rule = {
  id: 'years',
  name: '年度',
  severity: 'error',
  description: '各表标题年度一致；基础数据表列标题为上年决算数、本年预算数、本年决算数',
  appliesTo: ['basic-data', 'overall', 'project'],
  check(ctx) {
    const all = ctx.tables.all;
    const counts = new Map<number, number>();
    for (const t of all) if (t.year !== null && t.title) counts.set(t.year, (counts.get(t.year) ?? 0) + 1);
    if (!counts.size) return;
    // The year most titles give; on a tie, the basic-data table's.
    const basicYear = ctx.tables.basicData.find((t) => t.title && t.year !== null)?.year;
    const y = [...counts.entries()].sort((a, b) => b[1] - a[1] || Number(b[0] === basicYear) - Number(a[0] === basicYear))[0][0];
    for (const t of all) {
      if (t.title && t.year !== null && t.year !== y) {
        ctx.report({ cell: t.title, table: t, message: `${at(t.title)} 标题年度 ${t.year} 与其他表的年度 ${y} 不一致`, expected: y, actual: t.year, expectedKind: 'value' });
      }
    }
    for (const t of ctx.tables.basicData) {
      const check = (f: Field | null | undefined, want: number, what: string) => {
        if (!f) return;
        const got = yearIn(String(f.value));
        if (got === null || got === want) return;
        ctx.report({ cell: f, table: t, message: `${at(f)} 列标题“${shown(f)}”的年度应为 ${want}（${what}）`, expected: want, actual: got, expectedKind: 'value' });
      };
      check(t.amountHeaders.prevFinal?.field, y - 1, '上年决算数');
      check(t.amountHeaders.budget?.field, y, '本年预算数');
      check(t.amountHeaders.final?.field, y, '本年决算数');
      check(t.staff?.actualHeader, y, '本年实际在职人数');
    }
  },
};
export default rule;
