/**
 * The one number grammar every host reads numbers with (issue 20 item 1): a number
 * is read whole or not at all.
 */
import { parseStrictNumber } from '../../src/core/number-grammar';
import { parseNumberText } from '../../src/core/values';

describe('parseStrictNumber', () => {
  test.each([
    ['0', 0], ['18', 18], ['-3', -3], ['+3', 3], ['110.26', 110.26], ['.5', 0.5], ['5.', 5], ['-0.25', -0.25],
    ['1e3', 1000], ['1.5E-3', 0.0015], ['2E+2', 200], ['1,234', 1234], ['12,345,678.9', 12345678.9], ['-1,000', -1000],
    ['  42  ', 42],
  ])('%s is %d', (text, value) => {
    expect(parseStrictNumber(text)).toEqual({ value, percent: false });
  });

  test('a percentage is the fraction, marked as a percentage', () => {
    expect(parseStrictNumber('95.71%')).toEqual({ value: 0.9571, percent: true });
    expect(parseStrictNumber('100 %')).toEqual({ value: 1, percent: true });
  });

  test.each(['1,8', '12abc', '0x12', '1_000', '1.2.3', '', ' ', '-', '.', 'e5', '1e', '1e+', '12,34', '1234,567', '1,2345', ',123',
    '123,', '1,,000', 'Infinity', 'NaN', '--1', '+-1', '1 000', '%', '5%%', '１,８'])('%j is not a number', (text) => {
    expect(parseStrictNumber(text)).toBeNull();
  });

  test('text in a number cell keeps the same grammar (units and full-width digits aside)', () => {
    for (const t of ['1,8', '12abc', '0x12', '1_000', '1.2.3', '12,34']) expect(parseNumberText(t).kind).toBe('unparseable');
    expect(parseNumberText('1,234.5 万元')).toMatchObject({ kind: 'number', value: 1234.5, unit: '万元' });
    expect(parseNumberText('1e3')).toMatchObject({ kind: 'number', value: 1000 });
    expect(parseNumberText('１８')).toMatchObject({ kind: 'number', value: 18 });
  });
});
