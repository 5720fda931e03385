/**
 * How a worksheet looks, read from the package (for the browser demo's grid):
 * column widths, row heights and the parts of each cell's format a grid draws
 * (alignment, wrap and indent; font, size, bold/italic/underline and colour;
 * solid fill; each border side's line style and colour, theme colours and
 * tints included) and the frozen rows and columns.
 * Values and number formats come from the snapshot instead. Read on demand,
 * one sheet at a time; no Node API.
 */
import { cellAddress, type FileWorkbook } from './read';
import { relKind } from './package';
import { parseXml, local, type Attrs } from './xml';

/** One side of a cell's border as the sheet draws it. */
export interface BorderLine {
  /** Excel's line style: thin, medium, thick, dashed, dotted, double, hair, mediumDashed, … */
  style: string;
  color?: string;
}

export interface CellLook {
  horizontal?: 'left' | 'center' | 'right' | 'justify';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Indent level (about three characters each). */
  indent?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  size?: number;
  font?: string;
  color?: string;
  fill?: string;
  border?: { top?: BorderLine; right?: BorderLine; bottom?: BorderLine; left?: BorderLine };
}

export interface SheetLook {
  colWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  cells: Map<string, CellLook>;
  /** Rows and columns frozen at the top and left (0 when none). */
  frozen: { rows: number; cols: number };
}

/** Excel column width (characters of the default font) → px, as Excel converts it at 100 %. */
function columnPx(width: number): number {
  return Math.max(0, Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7));
}

/** The legacy indexed palette (the colours templates use most); others are left to the grid's default. */
const INDEXED: Record<number, string> = {
  0: '#000000', 1: '#FFFFFF', 2: '#FF0000', 3: '#00FF00', 4: '#0000FF', 5: '#FFFF00', 6: '#FF00FF', 7: '#00FFFF',
  8: '#000000', 9: '#FFFFFF', 10: '#FF0000', 11: '#00FF00', 12: '#0000FF', 13: '#FFFF00', 14: '#FF00FF', 15: '#00FFFF',
  16: '#800000', 17: '#008000', 18: '#000080', 19: '#808000', 20: '#800080', 21: '#008080', 22: '#C0C0C0', 23: '#808080',
  40: '#00CCFF', 41: '#CCFFFF', 42: '#CCFFCC', 43: '#FFFF99', 44: '#99CCFF', 45: '#FF99CC', 46: '#CC99FF', 47: '#FFCC99',
  48: '#3366FF', 49: '#33CCCC', 50: '#99CC00', 51: '#FFCC00', 52: '#FF9900', 53: '#FF6600', 55: '#969696', 64: '#000000',
};

/** Office's default theme colours (dk1, lt1, dk2, lt2, accent1–6), for a workbook without a theme part. */
const DEFAULT_THEME = ['#000000', '#FFFFFF', '#44546A', '#E7E6E6', '#4472C4', '#ED7D31', '#A5A5A5', '#FFC000', '#5B9BD5', '#70AD47'];

/** A tint (−1..1) applied to a colour, as Excel lightens or darkens theme colours. */
function tinted(hex: string, tint: number): string {
  if (!tint) return hex;
  const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const out = ch.map((c) => Math.round(tint < 0 ? c * (1 + tint) : c + (255 - c) * tint));
  return `#${out.map((c) => Math.max(0, Math.min(255, c)).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

function colour(a: Attrs, theme: string[]): string | undefined {
  let c: string | undefined;
  if (a.rgb && /^[0-9a-f]{8}$/i.test(a.rgb)) c = `#${a.rgb.slice(2).toUpperCase()}`;
  else if (a.rgb && /^[0-9a-f]{6}$/i.test(a.rgb)) c = `#${a.rgb.toUpperCase()}`;
  else if (a.theme !== undefined) c = theme[Number(a.theme)];
  else if (a.indexed !== undefined) c = INDEXED[Number(a.indexed)];
  return c && a.tint ? tinted(c, Number(a.tint) || 0) : c;
}

/** The theme's colours, indexed as cell formats index them. */
function themeColours(fw: FileWorkbook): string[] {
  const rel = fw.pkg.rels(fw.workbookPart).find((r) => relKind(r.type) === 'theme' && !r.external);
  if (!rel || !fw.pkg.has(rel.target)) return byThemeIndex(DEFAULT_THEME);
  const found = new Map<string, string>();
  let slot = '';
  try {
    parseXml(fw.pkg.text(rel.target), rel.target, {
      open: (name, a) => {
        const n = local(name);
        if (/^(dk[12]|lt[12]|accent[1-6])$/.test(n)) slot = n;
        else if (slot && n === 'srgbClr' && a.val) found.set(slot, `#${a.val.toUpperCase()}`);
        else if (slot && n === 'sysClr' && a.lastClr) found.set(slot, `#${a.lastClr.toUpperCase()}`);
      },
      close: (name) => { if (local(name) === slot) slot = ''; },
    });
  } catch {
    return byThemeIndex(DEFAULT_THEME);
  }
  const names = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6'];
  return byThemeIndex(names.map((n, i) => found.get(n) ?? DEFAULT_THEME[i]));
}

