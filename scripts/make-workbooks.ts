/**
 * Makes workbooks from the generator (scripts/workbooks.ts).
 *
 *   node lib/scripts/make-workbooks.js samples          samples/hongjiang-2024.xlsx (the bundled sample)
 *   node lib/scripts/make-workbooks.js bench DIR        bench-1/10/100/500.xlsx: n project tables + basic data + overall
 *   node lib/scripts/make-workbooks.js variants DIR     the three fixture variants and the layout variants, for trying the CLI
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as W from './workbooks';

const ROOT = path.resolve(__dirname, '..', '..');

async function write(file: string, spec: W.WorkbookSpec): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await W.toXlsx(spec));
  console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}

export async function samples(dir = path.join(ROOT, 'samples')): Promise<void> {
  await write(path.join(dir, 'hongjiang-2024.xlsx'), W.hongjiangWorkbook('published'));
}

export const BENCH_SIZES = [1, 10, 100, 500];

export async function bench(dir: string, sizes = BENCH_SIZES): Promise<void> {
  for (const n of sizes) await write(path.join(dir, `bench-${n}.xlsx`), W.benchWorkbook(n));
}

export async function variants(dir: string): Promise<void> {
  const files: [string, W.WorkbookSpec][] = [
    ['hongjiang-2024.xlsx', W.hongjiangWorkbook('published')],
    ['hongjiang-2024-corrected.xlsx', W.hongjiangWorkbook('corrected')],
    ['hongjiang-2024-miscalculated.xlsx', W.hongjiangWorkbook('miscalculated')],
    ['one-sheet.xlsx', W.hongjiangOneSheet('corrected')],
    ['offset-C5.xlsx', W.workbook(W.sheet('Sheet1', W.at(W.hongjiangProject('corrected'), 'C5')))],
    ['formulas.xlsx', W.workbook(
      W.sheet('附件2', W.hongjiangBasicData('corrected', { formulas: true })),
      W.sheet('附件3', W.hongjiangOverall('corrected', { formulas: true })),
      W.sheet('附件4', W.hongjiangProject('corrected', { formulas: true })),
    )],
    ['synonyms.xlsx', W.workbook(...Object.entries(W.HEADER_VARIANTS).map(([name, headers]) => W.sheet(name, W.hongjiangProject('corrected', { headers }))))],
    ['national.xlsx', W.workbook(
      W.sheet('国家模板', W.nationalProjectTable()),
      W.sheet('县级模板', W.nationalProjectTable({ year: 2022, countyTitle: true, initialColumn: false, weightBeforeTarget: true })),
    )],
    ['no-table.xlsx', W.unrelatedWorkbook()],
  ];
  for (const [name, spec] of files) await write(path.join(dir, name), spec);
}

async function main(argv: string[]): Promise<number> {
  const [cmd, dir] = argv;
  if (cmd === 'samples') { await samples(dir ? path.resolve(dir) : undefined); return 0; }
  if (cmd === 'bench' && dir) { await bench(path.resolve(dir)); return 0; }
  if (cmd === 'variants' && dir) { await variants(path.resolve(dir)); return 0; }
  console.error('usage: make-workbooks samples [DIR] | bench DIR | variants DIR');
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
