import rule from '../../../../src/core/text/rules/text-sum';
import { textRuleTester } from '../../../support/text-rule-tester';

textRuleTester(rule, {
  valid: [
    { name: 'the corrected seed ¶32', text: ['2024 年项目支出决算 110.30 万元，其中：部门完成拨付给企业的奖励金、中小企业补助而发生的支出 91.25 万元，用于科技三项费产学研创新 19.05 万元。'] },
    { name: '编制数 21 = 9 + 1 + 11', text: ['编制数 21 个，其中：行政编制 9 个，行政后勤编 1 个，事业编制 11 个。'] },
    { name: '其中 in the next sentence', text: ['账面反映固定资产原值 48.46 万元。其中：一般设备 48.46 万元，专用设备 0 万元，其他固定资产 0 万元。'] },
    { name: '包括 in parentheses, in 元 and 万元', text: ['基本支出预算 219.78 万元（包括人员经费 2,046,200 元，公用经费 15.16 万元）。'] },
    { name: 'a list of the main items only (well below the total)', text: ['公用经费 51.06 万元，其中办公经费 3.95 万元、差旅费 7.49 万元。'] },
    { name: 'one part is no sum', text: ['基本支出 255.51 万元，其中公用经费 51.06 万元。'] },
  ],
  invalid: [
    { name: 'the seed ¶32: 91.25 + 19.05 = 110.30 ≠ 110.27', text: ['2024 年项目支出决算 110.27 万元，其中：部门完成拨付给企业的奖励金、中小企业补助而发生的支出 91.25 万元，用于科技三项费产学研创新 19.05 万元。'],
      findings: [{ paragraph: 1, cells: [], message: /合计 110\.27 万元，但其中所列 91\.25 \+ 19\.05 = 110\.30 万元，请核对/ }] },
    { name: 'parts above their total', text: ['编制数 21 个，其中行政编制 12 个、事业编制 11 个。'], findings: [{ paragraph: 1, cells: [], message: /12 \+ 11 = 23 个/ }] },
  ],
});
