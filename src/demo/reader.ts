/**
 * The page's side of the reading thread (worker.ts): sends a file's bytes
 * (transferred, not copied), passes on the progress, and makes the opened
 * workbook a FileWorkbook again over the bytes that come back, so that
 * writing and the download work on the very file that was read.
 *
 * The worker is made from the page's own script: webpack.web.config.js wraps
 * the bundle in `function selfevalBundle() { … }`, whose source text becomes a
 * blob: URL. Chromium refuses `new Worker('file:///…')` and any fetch of a
 * file beside the page, but a worker from a blob: URL works from file:// and
 * from any server, with no second file to ship. Where that cannot be had (no
 * Worker, a build without the wrapper, or the browser refuses), the page
 * reads in its own thread, as before: it still works, but does not answer
 * while it reads.
 */
import type { FileWorkbook } from '../hosts/file/read';
import { workbookFromParts } from '../hosts/file/transfer';
import { analyze } from '../core/engine';
import { resolveProfile } from '../core/profile';
import type { SheetSnapshot } from '../core/snapshot';
import type { Analyze } from '../taskpane/check';
import { openParts, type OpenFailure, type OpenProgress, type OpenRequest, type OpenedParts, type Precheck, type WorkerMessage } from './worker';

/** A workbook opened for the page. */
export interface OpenedWorkbook {
  fw: FileWorkbook;
  reportText?: { name: string; paragraphs: string[] };
  /** The check the reading thread makes while the page draws the workbook (null: none, the engine runs when asked). */
  precheck: Promise<Precheck | null>;
  /** Whether it was read in the reading thread (false: in the page's own thread). */
  inWorker: boolean;
}

/** What the page needs of a Worker (a MessagePort in tests). */
export interface WorkerLike {
  postMessage(message: OpenRequest, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
  onerror?: ((e: ErrorEvent) => void) | null;
  terminate?(): void;
}

/** An error of the reading thread, with the reader's code (`not-xlsx`, `too-large`, …) when it has one. */
export class OpenError extends Error {
  readonly code?: string;
  constructor(f: OpenFailure) {
    super(f.message);
    this.name = f.name ?? 'OpenError';
    this.code = f.code;
  }
}

declare const selfevalBundle: unknown;

/** A Worker running the page's own script (from a blob: URL), or null where none can be made. */
export function spawnPageWorker(): WorkerLike | null {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof selfevalBundle !== 'function') return null;
  let url = '';
  try {
    url = URL.createObjectURL(new Blob([`${String(selfevalBundle)}\nselfevalBundle();\n`], { type: 'text/javascript' }));
    const w = new Worker(url, { name: 'selfeval-reader' });
    // The worker holds its script once it runs; the address is not needed after that.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return w;
  } catch {
    if (url) URL.revokeObjectURL(url);
    return null;
  }
}

interface Waiting {
  onProgress: (p: OpenProgress) => void;
  resolve: (r: OpenedWorkbook) => void;
  reject: (e: unknown) => void;
}

/** Settles a precheck: with the reading thread's check, or null when it has none. */
type Checked = (p: Precheck | null) => void;

/** Lets the browser paint (the progress line) before work that holds the main thread. */
function paint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
}

/** Said when the reading thread itself fails (it ran out of memory, or the browser stopped it). */
const CRASHED = '浏览器在读取时出错（可能是内存不足）。请关闭其他标签页后重试，或在 Excel 中删除无关内容后再打开。';

/**
 * Opens files in the reading thread, one worker for the page (started at
 * once, so that the first file does not wait for it). A worker that fails
 * is replaced by a new one for the next file.
 */
export class WorkbookReader {
  private worker: WorkerLike | null = null;
  private broken = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private readonly checking = new Map<number, Checked>();

  constructor(private readonly spawn: () => WorkerLike | null = spawnPageWorker) {}

  /** Starts the reading thread ahead of the first file. */
  warm(): void {
    this.ensure();
  }

  private ensure(): WorkerLike | null {
    if (this.worker || this.broken) return this.worker;
    const w = this.spawn();
    if (!w) { this.broken = true; return null; }
    w.onmessage = (e) => this.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this.fail(e.message);
    };
    this.worker = w;
    return w;
  }

  private receive(m: WorkerMessage): void {
    if (m.type === 'ready') return;
    if (m.type === 'checked') {
      this.checking.get(m.id)?.(m.precheck);
      this.checking.delete(m.id);
      return;
    }
    const w = this.waiting.get(m.id);
    if (!w) return;
    if (m.type === 'progress') w.onProgress(m.progress);
    else if (m.type === 'read') {
      this.waiting.delete(m.id);
      const precheck = new Promise<Precheck | null>((resolve) => this.checking.set(m.id, resolve));
      try {
        w.resolve(opened(m.result, precheck, true));
      } catch (e) {
        w.reject(e);
      }
    } else {
      this.waiting.delete(m.id);
      w.reject(new OpenError(m.error));
    }
  }

  /** The worker failed outside any request's own error handling: every open request fails, the next gets a new worker. */
  private fail(detail: string | undefined): void {
    this.worker?.terminate?.();
    this.worker = null;
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(Object.assign(new Error(CRASHED), { detail }));
    // A check that will not come: the page's 校验 runs the engine itself.
    for (const c of this.checking.values()) c(null);
    this.checking.clear();
  }

  /**
   * Opens a file's bytes: the buffer is handed to the reading thread (it is
   * detached here). `fileName` names it in messages. Rejects with the
   * reader's Chinese message (and its code) for a file that is not a
   * readable workbook or report.
   */
  async open(bytes: ArrayBuffer, fileName: string, onProgress: (p: OpenProgress) => void = () => undefined): Promise<OpenedWorkbook> {
    const w = this.ensure();
    if (!w) {
      // No reading thread: read here, after the progress line has been painted; check after the workbook is drawn.
      await paint();
      const { opened: parts, check } = openParts(new Uint8Array(bytes), fileName, onProgress);
      return opened(parts, new Promise((resolve) => setTimeout(() => resolve(check()), 0)), false);
    }
    const id = this.nextId++;
    return new Promise<OpenedWorkbook>((resolve, reject) => {
      this.waiting.set(id, { onProgress, resolve, reject });
      w.postMessage({ id, bytes, fileName }, [bytes]);
    });
  }

  dispose(): void {
    this.worker?.terminate?.();
    this.worker = null;
  }
}

/** A deep copy of plain data (JSON: structuredClone is newer than the browsers the page runs in). */
function copy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function opened(r: OpenedParts, precheck: Promise<Precheck | null>, inWorker: boolean): OpenedWorkbook {
  return { fw: workbookFromParts(r.parts, r.bytes), reportText: r.reportText, precheck, inWorker };
}

/**
 * The engine for the pane, answering with the check the reading thread made
 * (waiting for it if need be) when it is asked about exactly that: the sheets
 * as opened (the same snapshot objects: any edit replaces a sheet's) and the
 * same profile, without report text. Anything else runs the engine.
 */
export function analyzeWithPrecheck(sheets: readonly SheetSnapshot[], precheck: Promise<Precheck | null>): Analyze {
  const opened = [...sheets];
  return async (snapshot, options) => {
    const same = !options.reportText && snapshot.sheets.length === opened.length && snapshot.sheets.every((s, i) => s === opened[i]);
    const pre = same ? await precheck : null;
    // A copy: the pane may keep and change what it is given; the next ask gets the report as checked.
    if (pre && JSON.stringify(resolveProfile(options.profile ?? {})) === pre.profile) return { ...copy(pre.report), labels: copy(pre.labels) };
    return analyze(snapshot, options);
  };
}
