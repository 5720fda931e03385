/**
 * What a figure of the text is compared with (RULES.md §8): the table values its
 * label names. A figure is *claimed* when its words identify a table value —
 * 自评得分 / 总分, 预算执行率, 年初预算数, 全年预算数, 全年执行数, 基本支出 and 项目支出
 * (预算 or 决算), 人员经费 (where the 基础数据表 has the row), 公用经费, 三公经费, a named row of the 基础数据表, 编制数, 实际在职人数,
 * an indicator's 年度指标值 or 实际完成值 — and the value it is compared with is the
 * one the table states (when tables disagree, every table's value is named).
 *
 * Where the words alone do not say it, the sentence and the headings above the
 * paragraph do: `年初预算数 19.05 万元` under `（二）项目支出情况` is the 项目支出
 * budget; `公用经费 15.16 万元` in a sentence about 预算 under `1. 预算情况` is its
 * budget. A part listed after 其中 / 包括 names its own subject or is not claimed.
 */
import type { Analysis } from '../evaluate';
import type { Field } from '../grid';
import type { AmountColumn, AmountRow, BasicDataTable, EvalTable, IndicatorRow, Table, Tables } from '../tables';
import { readTarget, moneyFactor, normalizeUnit } from '../values';
import { breakdownAmount } from '../rules/table/overall-breakdowns';
import { label as plainLabel } from '../rules/rule';
import { squeeze, type Figure } from './figures';

export type FactKind = 'money' | 'percent' | 'score' | 'count';

export interface Fact {
  field: Field;
  /** How the table names it, for messages: `一、部门基本支出 决算`. */
  name: string;
  /** The value in the table: 万元 for money, a fraction for a percentage. Null when the cell holds no number. */
  value: number | null;
  kind: FactKind;
  table: Table;
  /** For an indicator value: its unit as written (`家`, `万元`), to compare like with like. */
  unit?: string | null;
  /** The value as messages show it, when not the cell's text (the amount of `其中：基本支出：267.59`). */
  display?: string;
  /**
   * For a derived cell (执行率, 总分): the recomputed value. Text that states it agrees — the cell is what is
   * wrong, and the table finding says so — as the summary the pane inserts does.
   */
  computed?: number;
}

export type ClaimKind = 'score' | 'funds' | 'expense' | 'staff' | 'indicator';

export interface Claim {
  figure: Figure;
  /** The indicator row, for an indicator claim. */
  row?: { t: EvalTable; row: IndicatorRow };
  kind: ClaimKind;
  /** What the text names, for messages: `自评得分`, `基本支出决算`, `新增规模以上工业企业 实际完成值`. */
  what: string;
  facts: Fact[];
}

type Subject = 'basic' | 'project' | 'public' | 'threePublic' | 'personnel';
type Measure = 'initial' | 'budget' | 'final';

const SUBJECTS: [RegExp, Subject][] = [
  [/三公/, 'threePublic'],
  [/公用经费/, 'public'],
  [/人员经费/, 'personnel'],
  [/基本支出/, 'basic'],
  [/项目支出/, 'project'],
];

function subjectOf(s: string): Subject | null {
  for (const [re, k] of SUBJECTS) if (re.test(s)) return k;
  return null;
}

/** The measure a label names; the last one written wins (`基本支出全年预算数`). */
function measureOf(s: string): Measure | 'fullBudget' | null {
  const found: [number, Measure | 'fullBudget'][] = [];
  const find = (re: RegExp, m: Measure | 'fullBudget') => { const i = s.search(re); if (i >= 0) found.push([i, m]); };
  find(/年初预算/, 'initial');
  find(/(?:全年|调整后)预算/, 'fullBudget');
  find(/(?<!全年|年初|调整后)预算(?!执行|调整)/, 'budget');
  find(/决算|执行数|支出总额|总支出|实际支出|支出(?:金额|数)?$|总额$|实际使用/, 'final');
  if (!found.length) return null;
  // 全年预算 also matches 预算 at a later index: prefer the specific one at the same place.
  found.sort((a, b) => b[0] - a[0] || (a[1] === 'budget' ? 1 : -1));
  return found[0][1];
}

/** Half-up rounding to `d` decimals (the finance ministry's rounding, RULES.md §3). */
export const round = (x: number, d: number) => {
  const k = 10 ** d;
  return (Math.sign(x) * Math.round(Math.abs(x) * k * (1 + 1e-12))) / k;
};

