/**
 * The undo snapshot every host keeps for its own writes of recalculated values
 * (Office.js has no undo of an add-in's writes before ExcelApi 1.20, ET has none
 * at all): what each cell held before, and what was written, so that an undo
 * restores exactly, and refuses when the user changed the cell since.
 */
import type { CellValue } from '../core/snapshot';

/** One cell as it was before the host wrote it, and what the host wrote. */
export interface CellBefore {
  sheet: string;
  cell: string;
  value: CellValue;
  numberFormat: string;
  written: number;
  writtenFormat?: string;
}

/** True while a cell still holds what the host wrote there (no formula, the same number). */
export function stillWritten(now: unknown, hasFormula: boolean, written: number): boolean {
  return !hasFormula && typeof now === 'number' && Math.abs(now - written) <= 1e-9 * Math.max(1, Math.abs(written));
}

/** A leading = + - @ would turn text into a formula in Excel and WPS alike: an apostrophe keeps it literal text. */
export function literalText<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;
}
