import rule from '../../../../src/core/rules/table/deviation-reason';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';

import { toSnapshot, workbook, sheet, goalBlockProjectTable, countySpecialFundTable } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');
/** Goal blocks with one 偏差原因 block for the whole table at B15; 受益农户满意度 (row 13) not met at 85%. */
const blocks = (reason: string) => toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable({ reason }))));
const unmet = { 'Sheet1!F13': '85%', 'Sheet1!G13': 15 };
const above130 = { requireReasonAbove130: true };

ruleTester(rule, {
  valid: [
    { name: 'issue class 7: one 偏差原因 block for the whole table, filled', workbook: edit(blocks('满意度调查中部分农户对工期不满意；下一步加强沟通'), unmet) },
    { name: 'issue class 7: the block may stay empty when every target is met', workbook: blocks('') },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'the funds row below its weight never needs a reason (it has no reason cell)', workbook: edit(ok, { '附件4!E6': 15, '附件4!G6': [0.7874, '0.00%'], '附件4!H6': 7.87 }) },
    { name: 'a quantitative row stored below its weight but met on recomputation (1 家 of 1 家)', workbook: edit(ok, { '附件3!H19': 2 }) },
    { name: 'a qualitative row below its weight with a reason', workbook: edit(ok, { '附件3!F24': '效果较明显', '附件3!H24': 4, '附件3!I24': '部分企业效益未显现，下一步加强跟踪' }) },
    { name: 'actual at 200% of target: no reason needed by default', workbook: edit(ok, { '附件3!F19': '2 家' }) },
    { name: 'requireReasonAbove130: 129% of target needs none', workbook: edit(ok, { '附件3!E19': '10 家', '附件3!F19': '12.9 家' }), profile: above130 },
    { name: 'requireReasonAbove130: 200% of target with a reason', workbook: edit(ok, { '附件3!F19': '2 家', '附件3!I19': '政策宣传到位，企业申报积极' }), profile: above130 },
    { name: 'requireReasonAbove130 does not apply to a 反向 (≤) target', workbook: edit(ok, { '附件3!E17': '≤300 万元', '附件3!F17': '200 万元' }), profile: above130 },
  ],
  invalid: [
    {
      name: 'issue class 7: one 偏差原因 block for the whole table, empty, with a target not met',
      workbook: edit(blocks(''), unmet),
      findings: [{ cell: 'Sheet1!B15', message: /Sheet1!B15 偏差大或目标未完成原因分析 未填写，但 受益农户满意度（未达到年度指标值）未完全完成/, related: ['Sheet1!A15', 'Sheet1!G13'] }],
    },
    {
      name: 'a table with no scores: a target not met with no 未完成原因',
      workbook: edit(toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable()))), { 'Sheet1!F12': '96%' }),
      findings: [{ cell: 'Sheet1!G12', message: /储备粮规模到位率 未达到年度指标值（年度指标值 100%，实际完成 96%），未填写偏差原因分析及改进措施/ }],
    },
    {
      name: 'the seed: 新增规模以上工业企业 3 of 5 with no reason',
      workbook: hongjiang('published'),
      findings: [{ cell: '附件3!I18', message: /附件3!I18 新增规模以上工业企业 得分 3 低于分值 5（年度指标值 5 家，实际完成 3 家），未填写偏差原因分析及改进措施/, related: ['附件3!H18', '附件3!E18', '附件3!F18'] }],
    },
    {
      name: 'the recomputed score counts on a quantitative row: stored 5 of 5, but 3 家 of 5 家 scores 3',
      workbook: edit(ok, { '附件3!H18': 5, '附件3!I18': '' }),
      findings: [{ cell: '附件3!I18', message: /得分 3 低于分值 5/ }],
    },
    {
      name: 'a reason of 无 or a dash is no reason',
      workbook: edit(ok, { '附件3!I18': '无', '附件3!I20': '—' }),
      findings: [
        { cell: '附件3!I18', message: /新增规模以上工业企业 得分 3 低于分值 5/ },
        { cell: '附件3!I20', message: /工业固定资产投资同比增长 得分 0 低于分值 2（年度指标值 ≥1%，实际完成 -47.4%）/ },
      ],
    },
    {
      name: 'a qualitative row with a stored score below its weight and no reason',
      workbook: edit(ok, { '附件4!F20': '效果较显著', '附件4!H20': 4 }),
      findings: [{ cell: '附件4!I20', message: /增加就业机会，激发创新意识 得分 4 低于分值 5（年度指标值 效果显著，实际完成 效果较显著）/, related: ['附件4!H20'] }],
    },
    {
      name: 'a late timeliness row scored below its weight with no reason',
      workbook: edit(ok, { '附件4!F18': '2025 年 3 月 15 日完成', '附件4!H18': 16 }),
      findings: [{ cell: '附件4!I18', message: /完成及时性 得分 16 低于分值 20/ }],
    },
    {
      name: 'requireReasonAbove130: 2 家 against 1 家 with no reason',
      workbook: edit(ok, { '附件3!F19': '2 家' }),
      profile: above130,
      findings: [{ cell: '附件3!I19', message: /新增高新技术企业 实际完成 2 家 超过年度指标值 1 家 的 130%，未填写偏差原因分析/, related: ['附件3!E19', '附件3!F19'] }],
    },
    {
      name: 'requireReasonAbove130: exactly 130% counts',
      workbook: edit(ok, { '附件3!E19': '10 家', '附件3!F19': '13 家' }),
      profile: above130,
      findings: [{ cell: '附件3!I19', message: /超过年度指标值 10 家 的 130%/ }],
    },
  ],
});
