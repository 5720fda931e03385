/**
 * Cell text as Excel shows it: the value through the cell's number format,
 * formatted by the `numfmt` library (Excel's own format language).
 */
import { format, formatColor } from 'numfmt';
import type { CellValue } from '../core/snapshot';

export interface CellText {
  text: string;
  /** Colour from the format, e.g. `[Red]` in `0.00;[Red]-0.00`. */
  color?: string;
  /** Where Excel aligns the value when the cell has no alignment of its own. */
  align: 'left' | 'right' | 'center';
}

/** Formats one cell value with its number format ("General" when none). */
export function cellText(value: CellValue | undefined, numberFormat?: string | null): CellText {
  if (value === null || value === undefined || value === '') return { text: '', align: 'left' };
  const pattern = numberFormat || 'General';
  const align = typeof value === 'number' ? 'right' : typeof value === 'boolean' ? 'center' : 'left';
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', align };
  // Error values ("#DIV/0!") and other text cells show as they are unless the format has a text section.
  try {
    const text = format(pattern, value);
    const color = formatColor(pattern, value);
    return { text, color: typeof color === 'string' ? color : undefined, align };
  } catch {
    return { text: String(value), align };
  }
}
