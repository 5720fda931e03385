import { figuresOf, reportFigures, headingLevel } from '../../../src/core/text/figures';

const read = (s: string) => figuresOf(s, 1).map((f) => [f.text, f.value, f.decimals, f.unit, f.label]);

describe('figures of the text (RULES.md §8)', () => {
  it('units as people write them: 万元 and 元, % and ％, full-width digits, thousands separators, XX分', () => {
    expect(read('全年执行数３７７．８９万元，年初预算数2,388,300元，执行率１００％，自评得分96分，编制数21个。')).toEqual([
      ['３７７．８９万元', 377.89, 2, 'money', '全年执行数'],
      ['2,388,300元', 2388300, 0, 'money', '年初预算数'],
      ['１００％', 100, 0, 'percent', '执行率'],
      ['96分', 96, 0, 'score', '自评得分'],
      ['21个', 21, 0, 'count', '编制数'],
    ]);
  });
  it('达, 共计, 为, parentheses, lists, 其中 parts, a sign and 下降', () => {
    const f = figuresOf('a、项目支出共计110.30万元（其中：专项91.25万元、科技19.05万元），执行率达100%，增长-47.4%，投资同比下降47.4%。', 1);
    expect(f.map((x) => [x.label, x.part, x.decline, x.value])).toEqual([
      ['项目支出', false, false, 110.3], ['专项', true, false, 91.25], ['科技', true, false, 19.05],
      ['执行率', false, false, 100], ['增长', false, false, -47.4], ['投资同比下降', false, true, 47.4],
    ]);
    expect(f[1].outerLabel).toBe('项目支出共计110.30万元');
    expect(f[0].quote).toBe('a、项目支出共计110.30万元（其中：专项91.25万元、科技19.05万元），执行率达100%，增长-47.4%，投资同比下降47.4%。');
  });
  it('a full-width comma after a number is a clause break, not a thousands separator', () => {
    expect(read('全年执行数377，890元')).toEqual([['377', 377, 0, 'none', '全年执行数'], ['890元', 890, 0, 'money', '']]);
  });
  it('dates, ordinals, list numbers, attachment numbers and phone numbers are no figures', () => {
    expect(read('截至 2024 年 12 月 31 日止；目标 1：；附件 2；1、概况；2. 预算；①项目；填报日期：2025.4.30 联系电话：158****2934；第3季度')).toEqual([]);
  });
  it('operators around a figure', () => {
    expect(figuresOf('满意度达到 90% 以上，成本≤377.89万元', 1).map((f) => f.op)).toEqual(['>=', '<=']);
  });
  it('headings: 一、 （一） 1. that are short and hold no figure; the figures stand under them', () => {
    expect(['一、部门（单位）基本情况', '（一）基本支出情况', '(一) 年度绩效目标', '1. 预算情况', '1、产出数量：目标 1：新增 5 家', '2. 产出质量：高新技术完成认定率 100%'].map(headingLevel)).toEqual([1, 2, 2, 3, 0, 0]);
    const f = reportFigures(['二、一般公共预算支出情况', '（一）基本支出情况', '1. 预算情况', '基本支出预算 219.78 万元。', '（二）项目支出情况', '年初预算数为 19.05 万元。']);
    expect(f.map((x) => [x.paragraph, x.headings])).toEqual([[4, ['二、一般公共预算支出情况', '(一)基本支出情况', '1.预算情况']], [6, ['二、一般公共预算支出情况', '(二)项目支出情况']]]);
  });
});
