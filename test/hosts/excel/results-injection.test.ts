/**
 * No formula injection in the 校验结果 export (issue 20 item 5): a sheet named
 * `=cmd|' /C calc'!A0`, a label or a message beginning with = + - @ lands as text.
 *
 * The double models what Office.js does with `Range.values` (as the Excel.Range
 * reference documents it, verified only against the documentation): a string that
 * begins with `=`, `+` or `-` is taken for a formula (and `@`, as Excel's own
 * entry takes it); a leading apostrophe makes the rest text, the apostrophe not
 * part of the value.
 */
import { ExcelHost } from '../../../src/hosts/excel/excel-host';
import { literalText } from '../../../src/hosts/undo';

type Cell = { value: unknown; formula?: string };

/** What Excel stores when `values` sets x. */
function asExcelStores(x: unknown): Cell {
  if (typeof x !== 'string') return { value: x };
  if (x.startsWith("'")) return { value: x.slice(1) };
  if (/^[=+\-@]/.test(x) && Number.isNaN(Number(x))) return { value: 0, formula: x.startsWith('=') ? x : `=${x}` };
  return { value: x };
}

function officeDouble() {
  const cells = new Map<string, Cell>();
  const col = (a: string) => a.charCodeAt(0) - 65;
  const sheet = {
    isNullObject: true,
    getRange: (a: string) => {
      const r: Record<string, unknown> = { format: { font: {}, fill: {} } };
      Object.defineProperty(r, 'values', {
        set: (v: unknown[][]) => {
          const m = /^([A-Z])(\d+)(?::([A-Z])(\d+))?$/.exec(a);
          if (!m) return;
          v.forEach((row, i) => row.forEach((x, j) => cells.set(`${String.fromCharCode(65 + col(m[1]) + j)}${Number(m[2]) + i}`, asExcelStores(x))));
        },
      });
      return r;
    },
    freezePanes: { freezeRows: () => undefined },
    delete: () => undefined,
  };
  const ctx = {
    workbook: { worksheets: { getItemOrNullObject: () => sheet, add: () => sheet }, settings: { load() {}, items: [] } },
    sync: async () => undefined,
  };
  return { env: { run: async (batch: (c: unknown) => Promise<unknown>) => batch(ctx), isExcelApiSupported: () => true, now: () => 0 }, cells };
}

test.each([
  ["=cmd|' /C calc'!A0", 'E4'],
  ['+1+2', 'B7'],
  ['-2+3', 'C9'],
  ['@SUM(1)', 'A1'],
])('a sheet named %s: every cell of 校验结果 holds its text, none a formula', async (sheetName, cell) => {
  const { env, cells } = officeDouble();
  const host = await ExcelHost.create(env as never);
  const message = `${sheetName}!${cell} 不是数字`;
  await host.writeResultsSheet('校验结果', [
    { table: `${sheetName} 基础数据表`, ref: { sheet: sheetName, cell }, severity: '错误', message, rule: '=HYPERLINK("http://x")' },
  ]);
  expect([...cells.values()].filter((c) => c.formula)).toEqual([]);
  expect(cells.get('A2')?.value).toBe(`${sheetName} 基础数据表`);
  expect(cells.get('B2')?.value).toBe(`${sheetName}!${cell}`);
  expect(cells.get('D2')?.value).toBe(message);
  expect(cells.get('E2')?.value).toBe('=HYPERLINK("http://x")');
});

test('the double takes unprefixed text for a formula, as Office.js does (the test can fail)', () => {
  expect(asExcelStores('=cmd').formula).toBe('=cmd');
  expect(asExcelStores(literalText('=cmd'))).toEqual({ value: '=cmd' });
  expect(literalText('附件2')).toBe('附件2');
  expect(literalText(3)).toBe(3);
});
