/**
 * Every layout the generator builds, modelled on tables counties publish (RULES.md §1.5):
 * recognized, no false alarm on a consistent table, and §4.14 (nothing skipped in silence).
 */
import { analyze } from '../../src/core/engine';
import { recognize } from '../../src/core/recognize';
import type { Field } from '../../src/core/grid';
import type { Table } from '../../src/core/tables';
import { readNumber } from '../../src/core/values';
import { parseCell } from '../../src/core/address';
import { symbolOp } from '../../src/core/recognize/headers';
import { edit, hongjiang } from '../support/rule-tester';
import {
  toSnapshot, workbook, sheet, consistentLayouts, goalBlockProjectTable, countySpecialFundTable, hunan2018BasicData,
  nationalWithPlaceholders, defaultGoalBlocks, hunan2018BasicRows, basicDataTable, projectTable, deadlineProjectTable, outlinedProjectTable, level2SubtotalProjectTable, splitHeaderProjectTable,
} from '../../scripts/workbooks';

const layouts = Object.entries(consistentLayouts()).map(([name, spec]) => [name, toSnapshot(spec)] as const);

describe('no false alarm: zero errors and warnings on a consistent table of every generated layout', () => {
  test.each(layouts)('%s', (_name, wb) => {
    const r = analyze(wb);
    expect(r.tables.length).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
    expect(r.recalculated).toEqual([]);
  });
});

describe('recognition of the layouts counties publish', () => {
  test('2018/2023 Hunan basic data: the 公用经费 tree after the project block is no project group', () => {
    const t = recognize(toSnapshot(workbook(sheet('附件1', hunan2018BasicData())))).basicData[0];
    expect(t.rows.basic).toBeUndefined();
    expect(t.rows.threePublic?.label).toBe('三公经费:');
    expect(t.rows.projects?.label).toBe('项目支出:');
    expect(t.groups.map((g) => [g.label, g.members.map((m) => m.label)])).toEqual([
      ['1、业务工作经费', ['乡村道路养护', '河道保洁']],
      ['2、运行维护经费', ['办公设备购置']],
      ['3、省级专项资金(每个专项一行', []],
    ]);
    expect(t.rows.public?.label).toBe('公用经费');
    expect(t.rows.office?.label).toBe('其中：办公经费');
    expect(t.rows.utilities?.label).toBe('水费、电费、差旅费');
    expect(t.rows.meetings?.label).toBe('会议费、培训费');
    expect(t.rows.procurement?.label).toBe('政府采购金额');
    expect(t.year).toBe(2018);
  });

  test('a project whose name merely mentions 公用经费 or 三公 stays a project', () => {
    const rows = hunan2018BasicRows().map((r) => (r.label === '河道保洁' ? { ...r, label: '公用经费补助项目' } : r.label === '乡村道路养护' ? { ...r, label: '三公经费管理平台建设' } : r));
    const t = recognize(toSnapshot(workbook(sheet('附件1', basicDataTable({ year: 2018, rows }))))).basicData[0];
    expect(t.groups[0].members.map((m) => m.label)).toEqual(['三公经费管理平台建设', '公用经费补助项目']);
    expect(t.rows.public?.label).toBe('公用经费');
  });

  test('goal blocks without a 分值 column: repeated header rows are no indicators; funds weight from the header', () => {
    const t = recognize(toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable())))).project[0];
    expect(t.name).toBe('农村危房改造补助项目');
    expect(t.year).toBe(2022);
    expect(t.hasWeightColumn).toBe(false);
    expect(t.indicators.map((i) => i.name)).toEqual(['改造农村危房户数', '竣工验收合格率', '完工时间', '住房安全保障水平', '受益农户满意度']);
    expect(t.blocks.map((b) => [b.label, b.declaredWeight, b.rows.length])).toEqual([['年度绩效目标1(40分)', 40, 3], ['年度绩效目标2(40分)', 40, 2]]);
    expect(t.funds?.headerWeight).toBe(20);
    expect(t.funds?.score?.cell).toBe('E5');
    expect(t.total?.score?.cell).toBe('G14');
    expect(t.reasonBlock?.labelCell.cell).toBe('A15');
    expect(t.reasonBlock?.cell.cell).toBe('B15');
    const r = analyze(toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))));
    expect(r.scores[0]).toMatchObject({ total: 99, grade: '优' });
    expect(r.findings.filter((f) => /不是有效的数字/.test(f.message))).toEqual([]);
  });

  test('goal blocks whose labels stand in rows of their own (年度目标1:(40分))', () => {
    const wb = toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable({ labelRows: true, blocks: defaultGoalBlocks().map((b, i) => ({ ...b, label: `年度目标${i + 1}:(40分)` })) }))));
    const t = recognize(wb).project[0];
    expect(t.blocks.map((b) => [b.cell.cell, b.declaredWeight, b.rows.map((r) => r.name)])).toEqual([
      ['A7', 40, ['改造农村危房户数', '竣工验收合格率', '完工时间']],
      ['A12', 40, ['住房安全保障水平', '受益农户满意度']],
    ]);
    const over = analyze(edit(wb, { 'Sheet1!G11': 15 })).findings.find((f) => f.rule === 'goal-block-score');
    expect(over).toMatchObject({ sheet: 'Sheet1', cell: 'A7', severity: 'error', expectedKind: 'range', expectedText: '不超过 40 分' });
  });

  test('县级专项资金绩效目标自评表: recognized, funds checked, no score, no grade, no weight or total finding', () => {
    const wb = toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable())));
    const t = recognize(wb).project[0];
    expect(t.name).toBe('县级储备粮管理专项');
    expect(t.scored).toBe(false);
    expect(t.indicators).toHaveLength(6);
    expect(t.fundSources.map((s) => s.label)).toEqual(['其中:中央、省、市补助县级资金', '其他资金']);
    const r = analyze(wb);
    expect(r.scores[0]).toMatchObject({ total: null, grade: null, name: '县级储备粮管理专项' });
    expect(r.findings.filter((f) => ['total-weight', 'level1-weight', 'goal-block-score'].includes(f.rule))).toEqual([]);
    // Its 执行率 is checked.
    const wrong = analyze(edit(wb, { 'Sheet1!E6': [0.9, '0%'] }));
    expect(wrong.findings.map((f) => `${f.rule} ${f.sheet}!${f.cell}`)).toContain('derived-value Sheet1!E6');
    expect(wrong.recalculated.map((x) => x.cell)).toEqual(['E6']);
  });

  test('`单位：万元` is never taken as a name', () => {
    const wb = toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable({ name: '' }))));
    expect(recognize(wb).project[0].name).toBeNull();
  });

  test('placeholder rows are no indicators', () => {
    const t = recognize(toSnapshot(workbook(sheet('Sheet1', nationalWithPlaceholders())))).project[0];
    expect(t.indicators).toHaveLength(9);
    expect(t.indicators.some((i) => /指标\d|…/.test(i.name))).toBe(false);
  });
});

