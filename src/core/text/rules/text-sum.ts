import type { TextRule } from '../rule';
import { para } from '../rule';
import type { Figure } from '../figures';
import { round } from '../facts';


/** A figure in 万元 (money) or as written (counts). */
const amount = (f: Figure) => (f.unit === 'money' ? f.value * f.factor : f.value);

/**
 * RULES.md §8: a sum the text states — `110.27 万元，其中 A 91.25 万元，B 19.05 万元` — equals its total.
 * The parts are the figures after 其中 / 包括 in the sentence (or in the next sentence when it starts with
 * 其中), in the total's kind of unit; at least two. A list that adds up to less than its total by more
 * than 1 % may name only the main items, and is not reported.
 */
const rule: TextRule = {
  id: 'text-sum',
  severity: 'error',
  description: '报告正文中“其中”所列各项之和应等于其前面给出的合计数',
  check(ctx) {
    const bySentence = new Map<string, Figure[]>();
    for (const f of ctx.figures) {
      const k = `${f.paragraph}:${f.sentenceIndex}`;
      if (!bySentence.has(k)) bySentence.set(k, []);
      bySentence.get(k)!.push(f);
    }
    for (const [k, figs] of bySentence) {
      const first = figs.findIndex((f) => f.part);
      if (first < 0) continue;
      const [p, s] = k.split(':').map(Number);
      const pool = first > 0 ? figs.slice(0, first) : /^其中|^包括/.test(figs[0].sentence) ? bySentence.get(`${p}:${s - 1}`) ?? [] : [];
      const kindOf = (f: Figure) => (f.unit === 'money' ? 'money' : f.unit === 'count' ? `count:${f.unitText}` : null);
      const parts = figs.slice(first).filter((f) => f.part && kindOf(f));
      if (parts.length < 2 || parts.some((f) => kindOf(f) !== kindOf(parts[0]))) continue;
      const total = [...pool].reverse().find((f) => kindOf(f) === kindOf(parts[0]));
      if (!total) continue;
      const sum = parts.reduce((a, f) => a + amount(f), 0);
      const t = amount(total);
      const d = Math.max(total.decimals, ...parts.map((f) => f.decimals)) + (total.unit === 'money' ? Math.round(Math.log10(1 / total.factor)) : 0);
      const diff = round(sum - t, Math.max(0, d));
      if (diff === 0 || (diff < 0 && -diff > Math.abs(t) * 0.01)) continue;
      const unit = total.unit === 'money' ? total.unitText : parts[0].unitText;
      const shownSum = round(sum / (total.unit === 'money' ? total.factor : 1), Math.max(total.decimals, ...parts.map((f) => f.decimals))).toFixed(Math.max(total.decimals, ...parts.map((f) => f.decimals)));
      const list = parts.map((f) => f.text.replace(/\s*(万元|亿元|元|万|个|人|家|项|名)$/, '')).join(' + ');
      ctx.report({ paragraph: total.paragraph, quote: total.quote, figure: total, related: [], actual: total.text, expected: Number(shownSum),
        message: `${para(total.paragraph)}：合计 ${total.text}，但其中所列 ${list} = ${shownSum} ${unit}，请核对`,
        also: `其中所列 ${list} = ${shownSum} ${unit}，也不等于 ${total.text}，请核对` });
    }
  },
};
export default rule;