/** Whether the text's figure states the fact's value, at the text's own precision (RULES.md §8). */
export function agrees(fig: Figure, fact: Fact): boolean {
  if (fact.value === null) return true;
  if (fact.computed !== undefined && fact.computed !== fact.value && agrees(fig, { ...fact, value: fact.computed, computed: undefined })) return true;
  let v = fig.value;
  if (fig.decline && v > 0) v = -v;
  let t = fact.value;
  if (fact.kind === 'money') {
    const u = fact.unit == null ? 1 : moneyFactor(fact.unit) ?? 1;
    t = (t * u) / (fig.unit === 'money' ? fig.factor : 1);
  } else if (fact.kind === 'percent') t *= 100;
  return Math.abs(round(t, fig.decimals) - v) < 1e-9;
}

/** Compatible units: a money figure with a money fact, a percentage with a percentage, … */
function unitFits(fig: Figure, kind: FactKind): boolean {
  switch (kind) {
    case 'money': return fig.unit === 'money';
    case 'percent': return fig.unit === 'percent';
    case 'score': return fig.unit === 'score' || fig.unit === 'none';
    case 'count': return fig.unit === 'count' || fig.unit === 'none';
    default: return false;
  }
}

function num(analysis: Analysis, f: Field | null | undefined): number | null {
  const r = analysis.read(f);
  return r.kind === 'number' ? r.value : null;
}

const COLUMN_NAME: Record<AmountColumn, string> = { prevFinal: '上年决算', budget: '预算', final: '决算' };

function rowFact(analysis: Analysis, t: BasicDataTable, row: AmountRow | undefined, col: AmountColumn): Fact | null {
  const f = row?.cells[col];
  if (!row || !f) return null;
  return { field: f, name: `${plainLabel(row.label)} ${COLUMN_NAME[col]}`, value: num(analysis, f), kind: 'money', table: t };
}

function fieldFact(analysis: Analysis, t: Table, f: Field | null | undefined, name: string, kind: FactKind): Fact | null {
  if (!f) return null;
  const d = analysis.derived.find((x) => x.field === f);
  return { field: f, name, value: num(analysis, f), kind, table: t, ...(d ? { computed: d.computed } : {}) };
}

const present = <T>(xs: (T | null | undefined)[]): T[] => xs.filter((x): x is T => !!x);

/** The basic-data table's project rows and groups by their folded names (at least 4 characters). */
function namedRows(t: BasicDataTable): { name: string; row: AmountRow }[] {
  const out: { name: string; row: AmountRow }[] = [];
  for (const g of t.groups) {
    for (const r of [g, ...g.members]) {
      const name = squeeze(r.label).replace(/^(?:其中[:：]?|[一二三四五六七八九十]+、|\d+[、.．]|[(（]\d+[)）])/, '');
      if (name.length >= 4) out.push({ name, row: r });
    }
  }
  return out.sort((a, b) => b.name.length - a.name.length);
}

/** The distinctive part of an indicator's name: folded, the trend word dropped (`同比增长` → `同比`). */
const TREND = /(?:增长|提高|增加|提升|下降|减少|降低)(?:率)?$/;
function coreName(s: string): string {
  return squeeze(s).replace(/[,，、;；。]/g, '').replace(TREND, '');
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length;
}

/** The last label with its trend word and 目标N: dropped (the same label is held against every row). */
let lastLabel = '';
let lastTrimmed = '';

/** An indicator's folded name and distinctive part, made once per row. */
const rowNames = new WeakMap<IndicatorRow, { name: string; core: string }>();

/** Whether a label names the indicator: its whole name, or (4 characters or more) its characters in order. */
function namesIndicator(lab: string, row: IndicatorRow): number {
  let n = rowNames.get(row);
  if (!n) { n = { name: squeeze(row.name).replace(/[,，、;；。]/g, ''), core: coreName(row.name) }; rowNames.set(row, n); }
  const { name, core } = n;
  if (name.length >= 2 && lab.includes(name)) return 2;
  if (lab !== lastLabel) { lastLabel = lab; lastTrimmed = lab.replace(TREND, '').replace(/^(?:目标\d*[:：]?)/, ''); }
  const l = lastTrimmed;
  // The label's last words, from the first character of the name on.
  const from = l.indexOf(core[0]);
  const tail = from >= 0 ? l.slice(from) : '';
  if (tail.length >= 4 && core.length >= 4 && tail[1] === core[1] && isSubsequence(tail, core)) return 1;
  return 0;
}

