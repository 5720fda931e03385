import rule from '../../../../src/core/text/rules/text-staff';
import { textRuleTester } from '../../../support/text-rule-tester';

textRuleTester(rule, {
  valid: [
    { name: 'the seed ¶8: 编制数 21, its parts not in the tables', text: ['洪江区科技和工业信息化局编制数 21 个，其中：行政编制 9 个，行政后勤编 1 个，事业编制 11 个。'] },
    { name: 'full-width, 实际在职人数', text: ['本局编制数共计２１个，2024年实际在职人数18人。'] },
  ],
  invalid: [
    { name: '编制数 22', text: ['编制数 22 个。'], findings: [{ paragraph: 1, cells: ['附件2!B4'], message: /编制数 22 个 与 附件2!B4 编制数 21 不一致/ }] },
    { name: '实际在职人数 19', text: ['实际在职人数19人。'], findings: [{ paragraph: 1, cells: ['附件2!C4'] }] },
  ],
});
