import { format as numfmt } from 'numfmt';
import type { Scalar, TableKind } from '../core/report';
import type { MessageKey } from '../i18n';

/** Number formats of the cells the pane shows, keyed `Sheet!A1` (from the snapshot the check read). */
export type Formats = Readonly<Record<string, string>>;

/**
 * A value for display, as its cell shows it: through the cell's number format
 * (numfmt, Excel's own format language) when known, so a rate reads 85.71%
 * and an amount 110.30 where the cell says so. Without a format: numbers to
 * at most 2 decimals.
 */
export function formatValue(v: Scalar | undefined, numberFormat?: string | null): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'number') {
    if (numberFormat && numberFormat !== 'General' && numberFormat !== '@') {
      try {
        return numfmt(numberFormat, v).trim();
      } catch {
        // an unknown format: fall through to the plain number
      }
    }
    return String(Math.round(v * 100) / 100);
  }
  return String(v);
}

/**
 * Words joined without saying anything twice: a part equal to, or contained in,
 * the previous one is left out (`总分` + `总分` → `总分`; `基础数据表` + `基础数据表` → `基础数据表`).
 */
export function joinDistinct(parts: (string | null | undefined)[], sep = ' '): string {
  const out: string[] = [];
  for (const raw of parts) {
    const p = (raw ?? '').trim();
    if (!p) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.includes(p)) continue;
    if (prev !== undefined && p.includes(prev)) { out[out.length - 1] = p; continue; }
    out.push(p);
  }
  return out.join(sep);
}

/** A table as people name it: its kind and, when it says more, its name (`项目支出绩效自评表：科技三项费`). */
export function tableName(kindName: string, name: string | null | undefined): string {
  return joinDistinct([kindName, name], '：');
}

export function kindKey(kind: TableKind): MessageKey {
  return kind === 'basic-data' ? 'kind_basic' : kind === 'overall' ? 'kind_overall' : 'kind_project';
}

export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'short', timeStyle: 'short' });
}
