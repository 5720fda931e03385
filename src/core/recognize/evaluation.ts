/** Recognizes 整体支出绩效自评表 and 项目支出绩效自评表 (RULES.md §1.2, §1.3) from their funds header row. */
import type { SheetGrid, Field } from '../grid';
import { HINT_FUNDS, HINT_INDICATORS, normalizeHeader } from '../grid';
import { fold } from '../values';
import type { Breakdown, EvalTable, FundsRow, GoalBlock, IndicatorRow, Level1Group } from '../tables';
import { declaredWeight, fundsColumnOf, fundsSubColumnOf, goalBlockWeight, headerWeight, indicatorColumnOf, indicatorSubColumnOf, isSignatureLine, type FundsColumn, type IndicatorColumn } from './headers';
import { isEmptyMarker } from '../values';
import { bandCells, findHead, rowCells, tableRange, valueRightOf } from './scan';
import { splitOutline } from './outline';

export interface HeaderAt<K extends string> {
  cols: Partial<Record<K, number>>;
  /** 1, or 2 for a two-row band (a parent header over sub-headers). */
  rows: 1 | 2;
}

/** Columns of a header row, or of a two-row band starting at it (RULES.md §1.4, issue 17 class 1). */
function headerAt<K extends string>(g: SheetGrid, row: number, own: (t: string) => K | undefined, sub: (parent: string, child: string) => K | undefined,
  complete: (cols: Partial<Record<K, number>>) => boolean): HeaderAt<K> | null {
  const single = (r: number) => {
    const cols: Partial<Record<K, number>> = {};
    for (const c of g.headerCells(r)) {
      const k = own(c.text);
      if (k && cols[k] === undefined) cols[k] = c.col;
    }
    return cols;
  };
  const cols = single(row);
  if (complete(cols)) return { cols, rows: 1 };
  // A band: a header of the top row merged down over both rows, and a second row that is no header of its own
  // (a name row merged across above a one-row header is no parent).
  const band = bandCells(g, row);
  if (!band || !band.some((c) => c.down && own(c.child)) || complete(single(row + 1))) return null;
  const two: Partial<Record<K, number>> = {};
  for (const c of band) {
    const k = sub(c.parent, c.child);
    if (k && two[k] === undefined) two[k] = c.col;
  }
  return complete(two) ? { cols: two, rows: 2 } : null;
}

/** Columns of a funds header (one row, or a band: `资金` over `年初 | 全年 | 执行`), or null when the row starts none. */
export function fundsHeader(g: SheetGrid, row: number): HeaderAt<FundsColumn> | null {
  // Every wording of the budget and executed columns (and of 执行率) has 预算 or 执行 in it: most rows are out at once.
  if (!(g.headerHints(row) & HINT_FUNDS)) return null;
  return headerAt(g, row, fundsColumnOf, fundsSubColumnOf, (cols) => cols.budget !== undefined && cols.executed !== undefined
    && (cols.rate !== undefined || cols.score !== undefined));
}

function indicatorHeader(g: SheetGrid, row: number): HeaderAt<IndicatorColumn> | null {
  // Every wording of the target column has 值 in it: most rows are out at once.
  if (!(g.headerHints(row) & HINT_INDICATORS)) return null;
  return headerAt(g, row, indicatorColumnOf, indicatorSubColumnOf, (cols) => cols.target !== undefined && cols.actual !== undefined
    && (cols.name !== undefined || cols.level1 !== undefined)
    // Tables with no scores at all (县级专项资金绩效目标自评表) still have the 一级/二级/三级 tree.
    && !(cols.weight === undefined && cols.score === undefined && (cols.name === undefined || (cols.level1 === undefined && cols.level2 === undefined))));
}

const NAME_LABELS: [RegExp, 'unit' | 'project' | 'dept' | 'impl'][] = [
  [/^(?:预算单位名称|单位名称|部门名称|预算部门名称|部门\(单位\)名称|填报单位|填报单位名称)$/, 'unit'],
  [/^(?:项目支出名称|项目名称|专项资金名称|专项名称)$/, 'project'],
  [/^(?:县级)?主管部门(?:及代码)?$/, 'dept'],
  [/^实施单位$/, 'impl'],
];

