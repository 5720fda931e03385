/** Header words and their synonyms (RULES.md §1.4), matched exactly after normalization. */
import { normalizeHeader } from '../grid';
import { fold } from '../values';

export type FundsColumn = 'initialBudget' | 'budget' | 'executed' | 'weight' | 'rate' | 'score';
export type IndicatorColumn =
  | 'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'reason' | 'symbol' | 'unit';

const FUNDS: Record<FundsColumn, string[]> = {
  initialBudget: ['年初预算数', '年初预算', '年初预算金额'],
  budget: ['全年预算数', '调整后预算数', '预算数', '全年预算', '调整后预算'],
  executed: ['全年执行数', '预算执行数', '执行数', '全年执行', '实际执行数', '全年执行金额'],
  weight: ['分值', '权重'],
  rate: ['执行率', '预算执行率', '全年执行率'],
  score: ['得分'],
};

const INDICATORS: Record<IndicatorColumn, string[]> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '指标名称', '绩效指标名称'],
  target: ['年度指标值', '指标值', '年初目标值', '年度目标值', '目标值', '预期目标值'],
  actual: ['实际完成值', '完成值', '全年实际值', '实际值', '实际完成情况值', '全年完成值', '全年实际完成值'],
  weight: ['分值', '权重'],
  score: ['得分'],
  reason: ['偏差原因分析及改进措施', '未完成原因分析', '偏差原因', '原因分析', '偏差原因分析', '偏差原因分析及改进措施说明', '未完成原因分析及改进措施'],
  symbol: ['计算符号', '指标性质'],
  unit: ['计量单位', '度量单位'],
};

function lookup<K extends string>(table: Record<K, string[]>): Map<string, K> {
  const m = new Map<string, K>();
  for (const k of Object.keys(table) as K[]) for (const w of table[k]) m.set(w, k);
  return m;
}

const FUNDS_MAP = lookup(FUNDS);
const INDICATOR_MAP = lookup(INDICATORS);

export function fundsColumnOf(text: string): FundsColumn | undefined {
  return FUNDS_MAP.get(normalizeHeader(text));
}

export function indicatorColumnOf(text: string): IndicatorColumn | undefined {
  const n = normalizeHeader(text);
  return INDICATOR_MAP.get(n) ?? (/原因/.test(n) && n.length <= 16 ? 'reason' : undefined);
}

/** Short sub-headers under a funds header (`资金` over `年初 | 全年 | 执行`). */
const FUNDS_SUB: Record<string, FundsColumn> = {
  年初: 'initialBudget', 年初数: 'initialBudget', 全年: 'budget', 全年数: 'budget', 调整后: 'budget',
  执行: 'executed', 全年执行: 'executed', 实际执行: 'executed',
};

/** A column of a two-row funds header: the sub-header under its parent (`资金` over `年初`), or a header of its own. */
export function fundsSubColumnOf(parent: string, child: string): FundsColumn | undefined {
  const c = normalizeHeader(child);
  return FUNDS_MAP.get(c) ?? (/资金|预算|金额/.test(normalizeHeader(parent)) ? FUNDS_SUB[c] : undefined);
}

/**
 * A column of a two-row indicator header: `年度指标值` over `指标性质 | 指标值 | 度量单位` — the 指标值 under
 * 年度指标值 is the target, under 实际完成值 the actual; other sub-headers keep their own meaning.
 */
export function indicatorSubColumnOf(parent: string, child: string): IndicatorColumn | undefined {
  const p = parent ? indicatorColumnOf(parent) : undefined;
  const c = indicatorColumnOf(child);
  if ((p === 'target' || p === 'actual') && (c === 'target' || c === 'actual' || normalizeHeader(child) === '值')) return p;
  return c;
}

/** The comparison a 指标性质 / 计算符号 cell states: `≥ ≧ ﹦ ＝ ≤ ≦ > <`, 正向 / 反向; '' for none (定性). */
export function symbolOp(text: string): '≥' | '≤' | '=' | '' {
  const t = fold(text).replace(/\s+/g, '');
  if (/^(?:>=?|≥|≧|大于(?:等于)?|不低于|不少于|正向(?:指标)?)$/.test(t)) return '≥';
  if (/^(?:<=?|≤|≦|小于(?:等于)?|不高于|不超过|反向(?:指标)?)$/.test(t)) return '≤';
  if (/^(?:=|等于)$/.test(t)) return '=';
  return '';
}

/** A label with its numbering and `其中：` prefix removed: `二、部门项目支出` → `部门项目支出`. */
export function bareLabel(text: string): string {
  let t = fold(text).replace(/\s+/g, '');
  for (;;) {
    const next = t.replace(/^(?:[一二三四五六七八九十]+[、.]|\d+[、.)]|\(\d+\)|[①-⑳]|其中[:：]?)/, '');
    if (next === t) return t;
    t = next;
  }
}

/** The numbering of a label: 'chinese' for `一、`, 'arabic' for `1、` / `2.`, null otherwise. */
export function numbering(text: string): 'chinese' | 'arabic' | null {
  const t = fold(text).replace(/\s+/g, '');
  if (/^[一二三四五六七八九十]+[、.]/.test(t)) return 'chinese';
  if (/^(?:\d+[、.)]|\(\d+\))/.test(t)) return 'arabic';
  return null;
}

/** A 4-digit year in a title or header: `2024 年度…` → 2024. */
export function yearIn(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(fold(text));
  return m ? Number(m[1]) : null;
}

/** A goal block label carrying its weight: `年度绩效目标1(40分)`, `年度目标1:(80分)` → 40, 80; null otherwise. */
export function goalBlockWeight(text: string): number | null {
  // Most cells are out at once: a goal block label has 目标 and 分 in it.
  if (!text.includes('分') || !text.includes('目标')) return null;
  const m = /^(?:年度)?(?:绩效)?目标[0-9一二三四五六七八九十]*[:：]?\((\d+(?:\.\d+)?)分\)/.exec(fold(text).replace(/\s+/g, ''));
  return m ? Number(m[1]) : null;
}

/** The funds weight in a header: `预算执行情况(万元)(20分)`, `得分(20分*执行率)` → 20. */
export function headerWeight(text: string): number | null {
  const m = /\((\d+(?:\.\d+)?)分(?:\)|[*×x])/.exec(fold(text).replace(/\s+/g, ''));
  return m ? Number(m[1]) : null;
}

/** `产出指标(40分)` → 40. */
export function declaredWeight(text: string): number | null {
  const m = /\(\s*(\d+(?:\.\d+)?)\s*分\s*\)/.exec(fold(text));
  return m ? Number(m[1]) : null;
}

export function isSignatureLine(text: string): boolean {
  if (!/[填联单]/.test(text)) return false;
  return /^(?:填表人|填报人|联系电话|单位负责人|填报日期)/.test(fold(text).replace(/\s+/g, ''));
}

export function isAttachmentLabel(text: string): boolean {
  return /^附件\s*\d*\s*[:：]?$/.test(fold(text));
}
