import rule from '../../../../src/core/rules/table/total-weight';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, nationalProjectTable, nationalWithPlaceholders, goalBlockProjectTable, countySpecialFundTable, nationalOverweightWorkbook } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

const class1 = toSnapshot(nationalOverweightWorkbook());

ruleTester(rule, {
  valid: [
    { name: 'placeholder rows (指标2:, ……, 指标1:/ / /) change no check', workbook: toSnapshot(workbook(sheet('Sheet1', nationalWithPlaceholders()))) },
    { name: 'goal blocks: funds weight from the header + block weights = 100', workbook: toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))) },
    { name: 'a table with no scores at all: no weight or total finding', workbook: toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable()))) },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'the 2020 national template', workbook: toSnapshot(workbook(sheet('Sheet1', nationalProjectTable()))) },
    { name: 'a funds weight of 20 with indicators adding to 80', workbook: edit(ok, { '附件4!F6': 20, '附件4!G13': 5, '附件4!G16': 5 }) },
    { name: 'decimal weights whose binary sum is not exactly 100 (5.3 + 4.7 + 0.1 + 19.9)', workbook: edit(ok, { '附件4!G14': 5.3, '附件4!G15': 4.7, '附件4!G16': 0.1, '附件4!G17': 19.9 }) },
    { name: 'the 总分 分值 as a formula with the right result', workbook: edit(ok, { '附件3!G29': { formula: '=F5+SUM(G17:G28)', value: 100 } }) },
    { name: 'a formula 总分 分值 whose cached result carries binary noise (99.99999999999999)', workbook: edit(ok, { '附件3!G29': { formula: '=F5+SUM(G17:G28)', value: 99.99999999999999 } }) },
    { name: 'the 总分 分值 as text 100.00', workbook: edit(ok, { '附件3!G29': '100.00' }) },
  ],
  invalid: [
    {
      name: 'issue class 1: 一级 weights 70 + 20 + 10 plus funds 10 (110), 总分 stored 100, with a …… row',
      workbook: class1,
      findings: [{ cell: 'Sheet1!G21', message: /总分 分值 100 与资金分值和各指标分值之和 110 不一致/, expected: 110 }],
    },
    {
      name: 'goal blocks adding to 90 with the funds weight',
      workbook: toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable({ blocks: [{ label: '年度绩效目标1(30分)', indicators: [{ level1: '产出指标', level2: '数量指标', name: '改造户数', target: '≥10 户', actual: '10 户', score: 30 }] }, { label: '年度绩效目标2(40分)', indicators: [{ level1: '效益指标', level2: '社会效益指标', name: '安全保障', target: '明显提升', actual: '明显提升', score: 40 }] }] })))),
      findings: [{ cell: 'Sheet1!A11', message: /总分 分值合计为 90，应为 100/, related: ['Sheet1!A4', 'Sheet1!A7', 'Sheet1!A9'], expected: 100 }],
    },
    {
      name: 'RULES §4.13: a blank 分值 does not switch the check off: it runs on the weights that are there',
      workbook: edit(ok, { '附件4!G14': '' }),
      findings: [{ cell: '附件4!G24', message: /总分 分值 100 与资金分值和各指标分值之和 95 不一致（第 14 行（社会成本节约率）缺少分值，未计入）/, expected: 95 }],
    },
    {
      name: 'a blank 总分 分值 is filled in as the sum',
      workbook: edit(ok, { '附件4!G24': '' }),
      findings: [{ cell: '附件4!G24', message: /总分 分值为空，应为 100/, expected: 100 }],
    },
    {
      name: 'weights adding to 101, 总分 分值 written 101',
      workbook: edit(ok, { '附件3!G19': 4, '附件3!G29': 101 }),
      findings: [{ cell: '附件3!G29', message: /总分 分值合计为 101，应为 100/, related: ['附件3!F5', '附件3!G17', '附件3!G19', '附件3!G28'], expected: 100 }],
    },
    {
      name: 'weights adding to 101 under a stored 100',
      workbook: edit(ok, { '附件3!G19': 4 }),
      findings: [{ cell: '附件3!G29', message: /总分 分值 100 与资金分值和各指标分值之和 101 不一致/, expected: 101 }],
    },
    {
      name: 'weights adding to 100 under a stored 90',
      workbook: edit(ok, { '附件4!G24': 90 }),
      findings: [{ cell: '附件4!G24', message: /总分 分值 90 与资金分值和各指标分值之和 100 不一致/, related: ['附件4!F6', '附件4!G13', '附件4!G23'], expected: 100 }],
    },
    {
      name: 'no stored 总分 分值 and weights adding to 95',
      workbook: edit(ok, { '附件4!G24': '', '附件4!G18': 15 }),
      findings: [{ cell: '附件4!G24', message: /总分 分值合计为 95，应为 100/, expected: 100 }],
    },
  ],
});
