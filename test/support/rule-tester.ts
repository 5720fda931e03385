/**
 * RuleTester (after ESLint's): runs one rule over workbooks and fails a case
 * that reports the wrong number of findings, on the wrong cells, or with the
 * wrong severity. Workbooks come from the generator (scripts/workbooks.ts), so
 * the tests need no ../shared.
 */
import type { Rule } from '../../src/core/rules';
import type { WorkbookSnapshot, CellValue } from '../../src/core/snapshot';
import type { Severity } from '../../src/core/report';
import type { ScoringProfile } from '../../src/core/profile';
import { analyze } from '../../src/core/engine';
import { parseCell, parseRange } from '../../src/core/address';
import { toSnapshot, hongjiangWorkbook, type Variant } from '../../scripts/workbooks';

export interface ValidCase { name: string; workbook: WorkbookSnapshot; profile?: Partial<ScoringProfile> }
export interface ExpectedFinding {
  /** `Sheet!A1`. */
  cell: string;
  severity?: Severity;
  /** Text the message must contain. */
  message?: string | RegExp;
  /** Related cells the finding must name (`Sheet!A1`). */
  related?: string[];
  expected?: number | string | null;
}
export interface InvalidCase extends ValidCase { findings: ExpectedFinding[] }

export function runRule(rule: Rule, wb: WorkbookSnapshot, profile?: Partial<ScoringProfile>) {
  return analyze(wb, { rules: [rule], profile }).findings;
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    test('has an id, a severity and a description', () => {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(5);
    });
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        const found = runRule(rule, c.workbook, c.profile).filter((f) => f.severity !== 'info' || rule.severity === 'info');
        expect(found.map((f) => `${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const found = runRule(rule, c.workbook, c.profile);
        expect(found.map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual(c.findings.map((f) => f.cell).sort());
        for (const want of c.findings) {
          const f = found.find((x) => `${x.sheet}!${x.cell}` === want.cell)!;
          expect(f.severity).toBe(want.severity ?? rule.severity);
          expect(f.rule).toBe(rule.id);
          expect(f.message.startsWith(want.cell)).toBe(true);
          if (want.message) expect(f.message).toMatch(want.message);
          if (want.related) for (const r of want.related) expect(f.related.map((x) => `${x.sheet}!${x.cell}`)).toContain(r);
          if (want.expected !== undefined) expect(f.expected).toEqual(want.expected);
        }
      });
    }
  });
}

/** The Hongjiang workbook of a variant, as a snapshot. */
export function hongjiang(variant: Variant = 'corrected'): WorkbookSnapshot {
  return toSnapshot(hongjiangWorkbook(variant));
}

/** A copy of a snapshot with cells changed: `{ '附件3!H18': 5 }`, or `[value, numberFormat]`. */
export function edit(wb: WorkbookSnapshot, changes: Record<string, CellValue | [CellValue, string] | { formula: string; value: CellValue }>): WorkbookSnapshot {
  const copy: WorkbookSnapshot = JSON.parse(JSON.stringify(wb));
  for (const [ref, v] of Object.entries(changes)) {
    const [sheetName, a1] = ref.split('!');
    const s = copy.sheets.find((x) => x.name === sheetName);
    if (!s) throw new Error(`no sheet ${sheetName}`);
    const origin = parseRange(s.range);
    const p = parseCell(a1);
    const r = p.row - origin.top;
    const c = p.col - origin.left;
    if (r < 0 || c < 0 || r >= s.values.length || c >= s.values[0].length) throw new Error(`${ref} is outside the used range ${s.range}`);
    let value: CellValue;
    let formula: CellValue;
    if (Array.isArray(v)) { value = v[0]; formula = v[0]; if (s.numberFormats) s.numberFormats[r][c] = v[1]; }
    else if (v !== null && typeof v === 'object') { value = v.value; formula = v.formula; }
    else { value = v; formula = v; }
    s.values[r][c] = value ?? '';
    if (s.formulas) s.formulas[r][c] = formula ?? '';
  }
  return copy;
}
