import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SheetSnapshot } from '../../src/core/snapshot';
import { parseRange } from '../../src/core/address';
import { readWorkbookFile } from '../../src/hosts/file/node';
import * as W from '../../scripts/workbooks';
import { bench, samples } from '../../scripts/make-workbooks';

/** The value at an A1 address of the sheet (not relative to the used range). */
function at(s: SheetSnapshot, a1: string, grid: 'values' | 'formulas' | 'numberFormats' = 'values') {
  const r = parseRange(s.range);
  const c = parseRange(a1);
  return s[grid]![c.top - r.top][c.left - r.left];
}

function snap(...blocks: (W.Block | W.Placed)[]): SheetSnapshot {
  return W.toSnapshot(W.workbook(W.sheet('S', ...blocks))).sheets[0];
}

/** Every row's text, joined, for finding labels. */
function rowsText(s: SheetSnapshot): string[] {
  return s.values.map((r) => r.map((v) => String(v)).join('|'));
}

describe('spec language', () => {
  it('blanks merged cells but the top-left one; a merged area shares its top-left number format', () => {
    const s = W.toSnapshot({ sheets: [{ name: 'S', cells: { B2: { v: 0.5, fmt: '0%' }, D3: 'x' }, merges: ['B2:C3'] }] }).sheets[0];
    expect(s.range).toBe('B2:D3');
    expect(s.values).toEqual([[0.5, '', ''], ['', '', 'x']]);
    expect(s.numberFormats).toEqual([['0%', '0%', 'General'], ['0%', '0%', 'General']]);
  });

  it('gives formula text with "=" and the cached value', () => {
    const s = W.toSnapshot({ sheets: [{ name: 'S', cells: { A1: 1, A2: { v: 2, f: 'A1*2' }, A3: { f: '=A9' } }, merges: [] }] }).sheets[0];
    expect(s.values).toEqual([[1], [2], ['']]);
    expect(s.formulas).toEqual([[1], ['=A1*2'], ['=A9']]);
  });

  it('an empty sheet is A1 with [[""]]', () => {
    expect(W.toSnapshot({ sheets: [{ name: 'E', cells: new Map(), merges: [] }] }).sheets[0])
      .toEqual({ name: 'E', range: 'A1', values: [['']], formulas: [['']], numberFormats: [['General']], merges: [] });
  });

  it('refuses a value in a merged cell other than the top-left one, and overlapping blocks', () => {
    expect(() => W.toSnapshot({ sheets: [{ name: 'S', cells: { B1: 'x' }, merges: ['A1:B1'] }] })).toThrow(/B1.*A1:B1/);
    expect(() => W.sheet('S', W.at(W.projectTable(), 'A1'), W.at(W.projectTable(), 'A10'))).toThrow(/overlap/);
  });

  it('moves relative references of formulas, not absolute ones or strings', () => {
    expect(W.shiftFormula('H5+SUM(H17:H28)', 4, 2)).toBe('J9+SUM(J21:J32)');
    expect(W.shiftFormula('$A$1+A$1+$A1+"A1"', 1, 1)).toBe('$A$1+B$1+$A2+"A1"');
    expect(W.shiftFormula('MIN(F6*G6,F6)', 0, 0)).toBe('MIN(F6*G6,F6)');
  });
});

describe('placing tables', () => {
  it('places a table at C5 on a sheet named Sheet1, formulas following', () => {
    const spec = W.workbook(W.sheet('Sheet1', W.at(W.projectTable({ formulas: true }), 'C5')));
    const s = W.toSnapshot(spec).sheets[0];
    expect(s.name).toBe('Sheet1');
    expect(s.range).toBe('C5:K29');
    expect(at(s, 'C5')).toBe('附件4');
    expect(at(s, 'I9')).toBe('执行率');
    expect(at(s, 'I10', 'formulas')).toBe('=G10/F10');
    expect(at(s, 'I10')).toBe(1);
    expect(at(s, 'J28', 'formulas')).toBe('=J10+SUM(J17:J27)');
    expect(at(s, 'J28')).toBe(100);
  });

  it('stacks the three tables on one sheet with blank rows between', () => {
    const s = W.toSnapshot(W.hongjiangOneSheet('corrected', 'Sheet1', 2)).sheets[0];
    expect(s.range).toBe('A1:I87');
    expect(at(s, 'A1')).toBe('附件2');
    expect(at(s, 'A31')).toBe('附件3');
    expect(at(s, 'A63')).toBe('附件4');
    expect(rowsText(s).slice(28, 30).every((t) => /^\|*$/.test(t))).toBe(true);
  });
});

