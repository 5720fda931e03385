/**
 * How a worksheet looks, for the demo's grid: column widths, row heights and
 * the parts of each cell's style that the grid draws (alignment, font, fill,
 * borders). Read from the exceljs worksheet; values and number formats come
 * from the snapshot instead.
 */
import type ExcelJS from 'exceljs';

export interface CellLook {
  horizontal?: 'left' | 'center' | 'right' | 'justify';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points. */
  size?: number;
  /** CSS colours. */
  color?: string;
  fill?: string;
  /** Which sides have a border. */
  border?: { top: boolean; right: boolean; bottom: boolean; left: boolean };
}

export interface SheetLook {
  /** Width in px of each column (0-based), for the columns that have one. */
  colWidths: Map<number, number>;
  /** Height in px of each row (0-based), for the rows that have one. */
  rowHeights: Map<number, number>;
  /** Key `${row},${col}` (0-based). */
  cells: Map<string, CellLook>;
}

/** Excel's default column width (8.43 characters) and row height (15 pt) in px. */
export const DEFAULT_COL_PX = 64;
export const DEFAULT_ROW_PX = 20;

/** Excel column width (characters of the default font) → px, as Excel converts it at 100 %. */
export function columnPx(width: number): number {
  return Math.max(0, Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7));
}

function argbToCss(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return undefined;
  return `#${argb.slice(2)}`;
}

const H = new Set(['left', 'center', 'right', 'justify']);
const V = new Set(['top', 'middle', 'bottom']);

function cellLook(cell: ExcelJS.Cell): CellLook | null {
  const look: CellLook = {};
  const a = cell.alignment;
  if (a) {
    if (a.horizontal && H.has(a.horizontal)) look.horizontal = a.horizontal as CellLook['horizontal'];
    if (a.horizontal === 'centerContinuous') look.horizontal = 'center';
    if (a.vertical && V.has(a.vertical)) look.vertical = a.vertical as CellLook['vertical'];
    if (a.wrapText) look.wrap = true;
  }
  const f = cell.font;
  if (f) {
    if (f.bold) look.bold = true;
    if (f.italic) look.italic = true;
    if (typeof f.size === 'number') look.size = f.size;
    const c = argbToCss(f.color?.argb);
    if (c) look.color = c;
  }
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const c = argbToCss(fill.fgColor?.argb);
    if (c) look.fill = c;
  }
  const b = cell.border;
  if (b && (b.top || b.right || b.bottom || b.left)) {
    look.border = { top: !!b.top?.style, right: !!b.right?.style, bottom: !!b.bottom?.style, left: !!b.left?.style };
  }
  return Object.keys(look).length ? look : null;
}

export function sheetLook(ws: ExcelJS.Worksheet): SheetLook {
  const colWidths = new Map<number, number>();
  const rowHeights = new Map<number, number>();
  const cells = new Map<string, CellLook>();
  const columnCount = ws.columnCount;
  for (let c = 1; c <= columnCount; c++) {
    const col = ws.getColumn(c);
    if (col.hidden) colWidths.set(c - 1, 0);
    else if (typeof col.width === 'number') colWidths.set(c - 1, columnPx(col.width));
  }
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) rowHeights.set(r - 1, 0);
    else if (typeof row.height === 'number') rowHeights.set(r - 1, Math.round((row.height * 4) / 3));
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const look = cellLook(cell);
      if (look) cells.set(`${r - 1},${c - 1}`, look);
    });
  });
  return { colWidths, rowHeights, cells };
}
