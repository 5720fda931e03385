/**
 * The arithmetic of RULES.md §3 over recognized tables: reads every number
 * cell once, recomputes the derived cells from inputs and from the recomputed
 * values of other derived cells, scores indicators. Rules, the engine and the
 * summary all read this one analysis.
 */
import type { Field } from './grid';
import type { ScoringProfile } from './profile';
import type { BasicDataTable, EvalTable, GoalBlock, IndicatorRow, Table, Tables } from './tables';
import type { Grade } from './report';
import { symbolOp } from './recognize/headers';
import { cellText, presence, readNumber, readTarget, sameText, dateValue, normalizeUnit, moneyFactor, statesCompletion, type NumberRead, type TargetRead } from './values';
import { mul2, rate, ratioTimes2, round2, sum2, twiceMinus, fmtPercent, fmtScore } from './num';

export type DerivedKind = 'rate' | 'score' | 'total';

export interface DerivedCell {
  table: Table;
  field: Field;
  kind: DerivedKind;
  /** Row label and column, for messages: `年度资金总额 执行率`. */
  label: string;
  computed: number;
  /** The cells it is computed from. */
  inputs: Field[];
  /** How it was computed, for messages: `377.89 / 377.89 = 100.00%` (made only when a message needs it). */
  explain: () => string;
}

export type IndicatorType = 'quantitative' | 'qualitative' | 'timeliness' | 'unit-mismatch' | 'unscored';

export interface IndicatorEval {
  row: IndicatorRow;
  type: IndicatorType;
  target: TargetRead;
  actual: TargetRead;
  weight: number | null;
  storedScore: number | null;
  /** The score the rules expect: the recomputed one (quantitative) or W when the target is met. */
  expected: number | null;
  /** Whether the actual is on time (timeliness) or equals the target (qualitative). */
  matchesTarget: boolean;
  /** The recomputed score where quantitative, the stored one otherwise. */
  effectiveScore: number | null;
  derived: DerivedCell | null;
  /** Whether the actual meets the target, whatever the weight (null when it cannot be told). */
  met: boolean | null;
}

/** A derived cell that could not be recomputed because inputs are empty or unreadable (RULES.md §4.14). */
export interface BlockedCell {
  table: Table;
  field: Field;
  kind: DerivedKind;
  label: string;
  /** The inputs that are missing or unreadable, with what they are. */
  missing: { field: Field; what: string }[];
}

export interface BlockAnalysis {
  block: GoalBlock;
  /** Σ stored 得分 of the block, null when a score is missing. */
  sum: number | null;
  /** Every indicator of the block meets its target. */
  allMet: boolean;
}

export interface EvalAnalysis {
  table: EvalTable;
  rate: DerivedCell | null;
  fundsScore: DerivedCell | null;
  total: DerivedCell | null;
  /** The executed rate used for scoring (recomputed), as a fraction. */
  executionRate: number | null;
  fundsWeight: number | null;
  indicators: IndicatorEval[];
  totalScore: number | null;
  grade: Grade | null;
  /** The cap applied to the total by the execution rate, if any. */
  cap: number | null;
  /** Where the funds weight was read: its 分值 cell, a header, or the profile. */
  fundsWeightCell: Field | null;
  blocks: BlockAnalysis[];
  /**
   * Why no score is given although the table scores (RULES.md §4.14): no indicator was read under its
   * header (or no header was found), or there is no 总分 row. Null when the score was computed from rows read.
   */
  unread: 'no-indicators' | 'no-total' | null;
}

export interface Analysis {
  profile: ScoringProfile;
  /** The number in a field, read once (RULES.md §2). */
  read(field: Field | null | undefined): NumberRead;
  derived: DerivedCell[];
  /** Derived cells that could not be recomputed (missing or unreadable inputs). */
  blocked: BlockedCell[];
  evals: Map<EvalTable, EvalAnalysis>;
  controlRate: Map<BasicDataTable, DerivedCell | null>;
}

/** A label without spaces and line breaks, for messages. */
const clean = (s: string) => s.replace(/\s+/g, '');

export function gradeOf(total: number): Grade {
  if (total >= 90) return '优';
  if (total >= 80) return '良';
  if (total >= 60) return '中';
  return '差';
}

function capFor(r: number): number | null {
  if (r >= 0.8) return null;
  if (r >= 0.7) return 89;
  if (r >= 0.6) return 79;
  if (r >= 0.5) return 69;
  return 59;
}

