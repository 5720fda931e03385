import type { Rule, RuleContext } from '../rule';
import { at, columnTitle, label, scalar, shown } from '../rule';
import type { Field } from '../../grid';
import type { AmountColumn, BasicDataTable } from '../../tables';
import { AMOUNT_COLUMNS } from '../../tables';
import { fmt2, sum2 } from '../../num';
import { presence } from '../../values';

/**
 * RULES.md §4.5: 三公 = 公务用车 + 出国 + 公务接待; 公务用车 = 公车购置 + 运行维护;
 * 部门项目支出 = Σ its groups; each group = Σ its project rows (a group whose own
 * cell is unparseable, or blank, is taken as the sum of its rows).
 * Blank is not 0: every part blank under a non-zero total → a warning that the breakdown is not
 * filled; a blank total over filled parts → an error; otherwise blank parts count as 0 (an info says so).
 */
const rule: Rule = {
  id: 'basic-sums',
  name: '基础数据表合计',
  severity: 'error',
  description: '基础数据表中的合计行应等于其组成行之和（三公经费、公务用车、部门项目支出及各项目组）；明细全空时提示未填写，合计为空而明细已填时报错',
  appliesTo: ['basic-data'],
  check(ctx) {
    for (const t of ctx.tables.basicData) {
      for (const col of AMOUNT_COLUMNS) {
        const r = t.rows;
        const part = (row: typeof r.vehicles) => (row ? { label: row.label, field: row.cells[col] } : null);
        if (r.threePublic) checkSum(ctx, t, col, { label: r.threePublic.label, field: r.threePublic.cells[col] }, [part(r.vehicles), part(r.abroad), part(r.reception)]);
        if (r.vehicles) checkSum(ctx, t, col, { label: r.vehicles.label, field: r.vehicles.cells[col] }, [part(r.vehiclePurchase), part(r.vehicleOperation)]);
        // Groups: each = Σ members; a group that is unparseable or blank counts as the sum of its members.
        const groupParts: Part[] = [];
        let groupsReadable = true;
        for (const g of t.groups) {
          const own = g.cells[col];
          if (!own) continue;
          const read = ctx.analysis.read(own);
          // A template group row left blank with no filled project under it (3、省级专项资金(每个专项一行) is no part.
          if (read.kind === 'empty' && g.members.every((m) => ctx.analysis.read(m.cells[col]).kind === 'empty')) continue;
          const members = g.members.map((m) => m.cells[col]);
          const memberReads = members.map((m) => ctx.analysis.read(m));
          const membersReadable = memberReads.every((m) => m.kind !== 'unparseable');
          const anyMember = memberReads.some((m) => m.kind === 'number');
          const memberSum = sum2(members.map((m) => ctx.num(m) ?? 0));
          if (read.kind === 'unparseable') {
            // With no project rows there is nothing to take its value from.
            if (!membersReadable || !g.members.length) { groupsReadable = false; continue; }
            groupParts.push({ label: g.label, field: members.length === 1 && members[0] ? members[0] : own, value: memberSum });
            continue;
          }
          if (read.kind === 'empty' && anyMember && membersReadable) groupParts.push({ label: g.label, field: own, value: memberSum });
          else groupParts.push({ label: g.label, field: own, value: read.kind === 'number' ? read.value : null });
          if (g.members.length) checkSum(ctx, t, col, { label: g.label, field: own }, g.members.map((m) => ({ label: m.label, field: m.cells[col] })));
        }
        const projects = r.projects?.cells[col];
        // Every group and project row blank: the breakdown under 部门项目支出 was not filled in (a warning when it is non-zero).
        if (!groupParts.length && groupsReadable) for (const g of t.groups) if (g.cells[col]) groupParts.push({ label: g.label, field: g.cells[col] });
        if (projects && t.groups.length) {
          if (!groupsReadable) {
            ctx.report({ cell: projects, table: t, severity: 'info', expectedKind: 'none',
              message: `${at(projects)} ${label(r.projects!.label)} ${columnTitle(t.amountHeaders[col]?.field, col)} 与其下各项之和无法核对：有项目组的金额无法读取，且其下没有可读的项目行` });
            continue;
          }
          checkSum(ctx, t, col, { label: r.projects!.label, field: projects }, groupParts, '其下各项合计', t.groups.map((g) => g.cells[col]).filter((f): f is Field => !!f));
        }
      }
    }
  },
};

