import type { Severity } from '../../core/report';

/**
 * How the add-in marks a cell without touching the user's own formatting: a
 * conditional format of its own on the cell, whose custom rule is always true
 * and carries a signature (`=ISTEXT("selfeval:error")`), with a fill. Clearing
 * deletes only conditional formats with that signature, on the cells recorded
 * in the workbook's settings, so the user's fill (or no fill — Excel reads both
 * as #FFFFFF), patterns, borders, fonts and conditional formats stay as they were.
 */
export const MARK_SIGNATURE = 'selfeval';

export function markFormula(severity: Severity, related: boolean): string {
  return `=ISTEXT("${MARK_SIGNATURE}:${severity}${related ? ':related' : ''}")`;
}

/** True for a conditional-format formula the add-in wrote (Excel may change case or spacing). */
export function isMarkFormula(formula: string | null | undefined): boolean {
  if (!formula) return false;
  return /^=\s*ISTEXT\(\s*"selfeval:(error|warning|info)(:related)?"\s*\)$/i.test(formula.trim());
}

export const MARK_FILL: Record<Severity, { own: string; related: string }> = {
  error: { own: '#FFC7CE', related: '#FDE9EC' },
  warning: { own: '#FFEB9C', related: '#FFF6D5' },
  info: { own: '#DDEBF7', related: '#EEF5FB' },
};

export { NOTE_PREFIX, MARKS_KEY, readRegistry, mergeRegistry, type MarkedCell, type MarkRegistry } from '../marks';
