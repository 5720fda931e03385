/* global Office */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ExcelHost } from '../hosts/excel/excel-host';
import { officeEnv } from '../hosts/excel/env';
import { pickLocale } from '../i18n';

/**
 * The only place that waits for Office.js and creates the Excel host; the App
 * itself takes any WorkbookHost.
 */
Office.onReady(async (info) => {
  // The ES5 bootstrap (src/bootstrap/support.js) already explained why this webview cannot run the add-in.
  if ((window as { __selfevalUnsupported?: unknown }).__selfevalUnsupported) return;
  const container = document.getElementById('container');
  if (!container) return;
  const locale = pickLocale(Office.context?.displayLanguage || navigator.language);
  const root = createRoot(container);
  if (info.host !== Office.HostType.Excel) {
    container.textContent = locale === 'zh' ? '请在 Excel 中打开本加载项。' : 'Open this add-in in Excel.';
    return;
  }
  try {
    const host = await ExcelHost.create(officeEnv());
    root.render(<App host={host} locale={locale} />);
  } catch (e) {
    container.textContent = e instanceof Error ? e.message : String(e);
  }
});
