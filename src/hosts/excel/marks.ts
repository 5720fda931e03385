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

/** Notes the add-in writes start with this, so clearing never deletes a note of the user's. */
export const NOTE_PREFIX = '【自评表校验助手】';

/** Settings key of the registry of marked cells (kept with the workbook, so marks can be cleared after reopening). */
export const MARKS_KEY = 'selfeval.marks';

export interface MarkedCell {
  sheet: string;
  /** Worksheet id when known: survives a rename within a session. */
  sheetId?: string;
  cell: string;
  /** True when the add-in added a note on the cell. */
  note: boolean;
}

export interface MarkRegistry {
  version: 1;
  cells: MarkedCell[];
}

export function readRegistry(value: unknown): MarkRegistry {
  const v = value as Partial<MarkRegistry> | undefined;
  if (!v || !Array.isArray(v.cells)) return { version: 1, cells: [] };
  const cells = v.cells.filter((c): c is MarkedCell => !!c && typeof c.sheet === 'string' && typeof c.cell === 'string')
    .map((c) => ({ sheet: c.sheet, sheetId: typeof c.sheetId === 'string' ? c.sheetId : undefined, cell: c.cell, note: c.note === true }));
  return { version: 1, cells };
}

export function mergeRegistry(a: MarkRegistry, added: MarkedCell[]): MarkRegistry {
  const byKey = new Map<string, MarkedCell>();
  for (const c of [...a.cells, ...added]) {
    const key = `${c.sheet}!${c.cell}`;
    const old = byKey.get(key);
    byKey.set(key, old ? { ...c, note: old.note || c.note } : c);
  }
  return { version: 1, cells: [...byKey.values()] };
}
