import rule from '../../../../src/core/rules/table/indicators-not-read';
import { ruleTester, hongjiang } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, projectTable, countySpecialFundTable, goalBlockProjectTable, hongjiangProjectIndicators } from '../../../../scripts/workbooks';

// Hunan project layout on 附件4: title A2, funds row 6, indicator header row 12 (A12 绩效指标), indicators 13–23, 总分 24.
const one = (b: ReturnType<typeof projectTable>) => toSnapshot(workbook(sheet('附件4', b)));
const placeholders = hongjiangProjectIndicators().map((i) => ({ ...i, target: '/', actual: '/', weight: '/', score: '/' }));

ruleTester(rule, {
  valid: [
    { name: 'the seed tables, corrected: indicators read, 总分 row present', workbook: hongjiang('corrected') },
    { name: 'goal blocks without a 分值 column', workbook: toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))) },
    { name: 'a table that does not score (no 总分 row needed)', workbook: toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable()))) },
  ],
  invalid: [
    {
      name: 'no indicator header is recognized (年度指标值 / 实际完成值 written as 目标 / 完成)',
      workbook: one(projectTable({ headers: { target: '目标', actual: '完成' } })),
      findings: [{ cell: '附件4!A2', message: /未找到绩效指标表头.*总分和评价等级不予计算/, related: ['附件4!H6'] }],
    },
    {
      name: 'a header but no indicator under it (every row a template placeholder)',
      workbook: one(projectTable({ indicators: placeholders, total: { weight: 10, score: 10 } })),
      findings: [{ cell: '附件4!A12', message: /绩效指标表头之下没有读到任何指标/, related: ['附件4!H6', '附件4!H24'] }],
    },
    {
      name: 'a header and no indicator row at all',
      workbook: one(projectTable({ indicators: [] })),
      findings: [{ cell: '附件4!A12', message: /没有读到任何指标/ }],
    },
    {
      name: 'indicators read but no 总分 row to compute from',
      workbook: one(projectTable({ total: false })),
      findings: [{ cell: '附件4!A12', message: /没有找到“总分”行（读到第 23 行为止）/, related: ['附件4!H23'] }],
    },
    {
      name: 'a table that does not score, with no indicator read: said so, without a word on scores',
      workbook: toSnapshot(workbook(sheet('Sheet1', countySpecialFundTable({ indicators: [] })))),
      findings: [{ cell: 'Sheet1!A11', message: /没有读到任何指标（.*），指标未核对，请检查表格$/ }],
    },
  ],
});
