import rule from '../../../../src/core/text/rules/text-funds';
import { textRuleTester } from '../../../support/text-rule-tester';
import { hongjiang } from '../../../support/rule-tester';

textRuleTester(rule, {
  valid: [
    { name: 'the summary\'s sentence', text: ['2024年度，部门整体支出年初预算数238.83万元，全年预算数377.89万元，全年执行数377.89万元，预算执行率100%。'] },
    { name: 'in 元 with thousands separators, 达 and ％', text: ['全年部门整体支出年初预算数2,388,300元，全年执行数3,778,900元，预算执行率达１００％。'] },
    { name: 'precision of the text: 377.9 万元 and 100.0%', text: ['全年执行数377.9万元，预算执行率100.0%。'] },
    { name: 'a project named by the sentence', text: ['科技三项费产学研创新项目年初预算数19.05万元，全年执行数19.05万元。'] },
    { name: 'a miscalculated 执行率 (95%): text stating the recomputed 100% is right', text: ['预算执行率为100%。'], workbook: hongjiang('miscalculated') },
    { name: 'differences are not table values', text: ['全年执行数较年初预算数增加139.06万元。'] },
  ],
  invalid: [
    { name: '年初预算数 in 元', text: ['年初预算数2,388,000元。'], findings: [{ paragraph: 1, cells: ['附件3!C5'], message: /年初预算数 2,388,000元 与 附件3!C5 年度资金总额 年初预算数 238\.83 不一致/ }] },
    { name: '全年预算数 and 执行率', text: ['全年预算数377.98万元，预算执行率99.5%。'], findings: [{ paragraph: 1, cells: ['附件3!D5'] }, { paragraph: 1, cells: ['附件3!G5'] }] },
    { name: '377.8 at one decimal is no 377.89', text: ['全年执行数377.8万元。'], findings: [{ paragraph: 1, cells: ['附件3!E5'] }] },
  ],
});
