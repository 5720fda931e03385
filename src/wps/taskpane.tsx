/**
 * The WPS task pane: the same App as in Excel, over the WPS host. No office.js
 * here: the page finds ET's object model on window.Application.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../taskpane/App';
import { WpsHost } from '../hosts/wps/wps-host';
import { wpsEnv, addinVersion } from '../hosts/wps/env';
import { detectPlatform } from '../hosts/detect';
import { pickLocale } from '../i18n';

async function main(): Promise<void> {
  const w = window as unknown as { __selfevalUnsupported?: unknown };
  // The ES5 bootstrap already explained why this engine cannot run the add-in.
  if (w.__selfevalUnsupported) return;
  const container = document.getElementById('container');
  if (!container) return;
  const locale = pickLocale(navigator.language || 'zh-CN');
  if (detectPlatform(window) !== 'wps') {
    container.textContent = locale === 'zh' ? '请在 WPS 表格中打开本加载项（功能区“自评表校验 → 打开校验助手”）。' : 'Open this add-in in WPS Spreadsheets.';
    return;
  }
  try {
    const host = await WpsHost.create({ ...wpsEnv(), version: addinVersion() });
    createRoot(container).render(<App host={host} locale={locale} />);
  } catch (e) {
    container.textContent = e instanceof Error ? e.message : String(e);
  }
}

void main();