interface Context {
  tables: Tables;
  analysis: Analysis;
  /** Project tables by their folded names (and the names without a bracketed note). */
  projectNames: { names: string[]; table: EvalTable }[];
  rows: { name: string; row: AmountRow }[];
  basic: BasicDataTable | null;
  overall: EvalTable | null;
}

function projectIn(ctx: Context, text: string): EvalTable | null {
  for (const p of ctx.projectNames) if (p.names.some((n) => text.includes(n))) return p.table;
  return null;
}

/** Words that say only which side of an indicator a figure is. */
const SIDE_ONLY = /^(?:实际(?:完成)?值?|完成值?|年度指标值|指标值|目标值?)$/;

/** Whether the headings or the sentence speak of targets (年度绩效目标) or of what was achieved (完成情况). */
function side(fig: Figure): 'target' | 'actual' | null {
  const near = fig.label + fig.outerLabel;
  if (/实际完成|完成值|实际值|实际|只完成|完成了/.test(near)) return 'actual';
  if (/指标值|目标值|预期|计划|目标为/.test(near)) return 'target';
  const head = fig.headings.join('|');
  if (/完成情况|实际完成|执行情况|绩效情况|完成值/.test(fig.headings[fig.headings.length - 1] ?? '')) return 'actual';
  if (/目标/.test(fig.headings[fig.headings.length - 1] ?? '')) return 'target';
  if (/完成情况|实际完成/.test(head)) return 'actual';
  if (/目标/.test(head)) return 'target';
  return null;
}

function indicatorFacts(ctx: Context, t: EvalTable, row: IndicatorRow, which: 'target' | 'actual' | null): Fact[] {
  const out: Fact[] = [];
  for (const [w, f] of [['target', row.target], ['actual', row.actual]] as const) {
    if (!f || (which && which !== w)) continue;
    const r = readTarget(f.value, f.numFmt);
    if (r.kind !== 'quantitative') continue;
    const unit = normalizeUnit(r.unit);
    const kind: FactKind = r.percent ? 'percent' : unit && moneyFactor(unit) !== null ? 'money' : 'count';
    out.push({ field: f, name: `${plainLabel(row.name)} ${w === 'target' ? '年度指标值' : '实际完成值'}`, value: r.value, kind, table: t, unit: r.unit });
  }
  return out;
}

function claimIndicator(ctx: Context, fig: Figure, tablesInScope: EvalTable[], original: Figure = fig): Claim | null {
  let best = null as { t: EvalTable; row: IndicatorRow; score: number } | null;
  for (const lab of [fig.label, fig.outerLabel]) {
    if (!lab) continue;
    for (const t of tablesInScope) {
      for (const row of t.indicators) {
        const s = namesIndicator(lab, row);
        if (s && (!best || s > best.score)) best = { t, row, score: s };
      }
    }
    if (best) break;
  }
  if (!best) return null;
  const which = side(fig);
  const facts = indicatorFacts(ctx, best.t, best.row, which).filter((f) => {
    if (f.kind === 'percent') return fig.unit === 'percent' || (fig.unit === 'none' && fig.value === 0);
    if (f.kind === 'money') return fig.unit === 'money';
    if (fig.unit === 'none') return true;
    return fig.unit !== 'percent' && fig.unit !== 'money' && (!f.unit || normalizeUnit(f.unit) === normalizeUnit(fig.unitText));
  });
  if (!facts.length) return null;
  const what = `${plainLabel(best.row.name)}${which === 'target' ? ' 年度指标值' : which === 'actual' ? ' 实际完成值' : ''}`;
  return { figure: original, kind: 'indicator', what, facts, row: { t: best.t, row: best.row } };
}

