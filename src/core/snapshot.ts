/**
 * A workbook as the engine sees it. Both hosts produce this shape: it follows
 * what Office.js returns for a worksheet's used range, so the Excel host can
 * pass `range.values`, `range.formulas` and `range.numberFormat` through.
 *
 * - `values`: the cell values, a formula cell holding its cached result. Empty
 *   cells are `""` (as Office.js returns them) or `null`.
 * - `formulas`: as Office.js `range.formulas`: a formula cell holds its formula
 *   text starting with `=`; any other cell holds its value. Optional.
 * - `numberFormats`: as Office.js `range.numberFormat`. Optional.
 * - `merges`: merged areas inside the sheet, A1 style without sheet or `$`.
 *   Only the top-left cell of a merged area holds its value.
 */
export type CellValue = string | number | boolean | null;

export interface SheetSnapshot {
  /** Sheet name as shown on its tab. */
  name: string;
  /** Address of the used range, A1 style without the sheet, e.g. "A1:I30". Empty sheet: "A1". */
  range: string;
  values: CellValue[][];
  formulas?: CellValue[][];
  numberFormats?: (string | null)[][];
  merges: string[];
  /**
   * Cells with content that lie far away from the rest (a stray value at XFD1048576) and were left out of
   * `range` so that the snapshot stays the size of the real content: A1 addresses (at most 20), and how many
   * there are. Only the file host sets it; the engine reports them as not checked (rule far-cells).
   */
  outside?: { cells: string[]; count: number };
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
}

/** The used range of a sheet with no used cell, as Office.js returns it (fresh arrays). */
export function emptyUsedRange(): Pick<SheetSnapshot, 'range' | 'values' | 'formulas' | 'numberFormats'> {
  return { range: 'A1', values: [['']], formulas: [['']], numberFormats: [['General']] };
}
