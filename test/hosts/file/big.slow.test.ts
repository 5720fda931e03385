import { readWorkbook } from '../../../src/hosts/file/read';
import * as W from '../../../scripts/workbooks';

// A project table followed by 100,000 rows of filler on one sheet.
describe('a sheet of 100,000 rows', () => {
  it('reads the same snapshot the spec gives', async () => {
    const spec = W.bigSheetWorkbook(100_000);
    const expected = W.toSnapshot(spec);
    const fw = await readWorkbook(await W.toXlsx(spec));
    const s = fw.snapshot.sheets[0];
    expect(s.range).toBe(expected.sheets[0].range);
    expect(s.values.length).toBe(25 + 2 + 1 + 100_000);
    expect(s.values[0][0]).toBe('附件4');
    expect(s.values[s.values.length - 1].slice(0, 2)).toEqual([100_000, 45292 + (99_999 % 366)]);
    expect(fw.snapshot).toEqual(expected);
  }, 300_000);
});
