import rule from '../../../../src/core/rules/table/outline-sums';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, outlinedProjectTable, level2SubtotalProjectTable } from '../../../../scripts/workbooks';

// Flat outline on Sheet1: 一、产出指标 row 13 over 1、数量指标 14 (（1）15, （2）16), 2、质量指标 17 (18), 3、时效指标 19 (20);
// 二、效益指标 21 …; 分值 E, 得分 F.
const outlined = toSnapshot(workbook(sheet('Sheet1', outlinedProjectTable())));
// 二级 subtotals on 附件4: 数量指标 row 16 over rows 17–18, 质量指标 19 over 20, 时效指标 21 over 22; 分值 G, 得分 H.
const level2 = toSnapshot(workbook(sheet('附件4', level2SubtotalProjectTable())));

ruleTester(rule, {
  valid: [
    { name: 'a consistent numbered outline (一、 / 1、 / （1）)', workbook: outlined },
    { name: 'consistent 二级 subtotals over their 三级 rows', workbook: level2 },
    { name: 'a table with no outline', workbook: hongjiang('corrected') },
    { name: 'a child scored below its weight, with the subtotals following it', workbook: edit(outlined, { 'Sheet1!D15': '190 人次', 'Sheet1!F15': 9.5, 'Sheet1!F14': 19.5, 'Sheet1!F13': 49.5, 'Sheet1!G15': '原因' }) },
  ],
  invalid: [
    {
      name: 'a 一、 subtotal 分值 that is not the sum of its 1、 rows: both sides named',
      workbook: edit(outlined, { 'Sheet1!E13': 48 }),
      findings: [{ cell: 'Sheet1!E13', message: /一、产出指标 分值 48 与其下 1、数量指标 20 \+ 2、质量指标 15 \+ 3、时效指标 15 = 50 不一致，请核对/, related: ['Sheet1!E14', 'Sheet1!E17', 'Sheet1!E19'], expected: 50 }],
    },
    {
      name: 'a 1、 subtotal 得分 against its （1）（2） rows',
      workbook: edit(outlined, { 'Sheet1!F15': 9 }),
      findings: [{ cell: 'Sheet1!F14', message: /1、数量指标 得分 20 与其下 （1）培训人次 9 \+ （2）培训班次 10 = 19 不一致/, expected: 19 }],
    },
    {
      name: 'a blank subtotal over filled rows',
      workbook: edit(outlined, { 'Sheet1!E14': '' }),
      findings: [
        { cell: 'Sheet1!E14', message: /1、数量指标 分值为空，但其下 .* = 20$/ },
        { cell: 'Sheet1!E13', message: /一、产出指标 分值 50 与其下 1、数量指标 （空） \+ 2、质量指标 15 \+ 3、时效指标 15 = 30 不一致/ },
      ],
    },
    {
      name: 'a 二级 subtotal 得分 against its 三级 rows',
      workbook: edit(level2, { '附件4!H16': 18 }),
      findings: [{ cell: '附件4!H16', message: /数量指标 得分 18 与其下 项目工作完成率 10 \+ 服务企业数 10 = 20 不一致/ }],
    },
  ],
});
