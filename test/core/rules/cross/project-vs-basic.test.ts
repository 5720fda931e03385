import rule from '../../../../src/core/rules/cross/project-vs-basic';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import {
  toSnapshot, workbook, sheet, basicDataTable, projectTable, nationalProjectTable, hongjiangBasicData, hongjiangProject,
  HONGJIANG_BASIC_ROWS, type BasicRow, type ProjectTableOptions,
} from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

/** 附件2 with the corrected rows, the project part replaced. */
function basic(projectRows: BasicRow[]) {
  const rows = HONGJIANG_BASIC_ROWS.map((r) => ({ ...r }));
  const start = rows.findIndex((r) => r.label === '二、部门项目支出');
  const end = rows.findIndex((r) => r.label === '政府采购金额');
  rows.splice(start, end - start, ...projectRows);
  return basicDataTable({ rows });
}

/** 附件2 (basic data) and 附件4 (the given project tables, one under another). */
function books(projectRows: BasicRow[], ...projects: ProjectTableOptions[]) {
  return toSnapshot(workbook(sheet('附件2', basic(projectRows)), sheet('附件4', ...projects.map((p) => projectTable(p)))));
}

const project = (name: string, initial: number, executed: number, label = '附件4'): ProjectTableOptions => ({
  name, label, funds: { initial, budget: initial || executed, executed }, current: { initial },
});

