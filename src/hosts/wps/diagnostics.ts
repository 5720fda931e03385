/**
 * 自检: what this WPS offers the add-in, as plain text the user can copy and
 * send, so that the first real user can tell us what their WPS does. Reads
 * only; never writes the workbook (a PluginStorage round trip uses a key of
 * its own and removes it).
 */
import type { EtApplication } from './et';
import type { ReadProbe } from './read';

export interface DiagnosticsInput {
  app: EtApplication;
  userAgent: string;
  /** What the last check's read found (bulk shapes, cells read one by one). */
  probe: ReadProbe | null;
  /** Calls that failed, newest last. */
  failures: readonly string[];
  /** The add-in's version. */
  version: string;
  now: Date;
}

function attempt(what: string, fn: () => unknown): string {
  try {
    const v = fn();
    return `${what}：${typeof v === 'string' ? v : JSON.stringify(v)}`;
  } catch (e) {
    return `${what}：失败（${e instanceof Error ? e.message : String(e)}）`;
  }
}

function shape(v: unknown): string {
  if (Array.isArray(v)) return Array.isArray(v[0]) ? `二维数组 ${v.length}×${(v[0] as unknown[]).length}` : `一维数组（${v.length} 项）`;
  return v === null ? 'null' : v === undefined ? 'undefined' : `${typeof v}（不是数组）`;
}

export function diagnose(d: DiagnosticsInput): string {
  const app = d.app;
  const lines = [
    `自评表校验助手 ${d.version} 自检报告（${d.now.toISOString()}）`,
    attempt('程序', () => `${app.Name ?? '?'} 版本 ${app.Version ?? '?'} 内部版本 ${app.Build ?? '?'}`),
    `浏览器组件：${d.userAgent}`,
    attempt('ES2020 语法', () => (new Function('return 1 ?? 2')() === 1 ? '支持' : '异常')),
  ];
  const wb = (() => {
    try {
      return app.ActiveWorkbook;
    } catch {
      return null;
    }
  })();
  lines.push(wb ? attempt('工作簿', () => `${wb.Name}，${wb.Worksheets.Count} 张工作表`) : '工作簿：没有打开的工作簿');
  if (wb) {
    const ws = (() => {
      try {
        return wb.Worksheets.Item(1);
      } catch {
        return null;
      }
    })();
    if (ws) {
      lines.push(attempt('多单元格 Value2（A1:B2）', () => shape(ws.Range('A1:B2').Value2)));
      lines.push(attempt('多单元格 Formula（A1:B2）', () => shape(ws.Range('A1:B2').Formula)));
      lines.push(attempt('单个空单元格的 Value2', () => shape(ws.Range('XFD1').Value2)));
      lines.push(attempt('NumberFormat（A1:B2）', () => shape(ws.Range('A1:B2').NumberFormat)));
      lines.push(attempt('MergeCells（A1:B2）', () => shape(ws.Range('A1:B2').MergeCells)));
      lines.push(attempt('Interior.Color（A1）', () => ws.Range('A1').Interior.Color));
      lines.push(attempt('Cells.Find', () => (typeof ws.Cells.Find === 'function' ? '有' : '没有')));
      lines.push(attempt('工作表保护（第一张）', () => (ws.ProtectContents ? '受保护' : '未保护')));
    }
    lines.push(attempt('自定义文档属性', () => `${wb.CustomDocumentProperties.Count} 个`));
  }
  lines.push(attempt('PluginStorage', () => {
    const key = 'selfeval.selftest';
    app.PluginStorage.setItem(key, 'ok');
    const back = app.PluginStorage.getItem(key);
    app.PluginStorage.removeItem?.(key);
    return back === 'ok' ? '可读写' : `读回 ${String(back)}`;
  }));
  lines.push(attempt('ApiEvent', () => (app.ApiEvent ? '有' : '没有')));
  lines.push(attempt('CreateTaskPane', () => (typeof app.CreateTaskPane === 'function' ? '有' : '没有')));
  if (d.probe) {
    lines.push(`上次校验：批量 Value2 ${d.probe.bulkValue2 ?? '未用到'}，批量 Formula ${d.probe.bulkFormula ?? '未用到'}，逐格读取 ${d.probe.cellByCell} 个单元格，共调用 ${d.probe.calls} 次`);
  } else {
    lines.push('上次校验：本窗格中还没有校验过');
  }
  lines.push(d.failures.length ? `失败的调用（最近 ${d.failures.length} 次）：` : '失败的调用：无');
  for (const f of d.failures) lines.push(`  - ${f}`);
  return lines.join('\n');
}
