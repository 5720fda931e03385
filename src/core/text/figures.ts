/**
 * The figures a report's text quotes (RULES.md §8): each number with its unit,
 * its precision, the words before it (its label), the sentence that holds it,
 * and the headings it stands under. Dates, ordinals, list numbers, phone numbers
 * and attachment numbers are not figures.
 *
 * Text is folded (full-width digits and ％ to half-width, NFKC) for reading;
 * quotes keep the text as written.
 */

export type FigureUnit = 'money' | 'percent' | 'score' | 'count' | 'other' | 'none';

export interface Figure {
  /** 1-based paragraph number. */
  paragraph: number;
  /** The figure as written (`267.63 万元`, `１００％`). */
  text: string;
  /** The number as written, with its sign (a 下降 before it does not change it: see `decline`). */
  value: number;
  /** Digits after the decimal point as written: the precision the text claims. */
  decimals: number;
  unit: FigureUnit;
  /** The unit word as written (`万元`, `元`, `%`, `家`), or '' when none. */
  unitText: string;
  /** For money: 万元 per unit of the figure (元 → 0.0001, 亿元 → 10000). */
  factor: number;
  /** The words before the figure back to the previous figure or punctuation, folded, spaces dropped. */
  label: string;
  /** The words before the enclosing parenthesis, when the figure stands inside one (`名称（年度指标值 5 家`). */
  outerLabel: string;
  /** The text from the start of the sentence to the figure, folded, spaces dropped. */
  lead: string;
  /** The sentence, folded, spaces dropped. */
  sentence: string;
  /** The sentence as written (for quotes). */
  quote: string;
  /** Index of the sentence within the paragraph, and of the figure within its sentence. */
  sentenceIndex: number;
  index: number;
  /** Whether the figure follows 其中 / 包括 in its sentence (a part of a total named before). */
  part: boolean;
  /** 下降 / 减少 / 降低 right before the figure. */
  decline: boolean;
  /** An operator around the figure: `≥ 90%`, `90% 以上`. */
  op: '>=' | '<=' | null;
  /** The headings the paragraph stands under, folded, outermost first. */
  headings: string[];
  /** The paragraph, folded, spaces dropped. */
  paragraphText: string;
}

/**
 * Characters NFKC leaves as they are and that are no space: printable ASCII but the space, CJK ideographs,
 * and the Chinese punctuation these reports use. Most of a report; they skip the per-character normalize.
 */
function plainChar(c: number): boolean {
  return (c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff) || c === 0x3001 || c === 0x3002 || c === 0x201c || c === 0x201d || c === 0x300a || c === 0x300b;
}

/** A text folded for reading: NFKC, minus signs, spaces dropped; `pos[i]` is where char i was in the original. */
function foldWithMap(s: string): { text: string; pos: number[] } {
  const out: string[] = [];
  const pos: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (plainChar(c)) { out.push(s[i]); pos.push(i); continue; }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    // Circled numbers (①) are list marks, not figures: kept as written.
    let f = /[\u2460-\u24ff\u2776-\u2793]/.test(ch) ? ch : ch.normalize('NFKC');
    if (f === '\u2212' || f === '\u2013' || f === '\uFE63') f = '-';
    if (/^\s+$/.test(f) || f === '') { if (cp > 0xffff) i++; continue; }
    for (let k = 0; k < f.length; k++) { out.push(f[k]); pos.push(i); }
    if (cp > 0xffff) i++;
  }
  pos.push(s.length);
  return { text: out.join(''), pos };
}

const squeezed = new Map<string, string>();

/** Folded text without spaces (for labels and names). Memoized: table names and labels recur. */
export function squeeze(s: string): string {
  let r = squeezed.get(s);
  if (r === undefined) {
    r = foldWithMap(s).text;
    if (squeezed.size > 50_000) squeezed.clear();
    squeezed.set(s, r);
  }
  return r;
}

