/**
 * Entry of the web page (webpack.web.config.js → dist-web/): no Office.js,
 * nothing from the network. The sample workbook is inlined into the bundle as
 * a data: URL and decoded here, so the page needs no fetch (file:// forbids it).
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import sampleUrl from 'selfeval-sample.xlsx';
import { DemoPage, SAMPLE_NAME } from './DemoPage';

/** The bundled sample's bytes, from its data: URL (base64). */
async function sample(): Promise<ArrayBuffer> {
  const b64 = sampleUrl.slice(sampleUrl.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

const container = document.getElementById('root');
if (container) {
  // `?sample` opens the sample at once (the browser tests, a link in the README).
  const openSample = new URLSearchParams(window.location.search).has('sample');
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} lang="zh-CN" className="provider">
      <DemoPage sample={{ name: SAMPLE_NAME, load: sample }} openSample={openSample} />
    </FluentProvider>,
  );
}
