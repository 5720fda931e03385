import rule from '../../../../src/core/rules/table/indicator-units';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, deadlineProjectTable } from '../../../../scripts/workbooks';

/** Issue 17 class 4: 时效指标 rows 18–21 of 附件4 with deadlines 7月, 9月前, 年底前, 12月底. */
const deadlines = toSnapshot(workbook(sheet('附件4', deadlineProjectTable())));

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'issue 17 class 4: met deadlines (9月前 vs 8月底, 年底前 vs 12月) are dates, no unit mismatch', workbook: deadlines },
    { name: 'issue 17 class 4: a late month (10月 vs 9月前) is a late date, no unit mismatch', workbook: edit(deadlines, { '附件4!F19': '10月' }) },
    { name: 'same unit, with and without a space and in full width: ５家 vs 3 家', workbook: edit(ok, { '附件3!E18': '５家' }) },
    { name: 'a unit on one side only is compared (5 家 vs 3)', workbook: edit(ok, { '附件3!F18': '3' }) },
    { name: 'a percent target against a percent number cell', workbook: edit(ok, { '附件3!F28': [0.92, '0.00%'] }) },
    { name: 'amounts of money convert (RULES §2): 190500 元 vs ≤19.05 万元', workbook: edit(ok, { '附件4!F13': '190500 元' }) },
    { name: '万 = 万元 (RULES §2)', workbook: edit(ok, { '附件4!F13': '19.05 万' }) },
    { name: 'm = 米, ㎡ = 平方米', workbook: edit(ok, { '附件3!E18': '5 m', '附件3!F18': '3 米', '附件3!E19': '1 ㎡', '附件3!F19': '1 平方米' }) },
    { name: 'qualitative text is not a unit', workbook: edit(ok, { '附件3!F24': '效果较明显' }) },
  ],
  invalid: [
    {
      name: '家 vs 个',
      workbook: edit(ok, { '附件3!F18': '3 个' }),
      findings: [{ cell: '附件3!F18', message: /附件3!F18 新增规模以上工业企业 实际完成值“3 个”与年度指标值“5 家”单位不一致，未重新计分/, related: ['附件3!E18', '附件3!H18'] }],
    },
    {
      name: '万元 vs 家 still differ',
      workbook: edit(ok, { '附件4!F13': '19.05 家' }),
      findings: [{ cell: '附件4!F13', message: /项目成本 实际完成值“19\.05 家”与年度指标值“≤19\.05 万元”单位不一致/ }],
    },
    {
      name: 'a percent target against a count',
      workbook: edit(ok, { '附件3!F21': '100' }),
      findings: [{ cell: '附件3!F21', message: /资金使用合规率 实际完成值“100”与年度指标值“100%”单位不一致/ }],
    },
    {
      name: 'a count target against a percent number cell',
      workbook: edit(ok, { '附件3!F19': [1, '0%'] }),
      findings: [{ cell: '附件3!F19', message: /新增高新技术企业 实际完成值“100%”与年度指标值“1 家”单位不一致/ }],
    },
  ],
});