/** The input cells of a recognized table that hold a value (RULES.md §4.14 property). */
function inputCells(wb: ReturnType<typeof toSnapshot>, t: Table): Field[] {
  const out: Field[] = [];
  const add = (f: Field | null | undefined) => { if (f && f.value !== '' && f.value !== null && !out.includes(f)) out.push(f); };
  const nonZero = (f: Field | null | undefined) => { const r = f ? readNumber(f.value, f.numFmt) : null; return !r || r.kind !== 'number' || r.value !== 0; };
  if (t.kind === 'basic-data') {
    if (t.staff) { add(t.staff.authorized); add(t.staff.actual); add(t.staff.controlRate); }
    const r = t.rows;
    const rows = [r.basic, r.public, r.office, r.utilities, r.meetings, r.threePublic, r.vehicles, r.vehiclePurchase, r.vehicleOperation, r.abroad, r.reception, r.projects, ...t.groups, ...t.groups.flatMap((g) => g.members)];
    for (const row of rows) for (const k of ['prevFinal', 'budget', 'final'] as const) add(row?.cells[k]);
    return out;
  }
  const a = analyze(wb).analysis.evals.get(recognize(wb).all.find((x) => x.id === t.id) as never);
  const f = t.funds;
  if (f) [f.initialBudget, f.budget, f.executed, f.weight, f.rate, f.score].forEach(add);
  for (const s of t.fundSources) [s.initialBudget, s.budget, s.executed].forEach(add);
  for (const b of [...t.byIncome, ...t.byExpense]) if (typeof b.amountText === 'number' || (b.amountText && nonZero({ ...b.cell, value: b.amountText }))) add(b.cell);
  t.indicators.forEach((i, n) => {
    [i.target, i.actual, i.weight, i.score].forEach(add);
    // A reason is an input where the row needs one (below its weight).
    const e = a?.indicators[n];
    if (e && e.weight !== null && e.effectiveScore !== null && e.effectiveScore < e.weight) add(i.reason);
  });
  // Subtotal rows of an outline: a blank subtotal over filled rows is a finding too.
  for (const n of t.outline) { add(n.row.weight); add(n.row.score); }
  if (t.total) { add(t.total.weight); add(t.total.score); }
  return out;
}

