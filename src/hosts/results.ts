/**
 * The exported 校验结果 sheet, the same in every host: its columns, its rows as
 * text, and column widths that fit what they hold (in characters of the
 * default font, a CJK character counting two), the 问题 column wrapped.
 */
import type { ResultRow } from './host';

export const RESULT_COLUMNS = ['表格', '单元格', '级别', '问题', '规则', '处理'] as const;
/** The column whose text wraps (问题): its width is capped, the row grows. */
export const WRAPPED_COLUMN = 3;
const MAX_WIDTH = [36, 16, 8, 60, 36, 10];

/** The text of each row's cells, in RESULT_COLUMNS order (the 单元格 column as `Sheet!A1`). */
export function resultTexts(rows: ResultRow[]): string[][] {
  if (!rows.length) return [['', '', '', '没有发现问题。', '', '']];
  return rows.map((r) => [r.table, `${r.ref.sheet}!${r.ref.cell}`, r.severity, r.message, r.rule, r.status ?? '']);
}

/** Display width in characters of the default font: CJK and full-width characters take two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Widths (characters) that fit the header and the rows, within each column's cap; the 问题 column wraps at its cap. */
export function resultWidths(body: string[][]): number[] {
  return RESULT_COLUMNS.map((head, c) => Math.min(MAX_WIDTH[c], Math.max(textWidth(head), ...body.map((r) => textWidth(r[c] ?? ''))) + 2));
}
