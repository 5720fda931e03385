import rule from '../../../../src/core/rules/table/overall-breakdowns';
import { ruleTester, runRule, hongjiang, edit } from '../../../support/rule-tester';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: '项目支出 written 110.30 万元', workbook: edit(ok, { '附件3!E8': '项目支出：110.30 万元' }) },
    { name: 'income split over three sources with inexact binary sums', workbook: edit(ok, { '附件3!B7': '其中：一般公共预算：300.1', '附件3!B8': '政府性基金拨款：77.59', '附件3!B10': '其他资金：0.2' }) },
    { name: 'full-width digits and colon', workbook: edit(ok, { '附件3!B7': '其中：一般公共预算：３７７.８９' }) },
    { name: 'an unparseable breakdown is left to unparseable-number', workbook: edit(ok, { '附件3!E8': '项目支出：110。3' }) },
    { name: 'breakdowns without amounts are not checked', workbook: edit(ok, { '附件3!E7': '其中：基本支出：', '附件3!E8': '项目支出：' }) },
  ],
  invalid: [
    {
      name: 'RULES §4.14: 全年执行数 blank: the breakdown sums cannot be checked, an info',
      workbook: edit(ok, { '附件3!E5': '' }),
      findings: [{ cell: '附件3!E5', severity: 'info', message: /全年执行数为空，按收入性质分、按支出性质分的合计未核对/ }],
    },
    {
      name: '按支出性质分 adds to 377.85',
      workbook: edit(ok, { '附件3!E8': '项目支出：110.26' }),
      findings: [{ cell: '附件3!E5', message: /附件3!E5 年度资金总额 全年执行数 377\.89，但按支出性质分合计 基本支出 267\.59 \+ 项目支出 110\.26 = 377\.85/, related: ['附件3!E7', '附件3!E8'], expected: 377.85 }],
    },
    {
      name: '按收入性质分 adds to 387.89',
      workbook: edit(ok, { '附件3!B8': '政府性基金拨款：10' }),
      findings: [{ cell: '附件3!E5', message: /按收入性质分合计 一般公共预算 377\.89 \+ 政府性基金拨款 10\.00 = 387\.89/, related: ['附件3!B7', '附件3!B8'], expected: 387.89 }],
    },
    {
      name: 'a 全年执行数 that disagrees with both breakdowns: two findings on it',
      workbook: edit(ok, { '附件3!E5': 380 }),
      findings: [{ cell: '附件3!E5', message: /全年执行数 380，但按收入性质分合计/ }, { cell: '附件3!E5' }],
    },
  ],
});

test('overall-breakdowns: both breakdowns named when both disagree', () => {
  const found = runRule(rule, edit(ok, { '附件3!E5': 380 }));
  expect(found.map((f) => f.message)).toEqual([
    expect.stringMatching(/按收入性质分合计 一般公共预算 377\.89 \+ 政府性基金拨款 0\.00 = 377\.89$/),
    expect.stringMatching(/按支出性质分合计 基本支出 267\.59 \+ 项目支出 110\.30 = 377\.89$/),
  ]);
});
