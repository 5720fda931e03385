/**
 * What the pane knows about cells beyond the report, from the snapshot a check
 * read: each cell's number format (to show values as the cell does), the table,
 * row label and column of each derived cell (for the 重算 list), and the role
 * of every recognized field (so a 达成等级 is only accepted on the 得分 cell of
 * a qualitative indicator).
 */
import type { WorkbookSnapshot } from '../core/snapshot';
import type { CellRef, Report } from '../core/report';
import type { Field } from '../core/grid';
import type { Table } from '../core/tables';
import { recognize } from '../core/recognize';
import { analyze as analyzeTables, type Analysis } from '../core/evaluate';
import { resolveProfile, type ScoringProfile } from '../core/profile';
import { parseCell, parseRange } from '../core/address';
import { refKey } from './wording';
import { tableName } from './format';

/** A derived cell named for the 重算 list. */
export interface CellLabel {
  /** 整体支出绩效自评表：洪江区… / 项目支出绩效自评表：… / 基础数据表. */
  table: string;
  /** Row label: 年度资金总额, an indicator's name, 总分. */
  row: string;
  /** 执行率, 得分, 总分, 控制率. */
  column: string;
}

const KIND_NAME: Record<Table['kind'], string> = { 'basic-data': '基础数据表', overall: '整体支出绩效自评表', project: '项目支出绩效自评表' };

export function tableTitle(t: { kind: Table['kind']; name: string | null }): string {
  return tableName(KIND_NAME[t.kind], t.name);
}

/** Number formats of the given cells (`Sheet!A1`), from the snapshot; General cells are left out. */
export function formatsOf(snapshot: WorkbookSnapshot, keys: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  for (const key of keys) {
    const i = key.lastIndexOf('!');
    const s = sheets.get(key.slice(0, i));
    if (!s?.numberFormats) continue;
    try {
      const used = parseRange(s.range);
      const p = parseCell(key.slice(i + 1));
      const f = s.numberFormats[p.row - used.top]?.[p.col - used.left];
      if (f && f !== 'General') out[key] = f;
    } catch {
      // not a single cell (a table range): no format
    }
  }
  return out;
}

/** Every cell the report shows: findings, their related cells and the recalculated cells. */
export function reportCells(report: Report): Set<string> {
  const keys = new Set<string>();
  for (const f of report.findings) {
    keys.add(refKey(f));
    for (const r of f.related) keys.add(refKey(r));
  }
  for (const r of report.recalculated) keys.add(refKey(r));
  return keys;
}

const COLUMN: Record<string, string> = { rate: '执行率', score: '得分', total: '总分' };

/**
 * Table, row label and column of every derived cell the engine recomputes: from the analysis the check
 * already made when there is one, else (an engine that returns only a report) by analyzing the snapshot.
 */
export function derivedLabels(source: WorkbookSnapshot | Analysis, profile?: Partial<ScoringProfile>): Record<string, CellLabel> {
  const analysis = 'sheets' in source ? analyzeTables(recognize(source), resolveProfile(profile ?? {})) : source;
  const out: Record<string, CellLabel> = {};
  for (const d of analysis.derived) {
    const column = d.kind === 'rate' && d.table.kind === 'basic-data' ? '控制率' : COLUMN[d.kind];
    const row = d.label.replace(/\s*(执行率|得分|总分|控制率)$/, '').trim() || column;
    out[refKey(d.field)] = { table: tableTitle(d.table), row, column };
  }
  return out;
}

/** The role of a cell in a recognized table. */
export type CellRole =
  | { kind: 'qualitativeScore'; label: string }
  | { kind: 'field'; label: string }
  | null;

const FUNDS_NAMES: Record<string, string> = {
  initialBudget: '年初预算数', budget: '全年预算数', executed: '全年执行数', weight: '分值', rate: '执行率', score: '得分',
};
const INDICATOR_NAMES: Record<string, string> = {
  target: '年度指标值', actual: '实际完成值', weight: '分值', score: '得分', reason: '偏差原因分析及改进措施', name: '指标名称',
};

/** What the cell is: the 得分 cell of a qualitative (or timeliness) indicator, another field, or nothing known. */
export function cellRole(snapshot: WorkbookSnapshot, ref: CellRef, profile?: Partial<ScoringProfile>): CellRole {
  const tables = recognize(snapshot);
  const analysis = analyzeTables(tables, resolveProfile(profile ?? {}));
  const is = (f: Field | null | undefined) => !!f && f.sheet === ref.sheet && f.cell === ref.cell;
  for (const a of analysis.evals.values()) {
    for (const i of a.indicators) {
      if (is(i.row.score) && (i.type === 'qualitative' || i.type === 'timeliness')) {
        return { kind: 'qualitativeScore', label: i.row.name.replace(/\s+/g, '') };
      }
    }
  }
  for (const t of tables.overall.concat(tables.project)) {
    if (t.funds) {
      for (const [k, name] of Object.entries(FUNDS_NAMES)) {
        if (is(t.funds[k as keyof typeof t.funds] as Field | null)) return { kind: 'field', label: `${t.funds.label.replace(/\s+/g, '')} ${name}` };
      }
    }
    for (const row of t.indicators) {
      for (const [k, name] of Object.entries(INDICATOR_NAMES)) {
        if (is(row[k as keyof typeof row] as Field | null)) return { kind: 'field', label: `${row.name.replace(/\s+/g, '')} ${name}` };
      }
    }
    if (t.total && is(t.total.score)) return { kind: 'field', label: '总分' };
  }
  for (const b of tables.basicData) {
    for (const row of Object.values(b.rows)) {
      if (row && Object.values(row.cells).some(is)) return { kind: 'field', label: row.label.replace(/\s+/g, '') };
    }
  }
  return null;
}

/** Whether a cell lies inside a recognized table's range. */
export function inTable(tables: { sheet: string; range: string }[], ref: CellRef): { sheet: string; range: string } | null {
  let p;
  try {
    p = parseCell(ref.cell);
  } catch {
    return null;
  }
  return tables.find((t) => {
    if (t.sheet !== ref.sheet) return false;
    const r = parseRange(t.range);
    return p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right;
  }) ?? null;
}
