import rule from '../../../../src/core/rules/table/qualitative-score';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, deadlineProjectTable } from '../../../../scripts/workbooks';

/** Issue 17 class 4: 时效指标 rows 18–21 of 附件4 with deadlines 7月, 9月前, 年底前, 12月底 (分值 5, 得分 H). */
const deadlines = toSnapshot(workbook(sheet('附件4', deadlineProjectTable())));

const ok = hongjiang('corrected');
const reason = '部分企业效益尚未显现，下一步加强跟踪服务';
/** 附件3 row 24 (经济效益情况, 分值 5) not fully met: actual differs from 效果明显. */
const partly = (score: number | string | { formula: string; value: number }) => edit(ok, { '附件3!F24': '效果较明显', '附件3!H24': score, '附件3!I24': reason });
const level = (l: '达成' | '部分达成' | '未达成') => ({ achievementLevels: { '附件3!H24': l } });

ruleTester(rule, {
  valid: [
    { name: 'issue 17 class 4: deadlines met as dates (6月 ≤ 7月, 8月底 ≤ 9月前, 12月 ≤ 年底前, 2024年12月20日 ≤ 12月底)', workbook: deadlines },
    { name: 'issue 17 class 4: a late date below full marks with its reason', workbook: edit(deadlines, { '附件4!F19': '10月', '附件4!H19': 3, '附件4!I19': '资金到位较晚' }) },
    { name: 'an empty actual is a missing input (missing-input), not an actual that differs', workbook: edit(ok, { '附件3!F24': '' }) },
    { name: 'issue class 9: an actual written 完成 states completion', workbook: edit(ok, { '附件3!F24': '完成' }) },
    { name: 'issue class 9: an actual written 达成预期指标 states completion', workbook: edit(ok, { '附件3!F25': '达成预期指标' }) },
    { name: 'issue class 9: a timeliness actual written 已完成', workbook: edit(ok, { '附件4!F18': '已完成' }) },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'actual equal to target up to spaces and width (效果 明显)', workbook: edit(ok, { '附件3!F24': '效果 明显 。' }) },
    { name: 'timeliness: finished earlier than the target date, full marks', workbook: edit(ok, { '附件4!F18': '2024 年 11 月 30 日前完成' }) },
    { name: 'timeliness: finished on the target date, written as an ISO date', workbook: edit(ok, { '附件4!F18': '2024-12-31' }) },
    { name: 'a lower score with a reason is only an info note', workbook: partly(4) },
    { name: 'a lower score without a reason is deviation-reason’s to report', workbook: edit(ok, { '附件3!F24': '效果较明显', '附件3!H24': 4 }) },
    { name: '部分达成: 3 is the bottom of [3, 4)', workbook: partly(3), profile: level('部分达成') },
    { name: '达成: 4 is in [4, 5]', workbook: partly(4), profile: level('达成') },
    { name: '部分达成: a formula score of 2.9999999999999996 is 3 after rounding', workbook: partly({ formula: '=G24*0.6', value: 2.9999999999999996 }), profile: level('部分达成') },
    { name: '达成 picked: full marks is no longer a warning', workbook: partly(5), profile: level('达成') },
    { name: '未达成: 2.99 is in [0, 3)', workbook: partly(2.99), profile: level('未达成') },
    { name: 'bands 80/50: 部分达成 2.5 is in [2.5, 4)', workbook: partly(2.5), profile: { ...level('部分达成'), qualitativeBands: { achieved: 0.8, partial: 0.5 } } },
  ],
  invalid: [
    {
      name: 'issue 17 class 4: on time (8月 before 9月前) but below full marks',
      workbook: edit(deadlines, { '附件4!F19': '8月', '附件4!H19': 3 }),
      findings: [{ cell: '附件4!H19', severity: 'error', message: /资金拨付时间 按时完成，应得满分 5/, expected: 5 }],
    },
    {
      name: 'issue 17 class 4: late (2025年1月 after 年底前) with full marks',
      workbook: edit(deadlines, { '附件4!F20': '2025年1月' }),
      findings: [{ cell: '附件4!H20', message: /项目验收时间 实际完成“2025年1月”与年度指标值“年底前”不一致，却得满分 5/ }],
    },
    {
      name: 'a negated completion word (未完成) is no completion: full marks is a warning',
      workbook: edit(ok, { '附件3!F24': '未完成' }),
      findings: [{ cell: '附件3!H24', severity: 'warning', message: /实际完成“未完成”与年度指标值“效果明显”不一致，却得满分 5/ }],
    },
    {
      name: 'full marks on a qualitative indicator whose actual differs from its target',
      workbook: edit(ok, { '附件3!F25': '效果一般' }),
      findings: [{ cell: '附件3!H25', severity: 'warning', message: /增加就业机会,激发创新意识 实际完成“效果一般”与年度指标值“效果明显”不一致，却得满分 5，请复核/, related: ['附件3!E25', '附件3!F25'] }],
    },
    {
      name: 'a lower score with its reason: an info note, no rescoring',
      workbook: partly(4),
      findings: [{ cell: '附件3!H24', severity: 'info', message: /经济效益情况 未完全达成，得分 4\/5/, expected: null }],
    },
    {
      name: 'actual equal to target but less than full marks',
      workbook: edit(ok, { '附件4!H21': 4 }),
      findings: [{ cell: '附件4!H21', severity: 'warning', message: /生态效益情况 实际完成值与年度指标值一致，应得满分 5，表中得分 4/, expected: 5 }],
    },
    {
      name: 'achievement level 部分达成 picked in the profile: full marks is outside [3, 4)',
      workbook: partly(5),
      profile: level('部分达成'),
      findings: [{ cell: '附件3!H24', severity: 'error', message: /经济效益情况 达成等级为“部分达成”，得分应不低于 3 分且低于 4 分，表中得分 5/ }],
    },
    {
      name: '部分达成: 4 is the top of the band, excluded',
      workbook: partly(4),
      profile: level('部分达成'),
      findings: [{ cell: '附件3!H24', severity: 'error', message: /不低于 3 分且低于 4 分/ }],
    },
    {
      name: '达成: 3.99 is below [4, 5]',
      workbook: partly(3.99),
      profile: level('达成'),
      findings: [{ cell: '附件3!H24', severity: 'error', message: /达成等级为“达成”，得分应不低于 4 分且不高于 5 分，表中得分 3\.99/ }],
    },
    {
      name: '未达成: 3 is not below 60%',
      workbook: partly(3),
      profile: level('未达成'),
      findings: [{ cell: '附件3!H24', severity: 'error', message: /得分应低于 3 分/ }],
    },
    {
      name: 'bands 80/50: 部分达成 2.4 is below [2.5, 4)',
      workbook: partly(2.4),
      profile: { ...level('部分达成'), qualitativeBands: { achieved: 0.8, partial: 0.5 } },
      findings: [{ cell: '附件3!H24', severity: 'error', message: /不低于 2\.5 分且低于 4 分/ }],
    },
    {
      name: 'timeliness on time must be full marks',
      workbook: edit(ok, { '附件4!H18': 18 }),
      findings: [{ cell: '附件4!H18', severity: 'error', message: /完成及时性 按时完成，应得满分 20，表中得分 18/, related: ['附件4!E18', '附件4!F18'], expected: 20 }],
    },
    {
      name: 'timeliness finished early but not scored in full',
      workbook: edit(ok, { '附件4!F18': '2024 年 10 月完成', '附件4!H18': 15, '附件4!I18': reason }),
      findings: [{ cell: '附件4!H18', severity: 'error', message: /按时完成，应得满分 20/, expected: 20 }],
    },
    {
      name: 'timeliness late, full marks: judged like a qualitative indicator (warning)',
      workbook: edit(ok, { '附件4!F18': '2025 年 3 月 15 日完成' }),
      findings: [{ cell: '附件4!H18', severity: 'warning', message: /完成及时性 实际完成“2025 年 3 月 15 日完成”与年度指标值“2024 年 12 月 31 日前完成”不一致，却得满分 20/ }],
    },
    {
      name: 'timeliness late, lower score with a reason: an info note',
      workbook: edit(ok, { '附件4!F18': '2025 年 1 月 10 日完成', '附件4!H18': 16, '附件4!I18': '年底资金到位较晚，延期 10 天完成' }),
      findings: [{ cell: '附件4!H18', severity: 'info', message: /完成及时性 未完全达成，得分 16\/20/ }],
    },
  ],
});