const two: BasicRow[] = [
  { label: '二、部门项目支出', prev: 0, budget: 19.05, final: 110.3 },
  { label: '1、业务工作经费', prev: 0, budget: 19.05, final: 19.05 },
  { label: '科技三项费产学研创新', prev: 0, budget: 19.05, final: 19.05 },
  { label: '2、专项工作经费', prev: 0, budget: 0, final: 91.25 },
  { label: '中小企业发展专项', prev: 0, budget: 0, final: 91.25 },
];

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook: 科技三项费产学研创新（含无委办经费） ↔ 科技三项费产学研创新', workbook: ok },
    {
      name: 'exact name first: the row with the full name wins over the shorter one it contains',
      workbook: books([
        { label: '二、部门项目支出', prev: 0, budget: 24.05, final: 24.05 },
        { label: '1、业务工作经费', prev: 0, budget: 24.05, final: 24.05 },
        { label: '科技三项费产学研创新', prev: 0, budget: 5, final: 5 },
        { label: '科技三项费产学研创新（含无委办经费）', prev: 0, budget: 19.05, final: 19.05 },
      ], project('科技三项费产学研创新（含无委办经费）', 19.05, 19.05)),
    },
    {
      name: 'containment: the longest row the project name contains (科技三项费产学研创新, not 科技三项费)',
      workbook: books([
        { label: '二、部门项目支出', prev: 0, budget: 24.05, final: 24.05 },
        { label: '1、业务工作经费', prev: 0, budget: 24.05, final: 24.05 },
        { label: '科技三项费', prev: 0, budget: 5, final: 5 },
        { label: '科技三项费产学研创新', prev: 0, budget: 19.05, final: 19.05 },
      ], project('洪江区科技三项费产学研创新项目', 19.05, 19.05)),
    },
    {
      name: 'two project tables, each against its own row',
      workbook: books(two, project('科技三项费产学研创新（含无委办经费）', 19.05, 19.05), project('中小企业发展专项', 0, 91.25, '附件5')),
    },
    { name: 'amounts as text with units and trailing zeros', workbook: edit(ok, { '附件4!C6': '19.050 万元', '附件2!E19': '19.05万元' }) },
    { name: 'full-width brackets and spaces in the names', workbook: edit(ok, { '附件4!C3': ' 科技三项费 产学研创新(含无委办经费)', '附件2!A19': '科技三项费产学研创新 ' }) },
    { name: 'a project with no matching row is only an info note', workbook: toSnapshot(workbook(sheet('附件2', hongjiangBasicData('corrected')), sheet('附件4', nationalProjectTable()))) },
  ],
  invalid: [
    {
      name: 'RULES §4.14: no basic-data table in the workbook: an info, not a silent pass',
      workbook: toSnapshot(workbook(sheet('附件4', hongjiangProject('corrected')))),
      findings: [{ cell: '附件4!C3', severity: 'info', message: /工作簿中没有基础数据表，项目“科技三项费产学研创新（含无委办经费）”的年初预算数、全年执行数未与之核对/ }],
    },
    {
      name: 'RULES §4.14: a project table with no name cannot be matched: an info',
      workbook: edit(ok, { '附件4!C3': '' }),
      findings: [{ cell: '附件4!B6', severity: 'info', message: /项目名称为空，无法在 附件2 基础数据表中找到该项目/ }],
    },
    {
      name: 'RULES §4.14: the matching basic-data 决算 blank: an info, not a silent pass',
      workbook: edit(ok, { '附件2!E19': '' }),
      findings: [{ cell: '附件4!E6', severity: 'info', message: /全年执行数与 附件2 基础数据表同名项目决算无法核对：附件2!E19 科技三项费产学研创新 决算为空/ }],
    },
    {
      name: 'the seed: 附件4 reads 19.5 where 附件2 reads 19.05',
      workbook: hongjiang('published'),
      findings: [
        { cell: '附件4!C6', message: /附件4!C6 科技三项费产学研创新（含无委办经费） 年初预算数 19\.5 与 附件2!C19 科技三项费产学研创新 预算 19\.05 不一致/, related: ['附件2!C19'], expected: 19.05 },
        { cell: '附件4!E6', message: /附件4!E6 科技三项费产学研创新（含无委办经费） 全年执行数 19\.5 与 附件2!E19 科技三项费产学研创新 决算 19\.05 不一致/, related: ['附件2!E19'], expected: 19.05 },
      ],
    },
    {
      name: 'exact match compared, not the shorter row',
      workbook: books([
        { label: '二、部门项目支出', prev: 0, budget: 24.05, final: 24.05 },
        { label: '1、业务工作经费', prev: 0, budget: 24.05, final: 24.05 },
        { label: '科技三项费产学研创新', prev: 0, budget: 19.05, final: 19.05 },
        { label: '科技三项费产学研创新（含无委办经费）', prev: 0, budget: 5, final: 5 },
      ], project('科技三项费产学研创新（含无委办经费）', 19.05, 19.05)),
      findings: [
        { cell: '附件4!C6', message: /与 附件2!C20 科技三项费产学研创新（含无委办经费） 预算 5 不一致/, related: ['附件2!C20'], expected: 5 },
        { cell: '附件4!E6', message: /与 附件2!E20 科技三项费产学研创新（含无委办经费） 决算 5 不一致/, expected: 5 },
      ],
    },
    {
      name: 'two project tables: only the second disagrees with its row',
      workbook: books(two, project('科技三项费产学研创新（含无委办经费）', 19.05, 19.05), project('中小企业发展专项', 0, 91.2, '附件5')),
      findings: [{ cell: '附件4!E33', message: /附件4!E33 中小企业发展专项 全年执行数 91\.2 与 附件2!E21 中小企业发展专项 决算 91\.25 不一致/, related: ['附件2!E21'], expected: 91.25 }],
    },
    {
      name: 'no matching row: an info note on the project name',
      workbook: toSnapshot(workbook(sheet('附件2', hongjiangBasicData('corrected')), sheet('附件4', nationalProjectTable()))),
      findings: [{ cell: '附件4!C3', severity: 'info', message: /项目“职业技能提升培训项目”在 附件2 基础数据表的项目支出中没有找到同名项目，未核对金额/ }],
    },
    {
      name: 'rows below 政府采购金额 are no candidates',
      workbook: toSnapshot(workbook(sheet('附件2', hongjiangBasicData('corrected')), sheet('附件4', hongjiangProject('corrected', { name: '部门基本支出预算调整' })))),
      findings: [{ cell: '附件4!C3', severity: 'info', message: /项目“部门基本支出预算调整”.*没有找到同名项目/ }],
    },
  ],
});
