import { MARK_STYLE, contrast, markLook } from '../../src/core/mark-style';

describe('mark style', () => {
  const severities = ['error', 'warning', 'info'] as const;
  it.each(severities)('%s borders stand out (≥ 3:1) against white and against their fills', (s) => {
    for (const look of [MARK_STYLE[s].own, MARK_STYLE[s].related]) {
      expect(contrast(look.border, '#FFFFFF')).toBeGreaterThanOrEqual(3);
      expect(contrast(look.border, look.fill)).toBeGreaterThanOrEqual(3);
      expect(contrast('#000000', look.fill)).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('tells the severities apart by line style, not only by colour', () => {
    const lines = new Set(severities.map((s) => markLook(s, false).line));
    expect(lines.size).toBe(3);
  });
  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 1);
  });
});
