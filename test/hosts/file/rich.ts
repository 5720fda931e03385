/**
 * Rich workbooks for the in-place tests: generator output post-processed with
 * fflate to hold what Excel, LibreOffice, openpyxl and WPS write and exceljs
 * used to drop: workbook and sheet protection with passwords, sheet-local
 * names, a print area, data validation, conditional formats, sparklines,
 * ignoredErrors, printer settings, custom XML, WPS custom properties, and
 * notes in both XML forms (plain <t>, rich <r> runs) with their VML drawing,
 * reached through an absolute relationship target (as openpyxl writes it).
 */
import { unzipSync, zipSync, strFromU8, strToU8, type Unzipped } from 'fflate';
import * as W from '../../../scripts/workbooks';

export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function edit(files: Unzipped, name: string, f: (s: string) => string): void {
  const s = strFromU8(files[name]);
  const t = f(s);
  if (t === s) throw new Error(`rich workbook: no change made to ${name}`);
  files[name] = strToU8(t);
}

/** Plain <t> note on 附件3!H18 (a cell fix patches), rich notes on C3 (left alone) and H29 (patched). */
export const COMMENTS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>审核人</author></authors><commentList>` +
  '<comment ref="H18" authorId="0"><text><t>按局务会意见打分</t></text></comment>' +
  '<comment ref="C3" authorId="0"><text><r><rPr><b/><sz val="9"/><rFont val="宋体"/></rPr><t>审核人:</t></r><r><rPr><sz val="9"/><rFont val="宋体"/></rPr><t xml:space="preserve">\n单位名称以公章为准</t></r></text></comment>' +
  '<comment ref="H29" authorId="0"><text><r><rPr><b/><sz val="9"/></rPr><t>总分</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve"> 由公式计算</t></r></text></comment>' +
  '</commentList></comments>';

const shape = (id: number, row: number, col: number) =>
  `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`;

export const VML = '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
  `${shape(1025, 17, 7)}${shape(1026, 2, 2)}${shape(1027, 28, 7)}</xml>`;

/** The miscalculated fixture (generator), made rich. Sheets: 附件2 sheet1, 附件3 sheet2, 附件4 sheet3. */
export async function richWorkbook(variant: W.Variant = 'miscalculated'): Promise<Uint8Array> {
  const files = unzipSync(await W.toXlsx(W.hongjiangWorkbook(variant)));
  for (const k of Object.keys(files)) if (k.endsWith('/')) delete files[k];
  edit(files, 'xl/workbook.xml', (s) => s
    .replace(/(<workbookPr[^>]*\/>)/, '$1<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="q1w2e3r4t5y6u7i8o9p0==" workbookSaltValue="c2FsdHNhbHQ=" workbookSpinCount="100000" lockStructure="1"/>')
    .replace('</sheets>', '</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">\'附件3\'!$A$1:$I$30</definedName><definedName name="控制率" localSheetId="0">\'附件2\'!$E$4</definedName><definedName name="总分">\'附件3\'!$H$29</definedName></definedNames>')
    .replace('</workbook>', '<extLst><ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures"><xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/></xcalcf:calcFeatures></ext></extLst></workbook>'));
  edit(files, 'xl/worksheets/sheet2.xml', (s) => s
    .replace('</sheetData>', '</sheetData><sheetProtection password="CC3D" sheet="true" objects="true" scenarios="true" formatCells="false"/>')
    .replace('</mergeCells>', '</mergeCells><conditionalFormatting sqref="H17:H28"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" showErrorMessage="1" sqref="H17:H28"><formula1>0</formula1><formula2>100</formula2></dataValidation></dataValidations>')
    .replace(/(<pageSetup[^>]*)\/>/, `$1 r:id="rIdP"/><ignoredErrors><ignoredError sqref="E5:G8" numberStoredAsText="1"/></ignoredErrors><legacyDrawing r:id="rIdV"/>` +
      '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline><xm:f>\'附件3\'!E5:G5</xm:f><xm:sqref>J5</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>'));
  edit(files, 'xl/worksheets/sheet3.xml', (s) => s.replace('</sheetData>', '</sheetData><sheetProtection algorithmName="SHA-512" hashValue="aGFzaA==" saltValue="c2FsdA==" spinCount="100000" sheet="1" objects="1" scenarios="1"/>'));
  files['xl/worksheets/_rels/sheet2.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rIdC" Type="${REL}/comments" Target="/xl/comments/comment1.xml"/>` +
    `<Relationship Id="rIdV" Type="${REL}/vmlDrawing" Target="../drawings/commentsDrawing1.vml"/>` +
    `<Relationship Id="rIdP" Type="${REL}/printerSettings" Target="../printerSettings/printerSettings1.bin"/></Relationships>`);
  files['xl/comments/comment1.xml'] = strToU8(COMMENTS);
  files['xl/drawings/commentsDrawing1.vml'] = strToU8(VML);
  files['xl/printerSettings/printerSettings1.bin'] = new Uint8Array(Array.from({ length: 256 }, (_, i) => (i * 37) & 255));
  files['customXml/item1.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="no"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="/APA.XSL"/>');
  files['customXml/itemProps1.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{6A1B8E7C-0D2F-4F3A-9B1C-2E3D4F5A6B7C}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>');
  files['customXml/_rels/item1.xml.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/customXmlProps" Target="itemProps1.xml"/></Relationships>`);
  edit(files, 'xl/_rels/workbook.xml.rels', (s) => s.replace('</Relationships>', `<Relationship Id="rIdX" Type="${REL}/customXml" Target="../customXml/item1.xml"/></Relationships>`));
  // WPS: its custom document properties.
  files['docProps/custom.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>8F3B7A2C</vt:lpwstr></property></Properties>');
  edit(files, '_rels/.rels', (s) => s.replace('</Relationships>', `<Relationship Id="rIdW" Type="${REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>`));
  edit(files, '[Content_Types].xml', (s) => s.replace('</Types>',
    '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>' +
    '<Override PartName="/xl/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>' +
    '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>' +
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'));
  return zipSync(files);
}

/** Every part of a package, by name. */
export function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  const files = unzipSync(bytes);
  for (const k of Object.keys(files)) if (k.endsWith('/')) delete files[k];
  return files;
}

export const text = (b: Uint8Array | undefined) => (b ? strFromU8(b) : '');
