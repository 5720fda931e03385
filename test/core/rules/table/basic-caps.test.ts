import rule from '../../../../src/core/rules/table/basic-caps';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';

import { toSnapshot, workbook, sheet, hunan2018BasicData } from '../../../../scripts/workbooks';

const ok = hongjiang('corrected');
const hunan2018 = toSnapshot(workbook(sheet('附件1', hunan2018BasicData())));

ruleTester(rule, {
  valid: [
    { name: 'issue class 3: the 公用经费 tree after the project block (2018/2023 Hunan order)', workbook: hunan2018 },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: '办公 + 水电差旅 + 会议培训 exactly equal to 公用经费', workbook: edit(ok, { '附件2!E7': 11.44 }) },
    { name: '公用经费 equal to 部门基本支出', workbook: edit(ok, { '附件2!E7': 267.59 }) },
    { name: 'parts whose binary sum exceeds 公用经费 by a rounding hair (0.1 + 0.2 vs 0.3)', workbook: edit(ok, { '附件2!C7': 0.3, '附件2!C8': 0.1, '附件2!C9': 0.2 }) },
    { name: 'a part left empty beside filled ones counts as 0 (an info only)', workbook: edit(ok, { '附件2!E8': '' }) },
  ],
  invalid: [
    {
      name: 'issue class 3: the 公用经费 caps are kept when the tree follows the project block',
      workbook: edit(hunan2018, { '附件1!E21': 30 }),
      findings: [{ cell: '附件1!E20', message: /公用经费 2018 年决算数 36\.5 小于其中 其中：办公经费 \+ 水费、电费、差旅费 \+ 会议费、培训费 之和 39\.20/, related: ['附件1!E21', '附件1!E22', '附件1!E23'], expected: 39.2 }],
    },
    {
      name: 'a part left empty counts as 0: the others still exceed 公用经费 (RULES §4.5)',
      workbook: edit(ok, { '附件2!E8': '', '附件2!E9': 100 }),
      findings: [{ cell: '附件2!E7', severity: 'warning', message: /51\.06 小于其中 .* 之和 100\.00/, expected: 100 }],
    },
    {
      name: 'a part left empty beside filled ones: info that it counts as 0',
      workbook: edit(ok, { '附件2!E8': '' }),
      findings: [{ cell: '附件2!E7', severity: 'info', message: /附件2!E8 其中：办公经费 为空，按 0 计/ }],
    },
    {
      name: '公用经费 blank over filled parts: the cap cannot be checked (info, RULES §4.14)',
      workbook: edit(ok, { '附件2!E7': '' }),
      findings: [{ cell: '附件2!E7', severity: 'info', message: /为空，无法核对其明细/ }],
    },
    {
      name: 'the parts exceed 公用经费 (warning)',
      workbook: edit(ok, { '附件2!E8': 50 }),
      findings: [{ cell: '附件2!E7', severity: 'warning', message: /附件2!E7 其中：公用经费 2024 年决算数 51\.06 小于其中 其中：办公经费 \+ 水费、电费、差旅费 \+ 会议费、培训费 之和 57\.49/, related: ['附件2!E8', '附件2!E9', '附件2!E10'], expected: 57.49 }],
    },
    {
      name: 'the parts exceed 公用经费 by 0.01',
      workbook: edit(ok, { '附件2!B7': 16.08 }),
      findings: [{ cell: '附件2!B7', severity: 'warning', message: /2023 年决算数 16\.08 小于其中 .* 之和 16\.09/, expected: 16.09 }],
    },
    {
      name: '公用经费 above 部门基本支出 (warning)',
      workbook: edit(ok, { '附件2!C7': 220 }),
      findings: [{ cell: '附件2!C7', severity: 'warning', message: /附件2!C7 其中：公用经费 2024 年预算数 220 超过 附件2!C6 一、部门基本支出 219\.78/, related: ['附件2!C6'], expected: 219.78 }],
    },
  ],
});
