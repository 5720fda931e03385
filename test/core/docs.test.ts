import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../src/core/rules';
import { TEXT_RULES } from '../../src/core/text';

test('docs/rules.md lists every rule with its severity', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/rules.md'), 'utf8');
  const names = { error: '错误', warning: '警告', info: '提示' };
  for (const r of [...RULES, ...TEXT_RULES]) {
    const line = doc.split('\n').find((l) => l.startsWith(`| \`${r.id}\` |`));
    expect(line).toBeDefined();
    expect(line).toContain(`| ${names[r.severity]} |`);
  }
});

test('every rule is one module with its own test file', () => {
  const src = path.join(__dirname, '../../src/core/rules');
  const modules: string[] = [];
  for (const sub of ['table', 'cross', 'workbook']) {
    for (const f of fs.readdirSync(path.join(src, sub))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(src, sub, f));
      if (!RULES.includes(mod.default)) continue;
      modules.push(mod.default.id);
      expect([f, fs.existsSync(path.join(__dirname, 'rules', sub, f.replace(/\.ts$/, '.test.ts')))]).toEqual([f, true]);
    }
  }
  expect(modules.sort()).toEqual(RULES.map((r) => r.id).sort());
});

test('every check of the report text is one module with its own test file', () => {
  const src = path.join(__dirname, '../../src/core/text/rules');
  const ids = fs.readdirSync(src).map((f) => {
    expect([f, fs.existsSync(path.join(__dirname, 'text', 'rules', f.replace(/\.ts$/, '.test.ts')))]).toEqual([f, true]);
    return f.replace(/\.ts$/, '');
  });
  expect(ids.sort()).toEqual(TEXT_RULES.map((r) => r.id).sort());
});