describe('RULES §4.14 property: blanking any input cell of a consistent table yields a finding on that table', () => {
  test.each(layouts)('%s', (_name, wb) => {
    const tables = recognize(wb).all;
    const silent: string[] = [];
    let tried = 0;
    for (const t of tables) {
      for (const c of inputCells(wb, t)) {
        // Zero-valued parts of a sum: a blank part beside filled ones counts as 0 (RULES §4.5), so blanking a 0 changes nothing.
        const r = readNumber(c.value, c.numFmt);
        const isPart = t.kind === 'basic-data' && r.kind === 'number' && r.value === 0;
        if (isPart) continue;
        tried++;
        const found = analyze(edit(wb, { [`${c.sheet}!${c.cell}`]: '' })).findings.filter((f) => [f, ...f.related].some((x) => {
          if (x.sheet !== t.sheet) return false;
          const row = parseCell(x.cell).row;
          return row >= t.top && row <= t.bottom;
        }));
        if (!found.length) silent.push(`${c.sheet}!${c.cell} (${String(c.value)})`);
      }
    }
    expect(tried).toBeGreaterThan(5);
    expect(silent).toEqual([]);
  });
});

describe('issue 17 class 2: never a clean report, a score or a grade for a table that was not read', () => {
  const one = (b: ReturnType<typeof projectTable>) => toSnapshot(workbook(sheet('附件4', b)));
  const notRead = {
    'no indicator header recognized': one(projectTable({ headers: { target: '目标', actual: '完成' } })),
    'a header with no indicator under it': one(projectTable({ indicators: [] })),
    'no 总分 row': one(projectTable({ total: false })),
  };
  test.each(Object.entries(notRead))('%s: a warning, score and grade null, no score in the summary', (_name, wb) => {
    const r = analyze(wb);
    expect(r.scores).toEqual([expect.objectContaining({ total: null, grade: null })]);
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toContain('indicators-not-read');
    expect(r.summary).not.toMatch(/自评得分|评价等级/);
  });

  test('a score is computed from rows read, never taken from a stored 总分 the rows cannot give', () => {
    const wb = edit(hongjiang('corrected'), { '附件4!H19': '' });
    const r = analyze(wb);
    expect(r.scores.find((s) => s.sheet === '附件4')).toMatchObject({ total: null, grade: null });
    expect(r.findings.map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`)).toEqual(expect.arrayContaining(['missing-input warning 附件4!H19', 'derived-value info 附件4!H24']));
    expect(analyze(hongjiang('corrected')).scores.map((s) => [s.total, s.grade])).toEqual([[96, '优'], [100, '优']]);
  });
});

describe('issue 17 class 4: deadlines compare as dates (met when the actual is on or before the deadline)', () => {
  const wb = toSnapshot(workbook(sheet('附件4', deadlineProjectTable())));
  test('the month deadlines are timeliness rows, all met; no unit warning; full score', () => {
    const r = analyze(wb);
    const e = [...r.analysis.evals.values()][0];
    const rows = e.indicators.filter((i) => /时间$/.test(i.row.name));
    expect(rows.map((i) => [i.row.name, i.type, i.met])).toEqual([
      ['项目申报完成时间', 'timeliness', true], ['资金拨付时间', 'timeliness', true], ['项目验收时间', 'timeliness', true], ['绩效自评完成时间', 'timeliness', true],
    ]);
    expect(r.findings.filter((f) => f.rule === 'indicator-units')).toEqual([]);
    expect(r.scores[0]).toMatchObject({ total: 100, grade: '优' });
  });
  test('a late actual is not met; a deadline is never a quantity in 月', () => {
    const late = analyze(edit(wb, { '附件4!F19': '10月', '附件4!H19': 3, '附件4!I19': '资金到位较晚', '附件4!H27': 98 }));
    const row = [...late.analysis.evals.values()][0].indicators.find((i) => i.row.name === '资金拨付时间')!;
    expect(row).toMatchObject({ type: 'timeliness', met: false, matchesTarget: false });
    expect(late.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('issue 17 class 3: numbered outlines — subtotals are checked, never counted again', () => {
  test('一、 / 1、 / （1）: the subtotals are outline nodes, the （n） rows the indicators', () => {
    const wb = toSnapshot(workbook(sheet('Sheet1', outlinedProjectTable())));
    const t = recognize(wb).project[0];
    expect(t.indicators.map((i) => i.name)).toEqual(['（1）培训人次', '（2）培训班次', '（1）培训合格率', '（1）完成时间', '（1）提升从业人员技能', '（1）培训机制长效运行', '（1）参训人员满意度']);
    expect(t.outline.map((n) => [n.row.name, n.depth, n.children.length])).toEqual([
      ['一、产出指标', 1, 3], ['1、数量指标', 2, 2], ['2、质量指标', 2, 1], ['3、时效指标', 2, 1],
      ['二、效益指标', 1, 2], ['1、社会效益指标', 2, 1], ['2、可持续影响指标', 2, 1], ['三、满意度指标', 1, 1],
    ]);
    const r = analyze(wb);
    expect(r.scores[0]).toMatchObject({ total: 100, grade: '优' });
    expect(r.summary).toContain('7项绩效指标全部完成');
    // A child below its weight: the summary names it once; 总分 counts it once.
    const low = analyze(edit(wb, { 'Sheet1!D15': '190 人次', 'Sheet1!F15': 9.5, 'Sheet1!F14': 19.5, 'Sheet1!F13': 49.5, 'Sheet1!G15': '原因', 'Sheet1!F28': 99.5 }));
    expect(low.scores[0].total).toBe(99.5);
    expect(low.summary).toContain('7项绩效指标中6项已完成，1项未完成：（1）培训人次');
    expect(low.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
  test('二级 rows with their own 分值 over 三级 rows: the 一级 weight counts the 三级 rows only', () => {
    const wb = toSnapshot(workbook(sheet('附件4', level2SubtotalProjectTable())));
    const t = recognize(wb).project[0];
    expect(t.outline.map((n) => [n.row.level2, n.row.weight?.cell, n.children.length])).toEqual([['数量指标', 'G16', 2], ['质量指标', 'G19', 1], ['时效指标', 'G21', 1]]);
    expect(t.level1.find((l) => l.label.startsWith('产出'))?.rows.map((r) => r.name)).toEqual(['项目工作完成率', '服务企业数', '项目绩效目标达成率', '完成及时性']);
    expect(analyze(wb).scores[0]).toMatchObject({ total: 100, grade: '优' });
  });
});

describe('issue 17 class 1: two-row header bands; a target split across operator, value and unit cells', () => {
  const wb = toSnapshot(workbook(sheet('Sheet1', splitHeaderProjectTable())));
  test('资金 over 年初 | 全年 | 执行, 分值 / 执行率 / 得分 merged down: the funds row is read', () => {
    const t = recognize(wb).project[0];
    const f = t.funds!;
    expect([f.initialBudget, f.budget, f.executed, f.weight, f.rate, f.score].map((x) => x?.cell)).toEqual(['C6', 'D6', 'E6', 'F6', 'G6', 'H6']);
    expect(t.fundSources.map((s) => s.label)).toEqual(['其中：当年财政拨款', '上年结转资金']);
  });
  test('年度指标值 over 指标性质 | 指标值 | 度量单位: operator and unit apply, the unit to the actual too', () => {
    const r = analyze(wb);
    const e = [...r.analysis.evals.values()][0];
    expect(e.indicators.map((i) => [i.row.name, i.type, i.target.kind === 'quantitative' ? [i.target.op, i.target.value, i.target.percent, i.target.unit] : null, i.met])).toEqual([
      ['卫片执法补助经费', 'quantitative', ['=', 72890, false, '元'], true],
      ['项目验收合格率', 'quantitative', ['>=', 1, true, null], true],
      ['项目完成及时率', 'quantitative', ['=', 1, true, null], true],
      ['项目成本', 'quantitative', ['<=', 19.05, false, '万元'], true],
      ['违法行为责停率', 'quantitative', ['>=', 0.95, true, null], true],
      ['群众满意度', 'quantitative', ['>=', 0.9, true, null], true],
    ]);
    expect(r.scores[0]).toMatchObject({ total: 99.76, grade: '优' });
    expect(r.summary).toContain('6项绩效指标全部完成');
    const low = analyze(edit(wb, { 'Sheet1!G17': 90, 'Sheet1!I17': 18.95, 'Sheet1!J17': '部分整改未到期', 'Sheet1!I19': 98.71 }));
    expect(low.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(low.summary).toContain('违法行为责停率（年度指标值≥95%，实际完成90%）');
  });
  test.each([['﹦', '='], ['＝', '='], ['=', '='], ['≧', '≥'], ['≥', '≥'], ['>=', '≥'], ['≦', '≤'], ['≤', '≤'], ['<', '≤'], ['正向', '≥'], ['反向', '≤'], ['定性', '']])('指标性质 %s folds to %s', (s, want) => {
    expect(symbolOp(s)).toBe(want);
  });
});
