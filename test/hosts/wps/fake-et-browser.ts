/**
 * The ET fake in a browser page, for scripts/check-wps-pages.js: the page's
 * init script sets `window.__etSample` (the bytes of an .xlsx, base64) and,
 * for the pane, `window.__etProperties` (the document properties another
 * page wrote); this bundle then puts a fake WPS on `window.Application`.
 */
import { readWorkbookSync } from '../../../src/hosts/file/read';
import { fakeFromSnapshot } from './harness';

const w = window as unknown as { __etSample?: string; __etProperties?: { name: string; value: unknown }[]; __etStorage?: [string, unknown][]; Application?: unknown; __fx?: unknown };
const bytes = Uint8Array.from(atob(w.__etSample ?? ''), (c) => c.charCodeAt(0));
const fx = fakeFromSnapshot(readWorkbookSync(bytes).snapshot);
for (const p of w.__etProperties ?? []) fx.properties.push(p);
for (const [k, v] of w.__etStorage ?? []) fx.storage.set(k, v);
w.__fx = fx;
w.Application = fx.application;
