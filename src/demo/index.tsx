/** Entry of the browser demo (webpack.demo.config.js): no Office.js, nothing from the network. */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { DemoPage } from './DemoPage';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} lang="zh-CN" className="provider">
      <DemoPage />
    </FluentProvider>,
  );
}