const CN_NUM = '一二三四五六七八九十';
const HEADING_PREFIX = new RegExp(`^(?:[${CN_NUM}]+、|[(（][${CN_NUM}]+[)）]|\\d{1,2}[.、．](?!\\d))`);

/** The heading level of a paragraph (1: 一、, 2: （一）, 3: 1.), or 0 when it is no heading. */
export function headingLevel(paragraph: string): number {
  const t = squeeze(paragraph);
  const m = HEADING_PREFIX.exec(t);
  if (!m) return 0;
  const rest = t.slice(m[0].length);
  if (!rest || rest.length > 24 || /[\d,，。;；:：!?！？]/.test(rest.replace(/[:：]$/, ''))) return 0;
  if (/^[一二三四五六七八九十]/.test(m[0])) return 1;
  if (/^[(（]/.test(m[0])) return 2;
  return 3;
}

const UNIT_RE = /^(万元|亿元|元|万|%|‰|分|家|个|人|名|项|户|次|篇|件|平方米|m2|㎡|公里|km|米|亩|天|小时)/;
const MONEY: Record<string, number> = { 万元: 1, 万: 1, 元: 0.0001, 亿元: 10000 };
const COUNT = new Set(['家', '个', '人', '名', '项', '户', '次', '篇', '件']);

/** Words a label ends with that only lead to the figure. */
const LEAD_WORDS = /(?:为|是|达到|达|共计|合计|总计|累计|共|计|约|仅|只|实现|完成了|完成|了|到|至)+$/;
const LIST_MARK = /^(?:[a-zA-Z][、.)]|[①-⑳]|[(（]?\d{1,2}[)）、]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/;

const DATE_AFTER = /^(?:年|月|日|号|时(?!间)|季度|周岁|岁|期|批|版|号文)/;
const ORDINAL_BEFORE = /(?:第|目标|附件|表|编号|序号|No\.?|[A-Za-z])$/;

interface Sentence { start: number; end: number }

function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ('。!?！？\n'.includes(text[i])) { out.push({ start, end: i + 1 }); start = i + 1; }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

const NUMBER = /([+-]?)(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?/g;
const PLAIN = /([+-]?)(\d+)(\.\d+)?/y;
const BREAKS = ',;:、()[]【】《》…';

/** The figures of one paragraph. `headings` are the folded headings above it. */
export function figuresOf(paragraph: string, number: number, headings: string[] = []): Figure[] {
  const { text, pos } = foldWithMap(paragraph);
  const out: Figure[] = [];
  sentencesOf(text).forEach((sen, sentenceIndex) => {
    const s = text.slice(sen.start, sen.end);
    const quote = paragraph.slice(pos[sen.start], pos[sen.end]).trim();
    let boundary = 0;
    let index = 0;
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(s); m; m = NUMBER.exec(s)) {
      const start = m.index;
      // A comma between digits is a thousands separator only when written as ',' (a '，' there is a clause break).
      const sep = m[2].indexOf(',');
      if (sep >= 0 && paragraph[pos[sen.start + start + m[1].length + sep]] !== ',') {
        PLAIN.lastIndex = start;
        m = PLAIN.exec(s)!;
        NUMBER.lastIndex = start + m[0].length;
      }
      const end = start + m[0].length;
      const before = s.slice(0, start);
      const after = s.slice(end);
      const digits = m[2].replace(/,/g, '');
      const skip =
        DATE_AFTER.test(after) ||
        /^[.．/-]\d/.test(after) || /\d[.．/-]$/.test(before) ||
        /[*＊]$/.test(before) || /^[*＊]/.test(after) ||
        ORDINAL_BEFORE.test(before) ||
        /^(?:、|[.．](?!\d))/.test(after) && (start === 0 || /[,;:(（\s]$/.test(before) || LIST_MARK.test(s.slice(0, end + 1))) ||
        /^[)）]/.test(after) && /[(（]$/.test(before) ||
        /^[A-Za-z]/.test(after) && !/^(?:m2|km)/.test(after) ||
        digits.length > 12;
      if (skip) { boundary = end; continue; }
      const u = UNIT_RE.exec(after);
      let unitText = u ? u[1] : '';
      // 万 before 人 / 户 is a count of ten thousands; 分 in 分值 / 分类 is no score.
      if (unitText === '万' && /^万[人户]/.test(after)) unitText = '';
      if (unitText === '分' && /^分[值类别项]/.test(after)) unitText = '';
      const unit: FigureUnit = !unitText ? 'none' : unitText in MONEY ? 'money' : unitText === '%' || unitText === '‰' ? 'percent' : unitText === '分' ? 'score' : COUNT.has(unitText) ? 'count' : 'other';
      const fullEnd = end + unitText.length;
      const raw = before.slice(boundary);
      const cut = Math.max(...[...BREAKS].map((c) => raw.lastIndexOf(c)));
      let label = (cut >= 0 ? raw.slice(cut + 1) : raw).replace(LIST_MARK, '');
      const rest = s.slice(fullEnd);
      const op = /(?:≥|>=|不低于|不少于)$/.test(label) || /^(?:以上|及以上)/.test(rest) ? '>=' as const
        : /(?:≤|<=|不高于|不超过)$/.test(label) || /^(?:以内|以下)/.test(rest) ? '<=' as const : null;
      label = label.replace(/[≥≤<>=]+$/, '').replace(/(?:不低于|不少于|不高于|不超过)$/, '');
      const decline = /(?:下降|减少|降低|减)$/.test(label.replace(LEAD_WORDS, '')) || /(?:下降|减少|降低)了?$/.test(label);
      label = label.replace(LEAD_WORDS, '');
      // After 其中 / 包括 in the sentence, unless they stood inside parentheses that have closed since.
      const q = Math.max(before.lastIndexOf('其中'), before.lastIndexOf('包括'));
      const lastClose = Math.max(before.lastIndexOf(')'), before.lastIndexOf('）'));
      const head = before.slice(0, Math.max(q, 0));
      const part = q >= 0 && !(lastClose > q && Math.max(head.lastIndexOf('('), head.lastIndexOf('（')) > Math.max(head.lastIndexOf(')'), head.lastIndexOf('）')));
      // Inside parentheses: the words before the '(' name what the figure belongs to.
      const open = Math.max(before.lastIndexOf('('), before.lastIndexOf('（'));
      const close = Math.max(before.lastIndexOf(')'), before.lastIndexOf('）'));
      let outerLabel = '';
      if (open > close) {
        const pre = before.slice(0, open);
        const c2 = Math.max(...[...BREAKS].map((c) => pre.lastIndexOf(c)));
        outerLabel = (c2 >= 0 ? pre.slice(c2 + 1) : pre).replace(LIST_MARK, '');
      }
      out.push({
        paragraph: number,
        text: paragraph.slice(pos[sen.start + start], pos[sen.start + fullEnd]).trim(),
        value: Number(`${m[1] === '-' ? '-' : ''}${digits}${m[3] ?? ''}`),
        decimals: m[3] ? m[3].length - 1 : 0,
        unit,
        unitText,
        factor: MONEY[unitText] ?? 1,
        label,
        outerLabel,
        lead: s.slice(0, start),
        sentence: s,
        quote,
        sentenceIndex,
        index: index++,
        part,
        decline,
        op,
        headings,
        paragraphText: text,
      });
      boundary = fullEnd;
      NUMBER.lastIndex = Math.max(NUMBER.lastIndex, fullEnd);
    }
  });
  return out;
}

/** The figures of a report's paragraphs, each with the headings it stands under. */
export function reportFigures(paragraphs: readonly string[]): Figure[] {
  const out: Figure[] = [];
  const headings: string[] = [];
  paragraphs.forEach((p, i) => {
    const level = headingLevel(p);
    if (level) {
      headings.length = Math.min(headings.length, level - 1);
      while (headings.length < level - 1) headings.push('');
      headings.push(squeeze(p));
      return;
    }
    out.push(...figuresOf(p, i + 1, headings.filter(Boolean)));
  });
  return out;
}
