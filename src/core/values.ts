/**
 * Reading cell values as RULES.md §2 says: numbers with units, percentages,
 * targets with operators, empty markers. Anything else in a number cell is
 * unparseable and reported, never guessed.
 */
import type { CellValue } from './snapshot';
import { NUMBER_SOURCE, strictNumber } from './number-grammar';

const foldCache = new Map<string, string>();

/** Folds full-width characters to half-width (NFKC) and trims. Memoized: labels repeat across tables. */
export function fold(s: string): string {
  let r = foldCache.get(s);
  if (r === undefined) {
    r = s.normalize('NFKC').replace(/\u3000/g, ' ').trim();
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(s, r);
  }
  return r;
}

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.trim();
}

/**
 * Blank, not applicable and zero (RULES.md §9) are three different things:
 * - blank (an empty cell, or only spaces): not filled in — §4.5 and §4.13 apply;
 * - not applicable (`无`, `/`, `—`, `-`, `——`, `不适用`, `*`): filled in, saying the item does not apply —
 *   never a missing input; as a part of a sum it adds nothing;
 * - 0 is the number zero.
 */
export type Presence = 'blank' | 'not-applicable' | 'value';

const NOT_APPLICABLE = new Set(['-', '—', '——', '―', '/', '*', '无', '--', '－', '不适用', '—/—', '\\']);

export function presence(v: CellValue | undefined): Presence {
  if (v === null || v === undefined) return 'blank';
  if (typeof v !== 'string') return 'value';
  const t = v.trim();
  if (t === '') return 'blank';
  return NOT_APPLICABLE.has(t) || NOT_APPLICABLE.has(fold(t)) ? 'not-applicable' : 'value';
}

/** Whether a cell holds no value: blank or not applicable (use `presence` where the two differ). */
export function isEmptyMarker(v: CellValue | undefined): boolean {
  return presence(v) !== 'value';
}

/** Whether a cell is blank: not filled in (not applicable is filled in). */
export function isBlank(v: CellValue | undefined): boolean {
  return presence(v) === 'blank';
}

const percentFormats = new Map<string, boolean>();

/** Whether a number format shows a percentage (a `%` outside quoted text). Memoized: a workbook has few formats. */
export function isPercentFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  let p = percentFormats.get(fmt);
  if (p === undefined) {
    p = fmt.replace(/"[^"]*"/g, '').includes('%');
    if (percentFormats.size > 10_000) percentFormats.clear();
    percentFormats.set(fmt, p);
  }
  return p;
}

export type NumberRead =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percent: boolean; unit: string | null }
  | { kind: 'unparseable'; text: string };

/** The number (the grammar of number-grammar.ts), then `%` or a trailing unit. */
const NUM_RE = new RegExp(`^(${NUMBER_SOURCE})\\s*(%)?\\s*([^\\d\\s.%+\\-,][^\\d]{0,7}[23]?)?$`);

/**
 * Reads a number cell: a number (percent when its format is a percentage), or
 * text with full-width digits, thousands separators, a sign, `%`, a trailing unit.
 * A percentage comes back as a fraction (`95.71%` → 0.9571).
 */
export function readNumber(v: CellValue | undefined, numFmt?: string | null): NumberRead {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'unparseable', text: String(v) };
    return { kind: 'number', value: v, percent: isPercentFormat(numFmt), unit: null };
  }
  if (typeof v === 'boolean') return { kind: 'unparseable', text: String(v) };
  if (isEmptyMarker(v)) return { kind: 'empty' };
  return parseNumberText(v as string);
}

const numberCache = new Map<string, NumberRead>();
const targetCache = new Map<string, TargetRead>();

/** A small memo: the same texts (`100%`, `效果明显`, `0`) recur in every table. Results are never mutated. */
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let r = cache.get(key);
  if (r === undefined) {
    r = Object.freeze(make());
    if (cache.size > 50_000) cache.clear();
    cache.set(key, r);
  }
  return r;
}

export function parseNumberText(text: string): NumberRead {
  return memo(numberCache, text, () => parseNumberTextOnce(text));
}

function parseNumberTextOnce(text: string): NumberRead {
  const s = fold(text).replace(/[\u2212\u2013]/g, '-');
  const m = NUM_RE.exec(s);
  if (!m) return { kind: 'unparseable', text };
  const signed = strictNumber(m[1]);
  if (Number.isNaN(signed)) return { kind: 'unparseable', text };
  const percent = m[2] === '%';
  const unit = m[3] ? m[3].trim() : null;
  if (unit && !isUnit(unit)) return { kind: 'unparseable', text };
  return { kind: 'number', value: percent ? signed / 100 : signed, percent, unit };
}

const LATIN_UNITS = new Set(['m', 'm2', 'm3', 'km', 'km2', 'cm', 'mm', 'kg', 't', 'g', 'h', 'kw', 'kwh', 'mw', 'mb', 'gb', 'tb', 'l', 'ml', 'ha', 'pcs']);

