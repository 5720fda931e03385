/** Pairs the self-evaluation tables with the 基础数据表 they are checked against. */
import type { AmountRow, BasicDataTable, EvalTable, Tables } from '../../tables';
import { fold } from '../../values';

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
export function projectRowFor(b: BasicDataTable, name: string): AmountRow | undefined {
  const n = normalizeName(name);
  if (!n) return undefined;
  const members = b.groups.flatMap((g) => g.members);
  const candidates = [...members, ...b.groups];
  const exact = candidates.find((r) => normalizeName(r.label) === n);
  if (exact) return exact;
  const stripped = n.replace(/\([^)]*\)$/, '');
  const exact2 = candidates.find((r) => normalizeName(r.label).replace(/\([^)]*\)$/, '') === stripped);
  if (exact2) return exact2;
  let best: AmountRow | undefined;
  for (const r of candidates) {
    const m = normalizeName(r.label);
    if (m.length < 2) continue;
    if (n.includes(m) || m.includes(n)) if (!best || normalizeName(best.label).length < m.length) best = r;
  }
  return best;
}
