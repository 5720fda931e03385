/**
 * The web page's sheet grid: the active worksheet of a FileHost as an HTML
 * table drawn as the sheet looks (column widths, row heights, fonts, fills,
 * borders, alignment, wrapped text, merged cells as one, values through their
 * number formats, frozen rows and columns), with column letters and row
 * numbers, the marks in colour and the selection outlined; sheet tabs below,
 * scrolling when there are many.
 *
 * Keyboard: the arrow keys, Tab / Shift+Tab and Enter / Shift+Enter move the
 * selected cell (over a merged area as one cell), Home goes to column A,
 * Ctrl+Home to A1, F2 edits; in the editor Enter / Tab keep the edit and move
 * on, Escape drops it, and the grid has the focus again. Tab leaves the grid
 * at the used range's right edge and Shift+Tab at column A, so the keyboard is
 * never trapped.
 *
 * Data attributes for the browser tests: `data-cell`, `data-mark`,
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

/** Empty rows and columns drawn beyond the used range, and the most rows drawn at a time (a longer sheet is drawn in windows). */
const EXTRA_ROWS = 12;
const EXTRA_COLS = 4;
const MIN_ROWS = 40;
const MIN_COLS = 12;
const MAX_ROWS = 3000;
const ROW_HEAD_PX = 40;
/** Height of the column letters' row. */
const HEAD_PX = 20;


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
    rows: Math.max(MIN_ROWS, bottom + 1 + EXTRA_ROWS),
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

