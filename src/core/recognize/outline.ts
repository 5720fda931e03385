/**
 * Numbered outlines in indicator lists (RULES.md §9): subtotal rows (`一、产出指标` with 分值 30) over
 * numbered rows (`1、`, `2.`, `（1）`, `①`), or a 二级 row with its own 分值 over its 三级 rows. A subtotal
 * is no indicator: it is checked as the sum of its children and never counted again.
 */
import type { IndicatorRow, OutlineNode } from '../tables';
import { fold, presence } from '../values';

/** Depth of a label's numbering: `一、` 1, `1、` / `1.` 2, `(1)` / `（1）` 3, `①` 4; null when unnumbered. */
export function outlineDepth(text: string): number | null {
  const t = fold(text).replace(/\s+/g, '');
  if (/^[一二三四五六七八九十]+[、.．]/.test(t)) return 1;
  if (/^\d+[、.．](?!\d)/.test(t)) return 2;
  if (/^\(\d+\)/.test(t)) return 3;
  if (/^[①-⑳]/.test(t)) return 4;
  return null;
}

const LEAF = 9;

function filled(f: { value: unknown } | null): boolean {
  return !!f && presence(f.value as never) === 'value';
}

/** A row's outline depth: its numbering, or 1 / 2 for a 一级 / 二级 row of its own with no 三级 name. */
function depthOf(r: IndicatorRow, own: { level1: boolean; level2: boolean }): number {
  const numbered = outlineDepth(r.name) ?? (r.name ? null : outlineDepth(r.level2) ?? outlineDepth(r.level1));
  if (numbered !== null) return numbered;
  if (!r.name.trim()) {
    if (own.level2 && r.level2.trim()) return 2;
    if (own.level1 && r.level1.trim()) return 1;
  }
  return LEAF;
}

/**
 * Splits indicator rows into leaves (the indicators) and subtotal nodes. A row is a subtotal when it has
 * no target and no actual, holds a 分值 or 得分, and the next row is deeper in the outline; its children
 * are the deeper rows that follow it, up to the next row as shallow as it.
 * `ownCells(r)` tells whether the row's 一级 / 二级 cell starts on that row (not merged down from above).
 */
export function splitOutline(rows: IndicatorRow[], ownCells: (r: IndicatorRow) => { level1: boolean; level2: boolean }): { leaves: IndicatorRow[]; nodes: OutlineNode[] } {
  const depth = rows.map((r) => depthOf(r, ownCells(r)));
  const isParent = rows.map((r, i) => i + 1 < rows.length && depth[i + 1] > depth[i] && depth[i] < LEAF
    && !filled(r.target) && !filled(r.actual) && (filled(r.weight) || filled(r.score)));
  const nodes: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  const leaves: IndicatorRow[] = [];
  const scopes = new Map<OutlineNode, (r: IndicatorRow) => boolean>();
  rows.forEach((r, i) => {
    while (stack.length && (stack[stack.length - 1].depth >= depth[i] || !(scopes.get(stack[stack.length - 1])?.(r) ?? true))) stack.pop();
    const parent = stack[stack.length - 1];
    if (isParent[i]) {
      const node: OutlineNode = { row: r, depth: depth[i], children: [], parent: parent ?? null };
      if (parent) parent.children.push(node);
      nodes.push(node);
      stack.push(node);
      // A 一级 / 二级 row of its own (no numbering) holds only the rows under the same 一级 / 二级 cell.
      if (outlineDepth(r.name || r.level2 || r.level1) === null) scopes.set(node, depth[i] === 1
        ? (x) => x.level1Cell === r.level1Cell
        : (x) => x.level1Cell === r.level1Cell && x.level2 === r.level2);
      return;
    }
    if (parent) parent.children.push(r);
    leaves.push(r);
  });
  return { leaves, nodes };
}
