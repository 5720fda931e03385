/**
 * The pane's settings kept inside the .xlsx file: what Excel keeps with the
 * workbook for the add-in (ignored findings, scoring profile, last result), the
 * web page writes into a custom XML part of its own, so a downloaded workbook
 * opened again in the page (or by `selfeval`) brings them back.
 *
 * The part is an ordinary OOXML custom XML data store (ECMA-376 Part 1, §22.5):
 * `customXml/itemN.xml` holding `<settings xmlns="urn:selfeval:settings:1">`
 * with one `<setting key="…">JSON</setting>` per key, its properties part
 * `customXml/itemPropsN.xml` (a datastore item id and the schema reference),
 * related from the workbook part. Excel and WPS keep custom XML parts they do
 * not know when they save a workbook; other tools' custom XML parts are never
 * touched. Browser-safe: no Node API.
 */
import type { FileWorkbook } from './read';
import { relKind } from './package';
import { parseXml, local, escapeAttr, escapeText } from './xml';
import { addContentType, addRel, freePart } from './write';

/** The namespace of our custom XML part: how it is told apart from others. */
export const SETTINGS_NS = 'urn:selfeval:settings:1';

const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_CUSTOM_XML_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
const CT_CUSTOM_XML_PROPS = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';
const DS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/customXml';

export type Settings = Record<string, unknown>;

/** Our part's name and its settings, or null when the workbook has none. */
function ourPart(fw: FileWorkbook): { part: string; settings: Settings } | null {
  for (const rel of fw.pkg.rels(fw.workbookPart)) {
    if (rel.external || relKind(rel.type) !== 'customXml' || !fw.pkg.has(rel.target)) continue;
    const settings = parseSettings(fw, rel.target);
    if (settings) return { part: rel.target, settings };
  }
  return null;
}

/** The settings of one custom XML part, or null when it is not ours (or not readable). */
function parseSettings(fw: FileWorkbook, part: string): Settings | null {
  let ours = false;
  let depth = 0;
  let key: string | null = null;
  let text = '';
  const out: Settings = {};
  try {
    parseXml(fw.pkg.text(part), part, {
      open: (name, a) => {
        depth++;
        if (depth === 1) ours = local(name) === 'settings' && a.xmlns === SETTINGS_NS;
        else if (ours && depth === 2 && local(name) === 'setting' && a.key) { key = a.key; text = ''; }
      },
      text: (t) => { if (key !== null) text += t; },
      close: () => {
        if (depth === 2 && key !== null) {
          try { out[key] = JSON.parse(text); } catch { /* a setting that is not JSON is left out */ }
          key = null;
        }
        depth--;
      },
    });
  } catch {
    return null;
  }
  return ours ? out : null;
}

/** The settings stored in the workbook ({} when none). */
export function readSettings(fw: FileWorkbook): Settings {
  return ourPart(fw)?.settings ?? {};
}

function settingsXml(settings: Settings): string {
  const items = Object.keys(settings).sort()
    .filter((k) => settings[k] !== undefined)
    .map((k) => `<setting key="${escapeAttr(k)}">${escapeText(JSON.stringify(settings[k]))}</setting>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<settings xmlns="${SETTINGS_NS}">${items.join('')}</settings>`;
}

/** A datastore item id: a GUID in braces, as Office writes them. */
function newItemId(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('').toUpperCase();
  return `{${hex(8)}-${hex(4)}-4${hex(3)}-${'89AB'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}}`;
}

/**
 * Writes the settings into the workbook's package: replaces our part when it
 * is there, else adds it (item, properties, relationships, content type).
 * With no settings at all, an existing part is emptied and none is added.
 */
export function writeSettings(fw: FileWorkbook, settings: Settings): void {
  const existing = ourPart(fw);
  const keys = Object.keys(settings).filter((k) => settings[k] !== undefined);
  if (existing) {
    fw.pkg.set(existing.part, settingsXml(settings));
    return;
  }
  if (keys.length === 0) return;
  const item = freePart(fw, (n) => `customXml/item${n}.xml`);
  const n = /item(\d+)\.xml$/.exec(item)![1];
  const props = freePart(fw, (m) => `customXml/itemProps${m === 1 ? n : `${n}-${m}`}.xml`);
  fw.pkg.set(item, settingsXml(settings));
  fw.pkg.set(props, `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${newItemId()}" xmlns:ds="${DS_NS}"><ds:schemaRefs><ds:schemaRef ds:uri="${SETTINGS_NS}"/></ds:schemaRefs></ds:datastoreItem>`);
  addRel(fw, item, REL_CUSTOM_XML_PROPS, props);
  addContentType(fw, props, CT_CUSTOM_XML_PROPS);
  addContentType(fw, item, 'application/xml', true);
  addRel(fw, fw.workbookPart, REL_CUSTOM_XML, item);
}