describe('table builders', () => {
  it('projectTable computes 执行率, 得分 and 总分 from the data', () => {
    const s = snap(W.projectTable({
      name: '测试项目', year: 2023, funds: { initial: 20, budget: 21, executed: 18 },
      indicators: [
        { level1: '产出指标 (50分)', level2: '数量指标', name: 'A', target: '5 家', actual: '5 家', weight: 50, score: 50 },
        { level1: '效益指标 (40分)', level2: '社会效益指标', name: 'B', target: '效果明显', actual: '效果明显', weight: 40, score: 40 },
      ],
    }));
    expect(at(s, 'A2')).toBe('2023 年度项目支出绩效自评表');
    expect(at(s, 'C3')).toBe('测试项目');
    expect([at(s, 'F6'), at(s, 'G6'), at(s, 'H6')]).toEqual([10, 0.8571, 8.57]);
    expect(at(s, 'G6', 'numberFormats')).toBe('0.00%');
    expect(at(s, 'A15')).toBe('总分');
    expect([at(s, 'G15'), at(s, 'H15')]).toEqual([100, 98.57]);
  });

  it('merges consecutive equal 一级 and 二级 cells', () => {
    const s = W.toSnapshot(W.workbook(W.sheet('附件3', W.overallTable()))).sheets[0];
    expect(s.merges).toEqual(expect.arrayContaining(['B18:B23', 'C18:C20', 'C21:C22', 'B24:B27']));
    expect(s.merges).not.toContain('B17:B17');
  });

  it('writes header synonyms, formula notes, full-width brackets and line breaks', () => {
    const syn = snap(W.projectTable({ headers: W.HEADER_VARIANTS.synonyms }));
    expect([at(syn, 'A3'), at(syn, 'D5'), at(syn, 'E5'), at(syn, 'F5'), at(syn, 'G5')]).toEqual(['项目名称', '调整后预算数', '预算执行数', '权重', '预算执行率']);
    expect([at(syn, 'E12'), at(syn, 'F12'), at(syn, 'G12'), at(syn, 'I12'), at(syn, 'B7')]).toEqual(['指标值', '完成值', '分 值', '未完成原因分析', '其中：本年财政拨款']);
    const notes = snap(W.overallTable({ headers: W.HEADER_VARIANTS.formulaNotes }));
    expect([at(notes, 'D4'), at(notes, 'E4'), at(notes, 'G4'), at(notes, 'H4')]).toEqual(['全年预算数(A)', '全年执行数(B)', '执行率(B/A)', '得分(10分*执行率)']);
    const wide = snap(W.projectTable({ headers: W.HEADER_VARIANTS.fullWidth }));
    expect([at(wide, 'A5'), at(wide, 'D5')]).toEqual(['项目资金（万元）', '全年预算数（Ａ）']);
    const breaks = snap(W.projectTable({ headers: W.HEADER_VARIANTS.lineBreaks }));
    expect(at(breaks, 'I12')).toBe('偏差原因分析\n及改进措施');
  });

  it('basicDataTable puts the years in its headers and takes rows from data', () => {
    const s = snap(W.basicDataTable({ year: 2023, rows: [{ label: '一、部门基本支出', prev: 1, budget: 2, final: 3 }], formulas: true }));
    expect([at(s, 'A2'), at(s, 'C3'), at(s, 'B5'), at(s, 'C5'), at(s, 'E5')])
      .toEqual(['2023 年度部门（单位）整体支出绩效评价基础数据表', '2023 年实际在职人数', '2022 年决算数', '2023 年预算数', '2023 年决算数']);
    expect([at(s, 'A6'), at(s, 'B6'), at(s, 'C6'), at(s, 'E6')]).toEqual(['一、部门基本支出', 1, 2, 3]);
    expect(at(s, 'E4', 'formulas')).toBe('=C4/B4');
    expect(at(s, 'A7')).toBe('楼堂馆所控制情况 (2023 年完工项目)');
  });

  it('overallTable writes the 按收入性质 / 按支出性质 amounts as label：amount text', () => {
    const s = snap(W.overallTable({ income: { public: 100.5, fund: 0 }, expense: { basic: 80, project: 20.5 } }));
    expect([at(s, 'B7'), at(s, 'B8'), at(s, 'B9'), at(s, 'E7'), at(s, 'E8')])
      .toEqual(['其中：一般公共预算：100.5', '政府性基金拨款：0', '纳入专户管理的非税收入拨款：', '其中：基本支出：80', '项目支出：20.5']);
  });

  it('nationalProjectTable: the 2020 template, and its county variant', () => {
    const n = snap(W.nationalProjectTable());
    expect([at(n, 'A1'), at(n, 'A2'), at(n, 'A3')]).toEqual(['项目支出绩效自评表', '（2024 年度）', '项目名称']);
    const text = rowsText(n).join('\n');
    for (const l of ['产出指标(50分)', '效益指标(30分)', '满意度指标(10分)', '数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标']) {
      expect(text).toContain(l);
    }
    expect(at(n, 'F6')).toBe(10);
    const c = snap(W.nationalProjectTable({ year: 2022, countyTitle: true, initialColumn: false, weightBeforeTarget: true }));
    expect(at(c, 'A1')).toBe('绩效目标自评表(2022年度)');
    expect(c.values[3].slice(2, 7)).toEqual(['全年预算数', '全年执行数', '分值', '执行率', '得分']);
    expect(c.values[10].slice(1, 9)).toEqual(['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '实际完成值', '得分', '偏差原因分析及改进措施']);
    expect(rowsText(c).join('\n')).not.toContain('年初预算数');
  });
});

describe('workbooks', () => {
  it('hongjiang variants differ exactly where the fixtures do', () => {
    const [p, c, m] = (['published', 'corrected', 'miscalculated'] as const).map((v) => W.toSnapshot(W.hongjiangWorkbook(v)));
    const diff = (a: typeof p, b: typeof p) => a.sheets.flatMap((s, i) => s.values.flatMap((row, r) => row.flatMap((v, col) => {
      const w = b.sheets[i].values[r][col];
      const fa = a.sheets[i].numberFormats![r][col], fb = b.sheets[i].numberFormats![r][col];
      return v === w && fa === fb ? [] : [`${s.name}!${String.fromCharCode(65 + col)}${r + 1}`];
    })));
    expect(diff(p, c)).toEqual(['附件2!E6', '附件2!A13', '附件2!A14', '附件2!E17', '附件2!E20', '附件2!E23', '附件2!A24',
      '附件3!I18', '附件3!I20', '附件4!C6', '附件4!D6', '附件4!E6', '附件4!C7', '附件4!E13', '附件4!F13']);
    expect(diff(c, m)).toEqual(['附件2!E4', '附件3!G5', '附件3!H5', '附件3!H18', '附件3!H29', '附件4!G6', '附件4!H6', '附件4!H24']);
  });

  it('generated projects have distinct names, none containing another', () => {
    const names = W.generatedProjects(500).map((p) => p.name!);
    expect(new Set(names).size).toBe(500);
    const sorted = [...names].sort((a, b) => a.length - b.length);
    expect(sorted.some((a, i) => sorted.slice(i + 1).some((b) => b.includes(a)))).toBe(false);
  });

  it('the bench workbook holds basic data, overall and n project tables, consistent with each other', () => {
    const spec = W.benchWorkbook(23);
    expect(spec.sheets.map((s) => s.name)).toEqual(['附件2', '附件3', '附件4-1', '附件4-2', '附件4-3']);
    const snapshot = W.toSnapshot(spec);
    const projectTitles = snapshot.sheets.slice(2).flatMap((s) => s.values.filter((r) => r[0] === '2024 年度项目支出绩效自评表'));
    expect(projectTitles.length).toBe(23);
    const basic = snapshot.sheets[0];
    const rowOf = (label: string) => basic.values.find((r) => r[0] === label)!;
    const projects = W.generatedProjects(23);
    const sum = (k: 'initial' | 'executed') => W.round(projects.reduce((a, p) => a + (p.funds![k] as number), 0), 2);
    expect(rowOf('二、部门项目支出')[2]).toBe(sum('initial'));
    expect(rowOf('二、部门项目支出')[4]).toBe(sum('executed'));
    expect(rowOf(projects[7].name!)[4]).toBe(projects[7].funds!.executed);
    const overall = snapshot.sheets[1];
    expect(overall.values[4][4]).toBe(W.round(275.5 + sum('executed'), 2));
  });

  it('the workbook without tables has no title of any table', () => {
    const text = W.toSnapshot(W.unrelatedWorkbook()).sheets.flatMap(rowsText).join('\n');
    expect(text).not.toMatch(/自评表|基础数据表|绩效指标/);
  });
});

describe('make-workbooks', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-make-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('samples writes the published hongjiang workbook', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await samples(dir);
    log.mockRestore();
    const fw = await readWorkbookFile(path.join(dir, 'hongjiang-2024.xlsx'));
    expect(fw.snapshot).toEqual(W.toSnapshot(W.hongjiangWorkbook('published')));
  });

  it('bench writes one workbook per size', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await bench(dir, [1, 3]);
    log.mockRestore();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('bench-')).sort()).toEqual(['bench-1.xlsx', 'bench-3.xlsx']);
    const fw = await readWorkbookFile(path.join(dir, 'bench-3.xlsx'));
    expect(fw.snapshot).toEqual(W.toSnapshot(W.benchWorkbook(3)));
  });

  it('the committed sample is the published variant', async () => {
    const file = path.resolve(__dirname, '../../samples/hongjiang-2024.xlsx');
    const fw = await readWorkbookFile(file);
    expect(fw.snapshot).toEqual(W.toSnapshot(W.hongjiangWorkbook('published')));
  });
});
