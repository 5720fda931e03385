import rule from '../../../../src/core/rules/table/total-weight';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, nationalProjectTable } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
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
