import { readNumber, readTarget, parseNumberText, isEmptyMarker, isBlank, presence, dateValue, normalizeUnit, moneyFactor, statesCompletion } from '../../src/core/values';
import { rate, round2, rateAgrees, sum2, agree2, fmtPercent, mul2, ratioTimes2 } from '../../src/core/num';
import { quantitativeScore } from '../../src/core/evaluate';

describe('reading numbers (RULES.md §2)', () => {
  test.each([
    ['377.89 万元', 377.89, null],
    ['２１', 21, null],
    ['1,234.5', 1234.5, null],
    ['3 家', 3, '家'],
    ['18人', 18, '人'],
    ['85 公里', 85, '公里'],
    ['-47.4%', -0.474, null],
    ['95.71%', 0.9571, null],
    ['９５．７１％', 0.9571, null],
  ])('%s → %s', (text, value, unit) => {
    const r = parseNumberText(text);
    expect(r.kind).toBe('number');
    if (r.kind === 'number') {
      expect(r.value).toBeCloseTo(value, 10);
      if (unit) expect(r.unit).toBe(unit);
    }
  });

  test.each(['91.2591.25', '1.2.3', 'abc', '12 34', '约 5'])('%s is unparseable', (text) => {
    expect(readNumber(text).kind).toBe('unparseable');
  });

  test.each(['', '-', '—', '——', '/', '*', '无', null])('%s is empty', (v) => {
    expect(isEmptyMarker(v)).toBe(true);
    expect(readNumber(v).kind).toBe('empty');
  });

  test('a number cell formatted as percent is a rate', () => {
    expect(readNumber(0.9571, '0.00%')).toEqual({ kind: 'number', value: 0.9571, percent: true, unit: null });
    expect(readNumber(0.9571, 'General')).toMatchObject({ percent: false });
  });
});

describe('reading targets', () => {
  test.each([
    ['≥90%', '>=', 0.9, true],
    ['≧ 90%', '>=', 0.9, true],
    ['＞90%', '>=', 0.9, true],
    ['>=5 家', '>=', 5, false],
    ['不低于 5 家', '>=', 5, false],
    ['5 家以上', '>=', 5, false],
    ['≤377.89 万元', '<=', 377.89, false],
    ['≦10天', '<=', 10, false],
    ['不超过 10 万元', '<=', 10, false],
    ['10 万元以内', '<=', 10, false],
    ['=100%', '=', 1, true],
    ['等于 3 个', '=', 3, false],
    ['5 家', '>=', 5, false],
    ['0 起', '=', 0, false],
  ])('%s → %s %s', (text, op, value, percent) => {
    const t = readTarget(text);
    expect(t.kind).toBe('quantitative');
    if (t.kind === 'quantitative') {
      expect(t.op).toBe(op);
      expect(t.value).toBeCloseTo(value as number, 10);
      expect(t.percent).toBe(percent);
    }
  });

  test('dates and text', () => {
    expect(readTarget('2024 年 12 月 31 日前完成')).toMatchObject({ kind: 'date', date: { y: 2024, m: 12, d: 31 } });
    expect(readTarget('效果明显')).toEqual({ kind: 'qualitative', text: '效果明显' });
    expect(readTarget('')).toEqual({ kind: 'empty' });
  });
});

