/**
 * How the ribbon command's runtime tells an open task pane that it stored a
 * report or an error in the workbook's settings (the add-in has no shared
 * runtime: the vendored manifest schemas predate `<Runtimes>`, and Office
 * 2019 has no SharedRuntime 1.1).
 *
 * Three paths, so that one second is enough on every platform:
 *  1. `localStorage` and its `storage` event: Microsoft documents that pages of
 *     one add-in on the same origin share local storage (not in Safari on the
 *     web, nor where browsers partition storage); the writer sets PING_KEY and
 *     every other page of the origin gets a `storage` event at once.
 *  2. Excel's `settings.onSettingsChanged`, where it fires across runtimes
 *     (not documented to).
 *  3. A poll of one small setting (STAMP_KEY) once a second while the pane is
 *     visible: one `Excel.run` that loads a single value.
 * Every write through `ExcelHost.setSetting` also writes a new STAMP_KEY in
 * the same batch and then pings; a reader acts only when the stamp differs
 * from the last one it saw (its own writes included), reloading every setting.
 */

/** Setting written with every setting the add-in writes: what the poll compares. */
export const STAMP_KEY = 'selfeval.stamp';
/** localStorage key the writer sets after writing the settings: fires `storage` events in the other pages. */
export const PING_KEY = 'selfeval.ping';
/** How often an open pane looks at STAMP_KEY, in ms. */
export const POLL_MS = 1000;

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ChannelEnv {
  /** `window.localStorage`, when the page may use it. */
  storage?: StorageLike;
  /** Subscribes to `window`'s `storage` event; returns an unsubscribe function. */
  onStorage?: (cb: (key: string | null) => void) => () => void;
  /** Poll interval in ms (default POLL_MS); 0 turns polling off. */
  pollMs?: number;
  /** Whether the page is visible (polling pauses while it is not). */
  isVisible?: () => boolean;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

let counter = 0;

/** A new stamp: time and a counter and a random part, unique across runtimes. */
export function newStamp(now: number): string {
  counter = (counter + 1) % 1e6;
  return `${now.toString(36)}-${counter.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** Tells the other pages of the origin that the settings changed; storage may be missing or refuse (private mode). */
export function ping(env: ChannelEnv, stamp: string): void {
  try {
    env.storage?.setItem(PING_KEY, stamp);
  } catch {
    // the poll still finds the change
  }
}

/** The browser's side of the channel; call after Office.onReady. */
export function browserChannel(): ChannelEnv {
  const w = typeof window === 'undefined' ? undefined : window;
  if (!w) return {};
  let storage: StorageLike | undefined;
  try {
    storage = w.localStorage;
  } catch {
    storage = undefined;
  }
  return {
    storage,
    onStorage: (cb) => {
      const h = (e: StorageEvent) => cb(e.key);
      w.addEventListener('storage', h);
      return () => w.removeEventListener('storage', h);
    },
    isVisible: () => typeof document === 'undefined' || document.visibilityState !== 'hidden',
  };
}
