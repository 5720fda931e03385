/**
 * RuleTester for the checks of a report's text (after ESLint's): runs one text rule over paragraphs and
 * tables, and fails a case that reports the wrong number of findings, in the wrong paragraphs, on the
 * wrong cells. Tables come from the generator (the corrected Hongjiang workbook by default).
 */
import type { TextRule } from '../../src/core/text/rule';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { recognize } from '../../src/core/recognize';
import { analyze as analyzeTables } from '../../src/core/evaluate';
import { resolveProfile } from '../../src/core/profile';
import { checkText } from '../../src/core/text';
import { hongjiang } from './rule-tester';

export interface TextValidCase { name: string; text: string[]; workbook?: WorkbookSnapshot }
export interface TextExpected {
  paragraph: number;
  /** Cells the finding names (`Sheet!A1`), in order; [] for none. */
  cells: string[];
  message?: string | RegExp;
}
export interface TextInvalidCase extends TextValidCase { findings: TextExpected[] }

export function runTextRule(rule: TextRule, text: string[], wb: WorkbookSnapshot = hongjiang('corrected')) {
  const tables = recognize(wb);
  return checkText(text, tables, analyzeTables(tables, resolveProfile()), [rule]);
}

export function textRuleTester(rule: TextRule, cases: { valid: TextValidCase[]; invalid: TextInvalidCase[] }): void {
  describe(`text rule ${rule.id}`, () => {
    test('has an id, a severity and a description', () => {
      expect(rule.id).toMatch(/^text-[a-z0-9-]+$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(5);
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        expect(runTextRule(rule, c.text, c.workbook).findings.map((f) => `¶${f.paragraph} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const found = runTextRule(rule, c.text, c.workbook).findings;
        expect(found.map((f) => `¶${f.paragraph} ${f.related.map((r) => `${r.sheet}!${r.cell}`).join(',')}`))
          .toEqual(c.findings.map((f) => `¶${f.paragraph} ${f.cells.join(',')}`));
        c.findings.forEach((want, i) => {
          const f = found[i];
          expect(f.rule).toBe(rule.id);
          expect(f.severity).toBe(rule.severity);
          expect(f.message.startsWith(`第 ${want.paragraph} 段：`)).toBe(true);
          expect(c.text[want.paragraph - 1]).toContain(f.quote);
          if (want.cells.length) expect(`${f.sheet}!${f.cell}`).toBe(want.cells[0]);
          if (want.message) expect(f.message).toMatch(want.message);
        });
      });
    }
  });
}
