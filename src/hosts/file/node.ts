/**
 * File host, Node side: reading and writing workbooks by path. The browser
 * bundle uses read.ts and write.ts directly with bytes.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { inputError, readWorkbook as readWorkbookBytes, type FileWorkbook, type ReadOptions } from './read';
import { writeWorkbook } from './write';

export * from './read';
export * from './write';

/** A file that cannot be written. `message` is one line of Chinese for the user. */
export class OutputError extends Error {
  readonly code: 'busy' | 'denied' | 'no-folder' | 'unwritable';
  constructor(code: OutputError['code'], message: string) {
    super(message);
    this.name = 'OutputError';
    this.code = code;
  }
}

/** Reads an .xlsx file. Throws InputError ('missing', 'unreadable', or any code of readWorkbook). */
export async function readWorkbookFile(file: string): Promise<FileWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw inputError('missing', file);
    if (code === 'EISDIR') throw inputError('unreadable', file, '这是一个文件夹（directory），请指定 .xlsx 文件');
    if (code === 'EACCES' || code === 'EPERM') throw inputError('unreadable', file, '没有读取权限（permission denied）');
    if (code === 'EBUSY') throw inputError('unreadable', file, '文件被其他程序占用（file in use），请关闭后再试');
    throw inputError('unreadable', file);
  }
  return readWorkbookBytes(bytes, { name: file });
}

/** Reads a workbook from a path or from bytes. */
export function readWorkbook(input: string | Uint8Array | ArrayBuffer, opts: ReadOptions = {}): Promise<FileWorkbook> {
  return typeof input === 'string' ? readWorkbookFile(input) : readWorkbookBytes(input, opts);
}

/**
 * Writes the workbook to `file`. Writes a temporary file next to it and renames
 * it, so an existing file is never left half-written.
 */
export async function writeWorkbookFile(fw: FileWorkbook, file: string): Promise<void> {
  const bytes = await writeWorkbook(fw);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    const head = `无法写入 ${file}：`;
    if (code === 'EBUSY' || (code === 'EPERM' && process.platform === 'win32')) {
      throw new OutputError('busy', `${head}文件被占用（file in use），请在 Excel 中关闭该文件后再试`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new OutputError('denied', `${head}没有写入权限（permission denied）`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new OutputError('no-folder', `${head}文件夹不存在（folder not found）`);
    throw new OutputError('unwritable', `${head}${(e as Error).message}`);
  }
}
