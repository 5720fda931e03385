/**
 * What ET throws, turned into HostErrors (src/hosts/errors.ts) that name WPS 表格.
 *
 * ET's calls throw plain Errors whose text comes from the program (Chinese or
 * English, by WPS version and language); there is no error code as in Office.js.
 * The patterns below are the texts WPS's documentation and public add-ins show
 * for these cases; anything else keeps its own text as the reason.
 */
import { HostError, type HostErrorCode, type HostErrorParams } from '../errors';

export { HostError };

/** The program our messages name. */
export const WPS_APP = 'WPS 表格';

/** Message patterns → error codes, first match wins. */
export const ET_ERROR_PATTERNS: [RegExp, HostErrorCode | ((c: HostErrorParams) => HostErrorCode)][] = [
  [/保护|protected/i, (c) => (c.sheet ? 'sheetProtected' : 'readOnly')],
  [/只读|read[- ]?only/i, 'readOnly'],
  [/编辑状态|编辑模式|edit mode/i, 'editMode'],
  [/合并单元格|merged cell/i, 'rangeConflict'],
  [/不支持|not supported|is not a function|undefined is not/i, 'unsupported'],
  [/下标越界|subscript out of range|找不到|not found/i, (c) => (c.sheet ? 'sheetMissing' : 'notFound')],
  [/内存不足|out of memory/i, 'tooLarge'],
];

/** Turns anything an ET call threw into a HostError with a clear Chinese message naming WPS 表格. */
export function toWpsError(e: unknown, context: HostErrorParams = {}): HostError {
  if (e instanceof HostError) return e;
  const reason = e instanceof Error ? e.message : String(e);
  const params = { ...context, reason, app: WPS_APP };
  for (const [re, entry] of ET_ERROR_PATTERNS) {
    if (re.test(reason)) return new HostError(typeof entry === 'function' ? entry(params) : entry, params, e);
  }
  return new HostError('unknown', params, e);
}
