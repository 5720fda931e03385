/**
 * A read workbook across a thread boundary (the web page reads in a Web
 * Worker): everything the reader found except the package itself, as plain
 * data that structured clone copies, and the file's bytes, which are
 * transferred (never copied). The receiving side rebuilds the package over
 * those same bytes, so that writing, undo and the download patch the file the
 * user opened, exactly as after a read in the same thread.
 */
import type { FileWorkbook } from './read';
import { XlsxPackage } from './package';

/** A FileWorkbook without its package: plain data (snapshot, sheet parts, workbook part, date system). */
export type WorkbookParts = Omit<FileWorkbook, 'pkg'>;

/** The parts of a read workbook that cross to another thread (the package stays behind). */
export function workbookParts(fw: FileWorkbook): WorkbookParts {
  const { pkg: _pkg, ...parts } = fw;
  return parts;
}

/** The file's bytes a package was read from: the ones to transfer with the parts. */
export function workbookBytes(fw: FileWorkbook): Uint8Array {
  return fw.pkg.data;
}

/** A FileWorkbook again, from the parts and the bytes they were read from. */
export function workbookFromParts(parts: WorkbookParts, bytes: Uint8Array): FileWorkbook {
  return { ...parts, pkg: new XlsxPackage(bytes) };
}
