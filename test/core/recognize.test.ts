import { recognize } from '../../src/core/recognize';
import { analyze } from '../../src/core/engine';
import type { EvalTable } from '../../src/core/tables';
import {
  toSnapshot, workbook, sheet, at, hongjiangWorkbook, hongjiangOneSheet, hongjiangProject, hongjiangBasicData, hongjiangOverall,
  nationalProjectTable, unrelatedWorkbook, HEADER_VARIANTS, projectTable, overallTable,
} from '../../scripts/workbooks';

const brief = (wb: ReturnType<typeof toSnapshot>) => recognize(wb).all.map((t) => `${t.kind} ${t.sheet}!${t.range} ${t.year} ${t.name ?? '-'}`);

describe('recognition (RULES.md §1)', () => {
  test('the three Hongjiang tables, each on its own sheet', () => {
    expect(brief(toSnapshot(hongjiangWorkbook('published')))).toEqual([
      'basic-data 附件2!A1:G28 2024 -',
      'overall 附件3!A1:I30 2024 洪江区科技和工业信息化局',
      'project 附件4!A1:I25 2024 科技三项费产学研创新（含无委办经费）',
    ]);
  });

  test('any sheet name and any starting cell: fields follow the offset', () => {
    const wb = toSnapshot(workbook(sheet('我的表格', at(hongjiangProject('corrected'), 'C5'))));
    const t = recognize(wb).project[0];
    expect(t.range).toBe('C5:K29');
    // 附件4!C6 (年初预算数) moves by 2 columns and 4 rows.
    expect(t.funds?.initialBudget?.cell).toBe('E10');
    expect(t.total?.score?.cell).toBe('J28');
    expect(t.indicators).toHaveLength(11);
  });

  test('all three tables on one sheet, one under another', () => {
    const wb = toSnapshot(hongjiangOneSheet('corrected', 'Sheet1', 2));
    const tables = recognize(wb).all;
    expect(tables.map((t) => t.kind)).toEqual(['basic-data', 'overall', 'project']);
    expect(tables[1].top).toBeGreaterThan(tables[0].bottom);
    expect(tables[2].top).toBeGreaterThan(tables[1].bottom);
    const r = analyze(wb);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.scores.map((s) => s.total)).toEqual([96, 100]);
  });

  test('several project tables on several sheets, and two on one sheet', () => {
    const a = projectTable({ name: '项目甲', funds: { initial: 10, budget: 10, executed: 9 } });
    const b = projectTable({ name: '项目乙', funds: { initial: 20, budget: 20, executed: 20 } });
    const wb = toSnapshot(workbook(sheet('甲乙', a, b), sheet('丙', at(projectTable({ name: '项目丙' }), 'B3'))));
    expect(recognize(wb).project.map((t) => `${t.sheet} ${t.name}`)).toEqual(['甲乙 项目甲', '甲乙 项目乙', '丙 项目丙']);
  });

  test.each(Object.keys(HEADER_VARIANTS))('header wording variant: %s', (variant) => {
    const headers = HEADER_VARIANTS[variant as keyof typeof HEADER_VARIANTS];
    const wb = toSnapshot(workbook(sheet('附件4', hongjiangProject('miscalculated', { headers }))));
    const t = recognize(wb).project[0] as EvalTable;
    expect(t).toBeDefined();
    expect(t.funds?.budget?.cell).toBe('D6');
    expect(t.funds?.rate?.cell).toBe('G6');
    expect(t.indicators).toHaveLength(11);
    expect(t.indicators[0].target?.cell).toBe('E13');
    expect(t.indicators.every((i) => i.reason !== null)).toBe(true);
    // The derived cells are found through the synonyms: G6, H6 and H24 are recalculated.
    expect(analyze(wb).recalculated.map((x) => x.cell).sort()).toEqual(['G6', 'H24', 'H6']);
  });

  test('the 2020 national project template and its county variants', () => {
    for (const opts of [{}, { countyTitle: true }, { initialColumn: false }, { weightBeforeTarget: true }]) {
      const wb = toSnapshot(workbook(sheet('Sheet1', nationalProjectTable({ name: '农村公路养护', ...opts }))));
      const tables = recognize(wb).project;
      expect(tables).toHaveLength(1);
      const t = tables[0];
      expect(t.name).toBe('农村公路养护');
      expect(t.year).toBe(2024);
      expect(t.level1.map((g) => g.declaredWeight)).toEqual([50, 30, 10]);
      expect(t.indicators.length).toBeGreaterThan(5);
      expect(t.indicators.find((i) => i.level2.includes('成本指标'))?.level1).toContain('产出指标');
      if ((opts as { initialColumn?: boolean }).initialColumn === false) expect(t.funds?.initialBudget).toBeNull();
      const r = analyze(wb);
      expect(r.scores[0].total).not.toBeNull();
    }
  });

  test('a workbook with none of the tables yields no table', () => {
    const wb = toSnapshot(unrelatedWorkbook());
    expect(recognize(wb).all).toEqual([]);
    const r = analyze(wb);
    expect(r.findings).toEqual([]);
    expect(r.summary).toBe('');
  });

  test('an empty sheet and an empty workbook', () => {
    expect(recognize({ sheets: [] }).all).toEqual([]);
    expect(recognize({ sheets: [{ name: 'S', range: 'A1', values: [['']], merges: [] }] }).all).toEqual([]);
  });

  test('merged 一级/二级 cells are inherited downward', () => {
    const t = recognize(toSnapshot(workbook(sheet('附件3', hongjiangOverall('corrected'))))).overall[0];
    const row = t.indicators.find((i) => i.name === '工业固定资产投资同比增长')!;
    expect(row.level1).toBe('产出指标(40分)');
    expect(row.level2).toBe('数量指标');
    expect(t.level1.map((g) => [g.label, g.declaredWeight, g.rows.length])).toEqual([
      ['成本指标(20分)', 20, 1], ['产出指标(40分)', 40, 6], ['效益指标(20分)', 20, 4], ['满意度指标(10分)', 10, 1],
    ]);
  });

  test('basic-data rows, groups and the OCR spellings of the seed', () => {
    const t = recognize(toSnapshot(workbook(sheet('附件2', hongjiangBasicData('published'))))).basicData[0];
    expect(t.rows.vehiclePurchase?.label).toBe('其中：公交车购置');
    expect(t.rows.vehicleOperation?.label).toBe('公交车运行维护');
    expect(t.groups.map((g) => [g.label, g.members.map((m) => m.label)])).toEqual([
      ['1、业务工作经费', ['科技三项费产学研创新']],
      ['2.专项工作经费', ['中小企业发展专项']],
    ]);
    expect(t.rows.procurement?.cells.final?.cell).toBe('E22');
    expect(t.amountHeaders.prevFinal?.year).toBe(2023);
    expect(t.staff?.controlRate?.cell).toBe('E4');
  });
});

