/**
 * The registry of marked cells every host keeps in the workbook's settings, so
 * that marks can be cleared after reopening, and the prefix of the notes the
 * add-in writes, so that clearing never deletes a note of the user's.
 */

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
  /**
   * The cell's own formatting before the mark, where the host marks by writing
   * the cell's format (WPS): what clearing puts back. Absent in Excel, whose
   * marks are conditional formats of their own.
   */
  before?: unknown;
}

export interface MarkRegistry {
  version: 1;
  cells: MarkedCell[];
}

export function readRegistry(value: unknown): MarkRegistry {
  const v = value as Partial<MarkRegistry> | undefined;
  if (!v || !Array.isArray(v.cells)) return { version: 1, cells: [] };
  const cells = v.cells.filter((c): c is MarkedCell => !!c && typeof c.sheet === 'string' && typeof c.cell === 'string')
    .map((c) => {
      const out: MarkedCell = { sheet: c.sheet, sheetId: typeof c.sheetId === 'string' ? c.sheetId : undefined, cell: c.cell, note: c.note === true };
      if (c.before && typeof c.before === 'object') out.before = c.before;
      return out;
    });
  return { version: 1, cells };
}

/** Adds cells to a registry; a cell already there keeps its first `before` (the user's own format, not an earlier mark). */
export function mergeRegistry(a: MarkRegistry, added: MarkedCell[]): MarkRegistry {
  const byKey = new Map<string, MarkedCell>();
  for (const c of [...a.cells, ...added]) {
    const key = `${c.sheet}!${c.cell}`;
    const old = byKey.get(key);
    const next: MarkedCell = old ? { ...c, note: old.note || c.note } : c;
    if (old?.before !== undefined) next.before = old.before;
    byKey.set(key, next);
  }
  return { version: 1, cells: [...byKey.values()] };
}
