/**
 * Settings kept with the workbook in WPS: ET has no add-in settings like
 * Office.js's `workbook.settings`, so they are one JSON text in the workbook's
 * custom document properties (saved with the file, .xlsx and .et alike), cut
 * into pieces of at most 255 characters (the limit Excel's model sets on a text
 * property; WPS's own limit is not documented). `selfeval.settings.n` holds the
 * number of pieces, `selfeval.settings.0` … the pieces.
 *
 * The ribbon's page and the task pane are pages of one add-in: they share
 * `Application.PluginStorage` for the session. A write stamps the workbook's
 * key there; an open pane compares the stamp once a second (an in-memory read,
 * no document access) and reloads the properties only when it changed.
 */
import type { EtApplication, EtDocumentProperties, EtWorkbook } from './et';
import { XL } from './et';

export const PROPERTY_PREFIX = 'selfeval.settings.';
export const PIECE = 255;

/** The names of our properties now in the workbook (pieces and count). */
function ourProperties(props: EtDocumentProperties): string[] {
  const names: string[] = [];
  for (let i = 1; i <= props.Count; i++) {
    const name = props.Item(i).Name;
    if (name.startsWith(PROPERTY_PREFIX)) names.push(name);
  }
  return names;
}

/** Every setting stored in the workbook; an unreadable store reads as empty. */
export function loadSettings(wb: EtWorkbook): Map<string, unknown> {
  const props = wb.CustomDocumentProperties;
  const names = new Set(ourProperties(props));
  const out = new Map<string, unknown>();
  if (!names.has(`${PROPERTY_PREFIX}n`)) return out;
  const n = Number(props.Item(`${PROPERTY_PREFIX}n`).Value);
  let text = '';
  for (let i = 0; i < n; i++) {
    if (!names.has(`${PROPERTY_PREFIX}${i}`)) return out;
    text += String(props.Item(`${PROPERTY_PREFIX}${i}`).Value ?? '');
  }
  try {
    const obj = JSON.parse(text) as Record<string, unknown>;
    if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) out.set(k, v);
  } catch {
    // a damaged store: the add-in starts from its defaults
  }
  return out;
}

/** Replaces the stored settings with `settings` (our properties only; the user's stay). */
export function saveSettings(wb: EtWorkbook, settings: Map<string, unknown>): void {
  const props = wb.CustomDocumentProperties;
  for (const name of ourProperties(props)) props.Item(name).Delete();
  const obj: Record<string, unknown> = {};
  for (const [k, v] of settings) if (v !== undefined) obj[k] = v;
  const text = JSON.stringify(obj);
  const pieces = Math.ceil(text.length / PIECE);
  for (let i = 0; i < pieces; i++) props.Add(`${PROPERTY_PREFIX}${i}`, false, XL.stringProperty, text.slice(i * PIECE, (i + 1) * PIECE));
  props.Add(`${PROPERTY_PREFIX}n`, false, XL.stringProperty, String(pieces));
}

/** PluginStorage key of a workbook's stamp. */
export function stampKey(wb: EtWorkbook): string {
  return `selfeval.stamp|${wb.FullName}`;
}

export function readStamp(app: EtApplication, wb: EtWorkbook): unknown {
  try {
    return app.PluginStorage.getItem(stampKey(wb));
  } catch {
    return undefined;
  }
}

export function writeStamp(app: EtApplication, wb: EtWorkbook, stamp: string): void {
  try {
    app.PluginStorage.setItem(stampKey(wb), stamp);
  } catch {
    // the pane still reloads the settings before its next action
  }
}
