import type { Severity } from './report';

/**
 * How a marked cell looks, in every host (Excel conditional formats, `fix`'s
 * cell formats, the browser demo's grid, the pane's legend): a light fill that
 * keeps black text readable, plus a border whose colour has a contrast of at
 * least 3:1 against white and against its own fill, and whose line style tells
 * the severities apart without colour (error solid and thick, warning dashed,
 * info dotted). A related cell (a cell a finding only points to) keeps the
 * severity's border colour with a thin line and a paler fill.
 */
export type MarkLine = 'medium' | 'dashed' | 'dotted' | 'thin';

export interface MarkLook {
  /** Fill of the cell, #RRGGBB. */
  fill: string;
  /** Border colour, #RRGGBB. */
  border: string;
  /** Border line style (names as in SpreadsheetML / Office.js). */
  line: MarkLine;
}

export const MARK_STYLE: Record<Severity, { own: MarkLook; related: MarkLook }> = {
  error: {
    own: { fill: '#FFC7CE', border: '#C00000', line: 'medium' },
    related: { fill: '#FDE9EC', border: '#C00000', line: 'thin' },
  },
  warning: {
    own: { fill: '#FFEB9C', border: '#8A5300', line: 'dashed' },
    related: { fill: '#FFF6D5', border: '#8A5300', line: 'thin' },
  },
  info: {
    own: { fill: '#DDEBF7', border: '#1F4E79', line: 'dotted' },
    related: { fill: '#EEF5FB', border: '#1F4E79', line: 'thin' },
  },
};

/** The look of a mark. */
export function markLook(severity: Severity, related: boolean): MarkLook {
  return MARK_STYLE[severity][related ? 'related' : 'own'];
}

/** WCAG relative luminance of #RRGGBB. */
export function luminance(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/** WCAG contrast ratio of two #RRGGBB colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
