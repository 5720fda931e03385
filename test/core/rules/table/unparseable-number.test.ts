import rule from '../../../../src/core/rules/table/unparseable-number';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';

import { toSnapshot, workbook, sheet, goalBlockProjectTable } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'issue class 6: each goal block’s own header row is no indicator (“得分” is no number)', workbook: toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))) },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    {
      name: 'numbers as text: full-width digits, thousands separators, units, signs, empty markers',
      workbook: edit(ok, {
        '附件2!B6': '３１３.９３', '附件2!C6': '219.78 万元', '附件2!E6': '267.59万元', '附件2!B4': '21人',
        '附件2!B20': '1,435.13', '附件2!C20': '-', '附件2!C21': '——', '附件2!C22': '无', '附件2!C10': '/',
        '附件3!E5': '377.89 万元', '附件3!G29': '１００', '附件4!H6': '+10',
      }),
    },
    { name: 'a breakdown with an empty amount (其他资金：) or a dash', workbook: edit(ok, { '附件3!B8': '政府性基金拨款：—' }) },
    { name: 'indicator targets and actuals are text, not number cells', workbook: edit(ok, { '附件3!E24': '效果明显，群众认可', '附件3!F17': '约 377.89 万元' }) },
  ],
  invalid: [
    {
      name: 'the seed’s 91.2591.25 (附件2 2.专项工作经费 2024 决算)',
      workbook: hongjiang('published'),
      findings: [{ cell: '附件2!E20', message: /2\.专项工作经费 2024 年决算数 “91\.2591\.25” 不是有效的数字/ }],
    },
    {
      name: 'two decimal points in a funds amount of the overall table',
      workbook: edit(ok, { '附件3!D5': '377.8.9' }),
      findings: [{ cell: '附件3!D5', message: /年度资金总额 全年预算数 “377\.8\.9” 不是有效的数字/ }],
    },
    {
      name: 'a full-width full stop for the decimal point in a 按支出性质分 amount',
      workbook: edit(ok, { '附件3!E8': '项目支出：110。3' }),
      findings: [{ cell: '附件3!E8', message: /项目支出 的金额 “110。3” 不是有效的数字/ }],
    },
    {
      name: 'an indicator 分值 and 得分, the 总分, 编制数 and a 其中 row, each unreadable',
      workbook: edit(ok, { '附件3!G19': '3分3', '附件4!H20': '五', '附件4!G24': '100 100', '附件2!B4': '二十一', '附件4!C7': '19.05.' }),
      findings: [
        { cell: '附件3!G19', message: /新增高新技术企业 分值 “3分3”/ },
        { cell: '附件4!H20', message: /增加就业机会，激发创新意识 得分 “五”/ },
        { cell: '附件4!G24', message: /总分 分值 “100 100”/ },
        { cell: '附件2!B4', message: /编制数 “二十一”/ },
        { cell: '附件4!C7', message: /当年财政拨款 年初预算数 “19\.05\.”/ },
      ],
    },
    {
      name: '控制率 and a 三公 amount written as a range',
      workbook: edit(ok, { '附件2!E4': '85%-86%', '附件2!C11': '1~2' }),
      findings: [{ cell: '附件2!E4', message: /控制率 “85%-86%”/ }, { cell: '附件2!C11', message: /“三公”经费 2024 年预算数 “1~2”/ }],
    },
  ],
});
