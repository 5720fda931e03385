/**
 * Checking many files on several cores: worker threads, each running the
 * command's own bundle (lib/selfeval.js), take files from one queue; the results
 * come back in the order of the files, whatever order they finish in, so the
 * output is the same as checking them one by one.
 *
 * Only the bundle can start workers (a worker loads the file it is given: the
 * bundle, never TypeScript source); run from source, as in the in-process tests,
 * files are checked one by one in this thread.
 */
import * as os from 'os';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';

/** Set to true by scripts/bundle-cli.js in lib/selfeval.js. */
declare const SELFEVAL_BUNDLE: boolean | undefined;

/** Fewer files than this are checked in this thread (a worker costs ~30 ms to start). */
export const MIN_FILES = 8;
/** At least this many files per worker. */
const FILES_PER_THREAD = 4;
/** No more workers than this, whatever the cores (each holds its own copy of the engine). */
const MAX_THREADS = 4;

/** Whether this code is the bundle, which workers can load. */
export function canUseThreads(): boolean {
  return typeof SELFEVAL_BUNDLE !== 'undefined' && SELFEVAL_BUNDLE === true;
}

/**
 * How many threads check `files` files: SELFEVAL_THREADS when set (1 = one by one), else one per core up to
 * MAX_THREADS and one per FILES_PER_THREAD files; 1 below MIN_FILES or when run from source.
 */
export function threadCount(files: number, env: NodeJS.ProcessEnv, bundled = canUseThreads()): number {
  if (!bundled || files < 2) return 1;
  const set = env.SELFEVAL_THREADS;
  if (set !== undefined && /^\d+$/.test(set.trim())) return Math.max(1, Math.min(Number(set), files, 64));
  if (files < MIN_FILES) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.ceil(files / FILES_PER_THREAD)));
}

/** What a worker is told when it starts. */
export interface PoolSetup { selfevalPool: true; [key: string]: unknown }

interface Job { i: number; file: string }
interface Done<R> { i: number; result: R }

/**
 * Checks `files` with `threads` workers loading `script` (the bundle), each set up with `setup`. `onResult` gets
 * each result as it comes (for progress); the promise gives all of them in the order of `files`. A worker that
 * fails (it should not: `check` never throws) leaves its file and the rest to `fallback`, in this thread.
 */
export async function checkInThreads<R>(
  files: readonly string[],
  threads: number,
  script: string,
  setup: Record<string, unknown>,
  fallback: (file: string) => Promise<R>,
  onResult: (done: number, file: string) => void = () => undefined,
): Promise<R[]> {
  const results = new Array<R>(files.length);
  let next = 0;
  let done = 0;
  const finish = (i: number, r: R) => { results[i] = r; done++; onResult(done, files[i]); };
  const leftovers: number[] = [];
  await Promise.all(Array.from({ length: Math.min(threads, files.length) }, () => new Promise<void>((resolve) => {
    let current = -1;
    let settled = false;
    const w = new Worker(script, { workerData: { ...setup, selfevalPool: true } satisfies PoolSetup });
    const give = () => {
      if (next >= files.length) { current = -1; void w.terminate(); return; }
      current = next++;
      w.postMessage({ i: current, file: files[current] } satisfies Job);
    };
    const end = () => {
      if (settled) return;
      settled = true;
      if (current >= 0) leftovers.push(current);
      current = -1;
      resolve();
    };
    w.on('message', (m: Done<R>) => { finish(m.i, m.result); current = -1; give(); });
    w.on('error', () => { void w.terminate(); end(); });
    w.on('exit', end);
    give();
  })));
  // A failed worker's file, and whatever no worker took, in this thread.
  for (let i = next; i < files.length; i++) leftovers.push(i);
  for (const i of leftovers.sort((a, b) => a - b)) finish(i, await fallback(files[i]));
  return results;
}

/**
 * In a worker started by checkInThreads: answers each file with `check`'s result, until terminated.
 * Returns false (does nothing) in the main thread or in a worker that is not ours.
 */
export function serveInWorker<R>(check: (file: string, setup: Record<string, unknown>) => Promise<R>): boolean {
  if (isMainThread || !parentPort || !(workerData as Partial<PoolSetup> | null)?.selfevalPool) return false;
  const port = parentPort;
  const setup = workerData as Record<string, unknown>;
  // One file at a time: the next one comes after this one's answer.
  port.on('message', (job: Job) => {
    void check(job.file, setup).then((result) => port.postMessage({ i: job.i, result } satisfies Done<R>));
  });
  return true;
}
