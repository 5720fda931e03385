/**
 * File host, Node side: reading and writing workbooks by path. The browser
 * bundle uses read.ts and write.ts directly with bytes.
 *
 * Reading opens without blocking and reads regular files only (a FIFO, a
 * device or a folder is refused before a byte is read). Writing resolves
 * symbolic links, refuses to write over the input, writes a temporary file in
 * the target folder and renames it, and removes the temporary file when the
 * process is interrupted (SIGINT, SIGTERM).
 */
import * as fsSync from 'fs';
import { promises as fs, constants as C } from 'fs';
import * as path from 'path';
import { inputError, readWorkbook as readWorkbookBytes, type FileWorkbook, type ReadOptions } from './read';
import { writeWorkbook } from './write';
import { readDocumentSync, isDocxBytes, type FileDocument } from './docx';

import * as zlib from 'zlib';
import { useNativeInflate } from './zip';

/** node:zlib's raw inflate, cut at `limit` bytes as zip.ts expects. */
export function nodeInflate(data: Uint8Array, limit: number): Uint8Array {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch (e) {
    // Past the limit: as many bytes as allowed, so the caller sees an entry that runs past its size.
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return new Uint8Array(limit);
    throw e;
  }
}

// Small parts are inflated by node:zlib here (native, no warm-up); large ones stream through fflate either way.
useNativeInflate(nodeInflate);

export * from './read';
export * from './write';
export { readDocumentSync, isDocxBytes, type FileDocument, type DocTable } from './docx';

/** Largest file read (bytes); larger files are refused before reading. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** A file that cannot be written. `message` is one line of Chinese for the user. */
export class OutputError extends Error {
  readonly code: 'busy' | 'denied' | 'no-folder' | 'unwritable' | 'same-file' | 'directory';
  constructor(code: OutputError['code'], message: string) {
    super(message);
    this.name = 'OutputError';
    this.code = code;
  }
}

function kindOf(st: fsSync.Stats): string {
  if (st.isDirectory()) return '这是一个文件夹，请指定 .xlsx 文件';
  if (st.isFIFO()) return '这是一个管道，不是普通文件';
  if (st.isSocket()) return '这是一个套接字，不是普通文件';
  if (st.isCharacterDevice() || st.isBlockDevice()) return '这是一个设备，不是普通文件';
  return '不是普通文件';
}

/**
 * The bytes of a regular file; InputError for anything else. Synchronous inside: the command reads
 * one file after another, and each awaited stat/open/read/close cost a round trip through libuv's
 * thread pool (a folder of 1,000 small workbooks spent a third of its time waiting on them).
 */
export async function readFileBytes(file: string): Promise<Buffer> {
  return readFileBytesSync(file);
}

