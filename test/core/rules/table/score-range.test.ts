import rule from '../../../../src/core/rules/table/score-range';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'scores on the bounds: 0 and full marks, 5.004 rounding to 5, text 5.00', workbook: edit(ok, { '附件3!H24': 0, '附件3!H25': 5.004, '附件3!H26': '5.00' }) },
    { name: 'a quantitative score above its weight is derived-value’s to report', workbook: edit(ok, { '附件3!H19': 4 }) },
  ],
  invalid: [
    {
      name: 'a qualitative score above its weight',
      workbook: edit(ok, { '附件3!H24': 6 }),
      findings: [{ cell: '附件3!H24', message: /经济效益情况 得分 6 超过分值 5/, related: ['附件3!G24'], expected: 5 }],
    },
    {
      name: 'a negative qualitative score',
      workbook: edit(ok, { '附件3!H25': -1 }),
      findings: [{ cell: '附件3!H25', message: /增加就业机会,激发创新意识 得分 -1 为负数/, related: ['附件3!G25'], expected: 0 }],
    },
    {
      name: '5.01 is above 5 after rounding',
      workbook: edit(ok, { '附件4!H19': 5.01 }),
      findings: [{ cell: '附件4!H19', message: /促进经济有序健康发展 得分 5\.01 超过分值 5/, expected: 5 }],
    },
    {
      name: 'a timeliness score above its weight',
      workbook: edit(ok, { '附件4!H18': '25 分' }),
      findings: [{ cell: '附件4!H18', message: /完成及时性 得分 25 分 超过分值 20/, related: ['附件4!G18'], expected: 20 }],
    },
  ],
});
