/**
 * Exporting 校验结果 (and marking) again does not grow styles.xml: the cell
 * formats and the bold font an earlier export added are found and reused,
 * also after another program (exceljs, standing in for Excel saving the file)
 * has rewritten the styles part.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { FileHost } from '../../../src/hosts/file/host';
import type { ResultRow } from '../../../src/hosts/host';

const SAMPLE = path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx');

const ROWS: ResultRow[] = [
  { table: '基础数据表（附件2）', ref: { sheet: '附件2', cell: 'E20' }, severity: '错误', message: '2.专项工作经费 2024 年决算数 “91.2591.25” 不是有效的数字', rule: 'unparseable-number' },
  { table: '整体支出绩效自评表（附件3）', ref: { sheet: '附件3', cell: 'I18' }, severity: '警告', message: '未填写偏差原因分析及改进措施', rule: 'deviation-reason' },
];

/** How many entries each list of styles.xml holds. */
function counts(bytes: Uint8Array): { xfs: number; fonts: number; fills: number; borders: number; styles: string } {
  const zip = unzipSync(bytes);
  const name = Object.keys(zip).find((k) => /^xl\/styles\d*\.xml$/i.test(k))!;
  const xml = strFromU8(zip[name]);
  const list = (tag: string) => {
    const m = new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${tag}>)`).exec(xml);
    const one = tag === 'cellXfs' ? 'xf' : tag.slice(0, -1);
    return m?.[1] ? (m[1].match(new RegExp(`<(?:\\w+:)?${one}[\\s/>]`, 'g')) ?? []).length : 0;
  };
  return { xfs: list('cellXfs'), fonts: list('fonts'), fills: list('fills'), borders: list('borders'), styles: xml };
}

async function exceljsRead(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The 校验结果 sheet shows its formatting: title and header bold, cells top-aligned, 问题 wrapped. */
async function expectFormatted(bytes: Uint8Array): Promise<void> {
  const ws = (await exceljsRead(bytes)).getWorksheet('校验结果')!;
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(ws.getCell('A2').font?.bold).toBe(true);
  expect(ws.getCell('B3').font?.bold).toBeFalsy();
  expect(ws.getCell('B3').alignment).toMatchObject({ vertical: 'top' });
  expect(ws.getCell('B3').alignment?.wrapText).toBeFalsy();
  expect(ws.getCell('D3').alignment).toMatchObject({ vertical: 'top', wrapText: true });
  expect(ws.getCell('D4').value).toBe('未填写偏差原因分析及改进措施');
}

// The exports here carry no marks (none were made), and keep the 校验结果 sheet: 下载（不含标记） leaves it out.
describe('styles.xml does not grow with repeated exports', () => {
  it('a second and third export of 校验结果 reuse the formats the first one added', async () => {
    const original = await fs.readFile(SAMPLE);
    const before = counts(original);
    const host = await FileHost.open(original, 'hongjiang-2024.xlsx');
    await host.writeResultsSheet('校验结果', ROWS);
    const first = await host.exportBytes();
    const once = counts(first);
    // The first export adds what it needs (the sample has no top-aligned formats of its own).
    expect(once.xfs).toBeGreaterThan(before.xfs);
    expect(once.xfs - before.xfs).toBeLessThanOrEqual(3);
    await expectFormatted(first);

    await host.writeResultsSheet('校验结果', ROWS);
    await host.writeResultsSheet('校验结果', ROWS.slice(0, 1));
    const second = await host.exportBytes();
    expect(counts(second)).toEqual(once);
    await host.writeResultsSheet('校验结果', ROWS);
    await expectFormatted(await host.exportBytes());

    // The downloaded workbook opened again (a new session) and exported again: still the same styles part.
    const reopened = await FileHost.open(first, 'hongjiang-2024-校验.xlsx');
    await reopened.writeResultsSheet('校验结果', ROWS);
    const third = await reopened.exportBytes();
    expect(counts(third)).toEqual(once);
    await expectFormatted(third);
  });

  it('reuses formats that another program rewrote in its own way', async () => {
    const host = await FileHost.open(await fs.readFile(SAMPLE), 'hongjiang-2024.xlsx');
    await host.writeResultsSheet('校验结果', ROWS);
    // exceljs rewrites styles.xml from its own model (attribute order, apply flags, fonts), as Excel does when saving.
    const wb = await exceljsRead(await host.exportBytes());
    const resaved = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const base = counts(resaved);
    const again = await FileHost.open(resaved, 'resaved.xlsx');
    await again.writeResultsSheet('校验结果', ROWS);
    const out = await again.exportBytes();
    const after = counts(out);
    expect({ xfs: after.xfs, fonts: after.fonts }).toEqual({ xfs: base.xfs, fonts: base.fonts });
    await expectFormatted(out);
  });

  it('downloading with marks again and again keeps the same count too', async () => {
    const host = await FileHost.open(await fs.readFile(SAMPLE), 'hongjiang-2024.xlsx');
    await host.applyPatch({
      values: [],
      marks: [
        { sheet: '附件2', cell: 'E20', severity: 'error', message: '不是数字', related: false },
        { sheet: '附件3', cell: 'I18', severity: 'warning', message: '缺少偏差原因', related: false },
      ],
    });
    await host.writeResultsSheet('校验结果', ROWS);
    const first = await host.exportBytes();
    const reopened = await FileHost.open(first, 'x.xlsx');
    await reopened.applyPatch({ values: [], marks: [{ sheet: '附件2', cell: 'E20', severity: 'error', message: '不是数字', related: false }] });
    await reopened.writeResultsSheet('校验结果', ROWS);
    const second = await reopened.exportBytes();
    const a = counts(first);
    const b = counts(second);
    expect({ xfs: b.xfs, fonts: b.fonts, fills: b.fills, borders: b.borders }).toEqual({ xfs: a.xfs, fonts: a.fonts, fills: a.fills, borders: a.borders });
  });
});