interface Part { label: string; field: Field | null; value?: number | null }

function checkSum(ctx: RuleContext, t: BasicDataTable, col: AmountColumn, total: { label: string; field: Field | null }, partsIn: (Part | null)[], sumWords?: string, relatedCells?: Field[]): void {
  const cell = total.field;
  const parts = partsIn.filter((p): p is Part & { field: Field } => !!p && !!p.field);
  if (!cell || !parts.length) return;
  const column = columnTitle(t.amountHeaders[col]?.field, col);
  const name = `${at(cell)} ${label(total.label)} ${column}`;
  const reads = [cell, ...parts.map((p) => p.field)].map((c) => ctx.analysis.read(c));
  const bad = parts.filter((p, i) => p.value === undefined && reads[i + 1].kind === 'unparseable');
  if (reads[0].kind === 'unparseable' || bad.length) {
    const cells = reads[0].kind === 'unparseable' ? [cell, ...bad.map((p) => p.field)] : bad.map((p) => p.field);
    ctx.report({ cell, related: cells, table: t, severity: 'info', expectedKind: 'none',
      message: `${name} 与其明细之和无法核对：${cells.map((c) => at(c)).join('、')} 无法读取为数字` });
    return;
  }
  // A part marked not applicable (—, /, 无) is filled in and adds nothing; a blank part is not filled in (RULES.md §9).
  const values = parts.map((p, i) => (p.value !== undefined ? p.value : reads[i + 1].kind === 'number' ? (reads[i + 1] as { value: number }).value
    : presence(p.field.value) === 'not-applicable' ? 0 : null));
  const numbers = parts.filter((p, i) => p.value !== undefined || reads[i + 1].kind === 'number').length;
  const filled = values.filter((v) => v !== null).length;
  // A total marked not applicable is nothing: 0 against its parts.
  const stored = reads[0].kind === 'number' ? reads[0].value : presence(cell.value) === 'not-applicable' ? 0 : null;
  const related = relatedCells ?? parts.map((p) => p.field);
  if (!numbers && filled) {
    // Every part filled in as not applicable: the total should be nothing either.
    if (stored !== null && sum2([stored]) !== 0) {
      ctx.report({ cell, related, table: t, severity: 'warning', expectedKind: 'none', actual: scalar(cell),
        message: `${name} 为 ${shown(cell)}，但其明细 ${parts.map((p) => `${label(p.label)}“${shown(p.field)}”`).join('、')} 均标为不适用，请核对` });
    }
    return;
  }
  if (!filled) {
    if (stored !== null && sum2([stored]) !== 0) {
      ctx.report({ cell, related, table: t, severity: 'warning', expectedKind: 'none',
        message: `${name} 为 ${shown(cell)}，但其明细 ${parts.map((p) => label(p.label)).join('、')} 均未填写，请补填明细`, actual: scalar(cell) });
    }
    return;
  }
  const sum = sum2(values.map((v) => v ?? 0));
  const written = parts.map((p, i) => (values[i] === null ? '（空）' : fmt2(values[i] as number)));
  const partsText = sumWords ? `${sumWords} ${written.join(' + ')}` : `${parts.map((p) => label(p.label)).join(' + ')} = ${written.join(' + ')}`;
  if (stored === null) {
    ctx.report({ cell, related, table: t, expectedKind: 'value', expected: sum, actual: null,
      message: `${name} 为空，但${sumWords ? '' : ' '}${partsText} = ${fmt2(sum)}` });
    return;
  }
  if (sum2([stored]) !== sum) {
    ctx.report({ cell, related, table: t, expectedKind: 'value', expected: sum, actual: scalar(cell),
      message: `${name} ${shown(cell)}，但${sumWords ? '' : ' '}${partsText} = ${fmt2(sum)}` });
    return;
  }
  if (filled < parts.length) {
    const blank = parts.filter((_, i) => values[i] === null);
    ctx.report({ cell, related: blank.map((p) => p.field), table: t, severity: 'info', expectedKind: 'none',
      message: `${name} 的明细 ${blank.map((p) => `${at(p.field)} ${label(p.label)}`).join('、')} 为空，按 0 计入合计` });
  }
}

export default rule;
