import rule from '../../../../src/core/text/rules/text-expenses';
import { textRuleTester } from '../../../support/text-rule-tester';
import { hongjiang } from '../../../support/rule-tester';
import { toSnapshot, personnelSplitWorkbook } from '../../../../scripts/workbooks';
import { runTextRule } from '../../../support/text-rule-tester';

/** The seed's tables with a 基础数据表 that has a 人员经费 row (附件2 row 7: 预算 204.62, 决算 216.53). */
const PERSONNEL = toSnapshot(personnelSplitWorkbook());
const SEED_BASIC = '2024 年本部门基本支出预算 219.78 万元，（包括人员经费 204.62 万元，…；公用经费 15.16 万元，…）';

const SEED_23 = '2024 年基本支出总额 267.63 万元，基本支出全年预算数 267.63 万元，预算执行率为 100%。';
const SEED_32 = '2024 年项目支出决算 110.27 万元，其中：部门完成拨付给企业的奖励金、中小企业补助而发生的支出 91.25 万元，用于科技三项费产学研创新 19.05 万元。';

textRuleTester(rule, {
  valid: [
    { name: 'the corrected seed\'s sentences', text: ['（一）基本支出情况', '1. 预算情况', '2024 年本部门基本支出预算 219.78 万元，（包括人员经费 204.62 万元，…；公用经费 15.16 万元，…）', '（二）项目支出情况', '1. 预算情况', '2024 年年初预算数为 19.05 万元。', 'a、业务工作经费 19.05 万元，主要用于科技三项费产学研创新。', 'b、运行维护经费 0 万元。', '2. 决算情况', '2024 年项目支出决算 110.30 万元。'] },
    { name: '110.3 agrees with 110.30', text: ['项目支出决算110.3万元。'] },
    { name: '“三公”经费 and 公用经费, 预算 and 支出', text: ['“三公”经费预算1万元，支出1.44万元；公用经费支出51.06万元。'] },
    { name: 'a sum\'s parts named only by their use are not compared', text: ['（二）项目支出情况', '项目支出决算 110.30 万元，其中：发生的支出 91.25 万元。'] },
    { name: 'the tables disagree and the text agrees with one of them', text: ['基本支出决算267.59万元。'], workbook: hongjiang('published') },
    { name: '人员经费 has no table value', text: ['人员经费支出 999 万元。'] },
    { name: '人员经费 where the 基础数据表 has the row: the seed\'s 预算 sentence', text: ['（一）基本支出情况', '1. 预算情况', SEED_BASIC], workbook: PERSONNEL },
    { name: '人员经费 预算 and 支出 at the text\'s precision', text: ['人员经费预算 204.62 万元，支出 216.5 万元。'], workbook: PERSONNEL },
    { name: '人员经费 in 元', text: ['人员经费决算2,165,300元。'], workbook: PERSONNEL },
  ],
  invalid: [
    { name: 'the seed ¶23: 267.63 against 附件3 267.59 and 附件2 255.51', text: ['（一）基本支出情况', '2. 决算情况', SEED_23], workbook: hongjiang('published'),
      findings: [{ paragraph: 3, cells: ['附件2!E6', '附件3!E7'], message: /基本支出决算 267\.63 万元 与 附件2!E6 一、部门基本支出 决算 255\.51、附件3!E7 基本支出 267\.59 不一致，请核对/ }] },
    { name: 'the seed ¶32: 110.27 against 110.26 and 110.3', text: ['（二）项目支出情况', '2. 决算情况', SEED_32], workbook: hongjiang('published'),
      findings: [{ paragraph: 3, cells: ['附件2!E17', '附件3!E8'], message: /项目支出决算 110\.27 万元 与 附件2!E17 二、部门项目支出 决算 110\.26、附件3!E8 项目支出 110\.3 不一致/ }] },
    { name: '年初预算数 under 项目支出 is the 项目支出 budget', text: ['（二）项目支出情况', '2024 年年初预算数为 19.5 万元。'], findings: [{ paragraph: 2, cells: ['附件2!C17'] }] },
    { name: 'a named project row of the basic-data table', text: ['2. 决算情况', '用于科技三项费产学研创新 19.5 万元。'], findings: [{ paragraph: 2, cells: ['附件2!E19'] }] },
    { name: 'in 元', text: ['基本支出决算2,675,000元。'], findings: [{ paragraph: 1, cells: ['附件2!E6', '附件3!E7'] }] },
    { name: '人员经费 预算 in the seed\'s sentence, against the row', text: ['（一）基本支出情况', '1. 预算情况', SEED_BASIC.replace('204.62', '240.62')], workbook: PERSONNEL,
      findings: [{ paragraph: 3, cells: ['附件2!C7'], message: /人员经费预算 240\.62 万元 与 附件2!C7 其中：人员经费 预算 204\.62 不一致，请核对/ }] },
    { name: '人员经费 决算', text: ['人员经费决算 216.35 万元。'], workbook: PERSONNEL, findings: [{ paragraph: 1, cells: ['附件2!E7'] }] },
    { name: '人员经费 in 元', text: ['人员经费支出2,163,500元。'], workbook: PERSONNEL, findings: [{ paragraph: 1, cells: ['附件2!E7'], message: /216\.53/ }] },
  ],
});

describe('人员经费: compared only where the 基础数据表 has the row', () => {
  const text = ['人员经费决算 216.53 万元。'];
  test('with the row, the figure is compared (counted as checked)', () => {
    expect(runTextRule(rule, text, PERSONNEL).summary).toMatchObject({ figures: 1, checked: 1, findings: 0 });
  });
  test('without it (the Hunan template), the figure is not compared and never a finding', () => {
    expect(runTextRule(rule, text).summary).toMatchObject({ figures: 1, checked: 0, findings: 0 });
    expect(runTextRule(rule, ['人员经费决算 999 万元。']).findings).toEqual([]);
  });
});
