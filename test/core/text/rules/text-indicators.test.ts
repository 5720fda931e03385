import rule from '../../../../src/core/text/rules/text-indicators';
import { textRuleTester } from '../../../support/text-rule-tester';
import { hongjiang } from '../../../support/rule-tester';

const TARGETS = ['(一) 年度绩效目标', '1、产出数量：目标 1：规模工业总产值同比增长 8%，新增规模以上工业企业 5 家；', '目标 3：工业固定资产投资同比增长 1%，工业技术改造投资同比增长 12%。', '3. 产出时效：各项工作及时完成率 100%', '5. 满意度：满意度达到 90% 以上。'];
const ACTUALS = ['（二）目标完成情况', '1、产出数量：目标 1：规模工业总产值同比增长 8%，新增规模以上工业企业 3 家；', '目标 2：高新技术产业产值同比增长 18.4%，新增高新技术企业 1 家；'];

textRuleTester(rule, {
  valid: [
    { name: 'the seed\'s targets and actuals', text: [...TARGETS, ...ACTUALS, '目标 3：工业固定资产投资同比增长 -47.4%，工业技术改造投资同比下降 47.4%。'] },
    { name: '下降 47.4% is −47.4%, 只完成了1家', text: ['七、存在的问题及原因分析', '（二）2024年底新增企业数没有实现预期增长，工业投资同比下降47.4%，新增新技术企业只完成了1家。'] },
    { name: 'the summary\'s form: name（年度指标值 …，实际完成 …）', text: ['新增规模以上工业企业（年度指标值 5 家，实际完成 3 家）；工业固定资产投资同比增长（年度指标值 ≥1%，实际完成 -47.4%）。'] },
    { name: 'name, then a bare 实际完成', text: ['新增规模以上工业企业年度指标值5家，实际完成3家。'] },
  ],
  invalid: [
    { name: 'the seed ¶52: 增长 0 where the table says −47.4%', text: [...ACTUALS, '目标 3：工业固定资产投资同比增长 0，工业技术改造投资同比下降 47.4%。'], workbook: hongjiang('published'),
      findings: [{ paragraph: 4, cells: ['附件3!F20'], message: /工业固定资产投资同比增长 实际完成值 0 与 附件3!F20 工业固定资产投资同比增长 实际完成值 -47\.4% 不一致，请核对/ }] },
    { name: 'a target under the 目标 heading', text: ['(一) 年度绩效目标', '新增规模以上工业企业 6 家。'], findings: [{ paragraph: 2, cells: ['附件3!E18'] }] },
    { name: 'an actual under the 完成情况 heading', text: ['（二）目标完成情况', '新增规模以上工业企业 5 家。'], findings: [{ paragraph: 2, cells: ['附件3!F18'] }] },
    { name: 'a bare 实际完成 after the name', text: ['新增规模以上工业企业年度指标值5家，实际完成4家。'], findings: [{ paragraph: 1, cells: ['附件3!F18'] }] },
  ],
});