/** Score of a quantitative indicator (RULES.md §3). */
export function quantitativeScore(op: '>=' | '<=' | '=', t: number, a: number, w: number, reverse: 'linear' | 'ratio'): number {
  if (op === '<=') {
    if (t === 0) return a <= 0 ? w : 0;
    if (a <= t) return w;
    if (reverse === 'ratio') return a === 0 ? w : Math.max(0, ratioTimes2(t, a, w));
    if (a >= 2 * t) return 0;
    const twoTminusA = twiceMinus(t, a);
    return Math.max(0, ratioTimes2(twoTminusA, t, w));
  }
  if (op === '=' && t === 0) return a <= 0 ? w : 0;
  if (a >= t) return w;
  if (t <= 0) return 0;
  return Math.max(0, ratioTimes2(a, t, w));
}

export function analyze(tables: Tables, profile: ScoringProfile): Analysis {
  // Fields are shared by the tables, so a field-keyed cache hits on every read after the first.
  // A Map, not a WeakMap: it lives as long as the analysis, and a large WeakMap is slow to collect.
  const cache = new Map<Field, NumberRead>();
  const EMPTY: NumberRead = { kind: 'empty' };
  const read = (f: Field | null | undefined): NumberRead => {
    if (!f) return EMPTY;
    let r = cache.get(f);
    if (!r) { r = readNumber(f.value, f.numFmt); cache.set(f, r); }
    return r;
  };
  const num = (f: Field | null | undefined): number | null => {
    const r = read(f);
    return r.kind === 'number' ? r.value : null;
  };
  const derived: DerivedCell[] = [];
  const blocked: BlockedCell[] = [];
  const evals = new Map<EvalTable, EvalAnalysis>();
  const controlRate = new Map<BasicDataTable, DerivedCell | null>();
  /** The inputs among `inputs` that hold no number. */
  const missingOf = (inputs: [Field | null | undefined, string][]) => inputs
    .filter(([f]) => !!f && read(f).kind !== 'number')
    .map(([f, what]) => ({ field: f as Field, what }));

  for (const t of tables.basicData) {
    let d: DerivedCell | null = null;
    const s = t.staff;
    if (s?.controlRate) {
      const auth = num(s.authorized);
      const act = num(s.actual);
      if (auth !== null && act !== null && auth !== 0) {
        const r = rate(act, auth);
        d = { table: t, field: s.controlRate, kind: 'rate', label: '财政供养人员 控制率', computed: r, inputs: [s.actual, s.authorized], explain: () => `${act} / ${auth} = ${fmtPercent(r)}` };
        derived.push(d);
      } else {
        const missing = missingOf([[s.actual, '实际在职人数'], [s.authorized, '编制数']]);
        if (missing.length) blocked.push({ table: t, field: s.controlRate, kind: 'rate', label: '财政供养人员 控制率', missing });
      }
    }
    controlRate.set(t, d);
  }

  for (const t of [...tables.overall, ...tables.project]) {
    const a: EvalAnalysis = { table: t, rate: null, fundsScore: null, total: null, executionRate: null, fundsWeight: null, indicators: [], totalScore: null, grade: null, cap: null, fundsWeightCell: null, blocks: [], unread: null };
    const f = t.funds;
    if (f) {
      const b = num(f.budget);
      const e = num(f.executed);
      if (b !== null && e !== null) {
        a.executionRate = rate(e, b);
        if (f.rate) {
          a.rate = { table: t, field: f.rate, kind: 'rate', label: `${clean(f.label)} 执行率`, computed: a.executionRate, inputs: [f.executed!, f.budget!], explain: () => `${e} / ${b} = ${fmtPercent(a.executionRate as number)}` };
          derived.push(a.rate);
        }
      } else if (f.rate) {
        blocked.push({ table: t, field: f.rate, kind: 'rate', label: `${clean(f.label)} 执行率`, missing: missingOf([[f.executed, '全年执行数'], [f.budget, '全年预算数']]) });
      }
      const cellWeight = num(f.weight);
      a.fundsWeight = profile.fundsWeight ?? cellWeight ?? f.headerWeight;
      a.fundsWeightCell = profile.fundsWeight !== null ? null : cellWeight !== null ? f.weight : f.headerWeight !== null ? f.headerWeightCell : f.weight;
      if (a.executionRate !== null && a.fundsWeight !== null) {
        const w = a.fundsWeight;
        const s = Math.min(mul2(w, a.executionRate), w);
        if (f.score) {
          a.fundsScore = { table: t, field: f.score, kind: 'score', label: `${clean(f.label)} 得分`, computed: s, inputs: [f.rate ?? f.executed!, ...(a.fundsWeightCell ? [a.fundsWeightCell] : [])], explain: () => `${w} × ${fmtPercent(a.executionRate as number)} = ${fmtScore(s)}` };
          derived.push(a.fundsScore);
        }
      } else if (f.score) {
        const missing = missingOf([[f.executed, '全年执行数'], [f.budget, '全年预算数']]);
        if (a.fundsWeight === null) missing.push({ field: f.weight ?? f.score, what: '分值' });
        blocked.push({ table: t, field: f.score, kind: 'score', label: `${clean(f.label)} 得分`, missing });
      }
    }
    for (const row of t.indicators) a.indicators.push(evaluateIndicator(t, row, read, profile, derived));

    // 总分 (得分) = 预算执行得分 + Σ indicator 得分, from recomputed values.
    const fundsPart = a.fundsScore ? a.fundsScore.computed : f?.score ? num(f.score) : 0;
    const parts = a.indicators.map((i) => i.effectiveScore);
    // Never a score or a grade for a table whose indicators were not read, or with no 总分 row (RULES.md §4.14):
    // a funds score alone is no self-evaluation score.
    if (!a.indicators.length) a.unread = 'no-indicators';
    else if (t.scored && !t.total) a.unread = 'no-total';
    if (!t.scored || a.unread) {
      a.totalScore = null;
    } else if (fundsPart !== null && parts.every((p) => p !== null)) {
      let total = sum2([fundsPart, ...(parts as number[])]);
      if (profile.capTotalByExecutionRate && a.executionRate !== null) {
        const cap = capFor(a.executionRate);
        if (cap !== null && total > cap) { a.cap = cap; total = cap; }
      }
      a.totalScore = total;
      if (t.total?.score) {
        a.total = {
          table: t, field: t.total.score, kind: 'total', label: '总分 得分', computed: total,
          inputs: [...(f?.score ? [f.score] : []), ...a.indicators.map((i) => i.row.score).filter((x): x is Field => !!x)],
          explain: () => `${fmtScore(fundsPart)} + ${parts.map((p) => fmtScore(p as number)).join(' + ')} = ${fmtScore(total)}${a.cap !== null ? `（执行率封顶 ${a.cap}）` : ''}`,
        };
        derived.push(a.total);
      }
    } else {
      // Not computed from the rows (a score or an input is missing): no score and no grade, only the blocked check.
      a.totalScore = null;
      if (t.total?.score) {
        const missing: BlockedCell['missing'] = [];
        if (fundsPart === null && f?.score) missing.push({ field: f.score, what: `${clean(f.label)} 得分` });
        a.indicators.forEach((i) => {
          if (i.effectiveScore !== null) return;
          missing.push({ field: i.row.score ?? i.row.weight ?? i.row.nameCell, what: `${clean(i.row.name) || `第 ${i.row.row + 1} 行`} 得分` });
        });
        blocked.push({ table: t, field: t.total.score, kind: 'total', label: '总分 得分', missing });
      }
    }
    a.grade = a.totalScore === null ? null : gradeOf(a.totalScore);
    for (const block of t.blocks) {
      const evs = a.indicators.filter((i) => i.row.block === block);
      const scores = evs.map((i) => i.storedScore);
      a.blocks.push({
        block,
        sum: scores.every((x) => x !== null) && evs.length ? sum2(scores as number[]) : null,
        allMet: evs.length > 0 && evs.every((i) => i.met === true),
      });
    }
    evals.set(t, a);
  }
  return { profile, read, derived, blocked, evals, controlRate };
}

