import type { ExcelEnv } from './excel-host';
import { browserChannel } from './channel';
import type { XlRequestContext, XlRun, XlRunOptions } from './xl';

/**
 * The Excel environment from Office.js's globals. Call only after
 * `Office.onReady`: nothing here touches `Office` or `Excel` at import time.
 */
export function officeEnv(): ExcelEnv {
  const run: XlRun = <T>(batch: (context: XlRequestContext) => Promise<T>, options?: XlRunOptions) =>
    options && Object.keys(options).length
      ? Excel.run({ ...options }, (context) => batch(context))
      : Excel.run((context) => batch(context));
  return {
    run,
    isExcelApiSupported: (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
    ...browserChannel(),
  };
}

/** The requirement sets the add-in uses beyond its minimum (ExcelApi 1.7), for display and diagnostics. */
export const OPTIONAL_SETS = ['1.9', '1.13', '1.14', '1.18', '1.20'] as const;

export function supportedSets(env: ExcelEnv): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const v of OPTIONAL_SETS) {
    try {
      out[v] = env.isExcelApiSupported(v);
    } catch {
      out[v] = false;
    }
  }
  return out;
}
