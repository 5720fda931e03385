/** Recognized tables: every field tied to its cell. Rules read these, never raw cells. */
import type { Field } from './grid';
import type { TableKind } from './report';

interface TableBase {
  id: string;
  kind: TableKind;
  sheet: string;
  /** e.g. "A1:I30". */
  range: string;
  top: number;
  bottom: number;
  year: number | null;
  name: string | null;
  /** The title cell, if any. */
  title: Field | null;
}

// ---- 基础数据表 ----

export type AmountColumn = 'prevFinal' | 'budget' | 'final';
export const AMOUNT_COLUMNS: AmountColumn[] = ['prevFinal', 'budget', 'final'];

/** Known rows of the 经费控制情况 block. */
export type BasicRowKey =
  | 'basic' // 一、部门基本支出
  | 'personnel' // 其中：人员经费 (templates that split 基本支出 into 人员经费 and 公用经费; not the Hunan one)
  | 'public' // 其中：公用经费
  | 'office' // 其中：办公经费
  | 'utilities' // 水费、电费、差旅费
  | 'meetings' // 会议费、培训费
  | 'threePublic' // “三公”经费
  | 'vehicles' // 1、公务用车购置和维护经费
  | 'vehiclePurchase' // 其中：公车购置
  | 'vehicleOperation' // 公车运行维护
  | 'abroad' // 2、出国经费
  | 'reception' // 3、公务接待
  | 'projects' // 二、部门项目支出
  | 'procurement' // 政府采购金额
  | 'basicAdjustment'; // 部门基本支出预算调整

export interface AmountRow {
  /** The row label as written. */
  label: string;
  labelCell: Field;
  row: number;
  cells: Record<AmountColumn, Field | null>;
}

export interface ProjectGroup extends AmountRow {
  members: AmountRow[];
}

export interface BasicDataTable extends TableBase {
  kind: 'basic-data';
  staff: { authorized: Field; actual: Field; controlRate: Field | null; actualHeader: Field } | null;
  /** Header cells of the three amount columns, with the years they name. */
  amountHeaders: Record<AmountColumn, { field: Field; year: number | null } | null>;
  rows: Partial<Record<BasicRowKey, AmountRow>>;
  groups: ProjectGroup[];
}

// ---- 整体支出 / 项目支出 绩效自评表 ----

export interface FundsRow {
  label: string;
  labelCell: Field;
  row: number;
  initialBudget: Field | null; // 年初预算数
  budget: Field | null; // 全年预算数
  executed: Field | null; // 全年执行数
  weight: Field | null; // 分值
  rate: Field | null; // 执行率
  score: Field | null; // 得分
  /** The funds weight written only in a header (`预算执行情况(万元)(20分)`, `得分(20分*执行率)`), and that header cell. */
  headerWeight: number | null;
  headerWeightCell: Field | null;
}

/** A `label：amount` breakdown cell of the overall table, or a 其中 row of a project table. */
export interface Breakdown {
  label: string;
  /** The cell holding the amount (the text cell itself for `label：amount`). */
  cell: Field;
  /** The amount text when it sits inside a label cell; the cell value otherwise. */
  amountText: string | number | null;
}

export interface IndicatorRow {
  row: number;
  level1: string;
  level1Cell: Field | null;
  level2: string;
  name: string;
  nameCell: Field;
  target: Field | null;
  actual: Field | null;
  weight: Field | null;
  score: Field | null;
  reason: Field | null;
  /** A target split across cells: the 指标性质 / 计算符号 cell (`≥`, `﹦`) and the 度量单位 cell, which applies to the actual too. */
  symbol: Field | null;
  unit: Field | null;
  /** The goal block (`年度绩效目标1(40分)`) the row belongs to, in tables without a 分值 column. */
  block: GoalBlock | null;
}

/** A subtotal row of a numbered outline (`一、产出指标` 30 over `1、` / `（1）` rows, or a 二级 row over its 三级 rows). */
export interface OutlineNode {
  /** The subtotal row itself (its 分值 and 得分 cells); never an indicator. */
  row: IndicatorRow;
  /** 1 for `一、`, 2 for `1、` or a 二级 row, 3 for `（1）`, 4 for `①`. */
  depth: number;
  /** Direct children: indicators, and subtotals one level down. */
  children: (IndicatorRow | OutlineNode)[];
  parent: OutlineNode | null;
}

/** A goal block of a table without a 分值 column: its label carries the weight. */
export interface GoalBlock {
  label: string;
  cell: Field;
  declaredWeight: number | null;
  rows: IndicatorRow[];
}

export interface Level1Group {
  label: string;
  cell: Field;
  /** The `(N分)` weight in the label, if any. */
  declaredWeight: number | null;
  rows: IndicatorRow[];
}

export interface EvalTable extends TableBase {
  kind: 'overall' | 'project';
  nameCell: Field | null;
  funds: FundsRow | null;
  /** project: 当年财政拨款, 上年结转资金, 其他资金 rows (amounts per column). */
  fundSources: { label: string; labelCell: Field; initialBudget: Field | null; budget: Field | null; executed: Field | null }[];
  /** overall: 按收入性质分 and 按支出性质分 breakdowns. */
  byIncome: Breakdown[];
  byExpense: Breakdown[];
  indicators: IndicatorRow[];
  level1: Level1Group[];
  total: { labelCell: Field; weight: Field | null; score: Field | null } | null;
  /** Whether the indicator area has a 分值 column / a 得分 column. */
  hasWeightColumn: boolean;
  hasScoreColumn: boolean;
  /** Whether the table scores at all (a 分值 or 得分 column, a funds score, or a 总分 row). */
  scored: boolean;
  blocks: GoalBlock[];
  /** One 偏差原因 block for the whole table instead of a column: its label and the cell holding its text. */
  reasonBlock: { labelCell: Field; cell: Field } | null;
  /** Subtotal rows of a numbered outline, outermost first; their rows are not in `indicators`. */
  outline: OutlineNode[];
  /** The first cell of the indicator header row (`一级指标 | … | 年度指标值 | …`), null when none was found. */
  indicatorHeader: Field | null;
}

export type Table = BasicDataTable | EvalTable;

export interface Tables {
  all: Table[];
  basicData: BasicDataTable[];
  overall: EvalTable[];
  project: EvalTable[];
}
