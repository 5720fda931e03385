/**
 * The report's text against its tables (RULES.md §8): the figures of the text,
 * the ones whose words name a table value, and the text rules over them. A
 * figure that names no table value is counted, never an error.
 */
import type { Analysis } from '../evaluate';
import type { Finding, TextSummary } from '../report';
import type { Tables } from '../tables';
import { reportFigures } from './figures';
import { claimsOf, gradesOf } from './facts';
import type { TextFindingInput, TextRule } from './rule';
import textScore from './rules/text-score';
import textFunds from './rules/text-funds';
import textExpenses from './rules/text-expenses';
import textStaff from './rules/text-staff';
import textIndicators from './rules/text-indicators';
import textSum from './rules/text-sum';

/** Every text rule, in the order their findings on one figure are merged (the sum last). */
export const TEXT_RULES: readonly TextRule[] = [textScore, textFunds, textExpenses, textStaff, textIndicators, textSum];

export interface TextCheck {
  findings: Finding[];
  summary: TextSummary;
}

/** Which table a cell lies in. */
function tableId(tables: Tables, sheet: string, row: number): string | undefined {
  return tables.all.find((t) => t.sheet === sheet && row >= t.top && row <= t.bottom)?.id;
}

/**
 * Checks the paragraphs of a report (paragraph n is `paragraphs[n - 1]`) against recognized tables.
 * Findings on the text have `paragraph` and `quote`; their cell is the first table cell they name.
 */
export function checkText(paragraphs: readonly string[], tables: Tables, analysis: Analysis, rules: readonly TextRule[] = TEXT_RULES): TextCheck {
  const figures = reportFigures(paragraphs);
  const claims = claimsOf(figures, tables, analysis);
  const grades = gradesOf(paragraphs);
  const findings: Finding[] = [];
  const byFigure = new Map<string, Finding>();
  for (const rule of rules) {
    const report = (f: TextFindingInput) => {
      const related = f.related.map((x) => ({ sheet: x.sheet, cell: x.cell }));
      const key = f.figure ? `${f.figure.paragraph}:${f.figure.sentenceIndex}:${f.figure.index}` : null;
      const earlier = key ? byFigure.get(key) : undefined;
      if (earlier) {
        // One finding per figure: a second rule's complaint joins the first one's message.
        earlier.message = `${earlier.message.replace(/，请核对$/, '')}；${f.also ?? f.message.replace(/^第 \d+ 段：/, '')}`;
        for (const r of related) if (!earlier.related.some((y) => y.sheet === r.sheet && y.cell === r.cell)) earlier.related.push(r);
        return;
      }
      const first = f.related[0];
      const finding: Finding = {
        rule: rule.id,
        severity: f.severity ?? rule.severity,
        sheet: first?.sheet ?? '',
        cell: first?.cell ?? '',
        related,
        message: f.message,
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        expectedKind: related.length ? 'other' : 'value',
        table: first ? tableId(tables, first.sheet, first.row) : undefined,
        paragraph: f.paragraph,
        quote: f.quote,
      };
      findings.push(finding);
      if (key) byFigure.set(key, finding);
    };
    rule.check({ figures, claims, grades, tables, analysis, report });
  }
  findings.sort((a, b) => (a.paragraph ?? 0) - (b.paragraph ?? 0));
  return {
    findings,
    summary: { paragraphs: paragraphs.length, figures: figures.length + grades.length, checked: claims.length + grades.length, findings: findings.length },
  };
}
