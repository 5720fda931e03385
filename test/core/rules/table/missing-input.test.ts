import rule from '../../../../src/core/rules/table/missing-input';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, goalBlockProjectTable, countySpecialFundTable } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');
const county = toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable())));

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'goal blocks without a 分值 column', workbook: toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))) },
    { name: 'a county special-fund table with no scores', workbook: county },
    { name: 'issue 17 class 5: an unweighted row whose actual reads 无 with its reason filled is no missing input', workbook: edit(county, { 'Sheet1!F12': '无', 'Sheet1!G12': '本年度未安排储备轮换' }) },
    { name: 'issue 17 class 5: target and actual marked not applicable (/, 不适用) are filled in', workbook: edit(county, { 'Sheet1!E13': '/', 'Sheet1!F13': '不适用' }) },
    { name: 'issue 17 class 5: a funds amount marked — (no 年初预算数) is filled in', workbook: edit(ok, { '附件4!C6': '—', '附件4!C7': '' }) },
    { name: 'a template row (……) with nothing filled is no indicator', workbook: edit(ok, { '附件3!D18': '……', '附件3!E18': '', '附件3!F18': '', '附件3!G18': '', '附件3!H18': '' }) },
  ],
  invalid: [
    {
      name: 'issue 17 class 5: an actual reading 无 against a real target, with no reason',
      workbook: edit(county, { 'Sheet1!F12': '无' }),
      findings: [{ cell: 'Sheet1!F12', message: /储备粮规模到位率 实际完成值为“无”（年度指标值 100%），未说明原因/, related: ['Sheet1!E12', 'Sheet1!G12'] }],
    },
    {
      name: 'issue 17 class 5: a blank actual is not filled (blank is not 无)',
      workbook: edit(county, { 'Sheet1!F12': '' }),
      findings: [{ cell: 'Sheet1!F12', message: /实际完成值未填写/ }],
    },
    {
      name: 'a stored 执行率 100% with 全年执行数 blank: an error on the empty input',
      workbook: edit(ok, { '附件4!E6': '' }),
      findings: [{ cell: '附件4!E6', severity: 'error', message: /附件4!E6 全年执行数为空，但 附件4!G6 年度资金总额 执行率已填为 100%.*请补填全年执行数/, related: ['附件4!G6', '附件4!H6'] }],
    },
    {
      name: 'a stored 控制率 with 实际在职人数 blank',
      workbook: edit(ok, { '附件2!C4': '' }),
      findings: [{ cell: '附件2!C4', severity: 'error', message: /实际在职人数为空，但 附件2!E4 财政供养人员 控制率已填为 85\.71%/ }],
    },
    {
      name: 'a weighted row with a blank 年度指标值',
      workbook: edit(ok, { '附件3!E18': '' }),
      findings: [{ cell: '附件3!E18', message: /新增规模以上工业企业 年度指标值未填写/ }],
    },
    {
      name: 'a weighted row with a blank 实际完成值 (issue 17: blank, not `-`, is not filled)',
      workbook: edit(ok, { '附件3!F18': '' }),
      findings: [{ cell: '附件3!F18', message: /新增规模以上工业企业 实际完成值未填写/ }],
    },
    {
      name: 'an indicator with a name but no 分值 in a table with a 分值 column',
      workbook: edit(ok, { '附件3!G19': '' }),
      findings: [{ cell: '附件3!G19', message: /新增高新技术企业 有指标却未填写分值/ }],
    },
    {
      name: 'a qualitative row with no 得分',
      workbook: edit(ok, { '附件3!H24': '' }),
      findings: [{ cell: '附件3!H24', message: /经济效益情况 得分未填写/ }],
    },
    {
      name: 'a blank 年初预算数 in the funds row',
      workbook: edit(ok, { '附件4!C6': '' }),
      findings: [{ cell: '附件4!C6', message: /年度资金总额 年初预算数未填写/ }],
    },
    {
      name: 'a table with no scores: a blank 全年完成值 is still a missing input',
      workbook: edit(county, { 'Sheet1!F13': '' }),
      findings: [{ cell: 'Sheet1!F13', message: /储备粮库存数量真实率 实际完成值未填写/ }],
    },
  ],
});
