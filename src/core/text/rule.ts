/**
 * A check of the report's text is one module, as a table rule is (src/core/rules/rule.ts): an id, a
 * severity, a description and a check that reports through `ctx.report`, so that findings on the text
 * all carry their paragraph, the sentence they quote and the table cells they name.
 */
import type { Analysis } from '../evaluate';
import type { Field } from '../grid';
import type { Scalar, Severity } from '../report';
import type { Tables } from '../tables';
import type { Figure } from './figures';
import type { Claim, Fact, GradeMention } from './facts';
import { agrees } from './facts';
import { shown } from '../rules/rule';
import { fmtPercent } from '../num';

export interface TextFindingInput {
  paragraph: number;
  /** The sentence, as written. */
  quote: string;
  /** The figure the finding is about (findings on one figure are merged into one). */
  figure?: Figure;
  /** The table cells the text is compared with. */
  related: Field[];
  message: string;
  expected?: Scalar;
  actual?: Scalar;
  severity?: Severity;
  /** The finding's words when it joins an earlier finding on the same figure. */
  also?: string;
}

export interface TextContext {
  figures: Figure[];
  claims: Claim[];
  grades: GradeMention[];
  tables: Tables;
  analysis: Analysis;
  report(f: TextFindingInput): void;
}

export interface TextRule {
  id: string;
  severity: Severity;
  description: string;
  check(ctx: TextContext): void;
}

/** `第 40 段`. */
export const para = (n: number) => `第 ${n} 段`;

/** A table value named in a message: `附件3!E7 基本支出 267.59`. */
export function named(f: Fact): string {
  const again = f.computed !== undefined && f.value !== null && f.computed !== f.value
    ? `（按表中数据重算为 ${f.kind === 'percent' ? fmtPercent(f.computed) : String(f.computed)}）` : '';
  return `${f.field.sheet}!${f.field.cell} ${f.name} ${f.display ?? shown(f.field)}${again}`;
}

/**
 * Reports a claim whose figure agrees with none of the table values it names: the message quotes the
 * figure and names every table value (when tables disagree, all of them).
 */
export function reportMismatch(ctx: TextContext, c: Claim): void {
  const facts = c.facts.filter((f) => f.value !== null);
  if (!facts.length || facts.some((f) => agrees(c.figure, f))) return;
  const fig = c.figure;
  ctx.report({
    paragraph: fig.paragraph, quote: fig.quote, figure: fig, related: facts.map((f) => f.field),
    message: `${para(fig.paragraph)}：${c.what} ${fig.text}${fig.decline ? '（下降）' : ''} 与 ${facts.map(named).join('、')} 不一致，请核对`,
    // The table's number (a percentage as a fraction, money in 万元), as `expected` is for cross-table findings.
    expected: facts[0].value,
    actual: fig.text,
  });
}