function claimOf(ctx: Context, fig: Figure, sentenceSubject: Subject | null, sentenceMeasure: Measure | 'fullBudget' | null): Claim | null {
  const lab = fig.label;
  const { analysis, basic, overall } = ctx;
  const project = projectIn(ctx, fig.sentence) ?? projectIn(ctx, fig.headings.join('|'));
  const evalFor = project ?? overall;

  // 自评得分 / 总分 N 分
  if (/得分|总分|自评分|评分/.test(lab) && !/分值|满分|执行得分|资金得分/.test(lab) && (fig.unit === 'score' || (fig.unit === 'none' && /得分|总分/.test(lab.slice(-3))))) {
    const t = /项目/.test(lab) && !project && ctx.tables.project.length === 1 && !/整体/.test(fig.sentence) ? ctx.tables.project[0] : evalFor;
    const total = t?.total?.score;
    if (!t || !total) return null;
    return { figure: fig, kind: 'score', what: '自评得分', facts: present([fieldFact(analysis, t, total, '总分 得分', 'score')]) };
  }
  // 预算执行率 N%
  if (/执行率/.test(lab) && fig.unit === 'percent') {
    const subj = subjectOf(lab) ?? (project ? null : sentenceSubject);
    if (subj && subj !== 'project') return null;
    const t = subj === 'project' && !project ? (ctx.tables.project.length === 1 ? ctx.tables.project[0] : null) : evalFor;
    const rate = t?.funds?.rate;
    if (!t || !rate) return null;
    return { figure: fig, kind: 'funds', what: '预算执行率', facts: present([fieldFact(analysis, t, rate, `${plainLabel(t.funds!.label)} 执行率`, 'percent')]) };
  }
  // 编制数 / 实际在职人数
  if (fig.unit === 'count' || fig.unit === 'none') {
    const staff = basic?.staff;
    if (staff && /编制数|编制人数|核定编制|^编制$/.test(lab) && !fig.part) return { figure: fig, kind: 'staff', what: '编制数', facts: present([fieldFact(analysis, basic!, staff.authorized, '编制数', 'count')]) };
    if (staff && /在职人数|实有人数|在职人员/.test(lab) && !fig.part) return { figure: fig, kind: 'staff', what: '实际在职人数', facts: present([fieldFact(analysis, basic!, staff.actual, '实际在职人数', 'count')]) };
  }
  if (fig.unit === 'money') {
    // A named row of the 基础数据表 (业务工作经费, a project).
    const measure = measureOf(lab) ?? sentenceMeasure ?? measureOf(fig.headings[fig.headings.length - 1] ?? '');
    const own = subjectOf(lab);
    if (basic && !own) {
      const named = ctx.rows.find((r) => lab.includes(r.name));
      if (named) {
        const col: AmountColumn | null = measure === 'final' ? 'final' : measure === 'budget' || measure === 'initial' ? 'budget' : null;
        if (!col) return null;
        return { figure: fig, kind: 'expense', what: `${named.name}${col === 'final' ? '决算' : '预算'}`, facts: present([rowFact(analysis, basic, named.row, col)]) };
      }
    }
    // A subject from the sentence or the headings only for words that name a measure (not `运行维护经费 0 万元`).
    const inherits = !fig.part && measureOf(lab) !== null;
    const subject = own ?? (inherits ? sentenceSubject ?? (project ? null : subjectOf(fig.headings.join('|'))) : null);
    // 人员经费 is compared where the 基础数据表 has that row (other provinces' templates); the Hunan one has
    // none, and then the figure names no table value: not compared, never a finding.
    if (subject && (own || !project)) {
      if (!basic && !overall) return null;
      if (!measure || measure === 'fullBudget') return null;
      const col: AmountColumn = measure === 'final' ? 'final' : 'budget';
      const key = subject === 'basic' ? 'basic' : subject === 'project' ? 'projects' : subject;
      const facts: Fact[] = [];
      if (basic) { const f = rowFact(analysis, basic, basic.rows[key], col); if (f) facts.push(f); }
      if (col === 'final' && overall && (subject === 'basic' || subject === 'project')) {
        const br = overall.byExpense.find((b) => b.label === (subject === 'basic' ? '基本支出' : '项目支出'));
        const v = br ? breakdownAmount(br) : null;
        if (br && typeof v === 'number') facts.push({ field: br.cell, name: br.label, value: v, kind: 'money', table: overall, display: String(v) });
      }
      if (!facts.length) return null;
      const names: Record<Subject, string> = { basic: '基本支出', project: '项目支出', public: '公用经费', threePublic: '“三公”经费', personnel: '人员经费' };
      return { figure: fig, kind: 'expense', what: `${names[subject]}${col === 'final' ? '决算' : '预算'}`, facts };
    }
    // 年初预算数 / 全年预算数 / 全年执行数 of the department (or of a project the sentence names).
    if (!subject && !fig.part && evalFor?.funds && /年初预算|全年预算|调整后预算|全年执行|执行数|年度资金总额|整体支出/.test(lab)) {
      const m = /年初预算/.test(lab) ? 'initial' : /全年预算|调整后预算/.test(lab) ? 'fullBudget' : /执行数|决算|年度资金总额|支出总额/.test(lab) ? 'final' : null;
      if (!m) return null;
      const f = evalFor.funds;
      const field = m === 'initial' ? f.initialBudget : m === 'fullBudget' ? f.budget : f.executed;
      const name = m === 'initial' ? '年初预算数' : m === 'fullBudget' ? '全年预算数' : '全年执行数';
      const fact = fieldFact(analysis, evalFor, field, `${plainLabel(f.label)} ${name}`, 'money');
      return fact ? { figure: fig, kind: 'funds', what: name, facts: [fact] } : null;
    }
  }
  return null;
}