test('the unit of a basic-data table, where it is stated', () => {
  const spec = workbook(sheet('附件2', hongjiangBasicData('corrected')));
  const snap = toSnapshot(spec);
  expect(recognize(snap).basicData[0].name).toBeNull();
  // A 填报单位 line between the title and the staff block.
  const s = snap.sheets[0];
  s.values.splice(2, 0, ['填报单位：洪江区科技和工业信息化局', '', '', '', '', '', '']);
  s.formulas?.splice(2, 0, [...s.values[2]]);
  s.numberFormats?.splice(2, 0, s.values[2].map(() => 'General'));
  s.merges = s.merges.map((m) => m.replace(/([A-Z]+)(\d+)/g, (_, c, r) => `${c}${Number(r) >= 3 ? Number(r) + 1 : r}`));
  s.range = 'A1:G29';
  const t = recognize(snap).basicData[0];
  expect(t.name).toBe('洪江区科技和工业信息化局');
  expect(t.rows.basic?.cells.final?.cell).toBe('E7');
});

test('name labels of §1.4: 专项资金名称, 填报单位, `label：name` in one cell; `单位：万元` is never a name', () => {
  const named = (nameLabel: string, name = '某某专项') => recognize(toSnapshot(workbook(sheet('S', projectTable({ name, headers: { nameLabel } }))))).project[0].name;
  expect(named('专项资金名称')).toBe('某某专项');
  expect(named('项目名称')).toBe('某某专项');
  const overall = recognize(toSnapshot(workbook(sheet('S', overallTable({ headers: { nameLabel: '填报单位' }, unit: '某县农业农村局' }))))).overall[0];
  expect(overall.name).toBe('某县农业农村局');
  // The label and the name in one cell, the value cell left blank.
  const snap = toSnapshot(workbook(sheet('S', projectTable({ name: '', headers: { nameLabel: '项目名称：乡村道路养护' } }))));
  expect(recognize(snap).project[0].name).toBe('乡村道路养护');
  // A blank name with a unit note beside it.
  const note = toSnapshot(workbook(sheet('S', projectTable({ name: '单位：万元' }))));
  expect(recognize(note).project[0].name).toBeNull();
});

test('a table with no title row, or a title without a year: recognized from its structure; the year from the other tables (RULES §1.5)', () => {
  const untitled = projectTable({ label: null, title: [], name: '无标题项目' });
  const alone = recognize(toSnapshot(workbook(sheet('S', untitled)))).project[0];
  expect(alone.name).toBe('无标题项目');
  expect(alone.year).toBeNull();
  const withOthers = recognize(toSnapshot(workbook(sheet('附件2', hongjiangBasicData('corrected')), sheet('S', untitled), sheet('T', projectTable({ title: '项目支出绩效自评表', name: '无年度项目' })))));
  expect(withOthers.project.map((t) => [t.name, t.year])).toEqual([['无标题项目', 2024], ['无年度项目', 2024]]);
});
