/**
 * Which program a page runs in. A WPS 加载项's pages find ET's object model on
 * `window.Application` (with the add-in's PluginStorage) and never load
 * office.js; an Office add-in's pages have `Office` from office.js; anything
 * else is a plain browser (the web page over the file host).
 */
export type Platform = 'wps' | 'office' | 'browser';

export function detectPlatform(w: unknown): Platform {
  const g = (w ?? {}) as { Application?: { PluginStorage?: unknown }; Office?: { onReady?: unknown } };
  if (g.Application && typeof g.Application === 'object' && g.Application.PluginStorage) return 'wps';
  if (g.Office && typeof g.Office.onReady === 'function') return 'office';
  return 'browser';
}
