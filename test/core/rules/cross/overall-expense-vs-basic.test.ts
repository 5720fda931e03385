import rule from '../../../../src/core/rules/cross/overall-expense-vs-basic';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: '项目支出：110.30 against 110.3', workbook: edit(ok, { '附件3!E8': '项目支出：110.30' }) },
    { name: '110.3 against 110.30 万元 in the basic table', workbook: edit(ok, { '附件2!E17': '110.30 万元' }) },
    { name: 'a breakdown without an amount is not compared', workbook: edit(ok, { '附件3!E8': '项目支出：' }) },
  ],
  invalid: [
    {
      name: 'RULES §4.14: 部门项目支出 决算 blank: an info',
      workbook: edit(ok, { '附件2!E17': '' }),
      findings: [{ cell: '附件3!E8', severity: 'info', message: /项目支出与 附件2 基础数据表决算无法核对：附件2!E17 二、部门项目支出决算为空/ }],
    },
    {
      name: 'the seed: 基本支出 267.59 vs 255.51 and 项目支出 110.3 vs 110.26',
      workbook: hongjiang('published'),
      findings: [
        { cell: '附件3!E7', message: /附件3!E7 基本支出 267\.59 与 附件2!E6 一、部门基本支出 决算 255\.51 不一致，请核对/, related: ['附件2!E6'], expected: 255.51 },
        { cell: '附件3!E8', message: /附件3!E8 项目支出 110\.3 与 附件2!E17 二、部门项目支出 决算 110\.26 不一致，请核对/, related: ['附件2!E17'], expected: 110.26 },
      ],
    },
    {
      name: 'only 项目支出 disagrees',
      workbook: edit(ok, { '附件2!E17': 110.26 }),
      findings: [{ cell: '附件3!E8', message: /项目支出 110\.3 与 附件2!E17 二、部门项目支出 决算 110\.26 不一致，请核对/, expected: 110.26 }],
    },
  ],
});
