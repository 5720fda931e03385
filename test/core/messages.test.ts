import { formatNumber } from '../../src/core/rules/rule';
import { analyze } from '../../src/core/engine';
import { hongjiang, edit } from '../support/rule-tester';

test('numbers in messages as their cells format them', () => {
  expect(formatNumber(0.86, '0.00%')).toBe('86.00%');
  expect(formatNumber(1, '0%')).toBe('100%');
  expect(formatNumber(110.3, '0.00')).toBe('110.30');
  expect(formatNumber(1234.5, '#,##0.00')).toBe('1,234.50');
  expect(formatNumber(110.3, 'General')).toBe('110.3');
  expect(formatNumber(110.3, null)).toBe('110.3');
  expect(formatNumber(45292, 'yyyy-mm-dd')).toBe('45292');
});

test('an amount formatted 0.00 is quoted as the sheet shows it', () => {
  const r = analyze(edit(hongjiang('published'), { '附件2!E6': [255.5, '0.00'] }));
  const f = r.findings.find((x) => x.rule === 'overall-expense-vs-basic' && x.cell === 'E7');
  expect(f?.message).toBe('附件3!E7 基本支出 267.59 与 附件2!E6 一、部门基本支出 决算 255.50 不一致，请核对');
  const mis = analyze(hongjiang('miscalculated')).findings.find((x) => x.sheet === '附件4' && x.cell === 'G6');
  expect(mis?.message).toMatch(/执行率为 95\.00%，应为 100\.00%/);
});
