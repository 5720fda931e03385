import { resolveProfile } from '../../src/core/profile';
import { analyze } from '../../src/core/engine';
import { officialSpacing, rateAsShown } from '../../src/core/summary';
import { hongjiang, edit } from '../support/rule-tester';
import { toSnapshot, workbook, sheet, nationalWithPlaceholders, goalBlockProjectTable, countySpecialFundTable } from '../../scripts/workbooks';

describe('engine on the generated Hongjiang workbooks', () => {
  test('published: the errors EXPECTED.md lists', () => {
    const r = analyze(hongjiang('published'));
    expect(r.tables.map((t) => [t.kind, t.sheet, t.range, t.year])).toEqual([
      ['basic-data', '附件2', 'A1:G28', 2024],
      ['overall', '附件3', 'A1:I30', 2024],
      ['project', '附件4', 'A1:I25', 2024],
    ]);
    const bad = r.findings.filter((f) => f.severity !== 'info');
    const cells = (f: typeof bad[number]) => [`${f.sheet}!${f.cell}`, ...f.related.map((x) => `${x.sheet}!${x.cell}`)];
    for (const c of ['附件2!E20', '附件2!E17', '附件2!E6', '附件3!E5', '附件4!C6', '附件4!E6', '附件3!I18']) {
      expect(bad.some((f) => cells(f).includes(c))).toBe(true);
    }
    expect(bad.find((f) => f.cell === 'I18')?.severity).toBe('warning');
    expect(r.recalculated).toEqual([]);
    // Nothing else on the indicator rows.
    expect(bad.filter((f) => f.sheet === '附件3' && Number(f.cell.slice(1)) >= 17 && f.cell !== 'I18')).toEqual([]);
    expect(bad.filter((f) => f.sheet === '附件4' && Number(f.cell.slice(1)) >= 13)).toEqual([]);
    expect(r.scores.map((s) => [s.total, s.grade])).toEqual([[96, '优'], [100, '优']]);
  });

  test('corrected: no error and no warning', () => {
    const r = analyze(hongjiang('corrected'));
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.message)).toEqual([]);
    expect(r.recalculated).toEqual([]);
  });

  test('miscalculated: exactly the derived cells are recalculated, each also an error', () => {
    const r = analyze(hongjiang('miscalculated'));
    const want = ['附件2!E4', '附件3!G5', '附件3!H5', '附件3!H18', '附件3!H29', '附件4!G6', '附件4!H6', '附件4!H24'];
    expect(r.recalculated.map((x) => `${x.sheet}!${x.cell}`).sort()).toEqual([...want].sort());
    expect(Object.fromEntries(r.recalculated.map((x) => [`${x.sheet}!${x.cell}`, x.after]))).toEqual({
      '附件2!E4': 0.8571, '附件3!G5': 1, '附件3!H5': 10, '附件3!H18': 3, '附件3!H29': 96, '附件4!G6': 1, '附件4!H6': 10, '附件4!H24': 100,
    });
    for (const c of want) expect(r.findings.some((f) => `${f.sheet}!${f.cell}` === c && f.severity === 'error' && f.rule === 'derived-value')).toBe(true);
    expect(r.findings.filter((f) => f.severity !== 'info' && f.rule !== 'derived-value')).toEqual([]);
  });

  test('a formula cell is reported, never recalculated', () => {
    const wb = edit(hongjiang('corrected'), { '附件3!H29': { formula: '=SUM(H17:H28)', value: 86 } });
    const r = analyze(wb);
    expect(r.recalculated).toEqual([]);
    const f = r.findings.find((x) => x.cell === 'H29' && x.sheet === '附件3');
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('公式');
    expect(f?.expected).toBe(96);
  });

  test('the summary text of RULES.md §7', () => {
    const r = analyze(hongjiang('corrected'));
    const [overall, project] = r.summary.split('\n\n');
    // RULES.md §7, word for word.
    expect(overall).toBe('2024年度，洪江区科技和工业信息化局部门整体支出年初预算数238.83万元，全年预算数377.89万元，全年执行数377.89万元，预算执行率100%；其中基本支出267.59万元，项目支出110.30万元。部门整体支出绩效自评得分96分，评价等级为“优”。12项绩效指标中10项已完成，2项未完成：新增规模以上工业企业（年度指标值5家，实际完成3家）；工业固定资产投资同比增长（年度指标值≥1%，实际完成-47.4%）。');
    expect(project).toContain('科技三项费产学研创新（含无委办经费）项目年初预算数19.05万元');
    expect(project).toContain('11项绩效指标全部完成');
  });

  test('the summary shows the rate as the rate cell shows it, and writes figures without spaces', () => {
    const rate = (edits: Record<string, unknown>) => /预算执行率([^；。]*)/.exec(analyze(edit(hongjiang('corrected'), edits as never)).summary)?.[1];
    expect(rate({})).toBe('100%');
    expect(rate({ '附件3!G5': [1, '0.00%'] })).toBe('100.00%');
    expect(rate({ '附件3!E5': 324.0, '附件3!G5': [0.8574, '0.0%'], '附件3!H5': 17.15 })).toBe('85.7%');
    expect(rate({ '附件3!E5': 324.0, '附件3!G5': '85.74%', '附件3!H5': 17.15 })).toBe('85.74%');
    expect(officialSpacing('年度指标值 ≥ 1 % ，实际完成 3 家')).toBe('年度指标值≥1%，实际完成3家');
    expect(officialSpacing('2024 年度 96 分 -47.4 %')).toBe('2024年度96分-47.4%');
    expect(rateAsShown(2 / 3, null)).toBe('66.67%');
  });

  test('a profile changes the scoring: reverse ratio, caps', () => {
    // 项目成本 ≤377.89 万元 with 450 actual: linear (1 − 72.11/377.89) × 20 = 16.18; ratio 377.89/450 × 20 = 16.8.
    const wb = edit(hongjiang('corrected'), { '附件3!F17': '450 万元', '附件3!I17': '超支' });
    const linear = analyze(wb).recalculated.find((x) => x.cell === 'H17');
    const ratio = analyze(wb, { profile: { reverseFormula: 'ratio' } }).recalculated.find((x) => x.cell === 'H17');
    expect(linear?.after).toBe(16.18);
    expect(ratio?.after).toBe(16.8);
    const low = edit(hongjiang('corrected'), { '附件3!E5': 260, '附件3!G5': [0.688, '0.00%'], '附件3!H5': 6.88 });
    const capped = analyze(low, { profile: { capTotalByExecutionRate: true } });
    expect(capped.scores[0].total).toBe(79);
    expect(analyze(low).scores[0].total).toBe(92.88);
  });

  test('issue 17 class 6: overshootDeduction scores 130% or more of a 正向 target as 偏离, off by default, validated', () => {
    const wb = edit(hongjiang('corrected'), { '附件3!F19': '2 家' });
    const h19 = (r: ReturnType<typeof analyze>) => r.recalculated.find((x) => x.cell === 'H19');
    expect(h19(analyze(wb))).toBeUndefined();
    const off = analyze(wb).scores[0].total as number;
    const on = analyze(wb, { profile: { overshootDeduction: 0.2 } });
    expect(h19(on)).toBeDefined();
    expect(on.scores[0].total).toBeLessThan(off);
    expect(() => resolveProfile({ overshootDeduction: 1.5 })).toThrow(/overshootDeduction/);
    expect(() => resolveProfile({ overshootDeduction: '20%' })).toThrow(/overshootDeduction/);
    expect(resolveProfile({ overshootDeduction: null }).overshootDeduction).toBeNull();
  });

  test('issue class 2: the summary counts neither placeholder rows nor repeated header rows', () => {
    const national = analyze(toSnapshot(workbook(sheet('Sheet1', nationalWithPlaceholders())))).summary;
    expect(national).toContain('9项绩效指标全部完成');
    const blocks = analyze(toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable({ reason: '原因' }))))).summary;
    expect(blocks).toContain('5项绩效指标全部完成');
    const unmet = analyze(edit(toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))), { 'Sheet1!F13': '85%', 'Sheet1!G13': 15, 'Sheet1!G14': 94 })).summary;
    expect(unmet).toContain('5项绩效指标中4项已完成，1项未完成：受益农户满意度（年度指标值≥90%，实际完成85%）');
  });

  test('a table with no scores: the summary states no score and no grade', () => {
    const r = analyze(toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable()))));
    expect(r.summary).toBe('2020年度，县级储备粮管理专项项目全年预算数210.60万元，全年执行数210.60万元，预算执行率100%。6项绩效指标全部完成。');
  });

  test('expectedKind: cross-table mismatches are "other" with both sides and 请核对; derived cells "value"; bands "range" in words', () => {
    const r = analyze(hongjiang('published'));
    const cross = r.findings.filter((f) => ['overall-executed-vs-basic', 'overall-expense-vs-basic', 'project-vs-basic'].includes(f.rule) && f.severity === 'error');
    expect(cross.length).toBe(5);
    for (const f of cross) {
      expect(f.expectedKind).toBe('other');
      expect(f.message).toMatch(/与 附件2![A-Z]\d+ .* 不一致，请核对$/);
      expect(f.message).not.toContain('应为');
    }
    const e8 = cross.find((f) => f.cell === 'E8')!;
    expect(e8.message).toBe('附件3!E8 项目支出 110.3 与 附件2!E17 二、部门项目支出 决算 110.26 不一致，请核对');
    expect(e8.expected).toBe(110.26);
    const mis = analyze(hongjiang('miscalculated'));
    for (const f of mis.findings.filter((x) => x.rule === 'derived-value')) expect(f.expectedKind).toBe('value');
    // Rates in messages as percentages.
    expect(mis.findings.find((f) => f.sheet === '附件3' && f.cell === 'G5')?.message).toContain('执行率为 95.00%，应为 100.00%');
    const band = analyze(edit(hongjiang('corrected'), { '附件3!F24': '效果较明显', '附件3!I24': '原因' }), { profile: { achievementLevels: { '附件3!H24': '部分达成' } } })
      .findings.find((f) => f.rule === 'qualitative-score' && f.cell === 'H24');
    expect(band).toMatchObject({ expectedKind: 'range', expectedText: '不低于 3 分且低于 4 分' });
    for (const f of [...r.findings, ...mis.findings]) expect(['value', 'other', 'range', 'none']).toContain(f.expectedKind);
  });
});
