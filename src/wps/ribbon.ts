/**
 * The WPS add-in's index.html: WPS opens it (hidden) when it loads the add-in
 * and calls the methods of the global `ribbon` named in ribbon.xml.
 * 一键校验 runs without the task pane: it checks, marks, selects the first
 * error and stores the report in the workbook's settings, where the pane,
 * opened now or later, finds it (its PluginStorage stamp tells an open pane).
 */
import { WpsHost } from '../hosts/wps/wps-host';
import { wpsEnv, addinVersion } from '../hosts/wps/env';
import type { EtApplication } from '../hosts/wps/et';
import { analyze } from '../core/engine';
import { oneClick } from '../commands/one-click';
import { RIBBON_ERROR_KEY, type StoredError } from '../taskpane/keys';
import { detectPlatform } from '../hosts/detect';
import { HostError } from '../hosts/errors';
import { WPS_APP } from '../hosts/wps/errors';

/** PluginStorage key of the task pane's id (one pane per WPS window, made once). */
export const TASKPANE_KEY = 'selfeval.taskpane_id';

export interface RibbonControl {
  Id: string;
}

export interface RibbonDeps {
  app: EtApplication;
  /** The add-in's folder URL, ending in '/'. */
  base: string;
  alert: (text: string) => void;
}

/** The ribbon's callbacks over one WPS. */
export function makeRibbon(deps: RibbonDeps) {
  const { app } = deps;
  let running: Promise<void> | null = null;

  const check = async (): Promise<void> => {
    if (!app.ActiveWorkbook) {
      deps.alert(new HostError('noWorkbook', { app: WPS_APP }).message);
      return;
    }
    const host = await WpsHost.create({ ...wpsEnv({ Application: app }), version: addinVersion() });
    const res = await oneClick(host, analyze);
    if (!res) {
      // No pane may be open to show the stored error: say it here too.
      const e = host.getSetting<StoredError>(RIBBON_ERROR_KEY);
      deps.alert(e?.message ?? '校验失败，请打开校验助手查看原因。');
    }
  };

  const openPane = (): void => {
    const id = app.PluginStorage.getItem(TASKPANE_KEY);
    if (id !== undefined && id !== null && id !== '' && app.GetTaskPane) {
      try {
        app.GetTaskPane(id).Visible = true;
        return;
      } catch {
        // the pane was closed for good: make a new one
      }
    }
    if (!app.CreateTaskPane) {
      deps.alert('此版本的 WPS 不能打开加载项任务窗格。请将 WPS Office 升级到较新的版本。');
      return;
    }
    const pane = app.CreateTaskPane(`${deps.base}taskpane.html`, '自评表校验助手');
    app.PluginStorage.setItem(TASKPANE_KEY, pane.ID);
    pane.Visible = true;
  };

  return {
    OnAddinLoad(): boolean {
      return true;
    },
    OnAction(control: RibbonControl): void {
      if (control.Id === 'selfevalPane') {
        openPane();
        return;
      }
      if (control.Id === 'selfevalCheck') {
        // One check at a time: a second click while one runs waits for it.
        if (!running) running = check().catch((e: unknown) => deps.alert(e instanceof Error ? e.message : String(e))).finally(() => { running = null; });
      }
    },
    GetImage(control: RibbonControl): string {
      return control.Id === 'selfevalPane' ? 'assets/icon-64.png' : 'assets/icon-80.png';
    },
    /** The running check, for tests and the page check. */
    idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}

const w = (typeof window === 'undefined' ? {} : window) as unknown as { __selfevalUnsupported?: unknown; Application?: unknown; ribbon?: unknown; alert: (t: string) => void };
if (!w.__selfevalUnsupported && detectPlatform(w) === 'wps') {
  const here = String(window.location.href).split('#')[0].split('?')[0];
  w.ribbon = makeRibbon({ app: w.Application as EtApplication, base: here.slice(0, here.lastIndexOf('/') + 1), alert: (t) => w.alert(t) });
}
