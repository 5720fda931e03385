/**
 * No formula injection in the 校验结果 sheet in WPS (issue 20 item 5): a sheet named
 * `=cmd|' /C calc'!A0`, and labels beginning with = + - @, land as text. The ET fake
 * takes text written to Value2 that begins with = + - @ for a formula, as ET does.
 */
import { WpsHost } from '../../../src/hosts/wps/wps-host';
import { BOOK } from '../shared/host-contract';
import { fakeOf } from './harness';

test.each(["=cmd|' /C calc'!A0", '+1+2', '-2+3', '@SUM(1)'])('a sheet named %s: 校验结果 holds it as text', async (evil) => {
  const fx = fakeOf(BOOK.slice(0, 2));
  const host = await WpsHost.create(fx.env({}));
  await host.writeResultsSheet('校验结果', [{ table: `${evil} 基础数据表`, ref: { sheet: evil, cell: 'E4' }, severity: '错误', message: `${evil}!E4 不是数字`, rule: evil }]);
  const s = fx.sheet('校验结果');
  const cells = ['A2', 'B2', 'D2', 'E2'].map((a) => s.cells.get(a)!);
  expect(cells.map((c) => c.formula)).toEqual([undefined, undefined, undefined, undefined]);
  expect(cells.map((c) => c.value)).toEqual([`${evil} 基础数据表`, `${evil}!E4`, `${evil}!E4 不是数字`, evil]);
});
