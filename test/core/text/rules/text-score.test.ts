import rule from '../../../../src/core/text/rules/text-score';
import { textRuleTester } from '../../../support/text-rule-tester';
import { hongjiang, edit } from '../../../support/rule-tester';

textRuleTester(rule, {
  valid: [
    { name: 'the corrected seed: 自评得分 96 分', text: ['部门整体支出绩效情况较好，基本能够达到预期效果，自评得分 96 分。'] },
    { name: 'full-width digits, 总分为, grade', text: ['经自评，部门整体支出绩效自评总分为９６分，评价等级为“优”。'] },
    { name: '96.0 分 at the text\'s precision', text: ['自评得分96.0分。'] },
    { name: 'the project table\'s score when the sentence names the project', text: ['科技三项费产学研创新项目支出绩效自评得分 100 分，等级为优。'] },
    { name: 'a miscalculated 总分 (98): text stating the recomputed 96 is right (the table finding says the cell is wrong)', text: ['自评得分 96 分。'], workbook: hongjiang('miscalculated') },
    { name: 'a 总分 edited to 94: text stating the recomputed 96 is right', text: ['自评得分 96 分。'], workbook: edit(hongjiang('corrected'), { '附件3!H29': 94 }) },
    { name: 'a weight is no score', text: ['产出指标分值 40 分，满分 100 分。'] },
  ],
  invalid: [
    { name: 'the seed: 自评得分 95 分 where 总分 is 96', text: ['部门整体支出绩效情况较好，基本能够达到预期效果，自评得分 95 分。'],
      findings: [{ paragraph: 1, cells: ['附件3!H29'], message: /第 1 段：自评得分 95 分 与 附件3!H29 总分 得分 96 不一致，请核对/ }] },
    { name: 'the grade of 96 is 优', text: ['引言。', '自评得分 96 分，评价等级为“良”。'],
      findings: [{ paragraph: 2, cells: ['附件3!H29'], message: /评价等级“良”与 附件3!H29 总分 96 对应的等级“优”不一致/ }] },
    { name: 'a project\'s score', text: ['科技三项费产学研创新（含无委办经费）项目自评得分 90 分。'],
      findings: [{ paragraph: 1, cells: ['附件4!H24'], message: /自评得分 90 分 与 附件4!H24 总分 得分 100 不一致/ }] },
    { name: 'a wrong 总分 in the table and a third figure in the text: both table figures named', text: ['自评得分 97 分。'], workbook: edit(hongjiang('corrected'), { '附件3!H29': 94 }),
      findings: [{ paragraph: 1, cells: ['附件3!H29'], message: /自评得分 97 分 与 附件3!H29 总分 得分 94（按表中数据重算为 96） 不一致/ }] },
  ],
});
