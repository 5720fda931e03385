/** Pairs the self-evaluation tables with the 基础数据表 they are checked against. */
import type { AmountRow, BasicDataTable, EvalTable, Tables } from './tables';
import { fold } from './values';

/** The basic-data table of the same year (or the only/first one). */
export function basicFor(tables: Tables, t: EvalTable): BasicDataTable | undefined {
  return tables.basicData.find((b) => b.year !== null && b.year === t.year) ?? tables.basicData[0];
}

/** A project name for matching: width folded, spaces and punctuation dropped. */
export function normalizeName(s: string): string {
  return fold(s).replace(/[\s"'“”‘’、,，.。:：;；]/g, '').replace(/^(?:\d+[、.]|[一二三四五六七八九十]+、)/, '');
}

/**
 * The project row of the basic-data table matching a project table's name:
 * exact (normalized) first, then one name containing the other (the longest
 * such row). Group rows are candidates after project rows.
 */
interface NameIndex {
  exact: Map<string, AmountRow>;
  stripped: Map<string, AmountRow>;
  all: { row: AmountRow; name: string }[];
}

const indexes = new WeakMap<BasicDataTable, NameIndex>();
const stripNote = (s: string) => s.replace(/\([^)]*\)$/, '');

/** Normalized names of a basic-data table's project rows (project rows first, then groups), built once. */
function nameIndex(b: BasicDataTable): NameIndex {
  let ix = indexes.get(b);
  if (ix) return ix;
  ix = { exact: new Map(), stripped: new Map(), all: [] };
  for (const row of [...b.groups.flatMap((g) => g.members), ...b.groups]) {
    const name = normalizeName(row.label);
    if (!ix.exact.has(name)) ix.exact.set(name, row);
    const s = stripNote(name);
    if (!ix.stripped.has(s)) ix.stripped.set(s, row);
    ix.all.push({ row, name });
  }
  indexes.set(b, ix);
  return ix;
}

export function projectRowFor(b: BasicDataTable, name: string): AmountRow | undefined {
  const n = normalizeName(name);
  if (!n) return undefined;
  const ix = nameIndex(b);
  const exact = ix.exact.get(n) ?? ix.stripped.get(stripNote(n));
  if (exact) return exact;
  let best: { row: AmountRow; name: string } | undefined;
  for (const c of ix.all) {
    if (c.name.length < 2) continue;
    if ((n.includes(c.name) || c.name.includes(n)) && (!best || best.name.length < c.name.length)) best = c;
  }
  return best?.row;
}
