/**
 * The one number grammar of every host (file, Excel, WPS): a number is read whole
 * or not at all. An optional sign, digits (thousands separators only in groups
 * of three: 1,234,567), an optional decimal part, an optional exponent, an
 * optional `%`; spaces around it. `1,8`, `12abc`, `0x12`, `1_000`, `1.2.3`,
 * `Infinity` are no numbers: callers keep them as text (an unparseable-number
 * finding), never their leading digits.
 *
 * Units, full-width digits and operators are the business of src/core/values.ts,
 * which reads the number part of a cell's text with NUMBER_SOURCE.
 */

/** The number without `%`, as a regular expression source (no anchors, no groups that capture). */
export const NUMBER_SOURCE = '[+-]?(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';

const WHOLE = new RegExp(`^\\s*(${NUMBER_SOURCE})\\s*(%?)\\s*$`);

export interface StrictNumber {
  /** The value; a percentage as its fraction (95.71% → 0.9571). */
  value: number;
  percent: boolean;
}

/** Only digits, sign, point and exponent letters: what Number() reads exactly as the grammar does. */
function isPlain(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) return false;
  }
  return true;
}

/**
 * A number without `%` (what a number cell's stored `<v>` holds), or NaN when the
 * text is not one whole number. No allocation: the reader calls it for every cell.
 */
export function strictNumber(text: string): number {
  if (isPlain(text)) {
    // Over these characters Number() accepts exactly the grammar (1e5, .5, 5., -0) and nothing else.
    const n = Number(text);
    return Number.isFinite(n) ? n : NaN;
  }
  const m = WHOLE.exec(text);
  if (!m || m[2]) return NaN;
  const n = Number(m[1].replace(/,/g, ''));
  return Number.isFinite(n) ? n : NaN;
}

/** The number the text is, `%` included, or null when it is not one whole number. */
export function parseStrictNumber(text: string): StrictNumber | null {
  const m = WHOLE.exec(text);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  return m[2] ? { value: n / 100, percent: true } : { value: n, percent: false };
}
