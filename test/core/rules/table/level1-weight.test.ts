import rule from '../../../../src/core/rules/table/level1-weight';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, nationalProjectTable, nationalWithPlaceholders, nationalOverweightWorkbook } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'issue class 1: placeholder rows in a 一级 change nothing', workbook: toSnapshot(workbook(sheet('Sheet1', nationalWithPlaceholders()))) },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'the 2020 national template (产出 50, 效益 30, 满意度 10)', workbook: toSnapshot(workbook(sheet('Sheet1', nationalProjectTable()))) },
    { name: 'full-width brackets and digits in the label: 产出指标（４０分）', workbook: edit(ok, { '附件3!B18': '产出指标（４０分）' }) },
    { name: 'weights moved between rows of one 一级 keep its sum', workbook: edit(ok, { '附件3!G18': 4, '附件3!G19': 4 }) },
    { name: 'a 一级 label without (N分) is not checked', workbook: edit(ok, { '附件3!B24': '效益指标', '附件3!G24': 9 }) },
  ],
  invalid: [
    {
      name: 'issue class 1: a …… row no longer switches the check off: 产出指标(70分) with 70 under it is fine, a 分值 changed is not',
      workbook: edit(toSnapshot(nationalOverweightWorkbook()), { 'Sheet1!G13': 25 }),
      findings: [{ cell: 'Sheet1!B13', message: /产出指标\(70分\) 标注 70 分，但其下 4 项指标分值合计 75，请核对/, expected: 75 }],
    },
    {
      name: 'RULES §4.13: a blank 分值 does not switch the check off: it runs on the weights that are there',
      workbook: edit(ok, { '附件4!G14': '' }),
      findings: [{ cell: '附件4!B13', message: /成本指标\(20分\) 标注 20 分，但其下 3 项指标分值合计 15（第 14 行缺少分值，未计入），请核对/, expected: 15 }],
    },
    {
      name: '产出指标(40分) over rows adding to 41',
      workbook: edit(ok, { '附件3!G19': 4 }),
      findings: [{ cell: '附件3!B18', message: /产出指标\(40分\) 标注 40 分，但其下 6 项指标分值合计 41/, related: ['附件3!G18', '附件3!G19', '附件3!G20', '附件3!G21', '附件3!G22', '附件3!G23'], expected: 41 }],
    },
    {
      name: 'the label is wrong, not the weights: 成本指标 (25分) over 10 + 5 + 5',
      workbook: edit(ok, { '附件4!B13': '成本指标 (25分)' }),
      findings: [{ cell: '附件4!B13', message: /成本指标\(25分\) 标注 25 分，但其下 3 项指标分值合计 20/, related: ['附件4!G13', '附件4!G14', '附件4!G15'], expected: 20 }],
    },
    {
      name: 'two 一级 groups off in one table',
      workbook: edit(ok, { '附件3!G28': 12, '附件3!G17': 18 }),
      findings: [
        { cell: '附件3!B28', message: /满意度指标\(10分\) 标注 10 分，但其下 1 项指标分值合计 12/, expected: 12 },
        { cell: '附件3!B17', message: /成本指标\(20分\) 标注 20 分，但其下 1 项指标分值合计 18/, expected: 18 },
      ],
    },
  ],
});