const TOTAL_LABEL = /^(?:总分|合计|总计|总分值|总得分)$/;
const INCOME = /^(?:其中[:：]?)?\s*(一般公共预算(?:拨款|资金)?|政府性基金(?:预算)?(?:拨款)?|纳入专户管理的非税收入(?:拨款)?|国有资本经营预算(?:拨款)?|其他资金)\s*(?:[:：]\s*(.*))?$/;
const EXPENSE = /^(?:其中[:：]?)?\s*(基本支出|项目支出)\s*(?:[:：]\s*(.*))?$/;
const FUND_SOURCE = /^(?:其中[:：]?)?\s*(当年财政拨款|本年财政拨款|财政资金|财政拨款|上年结转资金|上年结转|其他资金|[^:：]*补助[^:：]*资金)$/;
/** The label of one 偏差原因 block for the whole table (RULES.md §1.5). */
const REASON_BLOCK = /^(?:偏差大或目标未完成原因分析|偏差原因分析|未完成原因分析|目标未完成原因分析|原因分析|存在问题及原因分析|改进措施及结果应用方案|改进措施|偏差原因分析及改进措施)/;
/** A value that is a unit note, never a name: `单位：万元`. */
const UNIT_NOTE = /^(?:金额)?单位[:：]|^(?:项目)?负责人|^联系(?:人|电话)|^填报(?:人|日期)/;

/** The field of row r in a column, or null without the column. */
function fieldIn(g: SheetGrid, r: number, col: number | undefined): Field | null {
  return col === undefined ? null : g.field(r, col);
}

/** No field, a field merged down from another row, or an empty marker. */
function blankIn(f: Field | null, r: number): boolean {
  return !f || f.row !== r || isEmptyMarker(f.value);
}

