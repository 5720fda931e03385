import type { Rule } from '../rule';

/**
 * RULES.md §4.14 (a check that cannot run says so): cells far away from the
 * rest of a sheet (a stray value at XFD1048576) are left out of the sheet as
 * read, so that memory and time follow the cells present; they are not
 * checked, and this says so, naming them.
 */
const rule: Rule = {
  id: 'far-cells',
  name: '远离表格的单元格',
  severity: 'warning',
  description: '远离表格的单元格未读取、未校验（例如误填在 XFD1048576 的值）',
  appliesTo: [],
  check(ctx) {
    for (const s of ctx.workbook.sheets) {
      const o = s.outside;
      if (!o || o.count === 0 || o.cells.length === 0) continue;
      const first = o.cells[0];
      const listed = o.cells.slice(0, 5).map((c) => `${s.name}!${c}`).join('、');
      const more = o.count > 5 ? ` 等 ${o.count} 个单元格` : '';
      ctx.report({
        cell: { sheet: s.name, cell: first },
        related: o.cells.slice(1, 20).map((c) => ({ sheet: s.name, cell: c })),
        message: `${s.name}!${first} 远离工作表中的其他内容（已读取的区域为 ${s.range}）：${listed}${more} 未读取，也未校验。如是误填，请删除；如属表格内容，请移到表格旁边`,
        expected: null,
        actual: o.count,
        expectedKind: 'none',
      });
    }
  },
};

export default rule;
