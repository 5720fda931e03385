export { ExcelHost, type ExcelEnv } from './excel-host';
export { officeEnv, supportedSets } from './env';
export { HostError, type HostErrorCode } from './errors';