/** A cell of a frozen row or column: sticky, opaque, above the scrolling cells. */
function frozenStyle(s: React.CSSProperties, left: number | undefined, top: number | undefined): React.CSSProperties {
  if (left === undefined && top === undefined) return s;
  return { ...s, position: 'sticky', left, top, zIndex: left !== undefined && top !== undefined ? 2 : 1, backgroundColor: s.backgroundColor ?? '#ffffff' };
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

/**
 * Scrolls a cell into view for a click on a finding: its row in the middle,
 * and as far left as still shows the whole cell, so column A (where the row's
 * label is) stays in view whenever the cell fits beside it. Frozen columns
 * stay in view anyway (they are sticky).
 */
function revealCell(scroller: HTMLElement, el: HTMLElement): void {
  const view = scroller.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  const top = box.top - view.top + scroller.scrollTop;
  const left = box.left - view.left + scroller.scrollLeft;
  const right = left + box.width;
  scroller.scrollTop = Math.max(0, top - (scroller.clientHeight - box.height) / 2);
  if (el.style.position === 'sticky') return;
  const sticky = ROW_HEAD_PX + Number(scroller.dataset.frozenWidth || 0);
  scroller.scrollLeft = right + 8 <= scroller.clientWidth ? 0
    : box.width + 8 > scroller.clientWidth - sticky ? left - sticky : right + 8 - scroller.clientWidth;
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
  const [keyMove, setKeyMove] = React.useState(0);
  /** Set while an edit ended by Enter, Tab or Escape hands the focus back to the grid. */
  const closing = React.useRef(false);
  /**
   * The rows drawn of a sheet longer than MAX_ROWS: from `start`, MAX_ROWS of them. They follow the selected cell
   * (a key, a click on a finding) when it moves outside; rows shown by the buttons stay (`pinnedAt`: the selected
   * row then) until the selection moves.
   */
  const [win, setWin] = React.useState<{ sheet: string; start: number; pinnedAt: string | null }>({ sheet: '', start: 0, pinnedAt: null });
  const tabList = React.useRef<HTMLDivElement>(null);
  const sheet = state.sheets.find((s) => s.name === state.activeSheet) ?? state.sheets[0];
  const grid = React.useMemo(() => (sheet ? layout(sheet) : null), [sheet]);
  const look = sheet ? host.look(sheet.name) : null;

  // The host asked to show the selection (a click on a finding): scroll it into view, keeping the row's label in view.
  React.useEffect(() => {
    if (!state.reveal || !scroller.current) return;
    const a = state.selection.active;
    const el = scroller.current.querySelector<HTMLElement>(`[data-cell="${toA1(a.row, a.col)}"]`);
    if (el) revealCell(scroller.current, el);
    // Only a reveal request scrolls: a selection made in the grid itself must not jump the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.reveal]);

  // The active sheet's tab in view (many sheets scroll in the tab bar instead of squeezing);
  // another sheet or workbook starts at its top-left corner (a reveal then scrolls where it must).
  const activeName = sheet?.name;
  React.useLayoutEffect(() => {
    if (scroller.current) { scroller.current.scrollTop = 0; scroller.current.scrollLeft = 0; }
  }, [activeName, host]);
  React.useEffect(() => {
    const tab = tabList.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    if (tab && tabList.current) {
      const bar = tabList.current;
      if (tab.offsetLeft < bar.scrollLeft) bar.scrollLeft = tab.offsetLeft - 8;
      else if (tab.offsetLeft + tab.offsetWidth > bar.scrollLeft + bar.clientWidth) bar.scrollLeft = tab.offsetLeft + tab.offsetWidth - bar.clientWidth + 8;
    }
  }, [activeName]);

  // A move by keyboard: the new active cell just into view (no jump).
  React.useEffect(() => {
    if (!keyMove || !scroller.current) return;
    const a = state.selection.active;
    scroller.current.querySelector<HTMLElement>(`[data-cell="${toA1(a.row, a.col)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keyMove]);

  if (!sheet || !grid || !look) return <div className="grid-empty">工作簿中没有工作表</div>;
  const sel = state.selection.sheet === sheet.name ? state.selection : null;
  const lastStart = Math.max(0, grid.rows - MAX_ROWS);
  const selRow = sel ? `${sel.active.row}` : '';
  let start = 0;
  if (grid.rows > MAX_ROWS) {
    const same = win.sheet === sheet.name;
    const pinned = same && win.pinnedAt === selRow;
    start = same ? win.start : 0;
    if (sel && !pinned && (sel.active.row < start || sel.active.row >= start + MAX_ROWS)) start = sel.active.row - Math.floor(MAX_ROWS / 2);
    start = Math.max(0, Math.min(lastStart, start));
    const pinnedAt = pinned ? selRow : null;
    // Adjusting state while rendering (React re-renders at once, before drawing): only when the window changes.
    if (!same || win.start !== start || win.pinnedAt !== pinnedAt) setWin({ sheet: sheet.name, start, pinnedAt });
  }
  const end = Math.min(grid.rows, start + MAX_ROWS);
  const showRows = (from: number, toBottom: boolean) => {
    setWin({ sheet: sheet.name, start: Math.max(0, Math.min(lastStart, from)), pinnedAt: selRow });
    requestAnimationFrame(() => { if (scroller.current) scroller.current.scrollTop = toBottom ? scroller.current.scrollHeight : 0; });
  };

  /** Focus back on the grid after an edit ended by a key, without the editor's blur keeping the edit again. */
  const backToGrid = () => {
    closing.current = true;
    try { scroller.current?.focus(); } finally { closing.current = false; }
  };

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
  const rowHeight = (r: number) => look.rowHeights.get(r) ?? DEFAULT_ROW_PX;
  // Frozen rows and columns stay in view as in Excel: sticky at their offsets below the headers.
  const frozenCols = Math.min(look.frozen.cols, grid.cols);
  const frozenRows = Math.min(look.frozen.rows, grid.rows);
  const stickyLeft: number[] = [];
  for (let c = 0, x = ROW_HEAD_PX; c < frozenCols; x += colWidth(c), c++) stickyLeft.push(x);
  const stickyTop: number[] = [];
  for (let r = 0, y = HEAD_PX; r < frozenRows; y += rowHeight(r), r++) stickyTop.push(y);
  const frozenWidth = frozenCols ? stickyLeft[frozenCols - 1] + colWidth(frozenCols - 1) - ROW_HEAD_PX : 0;
  // Frozen rows are always drawn; then the window. A merged area that starts above the window leaves its cells empty.
  const first = Math.max(start, frozenRows);
  const orphans = new Set<string>();
  if (first > frozenRows) {
    for (const [key, span] of grid.spans) {
      const [top, left] = key.split(',').map(Number);
      // One that starts in the frozen rows is drawn there, spanning on.
      if (top < frozenRows || top >= first || top + span.rowSpan <= first) continue;
      for (let y = first; y < Math.min(end, top + span.rowSpan); y++) for (let x = left; x < left + span.colSpan; x++) orphans.add(`${y},${x}`);
    }
  }
  const drawnRows: number[] = [];
  for (let r = 0; r < frozenRows; r++) drawnRows.push(r);
  for (let r = first; r < end; r++) drawnRows.push(r);
  const rows: React.ReactElement[] = [];
  for (const r of drawnRows) {
    const cells: React.ReactElement[] = [
      <th key="h" role="rowheader" className={`row-head${sel && r >= sel.range.top && r <= sel.range.bottom ? ' on' : ''}${r < frozenRows ? ' frozen' : ''}`}
        style={r < frozenRows ? { top: stickyTop[r] } : undefined}>{r + 1}</th>,
    ];
    for (let c = 0; c < grid.cols; c++) {
      const key = `${r},${c}`;
      if (orphans.has(key)) { cells.push(<td key={key} role="gridcell" className="cell" />); continue; }
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
          style={frozenStyle(cellStyle(cellLook, shown.align, fill, shown.color, markStyle), c < frozenCols ? stickyLeft[c] : undefined, r < frozenRows ? stickyTop[r] : undefined)}
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
              onBlur={() => { if (!closing.current) commit(editing!); }}
              onKeyDown={(e) => {
                // As in Excel: Enter / Tab keep the edit and move on, Escape drops it; the grid keeps the focus.
                if (e.key === 'Enter' || e.key === 'Tab') {
                  e.preventDefault();
                  commit(editing!);
                  backToGrid();
                  move(e.key, e.shiftKey, false);
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  setEditing(null);
                  backToGrid();
                }
              }}
            />
          ) : spill ? <span className="spill" style={{ width: colWidth(c) + spill - 6 }}>{shown.text}</span> : shown.text}
        </td>,
      );
    }
    rows.push(<tr key={r} style={{ height: rowHeight(r) }}>{cells}</tr>);
  }

  /** The merged area's top-left cell for a cell inside it, else the cell. */
  const master = (row: number, col: number): { row: number; col: number } => {
    if (!grid.covered.has(`${row},${col}`)) return { row, col };
    for (const [key, span] of grid.spans) {
      const [top, left] = key.split(',').map(Number);
      if (row >= top && row < top + span.rowSpan && col >= left && col < left + span.colSpan) return { row: top, col: left };
    }
    return { row, col };
  };

  /**
   * Moves the active cell for a key (arrows, Enter, Tab, Home); true when it moved, false when the key is not
   * a move or Tab is at the used range's edge (there the browser moves the focus on: no keyboard trap).
   */
  const move = (key: string, shift: boolean, ctrl: boolean): boolean => {
    const a = sel ? sel.active : { row: 0, col: 0 };
    const span = grid.spans.get(`${a.row},${a.col}`);
    const bottom = a.row + (span?.rowSpan ?? 1) - 1;
    const right = a.col + (span?.colSpan ?? 1) - 1;
    const lastCol = Math.max(grid.used.right, 0);
    let to: { row: number; col: number } | null = null;
    switch (key) {
      case 'ArrowUp': to = { row: a.row - 1, col: a.col }; break;
      case 'ArrowDown': to = { row: bottom + 1, col: a.col }; break;
      case 'ArrowLeft': to = { row: a.row, col: a.col - 1 }; break;
      case 'ArrowRight': to = { row: a.row, col: right + 1 }; break;
      case 'Enter': to = shift ? { row: a.row - 1, col: a.col } : { row: bottom + 1, col: a.col }; break;
      case 'Tab':
        if (shift ? a.col <= 0 : right >= lastCol) return false;
        to = shift ? { row: a.row, col: a.col - 1 } : { row: a.row, col: right + 1 };
        break;
      case 'Home': to = ctrl ? { row: 0, col: 0 } : { row: a.row, col: 0 }; break;
      default: return false;
    }
    const row = Math.max(0, Math.min(grid.rows - 1, to.row));
    const col = Math.max(0, Math.min(grid.cols - 1, to.col));
    const m = master(row, col);
    host.selectRange(sheet.name, { top: m.row, left: m.col, bottom: m.row, right: m.col });
    setKeyMove((n) => n + 1);
    return true;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (editing || e.altKey || e.metaKey) return;
    if (e.key === 'F2') {
      e.preventDefault();
      const a = sel ? sel.active : { row: 0, col: 0 };
      const v = valueAt(sheet, grid.used, a.row, a.col);
      if (v.formula) setEditError(`${sheet.name}!${toA1(a.row, a.col)} 含公式（${v.formula}），网页版中不能编辑公式单元格。`);
      else setEditing({ sheet: sheet.name, cell: toA1(a.row, a.col), text: v.value === undefined || v.value === null ? '' : String(v.value) });
      return;
    }
    if (move(e.key, e.shiftKey, e.ctrlKey)) e.preventDefault();
  };

  /** The tab bar as ARIA tabs: ←/→, Home and End go to another sheet and keep the focus on its tab. */
  const onTabKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const names = state.sheets.map((s) => s.name);
    const i = names.indexOf(sheet.name);
    const j = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? names.length - 1 : -2;
    if (j === -2) return;
    e.preventDefault();
    const name = names[Math.max(0, Math.min(names.length - 1, j))];
    host.activateSheet(name);
    requestAnimationFrame(() => tabList.current?.querySelector<HTMLElement>(`[role="tab"][data-sheet="${CSS.escape(name)}"]`)?.focus());
  };

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
      <div
        className="grid-scroll"
        ref={scroller}
        data-testid="grid-scroll"
        data-frozen-width={frozenWidth}
        tabIndex={0}
        role="region"
        aria-label={`工作表 ${sheet.name} 的单元格，选中 ${activeA1}`}
        aria-describedby="grid-keys"
        onKeyDown={onKeyDown}
      >
        <span id="grid-keys" hidden>方向键、Tab、Enter 移动选中的单元格，F2 编辑</span>
        <table className="grid" role="grid" aria-label={sheet.name} data-sheet={sheet.name} style={{ width: ROW_HEAD_PX + Array.from({ length: grid.cols }, (_, c) => colWidth(c)).reduce((a, b) => a + b, 0) }}>
          <colgroup>
            <col style={{ width: ROW_HEAD_PX }} />
            {Array.from({ length: grid.cols }, (_, c) => <col key={c} style={{ width: colWidth(c) }} />)}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {Array.from({ length: grid.cols }, (_, c) => (
                <th key={c} role="columnheader" className={`col-head${sel && c >= sel.range.left && c <= sel.range.right ? ' on' : ''}`}
                  style={c < frozenCols ? { left: stickyLeft[c], zIndex: 4 } : undefined}>{columnName(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </div>
      {grid.rows > MAX_ROWS ? (
        <div className="grid-window" data-testid="grid-window">
          <span>本表较长，一次显示 {MAX_ROWS.toLocaleString('zh-CN')} 行：现为第 {(first + 1).toLocaleString('zh-CN')}–{Math.min(end, grid.used.bottom + 1).toLocaleString('zh-CN')} 行（共 {(grid.used.bottom + 1).toLocaleString('zh-CN')} 行）。</span>
          <button type="button" disabled={start === 0} onClick={() => showRows(start - MAX_ROWS, true)}>显示前面的行</button>
          <button type="button" disabled={start >= lastStart} onClick={() => showRows(start + MAX_ROWS, false)}>显示后面的行</button>
        </div>
      ) : null}
      <div className="tabs" role="tablist" aria-label="工作表" ref={tabList} onKeyDown={onTabKey}>
        {state.sheets.map((s) => (
          <button
            key={s.name}
            role="tab"
            type="button"
            data-sheet={s.name}
            aria-selected={s.name === sheet.name}
            tabIndex={s.name === sheet.name ? 0 : -1}
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