/**
 * A trailing unit: Chinese counter words and measures (万元, 家, 人, 公里, 平方米, ㎡),
 * or a known Latin unit. Latin letters otherwise are typing slips (`110.3O`, `1OO`), not units.
 */
function isUnit(u: string): boolean {
  if (/[<>=≥≤]/.test(u)) return false;
  if (!/[A-Za-z\d]/.test(u)) return true;
  return LATIN_UNITS.has(u.replace(/\s+/g, '').toLowerCase());
}

/** A plain number or null when empty; unparseable → undefined. Convenience for amounts. */
export function numberOrNull(r: NumberRead): number | null | undefined {
  if (r.kind === 'number') return r.value;
  if (r.kind === 'empty') return null;
  return undefined;
}

export type TargetOp = '>=' | '<=' | '=';

export type TargetRead =
  | { kind: 'empty' }
  | { kind: 'quantitative'; op: TargetOp; explicitOp: boolean; value: number; percent: boolean; unit: string | null }
  | { kind: 'date'; date: DayRead; text: string }
  | { kind: 'qualitative'; text: string };

const PREFIX_OPS: [RegExp, TargetOp][] = [
  [/^(?:>=|≥|≧|>|不低于|不少于|大于等于|大于或等于|不小于|至少)/, '>='],
  [/^(?:<=|≤|≦|<|不高于|不超过|不大于|小于等于|小于或等于|控制在|低于)/, '<='],
  [/^(?:=|等于)/, '='],
];
const SUFFIX_OPS: [RegExp, TargetOp][] = [
  [/(?:以上|及以上)$/, '>='],
  [/(?:以内|以下|及以下)$/, '<='],
];

/** A calendar day; the year is null when the text names none (`7月`, `年底前`): it is then the other side's or the table's. */
export interface DayRead { y: number | null; m: number; d: number }

const DATE_RE = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/;
const DATE_ISO_RE = /(\d{4})[-./](\d{1,2})[-./](\d{1,2})/;
/** Words around a deadline or a completion date: `于`, `前`, `之前`, `完成`, `底前完成`. */
const LEAD = '(?:已于|已在|于|在)?';
const TAIL = '(?:前|之前|以前)?(?:已?完成|竣工|完工|完毕)?';
/** `7月`, `9月前`, `12月底`, `10月15日前完成`, `11月中旬` (a month of the year, 1–12). */
const MONTH_RE = new RegExp(`^${LEAD}(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})[日号]|(底|末|份|上旬|中旬|下旬))?${TAIL}$`);
/** `年底前`, `年末`, `2024年底前完成`, `年内`, `上半年`, `第三季度末` ... */
const PERIOD_RE = new RegExp(`^${LEAD}(?:(\\d{4})年?度?)?(年底|年末|年内|年度内|本年度内|本年内|当年|上半年|下半年|第?[一二三四1-4]季度(?:末|底)?)${TAIL}$`);
const QUARTER: Record<string, number> = { '一': 3, '二': 6, '三': 9, '四': 12, '1': 3, '2': 6, '3': 9, '4': 12 };

function lastDay(y: number | null, m: number): number {
  return new Date(Date.UTC(y ?? 2001, m, 0)).getUTCDate();
}

function readDate(s: string): DayRead | null {
  const t = s.replace(/\s+/g, '');
  const mm = MONTH_RE.exec(t);
  if (mm) {
    const y = mm[1] ? Number(mm[1]) : null;
    const m = Number(mm[2]);
    if (m < 1 || m > 12) return null;
    const d = mm[3] ? Number(mm[3]) : mm[4] === '上旬' ? 10 : mm[4] === '中旬' ? 20 : lastDay(y, m);
    return d >= 1 && d <= 31 ? { y, m, d } : null;
  }
  const pm = PERIOD_RE.exec(t);
  if (pm) {
    const y = pm[1] ? Number(pm[1]) : null;
    const p = pm[2];
    const q = /([一二三四1-4])季度/.exec(p);
    const m = p === '上半年' ? 6 : q ? QUARTER[q[1]] : 12;
    return { y, m, d: lastDay(y, m) };
  }
  const m = DATE_RE.exec(s) ?? DATE_ISO_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  // "2024 年 12 月" without a day means the end of that month.
  const d = m[3] ? Number(m[3]) : lastDay(y, mo);
  return { y, m: mo, d };
}

/** A day as a sortable number; a day without a year takes `year` (the other side's, or the table's). */
export function dateValue(d: DayRead, year: number | null = null): number {
  return (d.y ?? year ?? 0) * 10000 + d.m * 100 + d.d;
}

/** Whether a number format shows a date (`yyyy-mm-dd`, `yyyy"年"m"月"d"日"`), not a time or a number. */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(f) || /m{1,2}[^a-z]*d|y[^a-z]*m/i.test(f);
}

