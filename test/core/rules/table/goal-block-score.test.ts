import rule from '../../../../src/core/rules/table/goal-block-score';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, goalBlockProjectTable } from '../../../../scripts/workbooks';

// Goal blocks: 年度绩效目标1(40分) at A7 (rows 8–10, 得分 G8:G10), 年度绩效目标2(40分) at A11 (rows 12–13).
const blocks = toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable())));

ruleTester(rule, {
  valid: [
    { name: 'goal blocks whose indicators all meet their targets and add to the block weight', workbook: blocks },
    { name: 'a table with a 分值 column has no goal blocks to check', workbook: hongjiang('corrected') },
    { name: 'a target not met: the block may score below its weight', workbook: edit(blocks, { 'Sheet1!F13': '85%', 'Sheet1!G13': 15 }) },
    { name: 'qualitative completion words count as met (达成预期指标, 完成)', workbook: edit(blocks, { 'Sheet1!F12': '完成' }) },
  ],
  invalid: [
    {
      name: 'Σ 得分 of a block above its weight',
      workbook: edit(blocks, { 'Sheet1!G10': 15 }),
      findings: [{ cell: 'Sheet1!A7', message: /年度绩效目标1\(40分\) 内 3 项指标得分合计 45，超过该目标块分值 40/, related: ['Sheet1!G8', 'Sheet1!G9', 'Sheet1!G10'], expected: 40 }],
    },
    {
      name: 'every target met but Σ 得分 below the block weight',
      workbook: edit(blocks, { 'Sheet1!G12': 18 }),
      findings: [{ cell: 'Sheet1!A11', message: /年度绩效目标2\(40分\) 内 2 项指标均已达成年度指标值，得分合计 38，应为该目标块分值 40/, related: ['Sheet1!G12', 'Sheet1!G13'], expected: 40 }],
    },
    {
      name: 'a blank 得分 in a block: the sum cannot be checked (info, RULES §4.14)',
      workbook: edit(blocks, { 'Sheet1!G9': '' }),
      findings: [{ cell: 'Sheet1!A7', severity: 'info', message: /年度绩效目标1\(40分\) 的得分之和无法核对：Sheet1!G9 得分为空/ }],
    },
  ],
});
