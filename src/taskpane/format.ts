import type { Scalar, TableKind } from '../core/report';
import type { MessageKey } from '../i18n';

/** A value for display: a fraction with a percent format as a percentage, numbers to at most 2 decimals. */
export function formatValue(v: Scalar | undefined, numberFormat?: string): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'number') {
    if (numberFormat && numberFormat.includes('%')) return `${(v * 100).toFixed(2)}%`;
    return String(Math.round(v * 100) / 100);
  }
  return String(v);
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