describe('arithmetic (RULES.md §3)', () => {
  test('half-up rounding without binary drift', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(-0.125)).toBe(-0.13);
  });
  test('rates: a percentage rounded to 2 decimals, as a fraction', () => {
    expect(rate(18, 21)).toBe(0.8571);
    expect(rate(377.89, 377.89)).toBe(1);
    expect(rate(5, 0)).toBe(0);
    expect(rateAgrees(0.857142857, 0.8571)).toBe(true);
    expect(rateAgrees(0.9, 0.8571)).toBe(false);
    expect(fmtPercent(1)).toBe('100.00%');
  });
  test('sums round after adding; amounts agree after rounding', () => {
    expect(sum2([19.05, 91.25])).toBe(110.3);
    expect(agree2(110.3, 110.30000001)).toBe(true);
    expect(agree2(110.26, 110.3)).toBe(false);
  });
  test('indicator scores', () => {
    expect(quantitativeScore('>=', 5, 3, 5, 'linear')).toBe(3);
    expect(quantitativeScore('>=', 0.01, -0.474, 2, 'linear')).toBe(0);
    expect(quantitativeScore('>=', 0.9, 0.9, 10, 'linear')).toBe(10);
    expect(quantitativeScore('<=', 100, 90, 10, 'linear')).toBe(10);
    expect(quantitativeScore('<=', 100, 150, 10, 'linear')).toBe(5);
    expect(quantitativeScore('<=', 100, 200, 10, 'linear')).toBe(0);
    expect(quantitativeScore('<=', 100, 125, 10, 'ratio')).toBe(8);
    expect(quantitativeScore('=', 0, 0, 10, 'linear')).toBe(10);
    expect(quantitativeScore('=', 0, 1, 10, 'linear')).toBe(0);
    expect(quantitativeScore('<=', 0, 0, 10, 'linear')).toBe(10);
    expect(quantitativeScore('>=', 3, 1, 10, 'linear')).toBe(3.33);
  });
});

describe('typing slips are not units', () => {
  test.each(['110.3O', '1OO', '12abc', '5 xx'])('%s is unparseable', (t) => expect(readNumber(t).kind).toBe('unparseable'));
  test.each([['85 km', 'km'], ['120 m²', 'm2'], ['3 kg', 'kg'], ['50 平方米', '平方米'], ['30 ㎡', 'm2']])('%s has unit %s', (t, u) => {
    expect(readNumber(t)).toMatchObject({ kind: 'number', unit: u });
  });
});

describe('the fast paths of rounding agree with decimal arithmetic', () => {
  test('sums and rounding on many amounts', () => {
    const D = require('decimal.js');
    let seed = 7;
    const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let i = 0; i < 2000; i++) {
      const xs = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => Math.round(rnd() * 1e7) / (rnd() < 0.7 ? 100 : 1000) * (rnd() < 0.1 ? -1 : 1));
      const want = xs.reduce((a: typeof D, x: number) => a.plus(x), new D(0)).toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber();
      expect(sum2(xs)).toBe(want);
      expect(round2(xs[0])).toBe(new D(xs[0]).toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber());
    }
  });
});

describe('the fast paths of rates and products agree with decimal arithmetic', () => {
  test('rates, products and ratios on many values', () => {
    const D = require('decimal.js');
    const r2 = (d: typeof D) => d.toDecimalPlaces(2, D.ROUND_HALF_UP).toNumber();
    let seed = 11;
    const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const amount = () => Math.round(rnd() * 1e6) / 100;
    for (let i = 0; i < 3000; i++) {
      const a = amount(), b = amount() || 1, w = [2, 3, 5, 10, 20][i % 5];
      expect(rate(a, b)).toBe(new D(r2(new D(a).div(b).times(100))).div(100).toNumber());
      expect(mul2(w, rate(a, b))).toBe(r2(new D(w).times(rate(a, b))));
      expect(ratioTimes2(a, b, w)).toBe(r2(new D(a).div(b).times(w)));
    }
    // Exact half cents go the exact way: 1.005 × 1, 0.125 × 10 / 1.
    expect(mul2(1.005, 1)).toBe(1.01);
    expect(ratioTimes2(0.125, 1, 10)).toBe(1.25);
    expect(mul2(10, 0.9995)).toBe(10);
  });
});