const COST = /成本指标/;
const OP_TEXT = { '>=': '≥', '<=': '≤', '=': '=' } as const;
const showValue = (x: number, pct: boolean) => (pct ? fmtPercent(x) : String(round2(x)));

/** Whether a row sits under a cost indicator (一级 or 二级 成本指标, 经济/社会/生态(环境)成本指标). */
function isCostRow(row: IndicatorRow): boolean {
  return COST.test(row.level1.replace(/\s+/g, '')) || COST.test(row.level2.replace(/\s+/g, ''));
}

const OPS = { '≥': '>=', '≤': '<=', '=': '=' } as const;

/**
 * A 年度指标值 or 实际完成值 whose operator and unit may stand in cells of their own
 * (`指标性质 | 指标值 | 度量单位`: `﹦ | 100 | %`); the unit applies to the actual as well.
 */
function readSplit(value: Field | null, symbol: Field | null, unit: Field | null): TargetRead {
  const plain = readTarget(value?.value, value?.numFmt);
  if ((!symbol && !unit) || plain.kind !== 'quantitative') return plain;
  let r = plain;
  const u = unit && presence(unit.value) === 'value' ? cellText(unit.value) : '';
  if (u && r.unit === null && !r.percent) r = /^[%％]$/.test(u) ? { ...r, value: r.value / 100, percent: true } : { ...r, unit: u };
  const op = symbol ? symbolOp(cellText(symbol.value)) : '';
  if (op) r = { ...r, op: OPS[op], explicitOp: true };
  return r;
}

/** A target or an actual as the table shows it across its cells: `≥95%`, `72890元`. */
export function splitText(row: IndicatorRow, which: 'target' | 'actual'): string {
  const v = cellText(row[which]?.value);
  if (!row.symbol && !row.unit) return v;
  const op = which === 'target' && row.symbol ? symbolOp(cellText(row.symbol.value)) : '';
  const u = row.unit && presence(row.unit.value) === 'value' && /^[-+]?\d/.test(v) && !/[^\d.\s+-]/.test(v) ? cellText(row.unit.value) : '';
  return `${op}${v}${u}`;
}

