import rule from '../../../../src/core/rules/table/years';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, nationalProjectTable, overallTable, hongjiangWorkbook } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'the national title with the year on the next line: 项目支出绩效自评表（2024 年度）', workbook: toSnapshot(workbook(...hongjiangWorkbook('corrected').sheets.slice(0, 2), sheet('附件4', nationalProjectTable()))) },
    { name: 'full-width digits in a title: ２０２４ 年度', workbook: edit(ok, { '附件3!A2': '２０２４ 年度部门（单位）整体支出绩效自评表' }) },
    { name: 'header years without spaces: 2023年决算数, 2024年预算数', workbook: edit(ok, { '附件2!B5': '2023年决算数', '附件2!C5': '2024年预算数' }) },
  ],
  invalid: [
    {
      name: 'a project table titled with another year',
      workbook: edit(ok, { '附件4!A2': '2023 年度项目支出绩效自评表' }),
      findings: [{ cell: '附件4!A2', message: /附件4!A2 标题年度 2023 与其他表的年度 2024 不一致/, expected: 2024 }],
    },
    {
      name: 'the overall table titled with another year',
      workbook: edit(ok, { '附件3!A2': '2025 年度部门（单位）整体支出绩效自评表' }),
      findings: [{ cell: '附件3!A2', message: /标题年度 2025 与其他表的年度 2024 不一致/, expected: 2024 }],
    },
    {
      name: 'the basic-data title is the odd one out: it is reported, not the two tables and four headers that agree',
      workbook: edit(ok, { '附件2!A2': '2023 年度部门（单位）整体支出绩效评价基础数据表' }),
      findings: [{ cell: '附件2!A2', message: /附件2!A2 标题年度 2023 与其他表的年度 2024 不一致/, expected: 2024 }],
    },
    {
      name: 'two tables that disagree: the basic-data table’s year wins the tie',
      workbook: toSnapshot(workbook(hongjiangWorkbook('corrected').sheets[0], sheet('附件3', overallTable({ year: 2023 })))),
      findings: [{ cell: '附件3!A2', message: /标题年度 2023 与其他表的年度 2024 不一致/, expected: 2024 }],
    },
    {
      name: 'the basic-data 上年决算数 header naming the wrong year',
      workbook: edit(ok, { '附件2!B5': '2022 年决算数' }),
      findings: [{ cell: '附件2!B5', message: /附件2!B5 列标题“2022 年决算数”的年度应为 2023（上年决算数）/, expected: 2023 }],
    },
    {
      name: 'the basic-data 本年决算数 and 预算数 headers naming last year',
      workbook: edit(ok, { '附件2!E5': '2023 年决算数', '附件2!C5': '2023 年预算数' }),
      findings: [
        { cell: '附件2!E5', message: /列标题“2023 年决算数”的年度应为 2024（本年决算数）/, expected: 2024 },
        { cell: '附件2!C5', message: /列标题“2023 年预算数”的年度应为 2024（本年预算数）/, expected: 2024 },
      ],
    },
    {
      name: 'the 实际在职人数 header naming last year',
      workbook: edit(ok, { '附件2!C3': '2023 年实际在职人数' }),
      findings: [{ cell: '附件2!C3', message: /列标题“2023 年实际在职人数”的年度应为 2024/, expected: 2024 }],
    },
  ],
});
