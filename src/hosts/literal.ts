/**
 * No formula injection in anything we write (issue 20 item 5). A cell value that
 * begins with `=`, `+`, `-` or `@` is taken for a formula when a spreadsheet sets it
 * as a value: Office.js `Range.values` does so for a leading `=`, `+` or `-` (the
 * Excel.Range reference), Excel's own entry for `@` too, and WPS's ET `Value2` the
 * same. Text we write from a workbook (a sheet name such as `=cmd|' /C calc'!A0`,
 * a label, a message quoting a cell) gets the apostrophe prefix both take for "this
 * is text": the cell shows and holds the text itself, without the apostrophe.
 *
 * The file writer needs none of this: it writes text as an inline string, which no
 * spreadsheet evaluates.
 */
export function literalText<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
}
