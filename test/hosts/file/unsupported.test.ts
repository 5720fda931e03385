import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readWorkbook } from '../../../src/hosts/file/read';
import * as W from '../../../scripts/workbooks';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function withParts(parts: Record<string, string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await W.toXlsx(W.hongjiangWorkbook('corrected')));
  for (const [p, text] of Object.entries(parts)) zip.file(p, text);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('unsupported parts', () => {
  it('reports nothing for a plain workbook', async () => {
    expect((await readWorkbook(await W.toXlsx(W.hongjiangWorkbook('published')))).unsupported).toEqual([]);
  });

  it('reports an image', async () => {
    const wb = W.toExcelJS(W.hongjiangWorkbook('corrected'));
    const id = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
    wb.getWorksheet('附件4')!.addImage(id, 'K2:L4');
    const fw = await readWorkbook((await wb.xlsx.writeBuffer()) as unknown as Buffer);
    expect(fw.unsupported).toEqual(['图片 (images)']);
    // The tables are read as usual.
    expect(fw.snapshot).toEqual(W.toSnapshot(W.hongjiangWorkbook('corrected')));
  });

  it('reports charts, pivot tables, add-in data, macros, slicers, external links and shapes, in a fixed order', async () => {
    const fw = await readWorkbook(await withParts({
      'xl/vbaProject.bin': 'x',
      'xl/externalLinks/externalLink1.xml': '<externalLink/>',
      'xl/charts/chart1.xml': '<c:chartSpace/>',
      'xl/pivotTables/pivotTable1.xml': '<pivotTableDefinition/>',
      'xl/pivotCache/pivotCacheDefinition1.xml': '<pivotCacheDefinition/>',
      'xl/webextensions/webextension1.xml': '<we:webextension/>',
      'xl/slicers/slicer1.xml': '<slicers/>',
      'xl/drawings/drawing9.xml': '<xdr:wsDr><xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>',
    }));
    expect(fw.unsupported).toEqual([
      '图表 (charts)', '数据透视表 (pivot tables)', '切片器 (slicers)', '外部链接 (external links)',
      '加载项数据 (add-in data)', '宏 (VBA macros)', '形状和文本框 (shapes)',
    ]);
  });
});
