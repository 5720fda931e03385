/** The human-readable report of `selfeval check`: grouped by table, errors first, a closing count. */
import type { Finding, Report, Severity } from '../core/report';

const KIND_NAME: Record<string, string> = {
  'basic-data': '基础数据表',
  overall: '整体支出绩效自评表',
  project: '项目支出绩效自评表',
};
const SEVERITY_NAME: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/**
 * Text from a workbook or a file name, safe for a terminal: control characters
 * (C0 but tab, and newline when `multiline`; DEL; C1), ESC, bidi overrides and
 * isolates, and line separators are shown escaped (\x1B, \u202E, \r).
 */
export function safeText(s: string, multiline = false): string {
  // Control characters are what this escapes: the regular expression names them on purpose.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0A-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => {
    if (c === '\n' && multiline) return c;
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${n.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

export interface Counts { error: number; warning: number; info: number }

export function countFindings(findings: Finding[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function formatCounts(c: Counts): string {
  return `${c.error} 个错误，${c.warning} 个警告，${c.info} 条提示`;
}

/** `details`: the rule id after each finding (`--details`), for someone looking the rule up. */
export function formatReport(file: string, r: Report, color: boolean, opts: { details?: boolean } = {}): string {
  const t = (x: unknown) => safeText(String(x));
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = (s: Severity) => paint(s === 'error' ? '31' : s === 'warning' ? '33' : '36', SEVERITY_NAME[s]);
  const out: string[] = [paint('1', `文件：${t(file)}`)];
  if (!r.tables.length) {
    out.push('  未识别到基础数据表、整体支出绩效自评表或项目支出绩效自评表。');
    return out.join('\n');
  }
  const tableNames = new Map<string, string>();
  for (const tb of r.tables) {
    const name = `${t(tb.sheet)}!${tb.range} ${KIND_NAME[tb.kind]}${tb.name ? `（${t(tb.name)}）` : ''}${tb.year ? ` ${tb.year}年度` : ''}`;
    tableNames.set(`${tb.sheet}!${tb.range}`, name);
  }
  out.push(`  识别到 ${r.tables.length} 张表：`);
  for (const name of tableNames.values()) out.push(`    · ${name}`);
  const groups = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const key = f.table ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(f);
  }
  for (const [key, list] of groups) {
    out.push('');
    out.push(paint('1', `  ${tableNames.get(key) ?? '其他'}：${formatCounts(countFindings(list))}`));
    const sorted = [...list].sort((a, b) => ['error', 'warning', 'info'].indexOf(a.severity) - ['error', 'warning', 'info'].indexOf(b.severity));
    for (const f of sorted) {
      out.push(`    ${sev(f.severity)} ${t(f.message)}${opts.details ? `  [${t(f.rule)}]` : ''}`);
      const rel = f.related.filter((x) => x.sheet !== f.sheet);
      if (rel.length) out.push(`         相关单元格：${f.related.map((x) => `${t(x.sheet)}!${x.cell}`).join('、')}`);
    }
  }
  if (r.recalculated.length) {
    out.push('');
    out.push(`  可重新计算的单元格（selfeval fix 写入）：${r.recalculated.map((x) => `${t(x.sheet)}!${x.cell} ${t(x.before ?? '空')} → ${x.after}`).join('；')}`);
  }
  if (r.scores.length) {
    out.push('');
    out.push('  得分：');
    for (const s of r.scores) {
      out.push(`    · ${t(s.sheet)} ${KIND_NAME[s.kind]}${s.name ? `（${t(s.name)}）` : ''}：${s.total === null ? '无法计算' : `${s.total}分，${s.grade}`}`);
    }
  }
  out.push('');
  out.push(`  共 ${formatCounts(countFindings(r.findings))}。`);
  return out.join('\n');
}