describe('units, money and completion words (RULES §2, §3)', () => {
  test('unit synonyms fold: 万 = 万元, m = 米, km = 公里, ㎡ = m2 = 平方米; 个 and 家 stay apart', () => {
    expect(normalizeUnit('万')).toBe(normalizeUnit('万元'));
    expect(normalizeUnit('m')).toBe(normalizeUnit('米'));
    expect(normalizeUnit('KM')).toBe(normalizeUnit('公里'));
    expect(normalizeUnit('㎡')).toBe(normalizeUnit('平方米'));
    expect(normalizeUnit('m2')).toBe(normalizeUnit('平方米'));
    expect(normalizeUnit('个')).not.toBe(normalizeUnit('家'));
    expect(normalizeUnit(null)).toBeNull();
  });
  test('amounts of money convert to 万元', () => {
    expect(moneyFactor('元')).toBe(1e-4);
    expect(moneyFactor('万')).toBe(1);
    expect(moneyFactor('亿元')).toBe(1e4);
    expect(moneyFactor('家')).toBeNull();
  });
  test('an actual that states completion', () => {
    for (const w of ['完成', '已完成', '全部完成', '达成', '达到', '达到预期', '达成预期指标', '实现', '是', '符合', ' 已完成。']) expect(statesCompletion(w)).toBe(true);
    for (const w of ['未完成', '部分完成', '基本完成', '否', '效果一般']) expect(statesCompletion(w)).toBe(false);
  });
});

describe('issue 17 class 4: deadlines and dates are dates, never quantities in 月', () => {
  test.each([
    ['7月', { y: null, m: 7, d: 31 }],
    ['9月前', { y: null, m: 9, d: 30 }],
    ['年底前', { y: null, m: 12, d: 31 }],
    ['年底前完成', { y: null, m: 12, d: 31 }],
    ['12月底', { y: null, m: 12, d: 31 }],
    ['2024年12月31日前完成', { y: 2024, m: 12, d: 31 }],
    ['2024 年底前', { y: 2024, m: 12, d: 31 }],
    ['10月15日前完成', { y: null, m: 10, d: 15 }],
    ['11月中旬', { y: null, m: 11, d: 20 }],
    ['已于10月完成', { y: null, m: 10, d: 31 }],
    ['第三季度末', { y: null, m: 9, d: 30 }],
    ['上半年', { y: null, m: 6, d: 30 }],
    ['2024-06-30', { y: 2024, m: 6, d: 30 }],
  ])('%s', (text, date) => {
    expect(readTarget(text)).toMatchObject({ kind: 'date', date });
  });
  test('a date cell (a serial under a date format) is a date; durations and month 13 are not dates', () => {
    expect(readTarget(45657, 'yyyy-mm-dd')).toMatchObject({ kind: 'date', date: { y: 2024, m: 12, d: 31 } });
    expect(readTarget(45657, 'General')).toMatchObject({ kind: 'quantitative' });
    expect(readTarget('≤3个月')).toMatchObject({ kind: 'quantitative', op: '<=', value: 3, unit: '个月' });
    expect(readTarget('12 个月')).toMatchObject({ kind: 'quantitative', value: 12 });
    expect(readTarget('13月').kind).not.toBe('date');
  });
  test('a day without a year takes the other side\'s year', () => {
    expect(dateValue({ y: null, m: 9, d: 30 }, 2024)).toBeLessThan(dateValue({ y: 2024, m: 10, d: 1 }));
  });
});

describe('issue 17 class 5: blank, not applicable and zero are three things', () => {
  test.each([
    ['', 'blank'], ['  ', 'blank'], [null, 'blank'],
    ['无', 'not-applicable'], ['/', 'not-applicable'], ['—', 'not-applicable'], ['-', 'not-applicable'], ['——', 'not-applicable'], ['不适用', 'not-applicable'], ['／', 'not-applicable'],
    [0, 'value'], ['0', 'value'], ['0 万元', 'value'], ['效果明显', 'value'],
  ] as const)('%j is %s', (v, want) => {
    expect(presence(v)).toBe(want);
    expect(isBlank(v)).toBe(want === 'blank');
    expect(isEmptyMarker(v)).toBe(want !== 'value');
  });
  test('zero reads as the number 0; blank and not applicable hold no number', () => {
    expect(readNumber(0)).toMatchObject({ kind: 'number', value: 0 });
    expect(readNumber('无')).toEqual({ kind: 'empty' });
    expect(readNumber('')).toEqual({ kind: 'empty' });
  });
});
