import rule from '../../../../src/core/rules/table/derived-value';
import { ruleTester, hongjiang, edit } from '../../../support/rule-tester';
import { toSnapshot, workbook, sheet, projectTable, nationalOverweightWorkbook, goalBlockProjectTable, splitHeaderProjectTable } from '../../../../scripts/workbooks';

/** Issue 17 class 1: two-row header bands on Sheet1; indicators rows 13–18 (指标性质 D, 指标值 E, 度量单位 F, 实际完成值 G, 得分 I), 总分 I19. */
const split = toSnapshot(workbook(sheet('Sheet1', splitHeaderProjectTable())));

const ok = hongjiang('corrected');
/** 附件3 at 68.8% executed: funds 得分 6.88, 总分 92.88 uncapped, 79 under the 执行率 cap. */
const low = (total: number) => edit(ok, { '附件3!E5': 260, '附件3!G5': [0.688, '0.00%'], '附件3!H5': 6.88, '附件3!H29': total });

/** A project table with 全年预算数 81, 全年执行数 10: 执行率 12.35%, and 10 × 12.35% = 1.235 → 1.24 (1.23 from the unrounded rate). */
function lowRateProject(score: number, total: number) {
  return toSnapshot(workbook(sheet('附件4', projectTable({
    funds: { initial: 81, budget: 81, executed: 10, weight: 10, rate: { v: 0.1235, fmt: '0.00%' }, score },
    current: { initial: 81, budget: 81, executed: 10 },
    total: { weight: 100, score: total },
  }))));
}

