import type { WorkbookHost } from '../hosts/host';
import { checkWorkbook, firstError, loadProfile, type Analyze, type CheckResult } from '../taskpane/check';
import { RIBBON_ERROR_KEY, type StoredError } from '../taskpane/keys';

/**
 * 一键校验: recognizes the tables of the whole workbook, runs every check,
 * marks the cells, selects the first error and stores the report in the
 * workbook's settings, where the pane finds it. A failure is stored there too,
 * since a ribbon function has no UI of its own.
 */
export async function oneClick(host: WorkbookHost, analyze: Analyze, now: () => Date = () => new Date()): Promise<CheckResult | null> {
  try {
    const res = await checkWorkbook(host, analyze, loadProfile(host), 'ribbon', undefined, now);
    // The check worked but some cells could not be marked (a protected sheet): the pane shows why.
    if (res.markError) await storeError(host, res.markError, res.checkedAt);
    const first = firstError(res.report);
    if (first) await host.select({ sheet: first.sheet, cell: first.cell }).catch(() => undefined);
    return res;
  } catch (e) {
    await storeError(host, e, now().toISOString());
    return null;
  }
}

/** Stores an error for the pane (open now, or opened later) to show. */
async function storeError(host: WorkbookHost, e: unknown, at: string): Promise<void> {
  const x = e as { code?: unknown; params?: unknown; message?: unknown };
  const stored: StoredError = {
    code: typeof x?.code === 'string' ? x.code : undefined,
    params: x?.params && typeof x.params === 'object' ? (x.params as StoredError['params']) : undefined,
    message: typeof x?.message === 'string' ? x.message : String(e),
    at,
  };
  await host.setSetting(RIBBON_ERROR_KEY, stored).catch(() => undefined);
}
