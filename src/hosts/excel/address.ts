import type { CellRef } from '../../core/report';

/** Splits an Office.js address "Sheet1!A1:B2" or "'My ''x'' sheet'!A1" into sheet name and bare address. */
export function splitAddress(address: string): { sheet: string; range: string } | null {
  const m = /^(?:'((?:[^']|'')*)'|([^!]*))!(.+)$/.exec(address.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, range: m[3].replace(/\$/g, '') };
}

/** "Sheet1!A1:I30" → "A1:I30". */
export function stripSheet(address: string): string {
  const s = splitAddress(address);
  return s ? s.range : address.replace(/\$/g, '');
}

/** The active cell's address → a CellRef (the top-left cell if a range is given). */
export function parseCellAddress(address: string): CellRef | null {
  const s = splitAddress(address);
  if (!s) return null;
  return { sheet: s.sheet, cell: s.range.split(':')[0] };
}

/** A RangeAreas address "Sheet1!A1:B2,Sheet1!C3:D4" (sheet names may be quoted and contain commas) → ["A1:B2", "C3:D4"]. */
export function parseAreasAddress(address: string): string[] {
  const out: string[] = [];
  const re = /!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?=,|$)/g;
  for (let m = re.exec(address); m; m = re.exec(address)) {
    out.push(m[3] ? `${m[1]}${m[2]}:${m[3]}${m[4]}` : `${m[1]}${m[2]}`);
  }
  return out;
}