export function parseEvaluation(g: SheetGrid, h: number, header: HeaderAt<FundsColumn>, windowTop: number, windowBottom: number, id: (range: string) => string): EvalTable | null {
  const cols = header.cols;
  const firstAmountCol = Math.min(...(Object.values(cols) as number[]));
  // Title, year, 附件 label.
  const head = findHead(g, windowTop, h - 1, (t) => /自评表|绩效评价表/.test(t) && !/基础数据表/.test(t));
  const titleText = head.titleRow !== null && head.titleCol !== null ? fold(g.text(head.titleRow, head.titleCol)) : '';

  // Name labels between the title and the funds header.
  let kind: 'overall' | 'project' | null = /整体/.test(titleText) ? 'overall' : /项目|绩效目标自评表/.test(titleText) ? 'project' : null;
  let nameCell: Field | null = null;
  let nameText: string | null = null;
  let labelsTop: number | null = null;
  for (let r = head.titleRow !== null ? head.titleRow + 1 : windowTop; r < h; r++) {
    for (const c of rowCells(g, r)) {
      const n = normalizeHeader(c.text);
      const hit = NAME_LABELS.find(([re]) => re.test(n));
      if (!hit) {
        // `填报单位：某某局`, `项目名称：某某项目` in one cell (never `单位：万元`).
        const m = /^([^:：]+)[:：](.+)$/.exec(fold(c.text).replace(/\s+/g, ''));
        const inCell = m ? NAME_LABELS.find(([re]) => re.test(m[1])) : undefined;
        if (inCell && (inCell[1] === 'unit' || inCell[1] === 'project')) {
          labelsTop = labelsTop ?? r;
          if (kind === null) kind = inCell[1] === 'unit' ? 'overall' : 'project';
          if (!nameCell) { nameCell = g.field(r, c.col); nameText = c.text.replace(/^[^:：]*[:：]\s*/, '').trim() || null; }
        }
        continue;
      }
      labelsTop = labelsTop ?? r;
      if (hit[1] === 'unit' || hit[1] === 'project') {
        if (kind === null) kind = hit[1] === 'unit' ? 'overall' : 'project';
        const v = valueRightOf(g, r, c.col);
        if (v && !NAME_LABELS.some(([re]) => re.test(normalizeHeader(v.text))) && !UNIT_NOTE.test(fold(v.text)) && !nameCell) nameCell = g.field(r, v.col);
      }
    }
  }

  // The funds row: 年度资金总额 just below the header.
  let fundsRowNo: number | null = null;
  let fundsLabel: Field | null = null;
  for (let r = h + 1; r <= Math.min(h + 3, windowBottom); r++) {
    const label = rowCells(g, r, g.left, firstAmountCol - 1).find((c) => /资金总额|年度资金|合计|总额/.test(fold(c.text)));
    if (label) { fundsRowNo = r; fundsLabel = g.field(r, label.col); break; }
  }
  if (fundsRowNo === null) {
    const r = h + header.rows;
    const b = cols.budget as number;
    if (r <= windowBottom && g.raw(r, b) !== '') { fundsRowNo = r; fundsLabel = g.field(r, Math.max(g.left, firstAmountCol - 1)); }
  }
  const at = (r: number, k: FundsColumn) => (cols[k] === undefined ? null : g.field(r, cols[k] as number));
  const funds: FundsRow | null = fundsRowNo === null ? null : {
    // A section header merged down beside the row (`预算执行情况(万元)(20分)`) names it without its notes.
    label: fundsLabel ? String(fundsLabel.value || '年度资金总额').replace(/\s*[(（][^)）]*[)）]/g, '').trim() || '年度资金总额' : '年度资金总额',
    labelCell: fundsLabel as Field,
    row: fundsRowNo,
    initialBudget: at(fundsRowNo, 'initialBudget'),
    budget: at(fundsRowNo, 'budget'),
    executed: at(fundsRowNo, 'executed'),
    weight: at(fundsRowNo, 'weight'),
    rate: at(fundsRowNo, 'rate'),
    score: at(fundsRowNo, 'score'),
    headerWeight: null,
    headerWeightCell: null,
  };
  if (funds) {
    // A funds weight written only in a header: `预算执行情况(万元)(20分)`, `得分(20分*执行率)`.
    for (const c of rowCells(g, h)) {
      const w = headerWeight(c.text);
      if (w !== null) { funds.headerWeight = w; funds.headerWeightCell = g.field(h, c.col); break; }
    }
  }

  // Indicator header, below the funds rows.
  let ih: number | null = null;
  let icols: Partial<Record<IndicatorColumn, number>> | null = null;
  let ihRows = 1;
  let pendingBlock: { field: Field; weight: number } | null = null;
  for (let r = (fundsRowNo ?? h) + 1; r <= windowBottom; r++) {
    const c = indicatorHeader(g, r);
    if (c) { ih = r; icols = c.cols; ihRows = c.rows; break; }
    if (fundsHeader(g, r)) break;
    for (const cell of rowCells(g, r)) {
      const w = goalBlockWeight(cell.text);
      if (w !== null) pendingBlock = { field: g.field(r, cell.col), weight: w };
    }
  }

  // Breakdowns (overall) and fund sources (project) between the funds row and the indicators.
  const byIncome: Breakdown[] = [];
  const byExpense: Breakdown[] = [];
  const fundSources: EvalTable['fundSources'] = [];
  const sectionEnd = ih ?? Math.min(windowBottom, (fundsRowNo ?? h) + 12);
  for (let r = (fundsRowNo ?? h) + 1; r < sectionEnd; r++) {
    const cells = rowCells(g, r);
    if (cells.some((c) => /^(?:年度总体目标|年度绩效目标|总体目标)/.test(normalizeHeader(c.text)))) break;
    for (const c of cells) {
      const t = fold(c.text).replace(/\s+/g, '');
      const src = FUND_SOURCE.exec(t);
      if (src && c.col < firstAmountCol) {
        fundSources.push({ label: c.text, labelCell: g.field(r, c.col), initialBudget: at(r, 'initialBudget'), budget: at(r, 'budget'), executed: at(r, 'executed') });
        break;
      }
      for (const [re, list] of [[INCOME, byIncome], [EXPENSE, byExpense]] as const) {
        const m = re.exec(t);
        if (!m) continue;
        if (m[2] !== undefined) {
          list.push({ label: m[1], cell: g.field(r, c.col), amountText: m[2] });
        } else {
          const v = valueRightOf(g, r, c.col);
          if (v && !INCOME.test(v.text) && !EXPENSE.test(v.text)) list.push({ label: m[1], cell: g.field(r, v.col), amountText: g.raw(r, v.col) as string | number });
          else list.push({ label: m[1], cell: g.field(r, c.col), amountText: null });
        }
      }
    }
  }
  if (kind === null && fundSources.length) kind = 'project';
  if (kind === null && (byIncome.length || byExpense.length)) kind = 'overall';
  // Without a title, a name label or indicators this is not one of our tables.
  if (kind === null || (ih === null && head.titleRow === null && labelsTop === null)) return null;

  // Indicator rows until the 总分 row.
  const indicators: IndicatorRow[] = [];
  const level1: Level1Group[] = [];
  const blocks: GoalBlock[] = [];
  let reasonBlock: EvalTable['reasonBlock'] = null;
  /** Rows whose 二级 cell starts on that row (a 二级 row of its own may be a subtotal of its 三级 rows). */
  const level2Own = new Set<IndicatorRow>();
  let total: EvalTable['total'] = null;
  let hasWeightColumn = false;
  let hasScoreColumn = false;
  let bottom = Math.max(fundsRowNo ?? h, sectionEnd - 1);
  /** A row holding one 偏差原因 block for the whole table: its label left, its text right. */
  const reasonBlockRow = (r: number, leftLimit: number, rowCellsOf?: readonly { col: number; text: string }[]): boolean => {
    const cells = rowCellsOf ?? rowCells(g, r);
    if (!cells.length || cells.length > 2 || cells[0].col > leftLimit) return false;
    if (!REASON_BLOCK.test(normalizeHeader(cells[0].text))) return false;
    const labelCell = g.field(r, cells[0].col);
    const right = g.rightOf(r, cells[0].col) + 1;
    const cell = cells[1] ? g.field(r, cells[1].col) : g.field(r, Math.min(right, g.right));
    // The first block (the 原因 one) is the one §4.4 reads; a second (改进措施) belongs to the table too.
    if (!reasonBlock || (!/原因/.test(reasonBlock.labelCell.value as string) && /原因/.test(cells[0].text))) reasonBlock = { labelCell, cell };
    return true;
  };
  if (ih !== null && icols) {
    let ic = icols;
    hasWeightColumn = ic.weight !== undefined;
    hasScoreColumn = ic.score !== undefined;
    const dataLeftOf = (c: Partial<Record<IndicatorColumn, number>>) => Math.min(c.target as number, c.weight ?? Infinity, c.score ?? Infinity);
    let dataLeft = dataLeftOf(ic);
    let l1 = '';
    let l1Cell: Field | null = null;
    let l2 = '';
    let block: GoalBlock | null = null;
    const startBlock = (field: Field, weight: number) => {
      if (block && block.cell.sheet === field.sheet && block.cell.cell === field.cell) return;
      block = { label: String(field.value).trim(), cell: field, declaredWeight: weight, rows: [] };
      blocks.push(block);
    };
    if (pendingBlock) startBlock(pendingBlock.field, pendingBlock.weight);
    // A goal block label may also sit in a column merged down beside the header row.
    for (let c = g.left; c < dataLeft; c++) {
      const w = goalBlockWeight(g.text(ih, c));
      if (w !== null) startBlock(g.field(ih, c), w);
    }
    let r = ih + ihRows;
    bottom = r - 1;
    for (; r <= windowBottom; r++) {
      const cells = rowCells(g, r, g.left, g.right);
      const totalCell = cells.find((c) => c.col < dataLeft && TOTAL_LABEL.test(normalizeHeader(c.text)));
      if (totalCell) {
        total = {
          labelCell: g.field(r, totalCell.col),
          weight: ic.weight === undefined ? null : g.field(r, ic.weight),
          score: ic.score === undefined ? null : g.field(r, ic.score),
        };
        bottom = r;
        r++;
        break;
      }
      if (cells.some((c) => isSignatureLine(c.text))) break;
      if (!g.rowHasValue(r, g.left, g.right)) {
        // A blank row inside the indicator block is skipped; two end it.
        if (!g.rowHasValue(r + 1, g.left, g.right)) break;
        continue;
      }
      if (fundsHeader(g, r)) break;
      if (cells.length && /^(?:说明|注[:：]|备注)/.test(normalizeHeader(cells[0].text)) && cells[0].col < dataLeft && cells.length <= 2) { bottom = r; r++; break; }
      if (cells.length <= 2 && reasonBlockRow(r, dataLeft - 1, cells)) { bottom = r; continue; }
      // A goal block label (年度绩效目标1(40分)): in a row of its own, or in a column merged down beside the block.
      let labelOnly = false;
      for (let c = g.left; c < dataLeft; c++) {
        // goalBlockWeight wants 分 and 目标: most cells are out before their text is made.
        const v = g.shown(r, c);
        if (typeof v !== 'string' || !v.includes('分') || !v.includes('目标')) continue;
        const w = goalBlockWeight(v.trim());
        if (w === null) continue;
        startBlock(g.field(r, c), w);
        labelOnly = cells.every((x) => goalBlockWeight(x.text) !== null);
      }
      // A header row inside the indicator area (one per goal block) restarts the column map; it is no indicator.
      const again = cells.some((c) => c.text.includes('值')) ? indicatorHeader(g, r) : null;
      if (again) {
        ic = again.cols;
        r += again.rows - 1;
        hasWeightColumn ||= ic.weight !== undefined;
        hasScoreColumn ||= ic.score !== undefined;
        dataLeft = dataLeftOf(ic);
        bottom = r;
        continue;
      }
      if (labelOnly) { bottom = r; continue; }
      if (ic.level1 !== undefined) {
        const t = g.text(r, ic.level1);
        if (t && normalizeHeader(t) !== '一级指标') { const f = g.field(r, ic.level1); if (!l1Cell || f.cell !== l1Cell.cell) { l1 = t; l1Cell = f; l2 = ''; } }
      }
      if (ic.level2 !== undefined) { const t = g.text(r, ic.level2); if (t) l2 = t; }
      const nameCol = ic.name ?? ic.level2 ?? ic.level1 as number;
      const nameField = g.field(r, nameCol);
      const name = nameField.row === r || ic.name !== undefined ? g.text(r, nameCol) : '';
      const target = fieldIn(g, r, ic.target);
      const actual = fieldIn(g, r, ic.actual);
      const weight = fieldIn(g, r, ic.weight);
      const score = fieldIn(g, r, ic.score);
      bottom = r;
      // A template row (指标1：, ……, a 二级 with no 三级): no weight, no score, no target, no actual.
      if (blankIn(target, r) && blankIn(actual, r) && blankIn(weight, r) && blankIn(score, r)) continue;
      const row: IndicatorRow = {
        row: r, level1: l1, level1Cell: l1Cell, level2: l2, name, nameCell: nameField,
        target, actual, weight, score, reason: fieldIn(g, r, ic.reason), block,
        symbol: fieldIn(g, r, ic.symbol), unit: fieldIn(g, r, ic.unit),
      };
      indicators.push(row);
      if (ic.level2 !== undefined && g.field(r, ic.level2).row === r && g.text(r, ic.level2)) level2Own.add(row);
      if (block) (block as GoalBlock).rows.push(row);
      const last = level1[level1.length - 1];
      if (l1Cell && (!last || last.cell.cell !== l1Cell.cell)) level1.push({ label: l1, cell: l1Cell, declaredWeight: declaredWeight(l1), rows: [row] });
      else if (last) last.rows.push(row);
    }
    // One 偏差原因 block, a 说明 line and the signature line under the table belong to it.
    for (let s = r; s <= Math.min(windowBottom, r + 4); s++) {
      if (reasonBlockRow(s, dataLeft - 1)) { bottom = s; continue; }
      const cells = rowCells(g, s);
      if (cells.some((c) => isSignatureLine(c.text))) { bottom = s; break; }
      if (cells.length && /^(?:说明|注[:：]|备注)/.test(normalizeHeader(cells[0].text)) && cells.length <= 2) { bottom = s; continue; }
      if (!cells.length && s + 1 <= windowBottom && rowCells(g, s + 1).some((c) => isSignatureLine(c.text))) continue;
      break;
    }
  }

  // Numbered outlines: subtotal rows are no indicators (RULES.md §9).
  const { leaves, nodes: outline } = splitOutline(indicators, (row) => ({ level1: !!row.level1Cell && row.level1Cell.row === row.row, level2: level2Own.has(row) }));
  if (outline.length) {
    const keep = new Set(leaves);
    indicators.splice(0, indicators.length, ...leaves);
    for (const l of level1) l.rows = l.rows.filter((x) => keep.has(x));
    for (const b of blocks) b.rows = b.rows.filter((x) => keep.has(x));
  }

  let top = head.top ?? labelsTop ?? h;
  if (head.top === null) for (let s = top - 1; s >= windowTop && g.rowHasValue(s); s--) top = s;
  const range = tableRange(g, top, bottom);
  const name = nameText ?? (nameCell ? String(nameCell.value).trim() || null : null);
  return {
    id: id(range),
    kind,
    sheet: g.name,
    range,
    top,
    bottom,
    year: head.year,
    name,
    title: head.titleRow !== null && head.titleCol !== null ? g.field(head.titleRow, head.titleCol) : null,
    nameCell,
    funds,
    fundSources,
    byIncome,
    byExpense,
    indicators,
    level1,
    total,
    hasWeightColumn,
    hasScoreColumn,
    scored: hasWeightColumn || hasScoreColumn || !!funds?.score || !!total,
    blocks,
    reasonBlock,
    outline,
    indicatorHeader: ih === null ? null : g.field(ih, rowCells(g, ih)[0]?.col ?? g.left),
  };
}
