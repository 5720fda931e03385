import rule from '../../../../src/core/rules/table/zero-budget';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook (附件2 has 预算 0 and 决算 91.25 on 2.专项工作经费: normal)', workbook: ok },
    { name: '全年预算数 0 and nothing executed', workbook: edit(ok, { '附件4!D6': 0, '附件4!E6': 0 }) },
    { name: '全年预算数 0.001 is not 0', workbook: edit(ok, { '附件4!D6': 0.001 }) },
    { name: '全年预算数 left empty is not 0', workbook: edit(ok, { '附件4!D6': '' }) },
  ],
  invalid: [
    {
      name: 'a project with 全年预算数 0 and 19.05 executed',
      workbook: edit(ok, { '附件4!D6': 0 }),
      findings: [{ cell: '附件4!D6', message: /附件4!D6 年度资金总额 全年预算数为 0，全年执行数却为 19\.05，执行率按 0 计算/, related: ['附件4!E6'] }],
    },
    {
      name: 'the overall table with 全年预算数 written 0.00 and money executed as text',
      workbook: edit(ok, { '附件3!D5': '0.00', '附件3!E5': '377.89 万元' }),
      findings: [{ cell: '附件3!D5', message: /全年执行数却为 377\.89 万元/ }],
    },
  ],
});
