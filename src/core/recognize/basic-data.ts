/** Recognizes a 基础数据表 (RULES.md §1.1) from its 经费控制情况 header row. */
import type { SheetGrid, Field } from '../grid';
import { HINT_BASIC, normalizeHeader } from '../grid';
import { fold } from '../values';
import type { AmountColumn, AmountRow, BasicDataTable, BasicRowKey, ProjectGroup } from '../tables';
import { bareLabel, isSignatureLine, numbering } from './headers';
import { findHead, rowCells, tableRange, valueRightOf } from './scan';

const AMOUNT_HEADER = /^(?:(\d{4})年?|上年|本年|当年)?(决算|预算)数?$/;

/** Whether a row is the amount header of a basic-data table. */
export function isBasicAnchor(g: SheetGrid, row: number): boolean {
  if (!(g.headerHints(row) & HINT_BASIC)) return false;
  const cells = g.headerCells(row, 40);
  if (cells.some((c) => fold(c.text).replace(/\s+/g, '').includes('经费控制情况'))) return true;
  const amounts = cells.filter((c) => AMOUNT_HEADER.test(normalizeHeader(c.text)));
  return amounts.length >= 2 && amounts.some((c) => normalizeHeader(c.text).includes('决算'));
}

/** Rows that start another tree: they end the project groups. */
const OTHER_TREE = new Set<BasicRowKey>(['basic', 'personnel', 'public', 'threePublic']);
/** The top of another tree written as such (a project named 公用经费补助 stays a project). */
const TREE_TOP = /^(?:三公经费|公用经费|人员经费|部门基本支出|基本支出)(?:\(万元\))?$/;
const PLACEHOLDER = /^[.…。·、/\\-—*]+$/;

const TERMINATOR = /^(?:[一二三四五六七八九十]+[、.])?(?:楼堂馆所|殿堂馆所|厉行节约|说明|填表人|填报人)/;

function classify(label: string, inProjects: boolean): BasicRowKey | null {
  const b = bareLabel(label);
  if (/政府采购/.test(b)) return 'procurement';
  if (/预算调整/.test(b)) return 'basicAdjustment';
  if (inProjects) return null;
  if (/部门基本支出|^基本支出/.test(b)) return 'basic';
  if (/人员经费/.test(b)) return 'personnel';
  if (/公用经费/.test(b)) return 'public';
  if (/办公经费|^办公费/.test(b)) return 'office';
  if (/水费|电费|差旅费/.test(b)) return 'utilities';
  if (/会议费|培训费/.test(b)) return 'meetings';
  if (/三公/.test(b)) return 'threePublic';
  if (/公务用车/.test(b)) return 'vehicles';
  if (/购置/.test(b)) return 'vehiclePurchase';
  if (/运行维护/.test(b)) return 'vehicleOperation';
  if (/出国/.test(b)) return 'abroad';
  if (/公务接待/.test(b)) return 'reception';
  if (/项目支出/.test(b)) return 'projects';
  return null;
}

