/**
 * Entry of the web page (webpack.web.config.js → dist-web/). The one script
 * runs twice: in the page, where it draws the page, and in the page's reading
 * thread (a Worker made from this same script, see reader.ts), where it only
 * reads and checks files. Each side is imported only where it runs: the
 * worker never evaluates React, the page never waits for the reader's modules
 * to be needed.
 */
import type { WorkerScope } from './worker';

const inWorker = typeof document === 'undefined' && typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';

if (inWorker) {
  void import('./worker').then((m) => m.serve(globalThis as unknown as WorkerScope));
} else {
  void import('./page').then((m) => m.mount());
}
