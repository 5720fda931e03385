/**
 * How a worksheet looks, read from the package (for the browser demo's grid):
 * column widths, row heights and the parts of each cell's format a grid draws
 * (alignment, bold/italic/size/colour, solid fill, which sides have borders).
 * Values and number formats come from the snapshot instead. Read on demand,
 * one sheet at a time; no Node API.
 */
import { cellAddress, type FileWorkbook } from './read';
import { relKind } from './package';
import { parseXml, local, type Attrs } from './xml';

export interface CellLook {
  horizontal?: 'left' | 'center' | 'right' | 'justify';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  border?: { top: boolean; right: boolean; bottom: boolean; left: boolean };
}

export interface SheetLook {
  colWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  cells: Map<string, CellLook>;
}

/** Excel column width (characters of the default font) → px, as Excel converts it at 100 %. */
function columnPx(width: number): number {
  return Math.max(0, Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7));
}

/** The 64 indexed colours' first 8 (the ones templates use); others are left to the grid's default. */
const INDEXED: Record<number, string> = { 0: '#000000', 1: '#FFFFFF', 2: '#FF0000', 3: '#00FF00', 4: '#0000FF', 5: '#FFFF00', 6: '#FF00FF', 7: '#00FFFF', 8: '#000000', 9: '#FFFFFF', 10: '#FF0000' };

function colour(a: Attrs): string | undefined {
  if (a.rgb && /^[0-9a-f]{8}$/i.test(a.rgb)) return `#${a.rgb.slice(2)}`;
  if (a.rgb && /^[0-9a-f]{6}$/i.test(a.rgb)) return `#${a.rgb}`;
  if (a.indexed !== undefined) return INDEXED[Number(a.indexed)];
  return undefined;
}

const H = new Set(['left', 'center', 'right', 'justify']);
const V = new Set(['top', 'middle', 'bottom']);
const V_ALIAS: Record<string, string> = { center: 'middle' };

interface Styles { xfs: (CellLook | null)[] }

const cache = new WeakMap<FileWorkbook, Styles>();

function readStyleLooks(fw: FileWorkbook): Styles {
  const hit = cache.get(fw);
  if (hit) return hit;
  const rel = fw.pkg.rels(fw.workbookPart).find((r) => relKind(r.type) === 'styles' && !r.external);
  const out: Styles = { xfs: [] };
  if (!rel || !fw.pkg.has(rel.target)) return out;
  const fonts: CellLook[] = [];
  const fills: (string | undefined)[] = [];
  const borders: CellLook['border'][] = [];
  let section = '';
  let font: CellLook | null = null;
  let fill: { solid: boolean; fg?: string } | null = null;
  let border: { top: boolean; right: boolean; bottom: boolean; left: boolean } | null = null;
  let xf: CellLook | null = null;
  let depth = 0;
  parseXml(fw.pkg.text(rel.target), rel.target, {
    open: (name, a, selfClosing) => {
      depth++;
      const n = local(name);
      if (depth === 2) section = n;
      if (section === 'fonts') {
        if (n === 'font') font = {};
        else if (font && n === 'b' && a.val !== '0' && a.val !== 'false') font.bold = true;
        else if (font && n === 'i' && a.val !== '0' && a.val !== 'false') font.italic = true;
        else if (font && n === 'sz' && a.val) font.size = Number(a.val);
        else if (font && n === 'color') { const c = colour(a); if (c) font.color = c; }
      } else if (section === 'fills') {
        if (n === 'fill') fill = { solid: false };
        else if (fill && n === 'patternFill') fill.solid = a.patternType === 'solid';
        else if (fill && n === 'fgColor') fill.fg = colour(a);
      } else if (section === 'borders') {
        if (n === 'border') border = { top: false, right: false, bottom: false, left: false };
        else if (border && (n === 'top' || n === 'right' || n === 'bottom' || n === 'left' || n === 'start' || n === 'end')) {
          const side = n === 'start' ? 'left' : n === 'end' ? 'right' : n;
          if (a.style && a.style !== 'none') border[side] = true;
        }
      } else if (section === 'cellXfs') {
        if (n === 'xf') {
          const f = fonts[Number(a.fontId ?? 0)];
          xf = { ...(f ?? {}) };
          const fl = fills[Number(a.fillId ?? 0)];
          if (fl) xf.fill = fl;
          const b = borders[Number(a.borderId ?? 0)];
          if (b && (b.top || b.right || b.bottom || b.left)) xf.border = b;
        } else if (xf && n === 'alignment') {
          if (a.horizontal && H.has(a.horizontal)) xf.horizontal = a.horizontal as CellLook['horizontal'];
          if (a.horizontal === 'centerContinuous') xf.horizontal = 'center';
          const v = V_ALIAS[a.vertical ?? ''] ?? a.vertical;
          if (v && V.has(v)) xf.vertical = v as CellLook['vertical'];
          if (a.wrapText === '1' || a.wrapText === 'true') xf.wrap = true;
        }
      }
      if (selfClosing) closeTag(n);
    },
    close: (name) => closeTag(local(name)),
  });
  function closeTag(n: string): void {
    depth--;
    if (section === 'fonts' && n === 'font' && font) { fonts.push(font); font = null; }
    if (section === 'fills' && n === 'fill' && fill) { fills.push(fill.solid ? fill.fg : undefined); fill = null; }
    if (section === 'borders' && n === 'border' && border) { borders.push(border); border = null; }
    if (section === 'cellXfs' && n === 'xf' && xf) { out.xfs.push(Object.keys(xf).length ? xf : null); xf = null; }
    if (depth === 1) section = '';
  }
  cache.set(fw, out);
  return out;
}

/** The look of one worksheet of the workbook. */
export function sheetLook(fw: FileWorkbook, sheet: string): SheetLook {
  const look: SheetLook = { colWidths: new Map(), rowHeights: new Map(), cells: new Map() };
  const part = fw.sheets.find((s) => s.name === sheet)?.part;
  if (!part) return look;
  cache.delete(fw); // marks and number formats may have added formats since
  const styles = readStyleLooks(fw);
  let row = -1;
  let col = -1;
  let inData = false;
  parseXml(fw.pkg.text(part), part, {
    open: (name, a) => {
      const n = local(name);
      if (n === 'sheetData') inData = true;
      else if (!inData && n === 'col') {
        const min = Number(a.min) - 1;
        const max = Math.min(Number(a.max) - 1, min + 256);
        for (let c = min; c <= max; c++) {
          if (a.hidden === '1' || a.hidden === 'true') look.colWidths.set(c, 0);
          else if (a.width) look.colWidths.set(c, columnPx(Number(a.width)));
        }
      } else if (inData && n === 'row') {
        row = a.r ? Number(a.r) - 1 : row + 1;
        col = -1;
        if (a.hidden === '1' || a.hidden === 'true') look.rowHeights.set(row, 0);
        else if (a.ht && (a.customHeight === '1' || a.customHeight === 'true' || a.ht)) look.rowHeights.set(row, Math.round((Number(a.ht) * 4) / 3));
      } else if (inData && n === 'c') {
        const p = a.r ? cellAddress(a.r) : null;
        col = p ? p.col : col + 1;
        const r = p ? p.row : row;
        const s = styles.xfs[Number(a.s ?? 0)];
        if (s) look.cells.set(`${r},${col}`, s);
      }
    },
    close: (name) => { if (local(name) === 'sheetData') inData = false; },
  });
  return look;
}
