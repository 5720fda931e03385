import rule from '../../../../src/core/rules/cross/overall-budget-vs-basic';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, hongjiangBasicData, hongjiangOverall } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook: 238.83 = 219.78 + 19.05', workbook: ok },
    { name: 'the published workbook: its 预算 column agrees', workbook: hongjiang('published') },
    { name: '年初预算数 written 238.830 万元', workbook: edit(ok, { '附件3!C5': '238.830 万元' }) },
    { name: '238.834 rounds to 238.83', workbook: edit(ok, { '附件3!C5': 238.834 }) },
    { name: 'both tables on one sheet', workbook: toSnapshot(workbook(sheet('Sheet1', hongjiangBasicData('corrected'), hongjiangOverall('corrected')))) },
    { name: 'no basic-data table: nothing to compare', workbook: toSnapshot(workbook(sheet('附件3', hongjiangOverall('corrected')))) },
  ],
  invalid: [
    {
      name: 'RULES §4.14: 年初预算数 blank: the check cannot run, an info',
      workbook: edit(ok, { '附件3!C5': '' }),
      findings: [{ cell: '附件3!C5', severity: 'info', message: /年初预算数与 附件2 本年预算数（部门基本支出 \+ 部门项目支出）无法核对：附件3!C5 年初预算数为空/ }],
    },
    {
      name: '年初预算数 240',
      workbook: edit(ok, { '附件3!C5': 240 }),
      findings: [{ cell: '附件3!C5', message: /附件3!C5 年度资金总额 年初预算数 240 与 附件2!C6 一、部门基本支出 本年预算数 219\.78 \+ 附件2!C17 二、部门项目支出 本年预算数 19\.05 = 238\.83 不一致，请核对/, related: ['附件2!C6', '附件2!C17'], expected: 238.83 }],
    },
    {
      name: 'the basic-data 部门项目支出 预算 changed',
      workbook: edit(ok, { '附件2!C17': 19.5 }),
      findings: [{ cell: '附件3!C5', message: /年初预算数 238\.83 与 .*二、部门项目支出 本年预算数 19\.5 = 239\.28 不一致，请核对/, expected: 239.28 }],
    },
  ],
});
