import type { WpsEnv } from './wps-host';
import type { EtApplication } from './et';

/** The WPS environment of a page inside a WPS 加载项: ET's Application on `window`. */
export function wpsEnv(w: { Application?: unknown } = window as unknown as { Application?: unknown }): WpsEnv {
  if (!w.Application) throw new Error('window.Application is missing: this page is not running inside WPS.');
  return { app: w.Application as EtApplication };
}

declare const __SELFEVAL_VERSION__: string;

/** The add-in's version, which the WPS build writes in (webpack DefinePlugin); '?' elsewhere. */
export function addinVersion(): string {
  return typeof __SELFEVAL_VERSION__ === 'string' ? __SELFEVAL_VERSION__ : '?';
}