export function parseBasicData(g: SheetGrid, anchor: number, windowTop: number, windowBottom: number, id: (range: string) => string): BasicDataTable | null {
  const header = rowCells(g, anchor);
  // Amount columns.
  const found: { col: number; kind: '决算' | '预算'; year: number | null }[] = [];
  let labelCol: number | null = null;
  for (const c of header) {
    const n = normalizeHeader(c.text);
    const m = AMOUNT_HEADER.exec(n);
    if (m) found.push({ col: c.col, kind: m[2] as '决算' | '预算', year: m[1] ? Number(m[1]) : null });
    else if (labelCol === null) labelCol = c.col;
  }
  const budgetCols = found.filter((f) => f.kind === '预算');
  const finals = found.filter((f) => f.kind === '决算');
  if (!budgetCols.length && !finals.length) return null;
  if (labelCol === null) labelCol = Math.min(...found.map((f) => f.col)) - 1;
  const headerField = (col: number | undefined) => (col === undefined ? null : g.field(anchor, col));
  const budget = budgetCols[0];
  let prevFinal: typeof finals[number] | undefined;
  let final: typeof finals[number] | undefined;
  if (finals.length >= 2) {
    const sorted = [...finals].sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.col - b.col);
    prevFinal = sorted[0];
    final = sorted[sorted.length - 1];
  } else if (finals.length === 1) {
    if (budget && finals[0].year !== null && budget.year !== null && finals[0].year < budget.year) prevFinal = finals[0];
    else final = finals[0];
  }
  const cols: Record<AmountColumn, number | undefined> = { prevFinal: prevFinal?.col, budget: budget?.col, final: final?.col };
  const amountHeaders = {
    prevFinal: prevFinal ? { field: headerField(prevFinal.col) as Field, year: prevFinal.year } : null,
    budget: budget ? { field: headerField(budget.col) as Field, year: budget.year } : null,
    final: final ? { field: headerField(final.col) as Field, year: final.year } : null,
  };

  const rows: Partial<Record<BasicRowKey, AmountRow>> = {};
  const groups: ProjectGroup[] = [];
  let inProjects = false;
  let groupsClosed = false;
  let r = anchor + 1;
  let bottom = anchor;
  for (; r <= windowBottom; r++) {
    const label = g.text(r, labelCol);
    const hasValue = g.rowHasValue(r);
    if (!label) {
      if (!hasValue) break;
      bottom = r;
      continue;
    }
    if (TERMINATOR.test(fold(label).replace(/\s+/g, ''))) break;
    const labelCell = g.field(r, labelCol);
    // A label merged down over several rows belongs to its first row only.
    if (labelCell.row !== r) { bottom = r; continue; }
    const cells = {} as Record<AmountColumn, Field | null>;
    for (const k of ['prevFinal', 'budget', 'final'] as AmountColumn[]) cells[k] = cols[k] === undefined ? null : g.field(r, cols[k] as number);
    const amountRow: AmountRow = { label, labelCell, row: r, cells };
    bottom = r;
    const key = classify(label, inProjects);
    if (key === 'procurement' || key === 'basicAdjustment') {
      rows[key] = amountRow;
      groupsClosed = true;
      continue;
    }
    if (inProjects && !groupsClosed) {
      const num = numbering(label);
      if (num === 'chinese') { groupsClosed = true; inProjects = false; continue; }
      // A project group ends at the first row of another tree (RULES.md §1.1): the 2018/2023 Hunan
      // templates put 公用经费 (其中 办公经费 …) and “三公”经费 after the project block.
      const other = classify(label, false);
      if (other && OTHER_TREE.has(other) && TREE_TOP.test(bareLabel(label).replace(/[“”"'‘’:：]/g, ''))) {
        groupsClosed = true;
        inProjects = false;
        if (!rows[other]) rows[other] = amountRow;
        continue;
      }
      // Template placeholders (……, …, /) are no project.
      if (PLACEHOLDER.test(fold(label).replace(/\s+/g, ''))) continue;
      if (num === 'arabic') { groups.push({ ...amountRow, members: [] }); continue; }
      if (groups.length) groups[groups.length - 1].members.push(amountRow);
      else groups.push({ ...amountRow, members: [] });
      continue;
    }
    if (key && !rows[key]) {
      rows[key] = amountRow;
      if (key === 'projects') inProjects = true;
    }
  }
  if (!rows.basic && !rows.projects) return null;

  // The 楼堂馆所 block, 厉行节约保障措施, 说明 and the signature line belong to the table.
  for (; r <= windowBottom; r++) {
    const cells = rowCells(g, r);
    if (!cells.length) {
      if (r + 1 <= windowBottom && rowCells(g, r + 1).some((c) => isSignatureLine(c.text))) continue;
      break;
    }
    const first = fold(cells[0].text).replace(/\s+/g, '');
    if (TERMINATOR.test(first) || isSignatureLine(first)) {
      bottom = Math.max(r, g.bottomOf(r, cells[0].col));
      r = bottom;
      continue;
    }
    break;
  }

  // Head: title, 附件 label, staff block.
  const head = findHead(g, windowTop, anchor - 1, (t) => /基础数据表/.test(t));
  let staff: BasicDataTable['staff'] = null;
  let top = head.top ?? anchor;
  for (let s = (head.titleRow ?? windowTop); s < anchor; s++) {
    const cells = rowCells(g, s);
    const auth = cells.find((c) => normalizeHeader(c.text) === '编制数');
    if (!auth) continue;
    const act = cells.find((c) => /在职人数|实有人数/.test(normalizeHeader(c.text)));
    const rate = cells.find((c) => /控制率/.test(normalizeHeader(c.text)));
    if (act) {
      staff = {
        authorized: g.field(s + 1, auth.col),
        actual: g.field(s + 1, act.col),
        controlRate: rate ? g.field(s + 1, rate.col) : null,
        actualHeader: g.field(s, act.col),
      };
      if (head.top === null) top = Math.min(top, s);
    }
    break;
  }
  if (head.top === null) {
    // No title: start at the first non-empty row above the anchor in the window.
    for (let s = anchor - 1; s >= windowTop && g.rowHasValue(s); s--) top = s;
  }
  const range = tableRange(g, top, bottom);
  const year = head.year ?? final?.year ?? budget?.year ?? null;
  const name = unitName(g, top, anchor);
  return {
    id: id(range),
    kind: 'basic-data',
    sheet: g.name,
    range,
    top,
    bottom,
    year,
    name,
    title: head.titleRow !== null && head.titleCol !== null ? g.field(head.titleRow, head.titleCol) : null,
    staff,
    amountHeaders,
    rows,
    groups,
  };
}

const UNIT_LABEL = /^(?:填报单位|单位名称|预算单位名称|预算单位|部门名称|部门\(单位\)名称)(?:[:：]\s*(.*))?$/;

/** The unit's name, where the table states it above its amounts (`填报单位：…`, or a label with the name to its right). */
function unitName(g: SheetGrid, top: number, anchor: number): string | null {
  for (let r = top; r < anchor; r++) {
    for (const c of rowCells(g, r)) {
      const m = UNIT_LABEL.exec(fold(c.text).replace(/\s+/g, ''));
      if (!m) continue;
      if (m[1]) return c.text.replace(/^[^:：]*[:：]\s*/, '').trim() || null;
      const v = valueRightOf(g, r, c.col);
      if (v) return v.text;
    }
  }
  return null;
}
