/**
 * The demo's sheet grid: the active worksheet of a FileHost as an HTML table
 * with column letters and row numbers, merged cells, values through their
 * number formats, the marks in colour and the selection outlined; sheet tabs
 * below. Data attributes for the browser tests: `data-cell`, `data-mark`,
 * `data-related`, `aria-selected`, `data-sheet` on the tabs.
 */
import * as React from 'react';
import { parseNumber } from 'numfmt';
import type { SheetSnapshot } from '../core/snapshot';
import { columnName, parseRange, toA1, type RangePos } from '../core/address';
import { markLook, type MarkLook } from '../core/mark-style';
import type { FileHost, FileHostState } from '../hosts/file/host';
import { cellText } from './format';
import { DEFAULT_COL_PX, DEFAULT_ROW_PX, type BorderLine, type CellLook } from './look';

/** Empty rows and columns drawn beyond the used range, and the most rows drawn. */
const EXTRA_ROWS = 12;
const EXTRA_COLS = 4;
const MIN_ROWS = 40;
const MIN_COLS = 12;
const MAX_ROWS = 3000;
const ROW_HEAD_PX = 40;


interface Layout {
  rows: number;
  cols: number;
  /** Top-left cell of each merged area → its size. */
  spans: Map<string, { rowSpan: number; colSpan: number }>;
  /** Cells hidden under a merged area. */
  covered: Set<string>;
  used: RangePos;
}

function layout(sheet: SheetSnapshot): Layout {
  const used = parseRange(sheet.range);
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const covered = new Set<string>();
  let bottom = used.bottom;
  let right = used.right;
  for (const m of sheet.merges) {
    const r = parseRange(m);
    spans.set(`${r.top},${r.left}`, { rowSpan: r.bottom - r.top + 1, colSpan: r.right - r.left + 1 });
    for (let y = r.top; y <= r.bottom; y++) for (let x = r.left; x <= r.right; x++) if (y !== r.top || x !== r.left) covered.add(`${y},${x}`);
    bottom = Math.max(bottom, r.bottom);
    right = Math.max(right, r.right);
  }
  return {
    rows: Math.min(MAX_ROWS, Math.max(MIN_ROWS, bottom + 1 + EXTRA_ROWS)),
    cols: Math.max(MIN_COLS, right + 1 + EXTRA_COLS),
    spans,
    covered,
    used,
  };
}

function valueAt(sheet: SheetSnapshot, used: RangePos, row: number, col: number) {
  if (row < used.top || row > used.bottom || col < used.left || col > used.right) return { value: undefined, format: undefined, formula: undefined };
  const r = row - used.top;
  const c = col - used.left;
  const formula = sheet.formulas?.[r]?.[c];
  return {
    value: sheet.values[r]?.[c],
    format: sheet.numberFormats?.[r]?.[c] ?? undefined,
    formula: typeof formula === 'string' && formula.startsWith('=') ? formula : undefined,
  };
}

/** CSS border of a mark: the severity's colour and line style (the shared mark style), so marks differ beyond colour. */
const MARK_LINE: Record<MarkLook['line'], string> = { medium: '3px solid', dashed: '2px dashed', dotted: '2px dotted', thin: '1px solid' };

/** CSS for an Excel border line style (the width Excel draws at 100 %). */
const BORDER_CSS: Record<string, string> = {
  thin: '1px solid', hair: '1px dotted', dotted: '1px dotted', dashed: '1px dashed', dashDot: '1px dashed', dashDotDot: '1px dashed',
  medium: '2px solid', mediumDashed: '2px dashed', mediumDashDot: '2px dashed', mediumDashDotDot: '2px dashed', slantDashDot: '2px dashed',
  thick: '3px solid', double: '3px double',
};

function borderCss(line: BorderLine | undefined): string | undefined {
  return line ? `${BORDER_CSS[line.style] ?? '1px solid'} ${line.color ?? '#000000'}` : undefined;
}

