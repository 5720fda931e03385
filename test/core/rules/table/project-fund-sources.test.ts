import rule from '../../../../src/core/rules/table/project-fund-sources';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, nationalProjectTable } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');

ruleTester(rule, {
  valid: [
    { name: 'the Hunan habit: 其中 filled in 年初预算数 only (no note for the other columns)', workbook: ok },
    { name: 'the corrected Hongjiang workbook (only 年初预算数 is split)', workbook: ok },
    { name: 'the national template with every 其中 column filled and — in the others', workbook: toSnapshot(workbook(sheet('Sheet1', nationalProjectTable()))) },
    { name: '当年财政拨款 + 上年结转资金 = 15.15 + 3.9 = 19.05', workbook: edit(ok, { '附件4!C7': 15.15, '附件4!C8': 3.9 }) },
    { name: 'three sources, 19.050 as text', workbook: edit(ok, { '附件4!E7': '10.01', '附件4!E8': 9, '附件4!E9': 0.04, '附件4!E6': '19.050' }) },
    { name: 'a column whose 其中 rows are all empty or dashes is not checked', workbook: edit(ok, { '附件4!D7': '-', '附件4!D8': '/', '附件4!D6': 25 }) },
    { name: 'an unparseable 其中 row is left to unparseable-number', workbook: edit(ok, { '附件4!C7': '19.0.5' }) },
  ],
  invalid: [
    {
      name: '当年财政拨款 differs from 年度资金总额',
      workbook: edit(ok, { '附件4!C7': 19 }),
      findings: [{ cell: '附件4!C6', message: /附件4!C6 年度资金总额 年初预算数 19\.05，但其中 当年财政拨款 19 = 19\.00/, related: ['附件4!C7', '附件4!C8', '附件4!C9'], expected: 19 }],
    },
    {
      name: 'sources filled in the 全年执行数 column add to more than the total',
      workbook: edit(ok, { '附件4!E7': 19.05, '附件4!E8': 1 }),
      findings: [{ cell: '附件4!E6', message: /全年执行数 19\.05，但其中 当年财政拨款 19\.05 \+ 上年结转资金 1 = 20\.05/, expected: 20.05 }, { cell: '附件4!D6', severity: 'info', message: /的其中各行未填写，该列未核对/ }],
    },
    {
      name: 'only 上年结转资金 filled in 全年预算数',
      workbook: edit(ok, { '附件4!D8': 5 }),
      findings: [{ cell: '附件4!D6', message: /全年预算数 19\.05，但其中 上年结转资金 5 = 5\.00/, related: ['附件4!D8'], expected: 5 }, { cell: '附件4!E6', severity: 'info', message: /的其中各行未填写，该列未核对/ }],
    },
    {
      name: 'a blank 年度资金总额 over filled 其中 rows is an error (blank is not 0)',
      workbook: edit(toSnapshot(workbook(sheet('Sheet1', nationalProjectTable()))), { 'Sheet1!C6': '' }),
      findings: [{ cell: 'Sheet1!C6', severity: 'error', message: /Sheet1!C6 年度资金总额 年初预算数为空，但其中各行合计 50\.00/, related: ['Sheet1!C7'], expected: 50 }],
    },
    {
      name: 'RULES §4.14: the 其中 rows filled in every column but one: that one is noted as unchecked',
      workbook: edit(toSnapshot(workbook(sheet('Sheet1', nationalProjectTable()))), { 'Sheet1!D7': '' }),
      findings: [{ cell: 'Sheet1!D6', severity: 'info', message: /Sheet1!D6 年度资金总额 全年预算数的其中各行未填写，该列未核对资金来源之和/ }],
    },
    {
      name: 'no 其中 row filled in any column: one info',
      workbook: edit(ok, { '附件4!C7': '' }),
      findings: [{ cell: '附件4!D6', severity: 'info', message: /的其中各行（当年财政拨款、上年结转资金、其他资金）均未填写，未核对资金来源之和/ }],
    },
  ],
});
