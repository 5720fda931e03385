/**
 * The add-in's task pane App, mounted on the demo's host: the same App and
 * engine as in Excel, only the WorkbookHost differs. The pane speaks
 * 简体中文 unless the page's address asks for `?lang=en`. The page has its own
 * main landmark, so the pane is a named region inside it.
 */
import * as React from 'react';
import { App } from '../taskpane/App';
import type { PaneController } from '../taskpane/controller';
import type { Locale } from '../i18n';
import type { FileHost } from '../hosts/file/host';

function pageLocale(): Locale {
  return new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'zh';
}

export function Pane({ host, controller }: { host: FileHost; controller: PaneController }): React.ReactElement {
  const locale = React.useMemo(pageLocale, []);
  return <App host={host} controller={controller} locale={locale} landmark="region" />;
}
