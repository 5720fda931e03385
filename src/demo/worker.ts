/**
 * The web page's reading thread: opens a file (an .xlsx, or a .docx whose
 * tables become a workbook), reads every worksheet and checks the workbook
 * once, away from the page's main thread, which stays free to paint the
 * progress and to answer the user. The page's one script runs here too (a
 * Worker made from its own source, see reader.ts): index.tsx calls `serve`
 * instead of drawing the page.
 *
 * What goes back is what the page needs, in two messages: first the
 * workbook's parts (snapshot, sheet parts) by structured clone and the file's
 * bytes transferred back, so that the page draws the workbook while this
 * thread checks it; then the check's report and cell names — never the
 * package or the engine's analysis.
 */
import { readWorkbookSync, InputError, type ReadProgress } from '../hosts/file/read';
import { isDocxBytes, readDocumentSync, documentWorkbook } from '../hosts/file/docx';
import { workbookParts, workbookBytes, type WorkbookParts } from '../hosts/file/transfer';
import { readSettings } from '../hosts/file/settings';
import { analyze } from '../core/engine';
import type { Report } from '../core/report';
import { loadProfile, pickReport } from '../taskpane/check';
import { derivedLabels, type CellLabel } from '../taskpane/roles';

/** The check run while opening, for the profile kept in the workbook. */
export interface Precheck {
  /** The resolved scoring profile it ran with, as JSON. */
  profile: string;
  report: Report;
  labels: Record<string, CellLabel>;
}

/** An opened file as the page receives it. */
export interface OpenedParts {
  parts: WorkbookParts;
  /** The workbook's bytes (for a .docx: its tables written as a workbook). */
  bytes: Uint8Array;
  /** A Word report's text, for the pane's 报告正文 tab. */
  reportText?: { name: string; paragraphs: string[] };
}

/** Where opening has come: reading a Word report, or reading worksheets (with ReadProgress). */
export type OpenProgress = { stage: 'document' } | ({ stage: 'reading' } & ReadProgress);

export interface OpenRequest {
  id: number;
  bytes: ArrayBuffer;
  fileName: string;
}

/** An error as it crosses threads: the message (Chinese for a file the reader refuses) and the reader's code. */
export interface OpenFailure {
  message: string;
  code?: string;
  name?: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { id: number; type: 'progress'; progress: OpenProgress }
  | { id: number; type: 'read'; result: OpenedParts }
  /** The check of what was read; null when the engine failed (the page's 校验 then runs it again and shows why). */
  | { id: number; type: 'checked'; precheck: Precheck | null }
  | { id: number; type: 'error'; error: OpenFailure };

/**
 * Opens and reads a file's bytes (in whichever thread calls it), and returns them with the check to run
 * next. Throws InputError for a bad file.
 */
export function openParts(input: Uint8Array, fileName: string, onProgress: (p: OpenProgress) => void = () => undefined): { opened: OpenedParts; check: () => Precheck | null } {
  let bytes = input;
  let reportText: OpenedParts['reportText'];
  // A Word report: its tables open as a workbook, its text goes to the pane's 报告正文 tab.
  if (/\.docx$/i.test(fileName) || isDocxBytes(bytes)) {
    onProgress({ stage: 'document' });
    const doc = readDocumentSync(bytes, { name: fileName });
    bytes = documentWorkbook(doc);
    reportText = { name: fileName, paragraphs: doc.paragraphs };
  }
  const fw = readWorkbookSync(bytes, { name: fileName, onProgress: (p) => onProgress({ stage: 'reading', ...p }) });
  // The settings now: the package's bytes may be handed over before the check runs.
  const settings = readSettings(fw);
  const { snapshot } = fw;
  const check = (): Precheck | null => {
    try {
      const profile = loadProfile({ getSetting: <T>(key: string) => settings[key] as T | undefined });
      const analyzed = analyze(snapshot, { profile });
      return { profile: JSON.stringify(profile), report: pickReport(analyzed), labels: derivedLabels(analyzed.analysis ?? snapshot, profile) };
    } catch {
      // The page's 校验 runs the engine again and shows its error there.
      return null;
    }
  };
  return { opened: { parts: workbookParts(fw), bytes: workbookBytes(fw), reportText }, check };
}

/** An error as plain data (InputError keeps its code: the page words an old .xls by it). */
export function failure(e: unknown): OpenFailure {
  if (e instanceof Error) return { message: e.message, name: e.name, code: e instanceof InputError ? e.code : (e as { code?: unknown }).code as string | undefined };
  return { message: String(e) };
}

/** The worker's side of a message channel: what `serve` needs of a DedicatedWorkerGlobalScope (or a MessagePort). */
export interface WorkerScope {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<OpenRequest>) => void) | null;
}

/** Answers the page's open requests, one at a time, in the order they came. */
export function serve(scope: WorkerScope): void {
  scope.onmessage = (e) => {
    const { id, bytes, fileName } = e.data;
    let check: () => Precheck | null;
    try {
      const r = openParts(new Uint8Array(bytes), fileName, (progress) => scope.postMessage({ id, type: 'progress', progress }));
      check = r.check;
      const out = r.opened.bytes;
      // The bytes go back without a copy (the same buffer the page sent, unless a .docx was converted).
      const whole = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength;
      const send = whole ? out : out.slice();
      scope.postMessage({ id, type: 'read', result: { ...r.opened, bytes: send } }, [send.buffer as ArrayBuffer]);
    } catch (err) {
      scope.postMessage({ id, type: 'error', error: failure(err) });
      return;
    }
    // The page draws the workbook meanwhile.
    scope.postMessage({ id, type: 'checked', precheck: check() });
  };
  scope.postMessage({ type: 'ready' });
}