function cellStyle(look: CellLook | undefined, align: string, fill: string | undefined, color: string | undefined, mark?: MarkLook): React.CSSProperties {
  const s: React.CSSProperties = { textAlign: (look?.horizontal ?? align) as React.CSSProperties['textAlign'] };
  if (look?.vertical) s.verticalAlign = look.vertical;
  if (look?.wrap) s.whiteSpace = 'pre-wrap';
  if (look?.indent) s.paddingLeft = 3 + look.indent * 9;
  if (look?.bold) s.fontWeight = 700;
  if (look?.italic) s.fontStyle = 'italic';
  if (look?.underline || look?.strike) s.textDecoration = [look.underline ? 'underline' : '', look.strike ? 'line-through' : ''].filter(Boolean).join(' ');
  if (look?.size) s.fontSize = `${look.size}pt`;
  if (look?.font) s.fontFamily = `"${look.font.replace(/["\\]/g, '')}", SimSun, "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
  const fg = color ?? look?.color;
  if (fg) s.color = fg;
  const bg = fill ?? look?.fill;
  if (bg) s.backgroundColor = bg;
  if (look?.border) {
    const { top, right, bottom, left } = look.border;
    if (top) s.borderTop = borderCss(top);
    if (right) s.borderRight = borderCss(right);
    if (bottom) s.borderBottom = borderCss(bottom);
    if (left) s.borderLeft = borderCss(left);
  }
  if (mark) {
    const b = `${MARK_LINE[mark.line]} ${mark.border}`;
    s.borderTop = b; s.borderRight = b; s.borderBottom = b; s.borderLeft = b;
  }
  return s;
}

const inRange = (r: RangePos, row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;

interface Editing {
  sheet: string;
  cell: string;
  text: string;
}

export function Grid({ host }: { host: FileHost }): React.ReactElement {
  const state: FileHostState = React.useSyncExternalStore(host.subscribe, host.getState);
  const scroller = React.useRef<HTMLDivElement>(null);
  const [editing, setEditing] = React.useState<Editing | null>(null);
  const [editError, setEditError] = React.useState<string | null>(null);
  const sheet = state.sheets.find((s) => s.name === state.activeSheet) ?? state.sheets[0];
  const grid = React.useMemo(() => (sheet ? layout(sheet) : null), [sheet]);
  const look = sheet ? host.look(sheet.name) : null;

  // The host asked to show the selection (a click on a finding): scroll it into view.
  React.useEffect(() => {
    if (!state.reveal || !scroller.current) return;
    const a = state.selection.active;
    const el = scroller.current.querySelector<HTMLElement>(`[data-cell="${toA1(a.row, a.col)}"]`);
    el?.scrollIntoView({ block: 'center', inline: 'center' });
    // Only a reveal request scrolls: a selection made in the grid itself must not jump the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.reveal]);

  if (!sheet || !grid || !look) return <div className="grid-empty">工作簿中没有工作表</div>;
  const sel = state.selection.sheet === sheet.name ? state.selection : null;

  const commit = (e: Editing) => {
    setEditing(null);
    const p = parseNumber(e.text.trim());
    try {
      host.editCell({ sheet: e.sheet, cell: e.cell }, e.text, p && typeof p.v === 'number' ? { value: p.v, format: p.z } : null);
      setEditError(null);
    } catch (err) {
      setEditError(err instanceof Error ? err.message : String(err));
    }
  };

  const colWidth = (c: number) => look.colWidths.get(c) ?? DEFAULT_COL_PX;
  const rows: React.ReactElement[] = [];
  for (let r = 0; r < grid.rows; r++) {
    const cells: React.ReactElement[] = [
      <th key="h" role="rowheader" className={`row-head${sel && r >= sel.range.top && r <= sel.range.bottom ? ' on' : ''}`}>{r + 1}</th>,
    ];
    for (let c = 0; c < grid.cols; c++) {
      const key = `${r},${c}`;
      if (grid.covered.has(key)) continue;
      const span = grid.spans.get(key);
      const a1 = toA1(r, c);
      const { value, format, formula } = valueAt(sheet, grid.used, r, c);
      const shown = cellText(value, format);
      const mark = state.marks.get(`${sheet.name}!${a1}`);
      const markStyle = mark ? markLook(mark.severity, mark.related) : undefined;
      const fill = markStyle?.fill;
      const selected = !!sel && inRange(sel.range, r, c);
      const active = !!sel && sel.active.row === r && sel.active.col === c;
      const isEditing = editing && editing.sheet === sheet.name && editing.cell === a1;
      const cellLook = look.cells.get(key);
      // Text runs on over the empty cells to its right, as in Excel.
      let spill = 0;
      if (!span && shown.text && typeof value === 'string' && !cellLook?.wrap && (cellLook?.horizontal ?? 'left') === 'left') {
        for (let x = c + 1; x < grid.cols && !grid.covered.has(`${r},${x}`) && !grid.spans.has(`${r},${x}`); x++) {
          const next = valueAt(sheet, grid.used, r, x).value;
          if (next !== undefined && next !== null && next !== '') break;
          spill += colWidth(x);
        }
      }
      const classes = ['cell', mark ? `mark-${mark.severity}` : '', mark && !mark.related ? 'noted' : '', selected ? 'selected' : '', active ? 'active' : '', spill ? 'spills' : ''];
      cells.push(
        <td
          key={key}
          role="gridcell"
          data-cell={a1}
          data-mark={mark?.severity}
          data-related={mark ? String(mark.related) : undefined}
          aria-selected={selected}
          title={mark ? mark.message : formula}
          rowSpan={span?.rowSpan}
          colSpan={span?.colSpan}
          className={classes.filter(Boolean).join(' ')}
          style={cellStyle(cellLook, shown.align, fill, shown.color, markStyle)}
          onMouseDown={(e) => {
            if (e.button !== 0 || isEditing) return;
            const range = e.shiftKey && sel ? {
              top: Math.min(sel.active.row, r), left: Math.min(sel.active.col, c),
              bottom: Math.max(sel.active.row, r + (span?.rowSpan ?? 1) - 1), right: Math.max(sel.active.col, c + (span?.colSpan ?? 1) - 1),
            } : { top: r, left: c, bottom: r, right: c };
            host.selectRange(sheet.name, range);
          }}
          onDoubleClick={() => {
            if (formula) { setEditError(`${sheet.name}!${a1} 含公式（${formula}），演示中不能编辑公式单元格。`); return; }
            setEditing({ sheet: sheet.name, cell: a1, text: value === undefined || value === null ? '' : String(value) });
          }}
        >
          {isEditing ? (
            <input
              className="cell-editor"
              autoFocus
              value={editing!.text}
              onChange={(e) => setEditing({ ...editing!, text: e.target.value })}
              onBlur={() => commit(editing!)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit(editing!);
                if (e.key === 'Escape') setEditing(null);
              }}
            />
          ) : spill ? <span className="spill" style={{ width: colWidth(c) + spill - 6 }}>{shown.text}</span> : shown.text}
        </td>,
      );
    }
    const h = look.rowHeights.get(r);
    rows.push(<tr key={r} style={{ height: h ?? DEFAULT_ROW_PX }}>{cells}</tr>);
  }

  const activeA1 = sel ? toA1(sel.active.row, sel.active.col) : '';
  const activeValue = sel ? valueAt(sheet, grid.used, sel.active.row, sel.active.col) : null;
  return (
    <div className="sheet">
      <div className="formula-bar">
        <span className="name-box" data-testid="name-box">{activeA1}</span>
        <span className="formula-text" data-testid="formula-text">
          {activeValue?.formula ?? (activeValue?.value === undefined || activeValue?.value === null ? '' : String(activeValue.value))}
        </span>
      </div>
      {editError && <div className="grid-error" role="alert" onClick={() => setEditError(null)}>{editError}</div>}
      <div className="grid-scroll" ref={scroller} data-testid="grid-scroll" tabIndex={0} role="region" aria-label={`工作表 ${sheet.name} 的单元格`}>
        <table className="grid" role="grid" aria-label={sheet.name} data-sheet={sheet.name} style={{ width: ROW_HEAD_PX + Array.from({ length: grid.cols }, (_, c) => colWidth(c)).reduce((a, b) => a + b, 0) }}>
          <colgroup>
            <col style={{ width: ROW_HEAD_PX }} />
            {Array.from({ length: grid.cols }, (_, c) => <col key={c} style={{ width: colWidth(c) }} />)}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {Array.from({ length: grid.cols }, (_, c) => (
                <th key={c} role="columnheader" className={`col-head${sel && c >= sel.range.left && c <= sel.range.right ? ' on' : ''}`}>{columnName(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </div>
      <div className="tabs" role="tablist" aria-label="工作表">
        {state.sheets.map((s) => (
          <button
            key={s.name}
            role="tab"
            type="button"
            data-sheet={s.name}
            aria-selected={s.name === sheet.name}
            className={s.name === sheet.name ? 'tab on' : 'tab'}
            onClick={() => host.activateSheet(s.name)}
          >
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}
