import type { Rule } from '../rule';
import { at, label, shown } from '../rule';
import type { Field } from '../../grid';
import { isBlank, presence } from '../../values';

/**
 * RULES.md §4.13: missing inputs. A derived cell filled in over an empty input (执行率 100% with
 * 全年执行数 blank) is an error on the empty input. A weighted indicator row with an empty
 * 年度指标值 or 实际完成值, an indicator with a name but no 分值 in a table that has a 分值
 * column, a weighted row with no 得分, and an empty amount of the funds row are warnings.
 */
const rule: Rule = {
  id: 'missing-input',
  name: '输入缺失',
  severity: 'warning',
  description: '输入缺失：计算单元格已填而其输入为空（错误）；有分值的指标缺少年度指标值、实际完成值或得分，指标缺少分值，资金行金额未填（警告）',
  appliesTo: ['basic-data', 'overall', 'project'],
  check(ctx) {
    const empty = (f: Field | null | undefined): f is Field => !!f && ctx.analysis.read(f).kind === 'empty';
    // Not filled in: blank. A cell marked not applicable (无, /, —, 不适用) is filled in (RULES.md §9).
    const blank = (f: Field | null | undefined): f is Field => !!f && isBlank(f.value);
    const filled = (f: Field | null | undefined) => !!f && ctx.analysis.read(f).kind !== 'empty';
    // One error per empty input, naming every filled derived cell that depends on it.
    const byInput = new Map<Field, { what: string; table: (typeof ctx.analysis.blocked)[number]['table']; derived: (typeof ctx.analysis.blocked)[number][] }>();
    for (const b of ctx.analysis.blocked) {
      if (!filled(b.field)) continue;
      for (const m of b.missing) {
        if (!empty(m.field) || m.what === '分值' || / 得分$/.test(m.what)) continue;
        const e = byInput.get(m.field) ?? { what: m.what, table: b.table, derived: [] };
        e.derived.push(b);
        byInput.set(m.field, e);
      }
    }
    for (const [cell, e] of byInput) {
      ctx.report({ cell, related: e.derived.map((d) => d.field), table: e.table, severity: 'error', expectedKind: 'none',
        message: `${at(cell)} ${e.what}为空，但 ${e.derived.map((d) => `${at(d.field)} ${d.label}已填为 ${shown(d.field)}`).join('，')}，请补填${e.what}` });
    }
    for (const t of [...ctx.tables.overall, ...ctx.tables.project]) {
      const f = t.funds;
      if (f) {
        for (const [cell, what] of [[f.initialBudget, '年初预算数'], [f.budget, '全年预算数'], [f.executed, '全年执行数']] as const) {
          if (!blank(cell)) continue;
          // Reported above as an error when a filled 执行率 depends on it.
          if (ctx.analysis.blocked.some((b) => filled(b.field) && b.missing.some((m) => m.field === cell))) continue;
          ctx.report({ cell, table: t, expectedKind: 'none', message: `${at(cell)} ${label(f.label)} ${what}未填写` });
        }
        if (t.scored && f.score && blank(f.weight) && f.headerWeight === null && ctx.profile.fundsWeight === null) {
          ctx.report({ cell: f.weight, related: [f.score], table: t, expectedKind: 'none', message: `${at(f.weight)} ${label(f.label)} 分值未填写，预算执行得分无法核对` });
        }
      }
      for (const i of t.indicators) {
        // The indicator's name for a message, made only when one is reported.
        const nameOf = () => label(i.name) || `第 ${i.row + 1} 行指标`;
        const weighted = t.hasWeightColumn ? ctx.num(i.weight) !== null : t.scored || !!i.block;
        if (t.hasWeightColumn && blank(i.weight)) {
          ctx.report({ cell: i.weight, related: [i.nameCell], table: t, expectedKind: 'none', message: `${at(i.weight)} ${nameOf()} 有指标却未填写分值` });
        }
        if (!weighted && t.scored) continue;
        if (blank(i.target)) ctx.report({ cell: i.target, related: [i.nameCell], table: t, expectedKind: 'none', message: `${at(i.target)} ${nameOf()} 年度指标值未填写` });
        const act = i.actual;
        if (blank(i.actual)) ctx.report({ cell: i.actual, related: [i.nameCell, i.target], table: t, expectedKind: 'none', message: `${at(i.actual)} ${nameOf()} 实际完成值未填写` });
        else if (act && presence(act.value) === 'not-applicable' && i.target && presence(i.target.value) === 'value' && !explained(i.reason, t.reasonBlock?.cell)
          && !((ctx.num(i.score) ?? Infinity) < (ctx.num(i.weight) ?? -Infinity))) { // below its weight: deviation-reason says it
          // An actual marked not applicable against a real target is filled in, but needs its reason.
          ctx.report({ cell: act, related: [i.nameCell, i.target, i.reason], table: t, expectedKind: 'none',
            message: `${at(act)} ${nameOf()} 实际完成值为“${shown(act)}”（年度指标值 ${shown(i.target)}），未说明原因，请在偏差原因分析中说明` });
        }
        if (t.hasScoreColumn && blank(i.score) && (weighted || !t.hasWeightColumn)) {
          ctx.report({ cell: i.score, related: [i.weight, i.nameCell], table: t, expectedKind: 'none', message: `${at(i.score)} ${nameOf()} 得分未填写` });
        }
      }
    }
    for (const t of ctx.tables.basicData) {
      const s = t.staff;
      if (!s) continue;
      for (const [cell, what] of [[s.authorized, '编制数'], [s.actual, '实际在职人数']] as const) {
        if (!blank(cell) || ctx.analysis.blocked.some((b) => filled(b.field) && b.missing.some((m) => m.field === cell))) continue;
        ctx.report({ cell, table: t, expectedKind: 'none', message: `${at(cell)} 财政供养人员 ${what}未填写` });
      }
    }
  },
};
/** A reason filled in: its own cell, or the table's one 偏差原因 block. */
function explained(reason: Field | null, block: Field | undefined): boolean {
  return (!!reason && presence(reason.value) === 'value') || (!reason && !!block && presence(block.value) === 'value');
}

export default rule;
