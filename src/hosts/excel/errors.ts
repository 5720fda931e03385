/** Office.js errors turned into HostErrors (src/hosts/errors.ts). */
import { HostError, type HostErrorCode, type HostErrorParams } from '../errors';

export { HostError, type HostErrorCode, type HostErrorParams } from '../errors';

/** The `code` of an OfficeExtension.Error (RichApi.Error), if any. */
export function officeErrorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return undefined;
}

/** Excel refused the request as too large (the web's 5 MB payload, or too many cells in one operation). */
export function isPayloadTooLarge(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded' || code === 'RangeExceedsLimit' || code === 'OperationCellsExceedLimit';
}

/**
 * Every error code the add-in's Excel calls can meet (Office.js's
 * OfficeExtension.ErrorCodes and Excel.ErrorCodes) → the HostError the user sees,
 * each with a Chinese message that says what to do.
 */
export const OFFICE_ERROR_MAP: Record<string, HostErrorCode | ((c: HostErrorParams) => HostErrorCode)> = {
  RequestPayloadSizeLimitExceeded: 'tooLarge',
  ResponsePayloadSizeLimitExceeded: 'tooLarge',
  RangeExceedsLimit: 'tooLarge',
  OperationCellsExceedLimit: 'tooLarge',
  InvalidOperationInCellEditMode: 'editMode',
  InvalidSelection: 'inactiveWorkbook',
  InactiveWorkbook: 'inactiveWorkbook',
  ItemNotFound: (c) => (c.sheet ? 'sheetMissing' : 'notFound'),
  AccessDenied: (c) => (c.sheet ? 'sheetProtected' : 'readOnly'),
  WriteProtected: 'readOnly',
  InsertDeleteConflict: 'rangeConflict',
  MergedRangeConflict: 'rangeConflict',
  FilteredRangeConflict: 'rangeConflict',
  PivotTableRangeConflict: 'rangeConflict',
  NonBlankCellOffSheet: 'rangeConflict',
  Conflict: 'coauthoring',
  ApiNotFound: 'unsupported',
  ApiNotAvailable: 'unsupported',
  NotImplemented: 'unsupported',
  UnsupportedFeature: 'unsupported',
  UnsupportedOperation: 'unsupported',
  UnsupportedSheet: 'unsupported',
  UndoNotSupported: 'unsupported',
  InvalidArgument: 'invalidRequest',
  InvalidReference: 'invalidRequest',
  InvalidRequest: 'invalidRequest',
  InvalidBinding: 'invalidRequest',
  InvalidOperation: 'unavailable',
  GeneralException: 'unavailable',
  ActivityLimitReached: 'unavailable',
  ServiceNotAvailable: 'unavailable',
  RequestAborted: 'unavailable',
  Unauthenticated: 'signedOut',
};

/** Turns anything thrown by Office.js into a HostError with a clear Chinese message. */
export function toHostError(e: unknown, context: HostErrorParams = {}): HostError {
  if (e instanceof HostError) return e;
  const code = officeErrorCode(e);
  const reason = e instanceof Error ? e.message : String(e);
  const entry = code ? OFFICE_ERROR_MAP[code] : undefined;
  if (!entry) return new HostError('unknown', { ...context, reason }, e);
  const mapped = typeof entry === 'function' ? entry(context) : entry;
  return new HostError(mapped, { ...context, reason }, e);
}
