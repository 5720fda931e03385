/** A sheet of 100,000 rows: the whole command completes and finds the one table on it. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, type Io } from '../../src/cli/main';
import { toXlsx, bigSheetWorkbook } from '../../scripts/workbooks';

test('selfeval check on a project table followed by 100,000 rows', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-big-'));
  try {
    const file = path.join(dir, 'big.xlsx');
    fs.writeFileSync(file, await toXlsx(bigSheetWorkbook(100_000, 'miscalculated')));
    let out = '';
    const io: Io = { stdout: (s) => { out += s; }, stderr: () => undefined, isTTY: false };
    const status = await main(['node', 'selfeval', 'check', file, '--json'], io);
    const rep = JSON.parse(out);
    expect(rep.tables).toEqual([{ kind: 'project', sheet: '附件4', range: 'A1:I25', year: 2024, name: '科技三项费产学研创新（含无委办经费）' }]);
    expect(rep.recalculated.map((r: { cell: string }) => r.cell).sort()).toEqual(['G6', 'H24', 'H6']);
    expect(status).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