function context(tables: Tables, analysis: Analysis): Context {
  const projectNames = tables.project.filter((t) => t.name).map((t) => {
    const full = squeeze(t.name!);
    const short = full.replace(/[(（][^)）]*[)）]$/, '');
    return { names: [...new Set([full, short])].filter((n) => n.length >= 4), table: t };
  });
  const basic = tables.basicData[0] ?? null;
  return { tables, analysis, projectNames, rows: basic ? namedRows(basic) : [], basic, overall: tables.overall[0] ?? null };
}

/** The figures whose words name a table value, with the values they name. */
export function claimsOf(figures: Figure[], tables: Tables, analysis: Analysis): Claim[] {
  const ctx = context(tables, analysis);
  const out: Claim[] = [];
  let key = '';
  let indicatorKey = '';
  let lastIndicator: { name: string; t: EvalTable } | null = null;
  let subject: Subject | null = null;
  let measure: Measure | 'fullBudget' | null = null;
  for (const fig of figures) {
    const k = `${fig.paragraph}:${fig.sentenceIndex}`;
    if (k !== key) { key = k; subject = null; measure = null; }
    // Differences (较年初减少…, 同比增加 N 万元) are not table values.
    const diff = fig.unit === 'money' && /较|比上年|同比|增加|减少|节约|超支/.test(fig.label);
    let claim: Claim | null = null;
    if (k !== indicatorKey) { indicatorKey = k; lastIndicator = null; }
    if (!diff) {
      if (fig.unit !== 'money' || !subjectOf(fig.label)) {
        const project = projectIn(ctx, fig.sentence) ?? projectIn(ctx, fig.headings.join('|'));
        const scope = project ? [project] : [...tables.overall, ...tables.project];
        // `…年度指标值 5 家，实际完成 3 家`: a bare 实际完成 speaks of the indicator named just before.
        const bare: boolean = SIDE_ONLY.test(fig.label) && !fig.outerLabel && lastIndicator !== null;
        claim = bare ? claimIndicator(ctx, { ...fig, label: `${lastIndicator!.name}${fig.label}` }, [lastIndicator!.t], fig) : claimIndicator(ctx, fig, scope);
        if (claim?.row) lastIndicator = { name: squeeze(claim.row.row.name), t: claim.row.t };
      }
      claim ??= claimOf(ctx, fig, subject, measure);
    }
    if (claim && claim.facts.length && claim.facts.every((f) => unitFits(fig, f.kind) || claim!.kind === 'indicator')) out.push(claim);
    if (!fig.part) {
      subject = subjectOf(fig.label) ?? subject;
      measure = measureOf(fig.label) ?? measure;
    }
  }
  return out;
}

/** 评价等级 named in the text: `评价等级为“优”`. */
export interface GradeMention { paragraph: number; quote: string; grade: '优' | '良' | '中' | '差'; sentence: string }

const GRADE = /(?:评价)?等级(?:为|是|评定为|:|：)?[“"「『]?(优秀|优|良好|良|中等|中|差|不合格)/;

export function gradesOf(paragraphs: readonly string[]): GradeMention[] {
  const out: GradeMention[] = [];
  paragraphs.forEach((p, i) => {
    for (const sentence of p.split(/(?<=[。！？!?\n])/)) {
      const m = GRADE.exec(squeeze(sentence));
      if (!m) continue;
      const grade = (m[1] === '不合格' ? '差' : m[1][0]) as GradeMention['grade'];
      out.push({ paragraph: i + 1, quote: sentence.trim(), grade, sentence: squeeze(sentence) });
    }
  });
  return out;
}
