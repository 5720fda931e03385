/**
 * How the pane words a finding's expectation (Finding.expectedKind): 应为 only
 * where the tool computed the value; both sides and 请核对 for a cross-table
 * mismatch; a band or limit in words; nothing where nothing can be expected.
 */
import type { Finding, Severity } from '../core/report';
import { RULES } from '../core/rules';
import overallBudget from '../core/rules/cross/overall-budget-vs-basic';
import overallExecuted from '../core/rules/cross/overall-executed-vs-basic';
import overallExpense from '../core/rules/cross/overall-expense-vs-basic';
import projectVsBasic from '../core/rules/cross/project-vs-basic';
import type { Translate } from '../i18n';
import { formatValue, type Formats } from './format';

export type ExpectedKind = 'value' | 'other' | 'range' | 'none';

const CROSS_RULES = new Set([overallBudget.id, overallExecuted.id, overallExpense.id, projectVsBasic.id]);

const DESCRIPTIONS = new Map(RULES.map((r) => [r.id, r.description]));
const NAMES = new Map(RULES.map((r) => [r.id, r.name]));

/** The rule's short Chinese name (`偏差原因`), or null for an unknown rule. */
export function ruleName(id: string): string | null {
  return NAMES.get(id) ?? null;
}

/** The rule's own description ("为什么"), or null for an unknown rule. */
export function ruleDescription(id: string): string | null {
  return DESCRIPTIONS.get(id) ?? null;
}

/** The finding's expectedKind; when the engine gave none: a cross-table rule's value is the other side's. */
export function expectedKindOf(f: Finding): ExpectedKind {
  if (f.expectedKind) return f.expectedKind;
  if (f.expected === null || f.expected === undefined) return 'none';
  return CROSS_RULES.has(f.rule) ? 'other' : 'value';
}

export const refKey = (r: { sheet: string; cell: string }): string => `${r.sheet}!${r.cell}`;

/** A stable key of a finding across checks (rule and cell), for 忽略 and the current item. */
export const findingKey = (f: Finding): string => `${f.rule}|${f.sheet}!${f.cell}`;

/** The card's second line: 应为 / 与 … 不一致，请核对 / the band in words / nothing. */
/**
 * A value on a finding's card, in one format for the whole card: the cell's own
 * number format; for a General cell, a number as the message writes it (110.30,
 * not 110.3 beside it). The card's 应为, 表中为 and 改为 all go through here.
 */
export function cardValue(f: Finding, v: Finding['expected'], key: string, formats: Formats): string {
  if (formats[key] || typeof v !== 'number' || Number.isInteger(v)) return formatValue(v, formats[key]);
  return f.message.includes(v.toFixed(2)) ? v.toFixed(2) : formatValue(v);
}

export function expectationText(f: Finding, t: Translate, formats: Formats = {}): string {
  const fmt = (v: Finding['expected'], key: string) => cardValue(f, v, key, formats);
  const own = refKey(f);
  const actual = f.actual === null || f.actual === undefined ? '' : t('actualIs', { v: fmt(f.actual, own) });
  switch (expectedKindOf(f)) {
    case 'value':
      return `${t('expectedIs', { v: fmt(f.expected, own) })}${actual ? ` · ${actual}` : ''}`;
    case 'other': {
      const other = f.related[0];
      const otherKey = other ? refKey(other) : own;
      return t('crossCheck', { cell: other ? otherKey : '', v: fmt(f.expected, otherKey), own: fmt(f.actual, own) });
    }
    case 'range':
      return f.expectedText ? `${f.expectedText}${actual ? ` · ${actual}` : ''}` : actual;
    default:
      return '';
  }
}

/** What a screen reader hears for a finding's button: severity, cell and message. */
export function findingLabel(f: Finding, t: Translate): string {
  return `${t(`severity1_${f.severity}` as const)}：${f.message.includes(refKey(f)) ? '' : `${refKey(f)} `}${f.message}`;
}

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