function readFileBytesSync(file: string): Buffer {
  let st: fsSync.Stats;
  try {
    st = fsSync.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw inputError('missing', file);
    if (code === 'EACCES' || code === 'EPERM') throw inputError('unreadable', file, '没有读取权限（permission denied）');
    if (code === 'ELOOP') throw inputError('unreadable', file, '符号链接循环（symbolic link loop）');
    throw inputError('unreadable', file);
  }
  if (!st.isFile()) throw inputError('unreadable', file, kindOf(st));
  if (st.size > MAX_FILE_BYTES) throw inputError('too-large', file, `文件过大（${Math.round(st.size / 1048576)} MB, over ${MAX_FILE_BYTES / 1048576} MB）`);
  let fd: number | undefined;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open does not wait for a writer.
    fd = fsSync.openSync(file, C.O_RDONLY | (C.O_NONBLOCK ?? 0));
    const st2 = fsSync.fstatSync(fd);
    if (!st2.isFile()) throw inputError('unreadable', file, kindOf(st2));
    if (st2.size > MAX_FILE_BYTES) throw inputError('too-large', file);
    const buf = Buffer.allocUnsafe(st2.size);
    let n = 0;
    while (n < buf.length) {
      const bytesRead = fsSync.readSync(fd, buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return n === buf.length ? buf : buf.subarray(0, n);
  } catch (e) {
    if ((e as Error).name === 'InputError') throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw inputError('unreadable', file, '这是一个文件夹（directory），请指定 .xlsx 文件');
    if (code === 'EACCES' || code === 'EPERM') throw inputError('unreadable', file, '没有读取权限（permission denied）');
    if (code === 'EBUSY') throw inputError('unreadable', file, '文件被其他程序占用（file in use），请关闭后再试');
    throw inputError('unreadable', file);
  } finally {
    if (fd !== undefined) { try { fsSync.closeSync(fd); } catch { /* nothing more to do */ } }
  }
}

/** Reads an .xlsx file. Throws InputError ('missing', 'unreadable', or any code of readWorkbook). */
export async function readWorkbookFile(file: string): Promise<FileWorkbook> {
  return readWorkbookBytes(await readFileBytes(file), { name: file });
}

/** Reads a Word document (.docx): its paragraphs and its tables as sheets. Throws InputError. */
export async function readDocumentFile(file: string): Promise<FileDocument> {
  return readDocumentSync(await readFileBytes(file), { name: file });
}

/** Whether a file (of no telling extension) is a Word document; false when it cannot be read. */
export async function isDocxFile(file: string): Promise<boolean> {
  try { return isDocxBytes(await readFileBytes(file)); } catch { return false; }
}

/** Reads a workbook from a path or from bytes. */
export function readWorkbook(input: string | Uint8Array | ArrayBuffer, opts: ReadOptions = {}): Promise<FileWorkbook> {
  return typeof input === 'string' ? readWorkbookFile(input) : readWorkbookBytes(input, opts);
}

function realOrResolved(p: string): string {
  try {
    return fsSync.realpathSync(p);
  } catch {
    // A file not there yet: its folder resolved, its own name kept.
    try {
      return path.join(fsSync.realpathSync(path.dirname(path.resolve(p))), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

/**
 * Where `output` will be written, symbolic links resolved. Throws OutputError
 * when it is the input (also through a link), a folder, read-only, or in a
 * folder that does not exist.
 */
export function checkOutput(output: string, input?: string): string {
  const target = realOrResolved(output);
  const head = `无法写入 ${output}：`;
  if (input !== undefined) {
    const src = realOrResolved(input);
    let same = src === target;
    try {
      const a = fsSync.statSync(src);
      const b = fsSync.statSync(target);
      same = same || (a.dev === b.dev && a.ino === b.ino);
    } catch { /* the output does not exist yet */ }
    if (same) throw new OutputError('same-file', `${head}它就是输入文件 ${input}，请用 -o 指定另一个文件名`);
  }
  let st: fsSync.Stats | undefined;
  try { st = fsSync.statSync(target); } catch { st = undefined; }
  if (st?.isDirectory()) throw new OutputError('directory', `${head}这是一个文件夹，请指定 .xlsx 文件名`);
  if (st && !st.isFile()) throw new OutputError('unwritable', `${head}不是普通文件`);
  if (st) {
    // No write bit at all is read-only, also for root (who may write anyway).
    const readOnly = (st.mode & 0o222) === 0 || (() => { try { fsSync.accessSync(target, C.W_OK); return false; } catch { return true; } })();
    if (readOnly) throw new OutputError('denied', `${head}文件是只读的`);
  }
  const dir = path.dirname(target);
  let dst: fsSync.Stats;
  try { dst = fsSync.statSync(dir); } catch { throw new OutputError('no-folder', `${head}文件夹不存在`); }
  if (!dst.isDirectory()) throw new OutputError('no-folder', `${head}文件夹不存在`);
  try { fsSync.accessSync(dir, C.W_OK); } catch { throw new OutputError('denied', `${head}没有写入权限`); }
  return target;
}

/** Temporary files being written, removed when the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const f of pending) { try { fsSync.rmSync(f, { force: true }); } catch { /* nothing more to do */ } }
  pending.clear();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function track(tmp: string): void {
  pending.add(tmp);
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (!pending.size && handlersInstalled) {
    handlersInstalled = false;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Writes bytes to `file` through a temporary file in the same folder and a rename. */
export async function writeFileSafely(bytes: Uint8Array, file: string, input?: string): Promise<void> {
  const target = checkOutput(file, input);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  track(tmp);
  try {
    await fs.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    const head = `无法写入 ${file}：`;
    if (code === 'EBUSY' || (code === 'EPERM' && process.platform === 'win32')) {
      throw new OutputError('busy', `${head}文件被占用，请在 Excel 中关闭该文件后再试`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new OutputError('denied', `${head}没有写入权限`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new OutputError('no-folder', `${head}文件夹不存在`);
    if (code === 'EISDIR') throw new OutputError('directory', `${head}这是一个文件夹，请指定 .xlsx 文件名`);
    if (code === 'ENOSPC') throw new OutputError('unwritable', `${head}磁盘空间不足`);
    throw new OutputError('unwritable', `${head}${(e as Error).message}`);
  } finally {
    untrack(tmp);
  }
}

/**
 * Writes the workbook to `file` (never over `input`). Writes a temporary file
 * next to it and renames it, so an existing file is never left half-written.
 */
export async function writeWorkbookFile(fw: FileWorkbook, file: string, input?: string): Promise<void> {
  const target = checkOutput(file, input);
  void target;
  await writeFileSafely(await writeWorkbook(fw), file, input);
}
