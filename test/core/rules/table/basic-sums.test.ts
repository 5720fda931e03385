import rule from '../../../../src/core/rules/table/basic-sums';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, basicDataTable, HONGJIANG_BASIC_ROWS, hunan2018BasicData, type BasicRow } from '../../../../scripts/workbooks';

/** The 2018/2023 Hunan order: 项目支出: at row 12, its groups 13–19, the 公用经费 tree at rows 20–23 after it. */
const hunan2018 = toSnapshot(workbook(sheet('附件1', hunan2018BasicData())));

const ok = hongjiang('corrected');

/** The corrected 经费控制情况 rows with the project part replaced. */
function basicWith(projectRows: BasicRow[]) {
  const rows = HONGJIANG_BASIC_ROWS.map((r) => ({ ...r }));
  rows[0].final = 267.59;
  const start = rows.findIndex((r) => r.label === '二、部门项目支出');
  const end = rows.findIndex((r) => r.label === '政府采购金额');
  rows.splice(start, end - start, ...projectRows);
  return toSnapshot(workbook(sheet('附件2', basicDataTable({ rows }))));
}

/** Three groups; the second has two projects. */
const threeGroups: BasicRow[] = [
  { label: '二、部门项目支出', prev: 0, budget: 60.5, final: 58.35 },
  { label: '1、业务工作经费', prev: 0, budget: 20, final: 19.05 },
  { label: '科技三项费产学研创新', prev: 0, budget: 20, final: 19.05 },
  { label: '2、专项工作经费', prev: 0, budget: 30.5, final: 30.2 },
  { label: '中小企业发展专项', prev: 0, budget: 20.25, final: 20.1 },
  { label: '工业园区建设', prev: 0, budget: 10.25, final: 10.1 },
  { label: '3、其他项目', prev: 0, budget: 10, final: 9.1 },
  { label: '安全生产监管', prev: 0, budget: 10, final: 9.1 },
];
const patch = (label: string, p: Partial<BasicRow>) => threeGroups.map((r) => (r.label === label ? { ...r, ...p } : r));