function evaluateIndicator(t: EvalTable, row: IndicatorRow, read: (f: Field | null | undefined) => NumberRead, profile: ScoringProfile, derived: DerivedCell[]): IndicatorEval {
  let target = readSplit(row.target, row.symbol, row.unit);
  let actual = readSplit(row.actual, null, row.unit);
  const wr = read(row.weight);
  const sr = read(row.score);
  const weight = wr.kind === 'number' ? wr.value : null;
  const storedScore = sr.kind === 'number' ? sr.value : null;
  const ev: IndicatorEval = { row, type: 'unscored', target, actual, weight, storedScore, expected: null, matchesTarget: false, effectiveScore: storedScore, derived: null, met: null };
  if (target.kind === 'quantitative' && actual.kind === 'quantitative') {
    // Units after folding synonyms; amounts of money convert (元, 万元, 亿元).
    const tu = normalizeUnit(target.unit);
    const au = normalizeUnit(actual.unit);
    const tm = tu === null ? null : moneyFactor(tu);
    const am = au === null ? null : moneyFactor(au);
    if (tm !== null && am !== null && tm !== am) actual = { ...actual, value: actual.value * am / tm, unit: target.unit };
    const unitsDiffer = (tu && au && tu !== au && !(tm !== null && am !== null)) || target.percent !== actual.percent;
    if (unitsDiffer) { ev.type = 'unit-mismatch'; ev.target = target; ev.actual = actual; return ev; }
    // A plain amount of money under a cost indicator is a cap (≤): 195.5 万元 of a planned 200 万 meets it.
    const money = tm !== null || (target.unit === null && am !== null);
    if (!target.explicitOp && money && !target.percent && isCostRow(row)) target = { ...target, op: '<=' };
    ev.target = target;
    ev.actual = actual;
    ev.type = 'quantitative';
    ev.met = quantitativeScore(target.op, target.value, actual.value, 1, profile.reverseFormula) >= 1;
    if (weight === null) return ev;
    // Province variant (off by default): 130% or more of a 正向 target is 偏离, scored with a deduction.
    const overshoot = profile.overshootDeduction !== null && target.op !== '<=' && target.value > 0 && actual.value >= 1.3 * target.value;
    const s = overshoot
      ? weight * (1 - (profile.overshootDeduction as number))
      : quantitativeScore(target.op, target.value, actual.value, weight, profile.reverseFormula);
    ev.expected = round2(s);
    ev.effectiveScore = ev.expected;
    ev.matchesTarget = ev.expected >= weight;
    if (row.score) {
      const tv = target, av = actual;
      const opText = OP_TEXT[tv.op];
      ev.derived = {
        table: t, field: row.score, kind: 'score', label: `${clean(row.name)} 得分`, computed: ev.expected,
        inputs: [row.target!, row.actual!, ...(row.weight ? [row.weight] : [])],
        explain: () => `年度指标值 ${opText}${showValue(tv.value, tv.percent)}，实际完成 ${showValue(av.value, av.percent)}，分值 ${weight}${overshoot ? `，超出目标30%及以上视为偏离，扣减分值的${fmtScore((profile.overshootDeduction as number) * 100)}%` : ''} → ${fmtScore(s)}`,
      };
      derived.push(ev.derived);
    }
    return ev;
  }
  if (target.kind === 'date') {
    ev.type = 'timeliness';
    const aText = row.actual ? String(row.actual.value) : '';
    // A day without a year (`9月前`, `年底前`) is in the table's year, else in the other side's.
    const year = target.date.y ?? t.year ?? (actual.kind === 'date' ? actual.date.y : null);
    const onTime = (actual.kind === 'date' && dateValue(actual.date, year) <= dateValue(target.date, year))
      || (aText !== '' && (sameText(aText, target.text) || statesCompletion(aText)));
    ev.matchesTarget = onTime;
    ev.met = actual.kind === 'empty' ? null : onTime;
    if (onTime) ev.expected = weight;
    return ev;
  }
  if (target.kind === 'qualitative' || (target.kind === 'quantitative' && actual.kind !== 'quantitative')) {
    ev.type = 'qualitative';
    const tText = row.target ? String(row.target.value) : '';
    const aText = row.actual ? String(row.actual.value) : '';
    ev.matchesTarget = actual.kind !== 'empty' && aText !== '' && (sameText(tText, aText) || statesCompletion(aText));
    ev.met = actual.kind === 'empty' ? null : ev.matchesTarget;
    if (ev.matchesTarget) ev.expected = weight;
    return ev;
  }
  return ev;
}
