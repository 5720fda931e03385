/**
 * The web page itself (the main thread): no Office.js, nothing from the
 * network. The sample workbook is inlined into the bundle as a data: URL and
 * decoded here, so the page needs no fetch (file:// forbids it).
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import sampleUrl from 'selfeval-sample.xlsx';
import { DemoPage, SAMPLE_NAME } from './DemoPage';
import { WorkbookReader } from './reader';

/** The bundled sample's bytes, from its data: URL (base64). */
async function sample(): Promise<ArrayBuffer> {
  const b64 = sampleUrl.slice(sampleUrl.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

export function mount(): void {
  // The ES5 bootstrap in index.html has explained already why this browser cannot run the page.
  if ((window as { __selfevalUnsupported?: unknown }).__selfevalUnsupported) return;
  const container = document.getElementById('root');
  if (!container) return;
  // `?sample` opens the sample at once (the browser tests, a link in the README).
  const openSample = new URLSearchParams(window.location.search).has('sample');
  // The reading thread starts with the page, so that the first file does not wait for it.
  const reader = new WorkbookReader();
  reader.warm();
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} lang="zh-CN" className="provider">
      <DemoPage sample={{ name: SAMPLE_NAME, load: sample }} openSample={openSample} reader={reader} />
    </FluentProvider>,
  );
}