ruleTester(rule, {
  valid: [
    { name: 'issue class 3: the 公用经费 tree after the project block is not summed into the last group', workbook: hunan2018 },
    { name: 'issue class 4: a template group row left blank with nothing under it is no part', workbook: edit(hunan2018, { '附件1!E18': '', '附件1!E19': '' }) },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: '部门项目支出 written 110.30 (text) for 19.05 + 91.25', workbook: edit(ok, { '附件2!E17': '110.30' }) },
    { name: '部门项目支出 110.295 rounds to 110.30', workbook: edit(ok, { '附件2!E17': 110.295 }) },
    { name: 'three groups, one of two projects, whose binary sums are inexact', workbook: basicWith(threeGroups) },
    { name: '三公 with 公务用车 of 0.1 + 0.2 = 0.3', workbook: edit(ok, { '附件2!B13': 0.1, '附件2!B14': 0.2, '附件2!B12': 0.3, '附件2!B11': 2.44 }) },
    { name: 'empty cells in every row of a sum', workbook: edit(ok, { '附件2!C12': '', '附件2!C13': '-', '附件2!C14': '' }) },
    { name: 'issue 17 class 5: parts marked not applicable (—, /, 无) add nothing and are no blank parts', workbook: edit(ok, { '附件2!E13': '—', '附件2!E14': '/', '附件2!E15': '无' }) },
    { name: 'issue 17 class 5: a part marked not applicable beside a filled one: no “counted as 0” note', workbook: edit(ok, { '附件2!E13': '不适用', '附件2!E14': 0 }) },
    {
      name: 'an unparseable group with no project rows cannot be summed: left to unparseable-number',
      workbook: basicWith([
        { label: '二、部门项目支出', prev: 0, budget: 19.05, final: 110.3 },
        { label: '1、业务工作经费', prev: 0, budget: 19.05, final: 19.05 },
        { label: '2、专项工作经费', prev: 0, budget: 0, final: '91.2591.25' },
      ]),
    },
    { name: 'rows after 政府采购金额 belong to no group', workbook: edit(ok, { '附件2!E22': 500, '附件2!E23': 999 }) },
  ],
  invalid: [
    {
      name: 'issue class 3: a project group still checked in the 2018 order (its rows, not the 公用经费 tree)',
      workbook: edit(hunan2018, { '附件1!E17': 30 }),
      findings: [{ cell: '附件1!E16', message: /2、运行维护经费 2018 年决算数 35，但 办公设备购置 = 30\.00 = 30\.00/, related: ['附件1!E17'], expected: 30 }],
    },
    {
      name: 'issue class 4: every part blank under a non-zero total: a warning that the breakdown is not filled',
      workbook: edit(ok, { '附件2!E15': '', '附件2!E16': '', '附件2!E12': '', '附件2!E13': '', '附件2!E14': '' }),
      findings: [{ cell: '附件2!E11', severity: 'warning', message: /“三公”经费 2024 年决算数 为 1\.44，但其明细 .* 均未填写，请补填明细/ }],
    },
    {
      name: 'issue 17 class 5: every group and project row blank under a non-zero 部门项目支出: the breakdown is not filled',
      workbook: edit(ok, { '附件2!E18': '', '附件2!E19': '', '附件2!E20': '', '附件2!E21': '' }),
      findings: [{ cell: '附件2!E17', severity: 'warning', message: /110\.3.*其明细 1、业务工作经费、2\.专项工作经费 均未填写，请补填明细/ }],
    },
    {
      name: 'issue 17 class 5: every part marked not applicable under a non-zero total',
      workbook: edit(ok, { '附件2!E12': '—', '附件2!E15': '—', '附件2!E16': '/' }),
      findings: [{ cell: '附件2!E11', severity: 'warning', message: /1\.44，但其明细 .*均标为不适用，请核对/ }],
    },
    {
      name: 'issue class 4: a blank total over filled parts is an error',
      workbook: edit(ok, { '附件2!E11': '' }),
      findings: [{ cell: '附件2!E11', severity: 'error', message: /“三公”经费 2024 年决算数 为空，但 .* = 0\.00 \+ 0\.00 \+ 1\.44 = 1\.44/, expected: 1.44 }],
    },
    {
      name: 'issue class 4: a blank part beside filled ones counts as 0, and an info says so',
      workbook: edit(ok, { '附件2!E15': '' }),
      findings: [{ cell: '附件2!E11', severity: 'info', message: /的明细 附件2!E15 2、出国经费 为空，按 0 计入合计/ }],
    },
    {
      name: 'issue class 4: the seed’s unfilled breakdown is no “874.20 ≠ 0.00 + 0.00”',
      workbook: edit(ok, { '附件2!B13': '', '附件2!B14': '', '附件2!B12': 874.2, '附件2!B11': 876.34 }),
      findings: [{ cell: '附件2!B12', severity: 'warning', message: /874\.2，但其明细 其中：公车购置、公车运行维护 均未填写/ }],
    },
    {
      name: 'the seed: 部门项目支出 110.26, its groups add to 110.30 (the unparseable group counted as the sum of its rows)',
      workbook: hongjiang('published'),
      findings: [{ cell: '附件2!E17', message: /附件2!E17 二、部门项目支出 2024 年决算数 110\.26，但其下各项合计 19\.05 \+ 91\.25 = 110\.30/, related: ['附件2!E18', '附件2!E20'], expected: 110.3 }],
    },
    {
      name: 'an unparseable group whose rows disagree with the total',
      workbook: edit(ok, { '附件2!E20': '91.2591.25', '附件2!E21': 90 }),
      findings: [{ cell: '附件2!E17', message: /110\.3，但其下各项合计 19\.05 \+ 90\.00 = 109\.05/, expected: 109.05 }],
    },
    {
      name: '部门项目支出 vs its groups in the 预算 column',
      workbook: edit(ok, { '附件2!C17': 20 }),
      findings: [{ cell: '附件2!C17', message: /二、部门项目支出 2024 年预算数 20，但其下各项合计 19\.05 \+ 0\.00 = 19\.05/, related: ['附件2!C18', '附件2!C20'], expected: 19.05 }],
    },
    {
      name: 'a group vs its project row (部门项目支出 is checked against the group as written)',
      workbook: edit(ok, { '附件2!E21': 90 }),
      findings: [{ cell: '附件2!E20', message: /2\.专项工作经费 2024 年决算数 91\.25，但 中小企业发展专项 = 90\.00 = 90\.00/, related: ['附件2!E21'], expected: 90 }],
    },
    {
      name: 'a group of two projects',
      workbook: basicWith(patch('工业园区建设', { final: 10.2 })),
      findings: [{ cell: '附件2!E20', message: /2、专项工作经费 2024 年决算数 30\.2，但 中小企业发展专项 \+ 工业园区建设 = 20\.10 \+ 10\.20 = 30\.30/, related: ['附件2!E21', '附件2!E22'], expected: 30.3 }],
    },
    {
      name: 'three groups against the 部门项目支出 total',
      workbook: basicWith(patch('二、部门项目支出', { budget: 61 })),
      findings: [{ cell: '附件2!C17', message: /61，但其下各项合计 20\.00 \+ 30\.50 \+ 10\.00 = 60\.50/, related: ['附件2!C18', '附件2!C20', '附件2!C23'], expected: 60.5 }],
    },
    {
      name: '三公 vs 公务用车 + 出国 + 公务接待',
      workbook: edit(ok, { '附件2!E16': 2 }),
      findings: [{ cell: '附件2!E11', message: /附件2!E11 “三公”经费 2024 年决算数 1\.44，但 1、公务用车购置和维护经费 \+ 2、出国经费 \+ 3、公务接待 = 0\.00 \+ 0\.00 \+ 2\.00 = 2\.00/, related: ['附件2!E12', '附件2!E15', '附件2!E16'], expected: 2 }],
    },
    {
      name: '公务用车 vs 公车购置 + 运行维护 (the 三公 total takes 公务用车 as written)',
      workbook: edit(ok, { '附件2!B13': 0.5, '附件2!B14': 0.3 }),
      findings: [{ cell: '附件2!B12', message: /1、公务用车购置和维护经费 2023 年决算数 0，但 其中：公车购置 \+ 公车运行维护 = 0\.50 \+ 0\.30 = 0\.80/, related: ['附件2!B13', '附件2!B14'], expected: 0.8 }],
    },
    {
      name: 'the seed’s OCR labels 公交车购置 / 公交车运行维护 are the same rows',
      workbook: edit(hongjiang('published'), { '附件2!E13': 1, '附件2!E20': 91.25, '附件2!E17': 110.3 }),
      findings: [{ cell: '附件2!E12', message: /其中：公交车购置 \+ 公交车运行维护 = 1\.00 \+ 0\.00 = 1\.00/, expected: 1 }],
    },
  ],
});
