import rule from '../../../../src/core/rules/cross/overall-executed-vs-basic';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, hongjiangBasicData, hongjiangOverall } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook: 377.89 = 267.59 + 110.30', workbook: ok },
    { name: '部门项目支出 written 110.30 as text', workbook: edit(ok, { '附件2!E17': '110.30' }) },
    { name: '全年执行数 377.885 rounds to 377.89', workbook: edit(ok, { '附件3!E5': 377.885 }) },
    { name: 'an unparseable basic amount is left to unparseable-number', workbook: edit(ok, { '附件2!E17': '110.3110.3' }) },
    { name: 'the tables stacked on one sheet', workbook: toSnapshot(workbook(sheet('Sheet1', hongjiangOverall('corrected'), hongjiangBasicData('corrected')))) },
  ],
  invalid: [
    {
      name: 'RULES §4.14: no basic-data table in the workbook: an info',
      workbook: toSnapshot(workbook(sheet('附件3', hongjiangOverall('corrected')))),
      findings: [{ cell: '附件3!E5', severity: 'info', message: /工作簿中没有基础数据表，全年执行数未与部门基本支出 \+ 部门项目支出决算核对/ }],
    },
    {
      name: 'RULES §4.14: the basic-data 部门基本支出 决算 blank: the check cannot run, an info names the cells',
      workbook: edit(ok, { '附件2!E6': '' }),
      findings: [{ cell: '附件3!E5', severity: 'info', message: /全年执行数与 附件2 决算（部门基本支出 \+ 部门项目支出）无法核对：附件2!E6 一、部门基本支出为空/, related: ['附件2!E6', '附件2!E17'] }],
    },
    {
      name: 'the seed: 377.89 ≠ 255.51 + 110.26',
      workbook: hongjiang('published'),
      findings: [{ cell: '附件3!E5', message: /附件3!E5 年度资金总额 全年执行数 377\.89 与 附件2!E6 一、部门基本支出 决算 255\.51 \+ 附件2!E17 二、部门项目支出 决算 110\.26 = 365\.77 不一致，请核对/, related: ['附件2!E6', '附件2!E17'], expected: 365.77 }],
    },
    {
      name: '全年执行数 377.9',
      workbook: edit(ok, { '附件3!E5': 377.9 }),
      findings: [{ cell: '附件3!E5', message: /全年执行数 377\.9 与 .*= 377\.89 不一致，请核对/, expected: 377.89 }],
    },
  ],
});
