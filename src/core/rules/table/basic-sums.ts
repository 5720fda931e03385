import type { Rule, RuleContext } from '../rule';
import { at, columnTitle, label, scalar, shown } from '../rule';
import type { Field } from '../../grid';
import type { AmountColumn, AmountRow, BasicDataTable } from '../../tables';
import { AMOUNT_COLUMNS } from '../../tables';
import { fmt2, sum2 } from '../../num';

/**
 * RULES.md §4.5: 三公 = 公务用车 + 出国 + 公务接待; 公务用车 = 公车购置 + 运行维护;
 * 部门项目支出 = Σ its groups; each group = Σ its project rows (a group whose own
 * cell is unparseable is taken as the sum of its rows).
 */
const rule: Rule = {
  id: 'basic-sums',
  severity: 'error',
  description: '基础数据表中的合计行应等于其组成行之和（三公经费、公务用车、部门项目支出及各项目组）',
  appliesTo: ['basic-data'],
  check(ctx) {
    for (const t of ctx.tables.basicData) {
      for (const col of AMOUNT_COLUMNS) {
        const r = t.rows;
        checkSum(ctx, t, col, r.threePublic, [r.vehicles, r.abroad, r.reception]);
        checkSum(ctx, t, col, r.vehicles, [r.vehiclePurchase, r.vehicleOperation]);
        // Groups: each = Σ members; an unparseable group counts as the sum of its members.
        const groupValues: { field: Field; value: number }[] = [];
        let groupsReadable = true;
        for (const g of t.groups) {
          const own = g.cells[col];
          const read = ctx.analysis.read(own);
          const members = g.members.map((m) => m.cells[col]);
          const memberValues = members.map((m) => ctx.num(m));
          const membersReadable = members.every((m) => ctx.analysis.read(m).kind !== 'unparseable');
          const memberSum = sum2(memberValues.map((v) => v ?? 0));
          if (read.kind === 'unparseable') {
            // With no project rows there is nothing to take its value from.
            if (!membersReadable || !own || !g.members.length) { groupsReadable = false; continue; }
            groupValues.push({ field: members.length === 1 && members[0] ? members[0] : own, value: memberSum });
            continue;
          }
          if (!own) continue;
          groupValues.push({ field: own, value: read.kind === 'number' ? read.value : 0 });
          if (g.members.length) checkSum(ctx, t, col, g, g.members);
        }
        const projects = r.projects?.cells[col];
        if (projects && t.groups.length && groupsReadable) {
          const read = ctx.analysis.read(projects);
          if (read.kind === 'unparseable') continue;
          const total = read.kind === 'number' ? read.value : 0;
          const sum = sum2(groupValues.map((g) => g.value));
          if (sum2([total]) !== sum) {
            ctx.report({
              cell: projects, related: t.groups.map((g) => g.cells[col]), table: t,
              message: `${at(projects)} ${label(r.projects!.label)} ${columnTitle(t.amountHeaders[col]?.field, col)} ${shown(projects)}，但其下各项合计 ${groupValues.map((g) => fmt2(g.value)).join(' + ')} = ${fmt2(sum)}`,
              expected: sum, actual: scalar(projects),
            });
          }
        }
      }
    }
  },
};

function checkSum(ctx: RuleContext, t: BasicDataTable, col: AmountColumn, total: AmountRow | undefined, parts: (AmountRow | undefined)[]): void {
  if (!total) return;
  const cell = total.cells[col];
  const present = parts.filter((p): p is AmountRow => !!p);
  if (!cell || !present.length) return;
  const cells = present.map((p) => p.cells[col]);
  const reads = [cell, ...cells].map((c) => ctx.analysis.read(c));
  if (reads.some((r) => r.kind === 'unparseable')) return;
  if (reads.every((r) => r.kind === 'empty')) return;
  const values = cells.map((c) => ctx.num(c) ?? 0);
  const sum = sum2(values);
  const stored = ctx.num(cell) ?? 0;
  if (sum2([stored]) === sum) return;
  ctx.report({
    cell, related: cells, table: t,
    message: `${at(cell)} ${label(total.label)} ${columnTitle(t.amountHeaders[col]?.field, col)} ${shown(cell)}，但 ${present.map((p) => label(p.label)).join(' + ')} = ${values.map(fmt2).join(' + ')} = ${fmt2(sum)}`,
    expected: sum, actual: scalar(cell),
  });
}

export default rule;
