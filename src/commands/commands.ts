/* global Office */
import { ExcelHost } from '../hosts/excel/excel-host';
import { officeEnv } from '../hosts/excel/env';
import { analyze } from '../core/engine';
import { oneClick } from './one-click';

/**
 * The ribbon's function file. It runs in its own runtime (no shared runtime:
 * Office 2019 has none), so it hands the report to the pane through the
 * workbook's settings.
 */
async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = await ExcelHost.create(officeEnv());
    await oneClick(host, analyze);
  } finally {
    event.completed();
  }
}

// Where the ES5 bootstrap found this webview unable to run the add-in, its own runCheck explains why.
const unsupported = !!(globalThis as { __selfevalUnsupported?: unknown }).__selfevalUnsupported;

Office.onReady(() => {
  if (unsupported) return;
  if (Office.actions && typeof Office.actions.associate === 'function') {
    Office.actions.associate('runCheck', runCheck);
  }
});

// Clients older than Office.actions find the function by its global name.
if (!unsupported) (globalThis as unknown as Record<string, unknown>).runCheck = runCheck;
