/** Office.js errors turned into HostErrors (src/hosts/errors.ts). */
import { HostError, type HostErrorParams } from '../errors';

export { HostError, type HostErrorCode, type HostErrorParams } from '../errors';

/** The `code` of an OfficeExtension.Error (RichApi.Error), if any. */
export function officeErrorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return undefined;
}

export function isPayloadTooLarge(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** Turns anything thrown by Office.js into a HostError with a clear Chinese message. */
export function toHostError(e: unknown, context: HostErrorParams = {}): HostError {
  if (e instanceof HostError) return e;
  const code = officeErrorCode(e);
  const reason = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new HostError('tooLarge', context, e);
    case 'InvalidOperationInCellEditMode':
      return new HostError('editMode', context, e);
    case 'ItemNotFound':
      return context.sheet ? new HostError('sheetMissing', context, e) : new HostError('unknown', { reason }, e);
    case 'AccessDenied':
      return context.sheet ? new HostError('sheetProtected', context, e) : new HostError('unavailable', { reason }, e);
    case 'GeneralException':
    case 'ActivityLimitReached':
    case 'InvalidOperation':
    case 'ApiNotFound':
      return new HostError('unavailable', { reason }, e);
    default:
      return new HostError('unknown', { reason }, e);
  }
}