/** Cell formats index the theme as lt1, dk1, lt2, dk2, accents (theme="0" is white, "1" black). */
function byThemeIndex(c: string[]): string[] {
  return [c[1], c[0], c[3], c[2], ...c.slice(4)];
}

const H = new Set(['left', 'center', 'right', 'justify']);
const V = new Set(['top', 'middle', 'bottom']);
const V_ALIAS: Record<string, string> = { center: 'middle' };

interface Styles { xfs: (CellLook | null)[] }

const cache = new WeakMap<FileWorkbook, Styles>();

type Side = 'top' | 'right' | 'bottom' | 'left';

function readStyleLooks(fw: FileWorkbook): Styles {
  const hit = cache.get(fw);
  if (hit) return hit;
  const rel = fw.pkg.rels(fw.workbookPart).find((r) => relKind(r.type) === 'styles' && !r.external);
  const out: Styles = { xfs: [] };
  if (!rel || !fw.pkg.has(rel.target)) return out;
  const theme = themeColours(fw);
  const fonts: CellLook[] = [];
  const fills: (string | undefined)[] = [];
  const borders: CellLook['border'][] = [];
  let section = '';
  let font: CellLook | null = null;
  let fill: { solid: boolean; fg?: string } | null = null;
  let border: NonNullable<CellLook['border']> | null = null;
  let side: Side | null = null;
  let xf: CellLook | null = null;
  let depth = 0;
  const on = (a: Attrs) => a.val !== '0' && a.val !== 'false';
  // Both parsers report a self-closing tag's end through `close` too.
  parseXml(fw.pkg.text(rel.target), rel.target, {
    open: (name, a) => {
      depth++;
      const n = local(name);
      if (depth === 2) section = n;
      if (section === 'fonts') {
        if (n === 'font') font = {};
        else if (!font) return;
        else if (n === 'b' && on(a)) font.bold = true;
        else if (n === 'i' && on(a)) font.italic = true;
        else if (n === 'u' && a.val !== 'none') font.underline = true;
        else if (n === 'strike' && on(a)) font.strike = true;
        else if (n === 'sz' && a.val) font.size = Number(a.val);
        else if (n === 'name' && a.val) font.font = a.val;
        else if (n === 'color') { const c = colour(a, theme); if (c) font.color = c; }
      } else if (section === 'fills') {
        if (n === 'fill') fill = { solid: false };
        else if (fill && n === 'patternFill') fill.solid = a.patternType === 'solid';
        else if (fill && n === 'fgColor') fill.fg = colour(a, theme);
      } else if (section === 'borders') {
        if (n === 'border') border = {};
        else if (border && (n === 'top' || n === 'right' || n === 'bottom' || n === 'left' || n === 'start' || n === 'end')) {
          side = n === 'start' ? 'left' : n === 'end' ? 'right' : n;
          if (a.style && a.style !== 'none') border[side] = { style: a.style };
          else side = null;
        } else if (border && side && n === 'color') {
          const c = colour(a, theme);
          if (c) border[side]!.color = c;
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
          if (a.indent && Number(a.indent) > 0) xf.indent = Number(a.indent);
        }
      }
    },
    close: (name) => {
      const n = local(name);
      depth--;
      if (section === 'fonts' && n === 'font' && font) { fonts.push(font); font = null; }
      if (section === 'fills' && n === 'fill' && fill) { fills.push(fill.solid ? fill.fg : undefined); fill = null; }
      if (section === 'borders' && (n === 'top' || n === 'right' || n === 'bottom' || n === 'left' || n === 'start' || n === 'end')) side = null;
      if (section === 'borders' && n === 'border' && border) { borders.push(border); border = null; }
      if (section === 'cellXfs' && n === 'xf' && xf) { out.xfs.push(Object.keys(xf).length ? xf : null); xf = null; }
      if (depth === 1) section = '';
    },
  });
  cache.set(fw, out);
  return out;
}

/** The look of one worksheet of the workbook. */
export function sheetLook(fw: FileWorkbook, sheet: string): SheetLook {
  const look: SheetLook = { colWidths: new Map(), rowHeights: new Map(), cells: new Map(), frozen: { rows: 0, cols: 0 } };
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
      else if (!inData && n === 'pane' && (a.state === 'frozen' || a.state === 'frozenSplit')) {
        look.frozen = { rows: Math.max(0, Math.trunc(Number(a.ySplit) || 0)), cols: Math.max(0, Math.trunc(Number(a.xSplit) || 0)) };
      }
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