ruleTester(rule, {
  valid: [
    { name: 'issue 17 class 1: a consistent table with two-row header bands and split targets', workbook: split },
    { name: 'issue class 9: a plain amount under a cost indicator is a cap (19.05 万元 spent of a planned 20 万)', workbook: edit(ok, { '附件4!E13': '20 万', '附件4!F13': '19.05 万元' }) },
    { name: 'issue class 9: 195.5 万元 spent of a planned 200 万 under 成本指标 meets the cap', workbook: edit(ok, { '附件4!E13': '200 万', '附件4!F13': '195.5 万元' }) },
    { name: 'issue class 9: 万 and 万元 are one unit (≤19.05 万 vs 19.05 万元)', workbook: edit(ok, { '附件4!E13': '≤19.05 万' }) },
    { name: 'goal blocks, funds weight only in the header: a right funds 得分 and 总分', workbook: toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))) },
    { name: 'the corrected Hongjiang workbook', workbook: ok },
    { name: 'the published workbook: its derived cells are right (only its inputs are wrong)', workbook: hongjiang('published') },
    { name: '控制率 stored unrounded: 0.857142 agrees with 18/21 = 85.71%', workbook: edit(ok, { '附件2!E4': [0.857142, '0.00%'] }) },
    { name: '控制率 as text 85.71%', workbook: edit(ok, { '附件2!E4': '85.71%' }) },
    { name: '执行率 as text 100% and 得分 as text 10.00', workbook: edit(ok, { '附件3!G5': '100%', '附件3!H5': '10.00' }) },
    { name: '总分 96.004 rounds to 96', workbook: edit(ok, { '附件3!H29': 96.004 }) },
    { name: 'a percent actual stored as a number formatted 0%: 90% meets ≥90%', workbook: edit(ok, { '附件3!F28': [0.9, '0%'] }) },
    { name: 'a formula whose cached result is right', workbook: edit(ok, { '附件3!H29': { formula: '=H5+SUM(H17:H28)', value: 96 } }) },
    { name: 'funds 得分 from the rounded 执行率: 10 × 12.35% = 1.24', workbook: lowRateProject(1.24, 91.24) },
    {
      name: '总分 from the recomputed funds 得分 (8.57), not 100',
      workbook: edit(hongjiang('corrected'), { '附件4!D6': 21, '附件4!E6': 18, '附件4!G6': [0.857142, '0.00%'], '附件4!H6': 8.57, '附件4!H24': 98.57 }),
    },
    { name: '68.8% executed, no cap by default: 总分 92.88', workbook: low(92.88) },
    { name: '68.8% executed, capTotalByExecutionRate: 总分 79', workbook: low(79), profile: { capTotalByExecutionRate: true } },
    { name: 'overshootDeduction off by default: 2 家 against 1 家 keeps full marks', workbook: edit(ok, { '附件3!F19': '2 家' }) },
    { name: 'overshootDeduction 0.2: 129% of the target is not 偏离', workbook: edit(ok, { '附件3!E19': '10 家', '附件3!F19': '12.9 家' }), profile: { overshootDeduction: 0.2 } },
    { name: 'overshootDeduction does not apply to a 反向 (≤) target', workbook: edit(ok, { '附件3!E17': '≤300 万元', '附件3!F17': '200 万元' }), profile: { overshootDeduction: 0.2 } },
    { name: 'reverseFormula ratio: ≤377.89 万元 with 450 → 377.89 / 450 × 20 = 16.8', workbook: edit(ok, { '附件3!F17': '450 万元', '附件3!H17': 16.8, '附件3!H29': 92.8 }), profile: { reverseFormula: 'ratio' } },
  ],
  invalid: [
    {
      name: 'overshootDeduction 0.2: 2 家 against a target of 1 家 (200%) is 偏离, scored 80% of the weight',
      workbook: edit(ok, { '附件3!F19': '2 家' }),
      profile: { overshootDeduction: 0.2 },
      findings: [
        { cell: '附件3!H19', message: /超出目标30%及以上视为偏离，扣减分值的20%/ },
        { cell: '附件3!H29' },
      ],
    },
    {
      name: 'issue 17 class 1: a split target (≥ | 95 | %) against an actual of 90 in the same unit',
      workbook: edit(split, { 'Sheet1!G17': 90 }),
      findings: [
        { cell: 'Sheet1!I17', message: /违法行为责停率 得分为 20，应为 18\.95/, expected: 18.95, related: ['Sheet1!E17', 'Sheet1!G17'] },
        { cell: 'Sheet1!I19', expected: 98.71 },
      ],
    },
    {
      name: 'issue 17 class 1: a cap split as ≦ | 19.05 | 万元, spent 20',
      workbook: edit(split, { 'Sheet1!G16': 20 }),
      findings: [{ cell: 'Sheet1!I16', expected: 9.5 }, { cell: 'Sheet1!I19', expected: 99.26 }],
    },
    {
      name: 'issue class 1: a …… row no longer stops the 总分 得分 recalculation (10 + 100 = 110)',
      workbook: toSnapshot(nationalOverweightWorkbook()),
      findings: [{ cell: 'Sheet1!H21', message: /Sheet1!H21 总分 得分为 100，应为 110/, expected: 110 }],
    },
    {
      name: 'issue class 5: funds weight only in the header (得分(20分*执行率)): the funds 得分 is checked',
      workbook: edit(toSnapshot(workbook(sheet('Sheet1', goalBlockProjectTable()))), { 'Sheet1!E5': 20 }),
      findings: [{ cell: 'Sheet1!E5', message: /Sheet1!E5 预算执行情况 得分为 20，应为 19（20 × 95\.00% = 19）/, related: ['Sheet1!D5', 'Sheet1!A4'], expected: 19 }],
    },
    {
      name: 'issue class 9: a cost amount below a plain cap of money is not rescored downward, one above it is',
      workbook: edit(ok, { '附件4!E13': '18 万', '附件4!F13': '19.05 万元' }),
      findings: [{ cell: '附件4!H13', message: /项目成本 得分为 10，应为 9\.42（年度指标值 ≤18，实际完成 19\.05/, expected: 9.42 }, { cell: '附件4!H24', message: /总分 得分为 100，应为 99\.42/ }],
    },
    {
      name: 'a blank derived cell is recalculated like a wrong one (执行率 blank)',
      workbook: edit(ok, { '附件4!G6': '' }),
      findings: [{ cell: '附件4!G6', message: /执行率为空，应为 100\.00%/, expected: 1 }],
    },
    {
      name: 'RULES §4.14: a 执行率 that cannot be recomputed (全年执行数 blank) is an info naming the cells',
      workbook: edit(ok, { '附件4!E6': '' }),
      findings: [
        { cell: '附件4!G6', severity: 'info', message: /执行率无法核对：附件4!E6 全年执行数为空/, related: ['附件4!E6'] },
        { cell: '附件4!H6', severity: 'info', message: /得分无法核对：附件4!E6 全年执行数为空/ },
      ],
    },
    {
      name: 'capTotalByExecutionRate: 总分 92.88 above the cap of 79 for 60% ≤ 执行率 < 70%',
      workbook: low(92.88),
      profile: { capTotalByExecutionRate: true },
      findings: [{ cell: '附件3!H29', message: /总分 得分为 92\.88，应为 79（.*= 79（执行率封顶 79））/, expected: 79 }],
    },
    {
      name: '执行率 95% for 377.89 / 377.89',
      workbook: edit(ok, { '附件3!G5': [0.95, '0.00%'] }),
      findings: [{ cell: '附件3!G5', message: /年度资金总额 执行率为 95\.00%，应为 100\.00%（377\.89 \/ 377\.89 = 100\.00%）/, related: ['附件3!E5', '附件3!D5'], expected: 1 }],
    },
    {
      name: 'funds 得分 9.5 (the 总分 uses the recomputed 10, so it stays right)',
      workbook: edit(ok, { '附件3!H5': 9.5 }),
      findings: [{ cell: '附件3!H5', message: /年度资金总额 得分为 9\.5，应为 10/, related: ['附件3!G5', '附件3!F5'], expected: 10 }],
    },
    {
      name: 'funds 得分 from the unrounded 执行率 (1.23) is wrong',
      workbook: lowRateProject(1.23, 91.24),
      findings: [{ cell: '附件4!H6', message: /得分为 1\.23，应为 1\.24（10 × 12\.35% = 1\.24）/, expected: 1.24 }],
    },
    {
      name: 'a quantitative indicator scored in full: 3 家 of 5 家 gives 3, not 5',
      workbook: edit(ok, { '附件3!H18': 5 }),
      findings: [{ cell: '附件3!H18', message: /新增规模以上工业企业 得分为 5，应为 3（年度指标值 ≥5，实际完成 3，分值 5 → 3）/, related: ['附件3!E18', '附件3!F18', '附件3!G18'], expected: 3 }],
    },
    {
      name: 'a reverse indicator over its cap: ≤377.89 万元 with 450 万元 → (1 − 72.11/377.89) × 20 = 16.18',
      workbook: edit(ok, { '附件3!F17': '450 万元', '附件3!H17': 20, '附件3!H29': 92.18 }),
      findings: [{ cell: '附件3!H17', message: /项目成本 得分为 20，应为 16\.18/, expected: 16.18 }],
    },
    {
      name: '总分 98 where the scores add to 96',
      workbook: edit(ok, { '附件3!H29': 98 }),
      findings: [{ cell: '附件3!H29', message: /总分 得分为 98，应为 96（10 \+ 20 \+ 3 \+ 3 \+ 0/, related: ['附件3!H5', '附件3!H18', '附件3!H28'], expected: 96 }],
    },
    {
      name: '控制率 90% for 18 / 21',
      workbook: edit(ok, { '附件2!E4': [0.9, '0.00%'] }),
      findings: [{ cell: '附件2!E4', message: /控制率为 90\.00%，应为 85\.71%（18 \/ 21 = 85\.71%）/, related: ['附件2!C4', '附件2!B4'], expected: 0.8571 }],
    },
    {
      name: '控制率 as text 85.7% does not round to 85.71%',
      workbook: edit(ok, { '附件2!E4': '85.7%' }),
      findings: [{ cell: '附件2!E4', message: /应为 85\.71%/, expected: 0.8571 }],
    },
    {
      name: 'an empty 执行率',
      workbook: edit(ok, { '附件4!G6': '' }),
      findings: [{ cell: '附件4!G6', message: /执行率为空，应为 100\.00%/, expected: 1 }],
    },
    {
      name: 'a formula cell with a wrong result is reported, naming the formula',
      workbook: edit(ok, { '附件3!H29': { formula: '=SUM(H17:H28)', value: 86 } }),
      findings: [{ cell: '附件3!H29', message: /公式 =SUM\(H17:H28\) 的结果有误/, expected: 96 }],
    },
    {
      name: 'a formula 执行率 with a wrong result',
      workbook: edit(ok, { '附件4!G6': { formula: '=E6/C6*0.95', value: 0.95 } }),
      findings: [{ cell: '附件4!G6', message: /为 .*应为 100\.00%.*公式/, expected: 1 }],
    },
    {
      name: 'the miscalculated workbook: every wrong derived cell',
      workbook: hongjiang('miscalculated'),
      findings: ['附件2!E4', '附件3!G5', '附件3!H5', '附件3!H18', '附件3!H29', '附件4!G6', '附件4!H6', '附件4!H24'].map((cell) => ({ cell })),
    },
  ],
});
