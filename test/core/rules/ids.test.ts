/** ESLint's layout: every module under src/core/rules/<kind>/ is one rule whose id is its file name, with its own test. */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../../src/core/rules';

const root = join(__dirname, '../../../src/core/rules');
const kinds = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const files = kinds.flatMap((k) => readdirSync(join(root, k)).filter((f) => f.endsWith('.ts')).map((f) => ({ kind: k, file: f })));

describe('rule modules', () => {
  test.each(files)('$kind/$file is a rule named after its file, with a test', ({ kind, file }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(root, kind, file)) as { default?: { id?: string; name?: string; check?: unknown } };
    expect(typeof mod.default?.check).toBe('function');
    expect(mod.default?.id).toBe(file.replace(/\.ts$/, ''));
    // A short Chinese name people read beside the id (the 校验结果 sheet).
    expect(mod.default?.name).toMatch(/^[\u4e00-\u9fff、，]{2,16}$/);
    expect(existsSync(join(__dirname, kind, file.replace(/\.ts$/, '.test.ts')))).toBe(true);
  });

  test('every rule module is listed once, and every listed rule has a module', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(files.map((f) => f.file.replace(/\.ts$/, '')).sort());
  });

  test('no two rules share a name', () => {
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });

  test('nothing but rules lives in the rules folder', () => {
    expect(readdirSync(root).filter((f) => f.endsWith('.ts')).sort()).toEqual(['index.ts', 'rule.ts']);
  });
});