/** An Excel date serial (1900 system) as a day. */
function serialDay(n: number): DayRead {
  const dt = new Date(Math.round((n - 25569) * 86400000));
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/**
 * Reads a 年度指标值 or 实际完成值: a quantity with an operator (`≥ 90%`,
 * `不低于 5 家`, `≤377.89 万元`), a date (timeliness), or free text (qualitative).
 * A plain number is 正向 (≥); a plain 0 is read as = 0.
 */
export function readTarget(v: CellValue | undefined, numFmt?: string | null): TargetRead {
  if (typeof v === 'number' && isDateFormat(numFmt) && v > 0) return { kind: 'date', date: serialDay(v), text: String(v) };
  if (typeof v === 'number') {
    const percent = isPercentFormat(numFmt);
    return v === 0
      ? { kind: 'quantitative', op: '=', explicitOp: false, value: 0, percent, unit: null }
      : { kind: 'quantitative', op: '>=', explicitOp: false, value: v, percent, unit: null };
  }
  if (v === null || v === undefined || typeof v === 'boolean') return { kind: 'empty' };
  return memo(targetCache, v, () => readTargetText(v));
}

function readTargetText(v: string): TargetRead {
  const raw = v.trim();
  if (isEmptyMarker(raw)) return { kind: 'empty' };
  // A deadline or a date (`7月`, `9月前`, `年底前`, `12月底`) is a date, never a quantity in 月 (RULES.md §9).
  const deadline = readDate(fold(raw));
  if (deadline) return { kind: 'date', date: deadline, text: raw };
  let s = fold(raw).replace(/\s+/g, ' ');
  let op: TargetOp | null = null;
  for (const [re, o] of PREFIX_OPS) {
    const m = re.exec(s);
    if (m) { op = o; s = s.slice(m[0].length).trim(); break; }
  }
  if (!op) {
    for (const [re, o] of SUFFIX_OPS) {
      const m = re.exec(s);
      if (m) { op = o; s = s.slice(0, s.length - m[0].length).trim(); break; }
    }
  } else {
    for (const [re] of SUFFIX_OPS) s = s.replace(re, '').trim();
  }
  const n = parseNumberText(s);
  if (n.kind === 'number') {
    const explicitOp = op !== null;
    const effective: TargetOp = op ?? (n.value === 0 ? '=' : '>=');
    return { kind: 'quantitative', op: effective, explicitOp, value: n.value, percent: n.percent, unit: n.unit };
  }
  return { kind: 'qualitative', text: raw };
}

const UNIT_SYNONYMS: Record<string, string> = {
  '万': '万元', 'm': '米', '米': '米', 'km': '公里', '千米': '公里', '公里': '公里',
  '㎡': '平方米', 'm2': '平方米', '平方米': '平方米', '平米': '平方米', 'km2': '平方公里', '平方公里': '平方公里',
  'kg': '千克', '公斤': '千克', '千克': '千克', 't': '吨', '吨': '吨',
};

/** A unit after folding synonyms (RULES.md §2): `万` = `万元`, `m` = `米`, `km` = `公里`, `㎡` = `m2` = `平方米`. */
const unitCache = new Map<string, string>();

export function normalizeUnit(u: string | null): string | null {
  if (u === null) return null;
  let n = unitCache.get(u);
  if (n === undefined) {
    const t = fold(u).replace(/\s+/g, '');
    n = UNIT_SYNONYMS[t] ?? UNIT_SYNONYMS[t.toLowerCase()] ?? t;
    if (unitCache.size > 10_000) unitCache.clear();
    unitCache.set(u, n);
  }
  return n;
}

const MONEY: Record<string, number> = { '元': 1e-4, '万元': 1, '亿元': 1e4 };

/** The factor that turns an amount in this unit into 万元, or null when it is no amount of money. */
export function moneyFactor(u: string | null): number | null {
  const n = normalizeUnit(u);
  return n !== null && n in MONEY ? MONEY[n] : null;
}

/**
 * An actual that states completion without restating its target (RULES.md §3):
 * 完成, 已完成, 全部完成, 达成, 达到, 达到预期, 达成预期指标, 实现, 是, 符合 (and their 已 forms).
 */
const COMPLETION = new Set([
  '完成', '已完成', '全部完成', '均已完成', '按时完成', '已按时完成', '达成', '已达成', '达到', '已达到', '达到预期', '达成预期',
  '达到预期目标', '达成预期目标', '达到预期指标', '达成预期指标', '实现', '已实现', '是', '符合', '符合要求', '完成目标', '达标', '已达标',
]);

export function statesCompletion(actual: string): boolean {
  return COMPLETION.has(fold(actual).replace(/[\s，。,.;；、!！]/g, ''));
}

/** Normalizes free text for equality: folds width, drops spaces and trailing punctuation. */
export function sameText(a: string, b: string): boolean {
  const n = (s: string) => fold(s).replace(/[\s，。,.;；、]/g, '');
  return n(a) === n(b);
}
