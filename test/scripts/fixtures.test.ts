import * as fs from 'fs';
import * as path from 'path';
import { readWorkbookFile } from '../../src/hosts/file/node';
import { hongjiangWorkbook, toSnapshot, type Variant } from '../../scripts/workbooks';

const DIR = path.resolve(__dirname, '../../../shared/fixtures');
const FILES: Record<Variant, string> = {
  published: 'hongjiang-2024.xlsx',
  corrected: 'hongjiang-2024-corrected.xlsx',
  miscalculated: 'hongjiang-2024-miscalculated.xlsx',
};
const present = fs.existsSync(DIR);

// A user's clone has no ../shared: the comparison runs where the fixtures are.
(present ? describe : describe.skip)('hongjiang builders reproduce the fixtures', () => {
  it.each(Object.keys(FILES) as Variant[])('%s', async (variant) => {
    const fw = await readWorkbookFile(path.join(DIR, FILES[variant]));
    expect(toSnapshot(hongjiangWorkbook(variant))).toEqual(fw.snapshot);
  });
});
