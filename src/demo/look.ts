/**
 * How a worksheet looks, for the demo's grid. The look itself is read from the
 * package by the file host (`src/hosts/file/look.ts`); the grid adds Excel's
 * default sizes.
 */
export type { BorderLine, CellLook, SheetLook } from '../hosts/file/look';

/** Excel's default column width (8.43 characters) and row height (15 pt) in px. */
export const DEFAULT_COL_PX = 64;
export const DEFAULT_ROW_PX = 20;
