/**
 * The few Excel.* members the Excel host uses, as narrow structural types.
 *
 * The host is written against these instead of the full `Excel` namespace so
 * that the tests can drive it with a small typed fake
 * (test/hosts/excel/fake-excel.ts). The assignability checks at the bottom
 * make the compiler prove that the real Office.js objects satisfy them, so the
 * fake cannot drift away from the real API unnoticed.
 *
 * Requirement sets (ExcelApi): worksheets, ranges, values/formulas/numberFormat
 * 1.1; protection 1.2; settings 1.4; conditional formats 1.6; getActiveCell,
 * getRangeByIndexes, worksheet.onChanged 1.7; worksheets.onChanged 1.9;
 * getMergedAreasOrNullObject 1.13; triggerSource 1.14; notes 1.18;
 * mergeUndoGroup 1.20.
 */

export interface XlLoadable {
  load(propertyNames?: string | string[]): unknown;
}

export interface XlEventHandlers<A> {
  add(handler: (args: A) => Promise<any>): unknown;
}

export interface XlRequestContext {
  readonly workbook: XlWorkbook;
  sync(): Promise<void>;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  readonly settings: XlSettingCollection;
  getActiveCell(): XlRange;
}

export interface XlWorksheetCollection extends XlLoadable {
  readonly items: XlWorksheet[];
  getItem(key: string): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
  readonly onChanged: XlEventHandlers<XlChangedEventArgs>;
}

export interface XlWorksheet extends XlLoadable {
  readonly id: string;
  readonly name: string;
  readonly isNullObject: boolean;
  readonly protection: XlWorksheetProtection;
  readonly notes: XlNoteCollection;
  readonly onChanged: XlEventHandlers<XlChangedEventArgs>;
  activate(): void;
  getRange(address?: string): XlRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
}

export interface XlWorksheetProtection extends XlLoadable {
  readonly protected: boolean;
}

export interface XlRange extends XlLoadable {
  readonly address: string;
  readonly isNullObject: boolean;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  values: any[][];
  formulas: any[][];
  numberFormat: any[][];
  readonly conditionalFormats: XlConditionalFormatCollection;
  getMergedAreasOrNullObject(): XlRangeAreas;
  select(): void;
}

export interface XlRangeAreas extends XlLoadable {
  readonly address: string;
  readonly isNullObject: boolean;
}

export interface XlConditionalFormatCollection extends XlLoadable {
  readonly items: XlConditionalFormat[];
  add(type: 'Custom'): XlConditionalFormat;
}

export interface XlConditionalFormat {
  readonly type: string;
  readonly custom: XlCustomConditionalFormat;
  readonly customOrNullObject: XlCustomConditionalFormat;
  delete(): void;
}

export interface XlCustomConditionalFormat {
  readonly isNullObject: boolean;
  readonly rule: { formula: string };
  readonly format: {
    readonly fill: { color: string };
    /** ExcelApi 1.6: colour and line style per edge (no weight: conditional-format borders are thin). */
    readonly borders: { readonly top: XlCfBorder; readonly bottom: XlCfBorder; readonly left: XlCfBorder; readonly right: XlCfBorder };
  };
}

export interface XlCfBorder {
  color: string;
  style: 'None' | 'Continuous' | 'Dash' | 'DashDot' | 'DashDotDot' | 'Dot';
}

export interface XlNoteCollection {
  add(cellAddress: string, content: any): unknown;
  getItemOrNullObject(key: string): XlNote;
}

export interface XlNote extends XlLoadable {
  readonly isNullObject: boolean;
  content: string;
  delete(): void;
}

export interface XlSettingCollection extends XlLoadable {
  readonly items: XlSetting[];
  add(key: string, value: string | number | boolean | Date | any[] | any): unknown;
  getItemOrNullObject(key: string): XlSetting;
  readonly onSettingsChanged: XlEventHandlers<unknown>;
}

export interface XlSetting extends XlLoadable {
  readonly isNullObject: boolean;
  readonly key: string;
  value: any;
  delete(): void;
}

export interface XlChangedEventArgs {
  readonly worksheetId: string;
  readonly address: string;
  readonly source: string;
  /** ExcelApi 1.14; undefined before. */
  readonly triggerSource?: string;
}

/** `Excel.RunOptions`: delayForCellEdit (no requirement set named in the docs), mergeUndoGroup (ExcelApi 1.20). */
export interface XlRunOptions {
  delayForCellEdit?: boolean;
  mergeUndoGroup?: boolean;
}

/** Runs a batch, like `Excel.run`. */
export type XlRun = <T>(batch: (ctx: XlRequestContext) => Promise<T>, options?: XlRunOptions) => Promise<T>;

// Compile-time proof that the real Office.js types fit the narrow ones.
type Assert<T extends true> = T;
export type RealContextFits = Assert<Excel.RequestContext extends XlRequestContext ? true : false>;
export type RealRangeFits = Assert<Excel.Range extends XlRange ? true : false>;
export type RealRunOptionsFit = Assert<XlRunOptions extends Excel.RunOptions ? true : false>;
export type RealArgsFit = Assert<Excel.WorksheetChangedEventArgs extends XlChangedEventArgs ? true : false>;
